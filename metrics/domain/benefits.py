"""Direct (non-KPI) benefits and the benefit any dated item puts into a range or period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from core.money import ZERO, sum_money, to_decimal
from core.periods import Period, check_date, check_range, overlap_days, range_days


class DatedAmount(Protocol):
    """Anything that is one amount on one day: a direct benefit or a KPI-derived benefit."""

    @property
    def on(self) -> date:
        """The day the amount counts."""

    @property
    def amount(self) -> Decimal:
        """The exact amount; negative for a loss or a worsening."""


@dataclass(frozen=True)
class DirectBenefit:
    """A monetary benefit (revenue uplift, avoided cost) that counts on one date."""

    amount: Decimal
    on: date

    def __post_init__(self) -> None:
        """Validate the amount and date; negative amounts are allowed as corrections."""
        object.__setattr__(self, "amount", to_decimal(self.amount))
        check_date(self.on, "on")


@dataclass(frozen=True)
class SpreadBenefit:
    """A benefit entered as one total for the inclusive range start..end, spread evenly per day."""

    total: Decimal
    start: date
    end: date

    def __post_init__(self) -> None:
        """Validate the total and the date range."""
        object.__setattr__(self, "total", to_decimal(self.total))
        check_range(self.start, self.end)


BenefitItem = SpreadBenefit | DatedAmount


def benefit_between(item: BenefitItem, start: date, end: date) -> Decimal:
    """Exact benefit of one item within the inclusive range start..end.

    A spread benefit contributes total × overlapping days ÷ days of its own range, so the pieces
    of a range add up to the total (to within the 28-digit Decimal precision, far below a cent).
    """
    check_range(start, end)
    if isinstance(item, SpreadBenefit):
        covered = overlap_days(start, end, item.start, item.end)
        if covered == 0:
            return ZERO
        days = range_days(item.start, item.end)
        return item.total if covered == days else item.total * covered / days
    return item.amount if start <= item.on <= end else ZERO


def benefits_between(items: Iterable[BenefitItem], start: date, end: date) -> Decimal:
    """Exact total benefit of all items within the inclusive range start..end."""
    return sum_money(benefit_between(item, start, end) for item in items)


def benefits_in_period(items: Iterable[BenefitItem], period: Period) -> Decimal:
    """Exact total benefit of all items in one calendar period."""
    return benefits_between(items, period.start, period.end)


def first_benefit_date(items: Iterable[BenefitItem]) -> date | None:
    """The earliest day any item starts to count, or None when there are no items."""
    return min(
        (item.start if isinstance(item, SpreadBenefit) else item.on for item in items),
        default=None,
    )
