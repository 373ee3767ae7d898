"""Decimal money helpers shared by every app: strict parsing, rounding to cents, percentages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)

# Plain digits with an optional sign and decimal point. Thousands separators are refused because
# "1.000,50" (Dutch, German) and "1,000.50" (English) mean the same amount with swapped marks, and
# exponents because nobody types a budget as 1E+6; guessing either would silently misbook money.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def to_decimal(value: str | int | Decimal) -> Decimal:
    """Convert a user-entered or imported value to a finite Decimal; refuse floats and odd text."""
    # bool is an int subclass; True as an amount is always a bug upstream.
    if isinstance(value, bool):
        raise TypeError("expected a number, got a bool")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_NUMBER.fullmatch(text):
            raise ValueError(
                f"{value!r} is not a plain decimal number such as 1234.56 "
                "(no thousands separators, no exponent)"
            )
        return Decimal(text)
    # Floats cannot hold most cent amounts exactly, so they never enter a money calculation.
    raise TypeError(f"expected str, int or Decimal, got {type(value).__name__}")


def _without_negative_zero(value: Decimal) -> Decimal:
    """Turn -0.00 into 0.00 so that a rounded tiny negative never shows a minus sign."""
    return value.copy_abs() if value.is_zero() else value


def round_money(value: Decimal) -> Decimal:
    """Round an amount to cents, half away from zero; use only when a figure is stored or shown."""
    if not isinstance(value, Decimal):
        raise TypeError(f"expected Decimal, got {type(value).__name__}")
    return _without_negative_zero(value.quantize(CENT, rounding=ROUND_HALF_UP))


def sum_money(values: Iterable[Decimal]) -> Decimal:
    """Exact sum of amounts that is a Decimal even when there is nothing to add."""
    return sum(values, ZERO)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Part of a whole as a percentage with one decimal, or None when the whole is zero."""
    if whole.is_zero():
        return None
    return _without_negative_zero((part * HUNDRED / whole).quantize(TENTH, rounding=ROUND_HALF_UP))


def roi_percent(benefits: Decimal, costs: Decimal) -> Decimal | None:
    """ROI = (benefits − costs) ÷ costs × 100 with one decimal; None when costs are zero."""
    if costs < 0:
        raise ValueError(f"costs must not be negative to compute an ROI, got {costs}")
    return percent(benefits - costs, costs)
