"""Template helpers of the register: badge tones and labels."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

_TONES = {
    # risk class
    "prohibited": "bad",
    "high": "bad",
    "limited": "warn",
    "minimal": "good",
    "unclassified": "",
    # approval
    "approved": "good",
    "submitted": "warn",
    "rejected": "bad",
    "draft": "",
    # review state
    "overdue": "bad",
    "due_soon": "warn",
    "ok": "good",
    "completed": "good",
    # risk band and status
    "critical": "bad",
    "medium": "warn",
    "low": "good",
    "open": "warn",
    "mitigating": "warn",
    "accepted": "",
    "closed": "good",
    # review outcome
    "pass": "good",
    "pass_with_findings": "warn",
    "fail": "bad",
}


@register.filter
def tone(value: Any) -> str:
    """The badge modifier for a status-like value ("badge--bad" etc.), or nothing."""
    found = _TONES.get(str(value), "")
    return f"badge--{found}" if found else ""


@register.filter
def band_label(value: Any) -> str:
    """The translated name of a risk band ("high" → "High (10–16)")."""
    from governance.filters import BANDS

    return str(dict(BANDS).get(str(value), value))


@register.filter
def issue_text(message: Any) -> str:
    """An import problem in the person's language."""
    from governance.import_messages import translate_issue

    return translate_issue(message)


@register.filter
def source_label(format_id: Any) -> str:
    """The translated name of the inventory format an entry was imported from."""
    from governance.forms import FORMAT_LABELS

    return str(FORMAT_LABELS.get(str(format_id), format_id))


@register.filter
def rating_tone(value: Any) -> str:
    """The badge tone of a 1–5 rating: 4–5 good, 3 warn, 1–2 bad (the estate's readiness rule)."""
    if not isinstance(value, int):
        return ""
    return "badge--good" if value >= 4 else "badge--warn" if value == 3 else "badge--bad"


@register.filter
def readiness_label(value: Any) -> str:
    """The meaning of an AI-readiness rating (2 → "Not yet suited")."""
    from governance.choices import ReadinessLevel

    try:
        return str(ReadinessLevel(int(value)).label)
    except (TypeError, ValueError):
        return ""


@register.filter
def quality_label(value: Any) -> str:
    """The meaning of a data quality rating (3 → "Fair")."""
    from governance.choices import QualityLevel

    try:
        return str(QualityLevel(int(value)).label)
    except (TypeError, ValueError):
        return ""
