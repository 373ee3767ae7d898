"""Numbers as people read them: money, percentages and labels, in the active locale."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from initiatives.choices import Stage

register = template.Library()
DASH = "—"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value: Any, currency: str = "") -> str:
    """1234.5 → "1,234.50 EUR" (grouping and decimal mark of the active language)."""
    number = _decimal(value)
    if number is None:
        return DASH
    text = number_format(number, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


@register.filter
def percent(value: Any) -> str:
    """ "12.3" → "12.3 %"; missing (undefined ROI) → "—", never 0."""
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{number_format(number, decimal_pos=1, use_l10n=True, force_grouping=True)} %"


@register.filter
def stage_label(value: str) -> str:
    """The translated name of a lifecycle stage."""
    return str(dict(Stage.choices).get(value, value))


@register.filter
def verdict_label(value: str) -> str:
    """The translated name of an investment verdict."""
    return {
        "paid_off": _("Paid off"),
        "on_track": _("On track"),
        "needs_adjustment": _("Needs adjustment"),
    }.get(value, value)


@register.filter
def trend_label(value: str) -> str:
    """The translated name of a usage trend."""
    return {
        "growing": _("Growing"),
        "flat": _("Flat"),
        "declining": _("Declining"),
        "unknown": _("Not enough data"),
    }.get(value, value)
