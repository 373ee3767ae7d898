"""KPIs with a money value per unit, and the realised and planned benefits they yield."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from core.money import percent, to_decimal
from core.periods import Period, PeriodKind, check_date


class Direction(StrEnum):
    """Which way a KPI improves."""

    HIGHER = "higher"
    LOWER = "lower"


class Frequency(StrEnum):
    """How often a KPI is measured; each value is also a PeriodKind."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def period_kind(self) -> PeriodKind:
        """The calendar period kind of one measurement interval."""
        return PeriodKind(self.value)


@dataclass(frozen=True)
class Measurement:
    """One logged value of a KPI on a date."""

    value: Decimal
    on: date

    def __post_init__(self) -> None:
        """Validate the value and date."""
        object.__setattr__(self, "value", to_decimal(self.value))
        check_date(self.on, "on")


@dataclass(frozen=True)
class KpiBenefit:
    """The benefit a KPI yields for one frequency period, dated on the last day of that period."""

    period: Period
    value: Decimal
    amount: Decimal

    @property
    def on(self) -> date:
        """The day the benefit counts: the last day of its frequency period."""
        return self.period.end


@dataclass(frozen=True)
class Kpi:
    """A SMART KPI: baseline and target (value and date), direction, frequency, money per unit.

    value_per_unit is the money one unit of improvement is worth per frequency period (for a
    monthly KPI: per month). Without it the KPI yields no benefits. measurements may be in any
    order; when two share a date, the later one in the given order wins, so pass them in the
    order they were logged.
    """

    direction: Direction
    baseline_value: Decimal
    baseline_date: date
    target_value: Decimal
    target_date: date
    frequency: Frequency
    value_per_unit: Decimal | None = None
    measurements: Sequence[Measurement] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        """Coerce enums and numbers and refuse a target that is not after and not better."""
        set_ = object.__setattr__
        set_(self, "direction", Direction(self.direction))
        set_(self, "frequency", Frequency(self.frequency))
        set_(self, "baseline_value", to_decimal(self.baseline_value))
        set_(self, "target_value", to_decimal(self.target_value))
        if self.value_per_unit is not None:
            set_(self, "value_per_unit", to_decimal(self.value_per_unit))
        set_(self, "measurements", tuple(self.measurements))
        check_date(self.baseline_date, "baseline_date")
        check_date(self.target_date, "target_date")
        if self.target_date <= self.baseline_date:
            raise ValueError(
                f"target date {self.target_date.isoformat()} must be after "
                f"baseline date {self.baseline_date.isoformat()}"
            )
        if self.improvement(self.target_value) < 0:
            raise ValueError(
                f"target {self.target_value} is worse than baseline {self.baseline_value} "
                f"for a KPI where {self.direction} is better"
            )

    def improvement(self, value: Decimal, count: int = 1) -> Decimal:
        """How much better than the baseline value is, in KPI units; negative when worse.

        With a count, value is the sum of that many values and the result the sum of their
        improvements: the improvement is linear, so summing the values first is exact.
        """
        change = value - self.baseline_value * count
        return -change if self.direction is Direction.LOWER else change

    def planned_value(self, on: date) -> Decimal:
        """The value the plan expects on a date: linear from baseline to target, then held.

        Before and on the baseline date the plan is the baseline value; on and after the target
        date it is the target value; in between it moves linearly per calendar day.
        """
        check_date(on, "on")
        return next(self.planned_values((on,)))

    def planned_values(self, days: Iterable[date]) -> Iterator[Decimal]:
        """planned_value of each of the days, for callers that walk many of them (unchecked).

        A value held before the baseline or after the target is the same object every time.
        """
        baseline, target = self.baseline_date, self.target_date
        change, total = self.target_value - self.baseline_value, (target - baseline).days
        for on in days:
            if on <= baseline:
                yield self.baseline_value
            elif on >= target:
                yield self.target_value
            else:
                yield self.baseline_value + change * (on - baseline).days / total

    def progress_percent(self, value: Decimal) -> Decimal | None:
        """How far value has come from baseline to target, in percent with one decimal.

        None when the target equals the baseline, since there is no distance to cover.
        """
        return percent(self.improvement(value), self.improvement(self.target_value))

    def benefit_amount(self, value: Decimal, count: int = 1) -> Decimal:
        """The money of a value for one frequency period: improvement × value per unit.

        With a count, value is the sum of the values of that many frequency periods and the
        result the sum of their benefits (see improvement).
        """
        if self.value_per_unit is None:
            raise ValueError("this KPI has no value per unit, so it yields no money")
        return self.improvement(value, count) * self.value_per_unit

    def benefit_for(self, period: Period, value: Decimal) -> KpiBenefit:
        """The benefit of a value for one frequency period: improvement × value per unit."""
        return KpiBenefit(period, value, self.benefit_amount(value))


def realised_kpi_benefits(kpi: Kpi) -> list[KpiBenefit]:
    """One benefit per frequency period that has a measurement, from its latest measurement.

    Measurements dated before the baseline date are ignored: the baseline is the starting point,
    so earlier values describe the situation before the initiative. A frequency period without a
    measurement yields nothing; a worsening yields a negative benefit.
    """
    if kpi.value_per_unit is None:
        return []
    latest: dict[Period, Measurement] = {}
    for measurement in kpi.measurements:
        if measurement.on < kpi.baseline_date:
            continue
        period = Period.containing(kpi.frequency.period_kind, measurement.on)
        current = latest.get(period)
        if current is None or measurement.on >= current.on:
            latest[period] = measurement
    return [kpi.benefit_for(period, latest[period].value) for period in sorted(latest)]


def period_ends(frequency: Frequency, first: date, last: date) -> Iterator[date]:
    """The last day of every frequency period that touches first..last, in order.

    The same periods as core.periods.periods_between, stepped by date arithmetic: the planned
    benefits of a portfolio walk tens of thousands of them.
    """
    if frequency is Frequency.WEEK:
        end = first + timedelta(days=6 - first.weekday())
        week = timedelta(days=7)
        while True:
            yield end
            if end >= last:
                return
            end += week
    step = 1 if frequency is Frequency.MONTH else 3
    year, month = first.year, first.month + (-first.month) % step  # the period's last month
    while True:
        end = date(year, month, calendar.monthrange(year, month)[1])
        yield end
        if end >= last:
            return
        month += step
        if month > 12:
            year, month = year + 1, month - 12


def planned_kpi_values(kpi: Kpi, until: date) -> Iterator[tuple[date, Decimal]]:
    """(last day, planned value on it) of every frequency period from the baseline to until.

    The periods of planned_kpi_benefits; nothing when until is before the baseline date or the
    KPI has no value per unit.
    """
    check_date(until, "until")
    if kpi.value_per_unit is None or until < kpi.baseline_date:
        return
    ends = list(period_ends(kpi.frequency, kpi.baseline_date, until))
    yield from zip(ends, kpi.planned_values(ends), strict=True)


def planned_kpi_benefits(kpi: Kpi, until: date) -> list[KpiBenefit]:
    """Benefits as if the target is reached on its target date, for each period up to until.

    Exact rule: for every frequency period from the one containing the baseline date to the one
    containing until (both included), take Kpi.planned_value() on the last day of that period
    (linear from baseline at the baseline date to target at the target date, target held
    afterwards) and value it like a measurement. The last period counts in full even when until
    falls inside it, matching realised benefits, which are also dated at the period end. Nothing
    is returned when until is before the baseline date or the KPI has no value per unit.
    """
    kind = kpi.frequency.period_kind
    return [
        kpi.benefit_for(Period.containing(kind, end), value)
        for end, value in planned_kpi_values(kpi, until)
    ]
