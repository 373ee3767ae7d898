"""Shared input rules of the metrics services: numbers, amounts and dates people type or import."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import to_decimal

# Limits of the database columns (metrics.models.MONEY and KPI_VALUE).
MONEY_LIMIT = Decimal("1e12")
KPI_VALUE_LIMIT = Decimal("1e14")


class Errors:
    """Collects field errors and raises them together as one ValidationError."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        """Record one message for a field."""
        self.errors.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        """Raise a ValidationError with every recorded message, if there is one."""
        if self.errors:
            raise ValidationError(self.errors)


def parse_decimal(value: Any) -> Decimal:
    """A finite Decimal from a Decimal, int or plain decimal text; ValueError with a reason."""
    if isinstance(value, float):
        # Spreadsheet cells arrive as floats; their shortest repr is what the person typed.
        value = repr(value)
    try:
        return to_decimal(value)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise ValueError(_("Enter a plain number such as 1234.56.")) from exc


def check_places(value: Decimal, places: int, limit: Decimal) -> str | None:
    """A message when value has more decimals or digits than the column holds, else None."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return _("Use at most %(places)d decimals.") % {"places": places}
    if abs(value) >= limit:
        return _("This number is too large.")
    return None


def money(errors: Errors, field: str, value: Any, *, required: bool = True) -> Decimal | None:
    """Validate an amount of money: a number, not negative, in cents."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Enter an amount."))
        return None
    try:
        amount = parse_decimal(value)
    except ValueError as exc:
        errors.add(field, str(exc))
        return None
    if amount < 0:
        errors.add(field, _("The amount must not be negative."))
        return None
    problem = check_places(amount, 2, MONEY_LIMIT)
    if problem:
        errors.add(field, problem)
        return None
    return amount


def kpi_value(errors: Errors, field: str, value: Any, *, required: bool = True) -> Decimal | None:
    """Validate a KPI value: any finite number with up to four decimals."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Enter a value."))
        return None
    try:
        number = parse_decimal(value)
    except ValueError as exc:
        errors.add(field, str(exc))
        return None
    problem = check_places(number, 4, KPI_VALUE_LIMIT)
    if problem:
        errors.add(field, problem)
        return None
    return number


def a_date(errors: Errors, field: str, value: Any, *, required: bool = True) -> date | None:
    """Validate a date given as a date or ISO text (YYYY-MM-DD)."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Enter a date."))
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _("Enter a date as YYYY-MM-DD."))
        return None


def not_in_future(errors: Errors, field: str, value: date | None) -> None:
    """A measurement describes what happened, so it cannot be dated after today."""
    if value is not None and value > timezone.localdate():
        errors.add(field, _("The date must not be in the future."))


def whole_number(errors: Errors, field: str, value: Any) -> int | None:
    """Validate a count of people: a whole number, not negative."""
    if isinstance(value, bool) or value in (None, ""):
        errors.add(field, _("Enter a whole number."))
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text.lstrip("+-").isdigit():
            errors.add(field, _("Enter a whole number."))
            return None
        number = int(text)
    if number < 0:
        errors.add(field, _("The number must not be negative."))
        return None
    return number
