"""Template filters of the one formatting layer (core.formatting), in the active language.

`{% load formatting %}` then `{{ amount|money }}`, `{{ amount|money_compact }}`,
`{{ roi|percent }}`, `{{ value|number }}`, `{{ day|as_date }}`, `{{ moment|as_datetime }}`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from core import formatting

register = template.Library()


def _currency() -> str:
    return str(getattr(settings, "PORTFOLIO_CURRENCY", "EUR"))


@register.filter
def money(value: Any) -> str:
    """Exact money with cents in the reporting currency; "—" when missing."""
    return formatting.money(value, language=get_language(), currency=_currency())


@register.filter
def money_compact(value: Any) -> str:
    """Compact money for tiles ("€3.99 M"); pair it with the exact figure."""
    return formatting.money_compact(value, language=get_language(), currency=_currency())


@register.filter
def percent(value: Any) -> str:
    """A percentage with one decimal; "—" when undefined (an ROI without costs)."""
    return formatting.percent(value, language=get_language())


@register.filter
def number(value: Any, places: Any = None) -> str:
    """A number with grouping; `|number:2` fixes two decimals, else trailing zeros go."""
    fixed = None if places in (None, "") else int(places)
    return formatting.number(value, language=get_language(), places=fixed)


@register.filter
def as_date(value: Any) -> str:
    """A date that cannot be misread (24 Aug 2026); ISO text is accepted too."""
    if isinstance(value, str) and value:
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formatting.date(value or None, language=get_language())


@register.filter
def as_datetime(value: Any) -> str:
    """Date and time to the minute in the organisation's time zone; ISO text is accepted too."""
    if isinstance(value, str) and value:
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.datetime_local(value or None, language=get_language())
