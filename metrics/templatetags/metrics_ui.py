"""Template filters for metrics figures: money in cents, ROI with one decimal, '—' when undefined."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format

from core.money import round_money

register = template.Library()

UNDEFINED = "—"


@register.filter
def money(value: Any) -> str:
    """An amount rounded half up to cents with thousands separators; '—' for None."""
    if value is None or value == "":
        return UNDEFINED
    amount = round_money(Decimal(value))
    return str(intcomma(number_format(amount, 2, use_l10n=True), use_l10n=True))


@register.filter
def roi(value: Any) -> str:
    """An ROI in percent with one decimal; '—' when undefined (no costs)."""
    if value is None or value == "":
        return UNDEFINED
    return f"{number_format(Decimal(value), 1, use_l10n=True)} %"


@register.filter
def kpi_number(value: Any) -> str:
    """A KPI value without trailing zeros; '—' for None."""
    if value is None or value == "":
        return UNDEFINED
    return format(Decimal(value).normalize(), "f")


@register.filter
def tone_of(value: Any) -> str:
    """Badge tone of a figure: good when positive, bad when negative, neutral otherwise."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    return "good" if number > 0 else "bad" if number < 0 else ""
