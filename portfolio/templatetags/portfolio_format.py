"""Labels of the portfolio pages in the person's language (numbers: core.formatting)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from initiatives.choices import Stage

register = template.Library()


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
