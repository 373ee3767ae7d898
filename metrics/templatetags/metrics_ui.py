"""Template filters of the metrics pages; numbers themselves are formatted by core.formatting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def tone_of(value: Any) -> str:
    """Badge tone of a figure: good when positive, bad when negative, neutral otherwise."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    return "good" if number > 0 else "bad" if number < 0 else ""
