"""Cost items and the cost they put into a date range or calendar period (DESIGN.md section 3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.money import ZERO, sum_money, to_decimal
from core.periods import Period, PeriodKind, check_date, check_range, periods_between


def _non_negative_amount(value: Decimal, name: str) -> Decimal:
    """Coerce an amount to Decimal and refuse negatives, which would make ROI meaningless."""
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"{name} must not be negative, got {amount}")
    return amount


@dataclass(frozen=True)
class OneTimeCost:
    """A cost booked once (development, implementation, consulting, training) on a date."""

    amount: Decimal
    on: date

    def __post_init__(self) -> None:
        """Validate the amount and date."""
        object.__setattr__(self, "amount", _non_negative_amount(self.amount, "amount"))
        check_date(self.on, "on")

    @property
    def first_date(self) -> date:
        """The day the cost starts to count."""
        return self.on


@dataclass(frozen=True)
class RecurringCost:
    """A cost of monthly_amount per month from start to end inclusive; end None means ongoing."""

    monthly_amount: Decimal
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        """Validate the amount and the date range."""
        object.__setattr__(
            self, "monthly_amount", _non_negative_amount(self.monthly_amount, "monthly_amount")
        )
        check_date(self.start, "start")
        if self.end is not None:
            check_range(self.start, self.end)

    @property
    def first_date(self) -> date:
        """The day the cost starts to count."""
        return self.start


CostItem = OneTimeCost | RecurringCost


def cost_between(item: CostItem, start: date, end: date) -> Decimal:
    """Exact cost of one item within the inclusive range start..end.

    A recurring cost counts its full monthly amount for each calendar month it covers completely
    inside the range, and monthly_amount × covered days ÷ days in that month otherwise. Because
    the pro rata is per calendar month, a quarter or year is exactly the sum of its months.
    """
    check_range(start, end)
    if isinstance(item, OneTimeCost):
        return item.amount if start <= item.on <= end else ZERO
    low = max(start, item.start)
    high = end if item.end is None else min(end, item.end)
    if low > high:
        return ZERO
    total = ZERO
    for month in periods_between(PeriodKind.MONTH, low, high):
        covered = month.overlap_days(low, high)
        if covered == month.days:
            total += item.monthly_amount
        else:
            # Multiply before dividing so the only inexact step is one division.
            total += item.monthly_amount * covered / month.days
    return total


def costs_between(items: Iterable[CostItem], start: date, end: date) -> Decimal:
    """Exact total cost of all items within the inclusive range start..end."""
    return sum_money(cost_between(item, start, end) for item in items)


def costs_in_period(items: Iterable[CostItem], period: Period) -> Decimal:
    """Exact total cost of all items in one calendar period."""
    return costs_between(items, period.start, period.end)


def first_cost_date(items: Iterable[CostItem]) -> date | None:
    """The earliest day any item starts to count, or None when there are no items."""
    return min((item.first_date for item in items), default=None)
