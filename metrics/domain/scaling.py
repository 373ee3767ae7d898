"""Scaling metrics from DESIGN.md section 3: breadth, depth, diversity, impact, sustainability."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from core.money import percent
from core.periods import Period, PeriodKind
from metrics.domain.benefits import BenefitItem, benefits_in_period

# Stage values as the initiatives app stores them; only these count as AI being in use.
IN_USE_STAGES: frozenset[str] = frozenset({"pilot", "scaling", "production"})
PRODUCTION_STAGE = "production"

# Usage within ±5 % of where it was counts as flat (DESIGN.md section 3).
FLAT_BAND_PERCENT = Decimal(5)

# Whatever identifies a department: a primary key in the app, any hashable in the domain.
_Key = TypeVar("_Key", bound=Hashable)


@dataclass(frozen=True)
class InitiativeState:
    """The facts about one initiative that scaling metrics need.

    `count` > 1 stands for that many initiatives of one department and stage, read grouped
    (`initiative_id` then names the group).
    """

    initiative_id: Hashable
    department_id: Hashable | None
    stage: str
    count: int = 1


@dataclass(frozen=True)
class Ratio:
    """A count over a count; value and percent are None when the denominator is zero."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        """Refuse negative counts, which can only come from bad data."""
        if self.numerator < 0 or self.denominator < 0:
            raise ValueError(
                f"counts must not be negative, got {self.numerator}/{self.denominator}"
            )

    @property
    def value(self) -> Decimal | None:
        """The exact ratio, or None when the denominator is zero."""
        return None if self.denominator == 0 else Decimal(self.numerator) / self.denominator

    @property
    def percent(self) -> Decimal | None:
        """The ratio in percent with one decimal, or None when the denominator is zero."""
        return percent(Decimal(self.numerator), Decimal(self.denominator))


def breadth(
    department_ids: Collection[Hashable],
    initiatives: Iterable[InitiativeState],
    *,
    in_use_stages: Collection[str] = IN_USE_STAGES,
) -> Ratio:
    """Departments with at least one initiative in pilot, scaling or production ÷ all departments.

    Initiatives without a department or with a department not in department_ids are ignored.
    With zero departments the ratio is 0/0 and its value and percent are None (undefined).
    """
    known = set(department_ids)
    using = {
        state.department_id
        for state in initiatives
        if state.stage in in_use_stages and state.department_id in known
    }
    return Ratio(len(using), len(known))


def depth(headcounts: Mapping[_Key, int], active_users: Mapping[_Key, int]) -> dict[_Key, Ratio]:
    """Monthly active users ÷ headcount for every department in headcounts.

    A department missing from active_users has 0 active users. Headcount 0 gives a ratio whose
    value is None. A ratio above 1 (stale headcount) is reported as it is, not capped.
    """
    return {
        department: Ratio(active_users.get(department, 0), headcount)
        for department, headcount in headcounts.items()
    }


def diversity(initiatives: Iterable[InitiativeState]) -> int:
    """Number of distinct initiatives in production."""
    in_production = {
        state.initiative_id: state.count for state in initiatives if state.stage == PRODUCTION_STAGE
    }
    return sum(in_production.values())


def impact(benefits: Iterable[BenefitItem], period: Period) -> Decimal:
    """Realised benefits of a period, exact; pass realised KPI benefits, not planned ones."""
    return benefits_in_period(benefits, period)


class Trend(StrEnum):
    """Direction of active use over the last three months."""

    GROWING = "growing"
    FLAT = "flat"
    DECLINING = "declining"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class UsageTrend:
    """The sustainability verdict with the two numbers it compares."""

    trend: Trend
    earlier_users: int | None
    latest_users: int | None
    change_percent: Decimal | None


def sustainability(active_users: Mapping[Period, int], month: Period) -> UsageTrend:
    """Trend of active users over the three months ending with month.

    Compares month with the month two months earlier (for March: March against January). For
    three evenly spaced points the least-squares slope depends only on the first and the last,
    so this is the linear trend of the window. Within ±5 % of the earlier month (bounds
    included) is flat, above is growing, below is declining. Any of the three months missing
    gives UNKNOWN; record a month without use as 0. From 0 users to 0 users is flat; from 0 to
    more than 0 is growing with change_percent None.
    """
    if month.kind is not PeriodKind.MONTH:
        raise ValueError(f"sustainability needs a month, got a {month.kind}")
    window = (month.previous().previous(), month.previous(), month)
    if any(key.kind is not PeriodKind.MONTH for key in active_users):
        raise ValueError("active users must be keyed by month periods")
    if any(active_users.get(key, 0) < 0 for key in window):
        raise ValueError("active users must not be negative")
    if any(key not in active_users for key in window):
        return UsageTrend(Trend.UNKNOWN, active_users.get(window[0]), active_users.get(month), None)
    earlier, latest = active_users[window[0]], active_users[month]
    change = percent(Decimal(latest - earlier), Decimal(earlier))
    # Compare exact integers, not the rounded percentage, so 5.04 % is not mistaken for flat.
    difference_percent = Decimal(latest - earlier) * 100
    band = FLAT_BAND_PERCENT * earlier
    if difference_percent > band:
        trend = Trend.GROWING
    elif difference_percent < -band:
        trend = Trend.DECLINING
    else:
        trend = Trend.FLAT
    return UsageTrend(trend, earlier, latest, change)
