"""Template helpers of the register: badge tones and the person's reviews for the home page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from governance.domain.reviews import review_status
from governance.selectors import reviews_needing_attention

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


@register.simple_tag(takes_context=True)
def my_open_reviews(context: dict[str, Any], limit: int = 10) -> list[Any]:
    """The signed-in person's overdue and soon-due reviews, for their home page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    reviews = list(reviews_needing_attention(user=user, today=today, owned_only=True)[:limit])
    for review in reviews:
        review.state = review_status(review.due_date, today).value
    return reviews


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
