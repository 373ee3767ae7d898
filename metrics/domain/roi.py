"""ROI per calendar period and cumulatively, payback month, and planned next to realised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from core.money import ZERO, roi_percent, sum_money
from core.periods import ONE_DAY, Period, PeriodKind, periods_between
from metrics.domain.benefits import BenefitItem, DirectBenefit, SpreadBenefit
from metrics.domain.costs import CostItem
from metrics.domain.kpi import Kpi
from metrics.domain.ledger import (
    Ledger,
    Month,
    add_months,
    benefit_months,
    cost_months,
    month_of,
    planned_kpi_months,
    realised_kpi_months,
)


class Grain(StrEnum):
    """The period length of the rows of an ROI result."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def period_kind(self) -> PeriodKind:
        """The calendar period kind of one row."""
        return PeriodKind(self.value)


@dataclass(frozen=True)
class RoiRow:
    """Figures of one period; money is exact (round with round_money), ROI has one decimal."""

    period: Period
    costs: Decimal
    benefits: Decimal
    cumulative_costs: Decimal
    cumulative_benefits: Decimal

    # Derived when read: the stored snapshots compute them from the rounded figures instead,
    # and a portfolio run builds hundreds of thousands of rows.
    @property
    def net(self) -> Decimal:
        """Benefits minus costs of the period."""
        return self.benefits - self.costs

    @property
    def roi(self) -> Decimal | None:
        """ROI of the period; None when it has no costs."""
        return roi_percent(self.benefits, self.costs)

    @property
    def cumulative_net(self) -> Decimal:
        """Cumulative benefits minus cumulative costs."""
        return self.cumulative_benefits - self.cumulative_costs

    @property
    def cumulative_roi(self) -> Decimal | None:
        """ROI of everything up to the period's end; None while nothing has been spent."""
        return roi_percent(self.cumulative_benefits, self.cumulative_costs)


@dataclass(frozen=True)
class RoiResult:
    """Rows for every period of a range, plus the payback month (None when not reached)."""

    grain: Grain
    rows: tuple[RoiRow, ...]
    payback_month: Period | None

    @property
    def total_costs(self) -> Decimal:
        """Costs of the rows' periods only, without anything before the first row."""
        return sum_money(row.costs for row in self.rows)

    @property
    def total_benefits(self) -> Decimal:
        """Benefits of the rows' periods only, without anything before the first row."""
        return sum_money(row.benefits for row in self.rows)

    @property
    def total_net(self) -> Decimal:
        """Net benefit of the rows' periods only."""
        return self.total_benefits - self.total_costs

    @property
    def total_roi(self) -> Decimal | None:
        """ROI over the rows' periods only; None when they have no costs."""
        return roi_percent(self.total_benefits, self.total_costs)


def payback_month(
    costs: Iterable[CostItem], benefits: Iterable[BenefitItem], until: date
) -> Period | None:
    """The first month, up to the one containing until, whose cumulative benefits reach its costs.

    A month only qualifies once something has been spent (cumulative costs above zero): with no
    costs at all there is nothing to pay back and the answer is None, and benefits that arrive
    before the first cost do not make an early month the payback month. The first such month is
    returned even if later costs push the cumulative net below zero again.
    """
    # Whole months: the month containing until counts in full, as every period does.
    last = Period.containing(PeriodKind.MONTH, until).end
    ledger = Ledger(cost_months(costs, until=last), benefit_months(benefits, until=last))
    month = ledger.payback(month_of(until))
    return None if month is None else Period.containing(PeriodKind.MONTH, month)


def compute_roi(
    *,
    grain: Grain | str,
    start: date,
    end: date,
    costs: Iterable[CostItem],
    benefits: Iterable[BenefitItem],
    as_of: date | None = None,
) -> RoiResult:
    """ROI rows for every whole calendar period of the grain that touches start..end.

    Rows always cover whole periods (a range from 15 January with a quarter grain starts with
    the full first quarter). Cumulative figures also include everything before the first row,
    from the initiative's first cost or benefit on, so they do not depend on where the range
    starts. The payback month is searched from the first cost or benefit to the last row's end
    and may therefore lie before the first row. Items after the last row are ignored.

    `as_of` (realised figures) stops costs and direct benefits at that day; KPI benefits from
    measurements count in full (see metrics.domain.ledger). Linear in items × months.
    """
    grain = Grain(grain)
    periods = periods_between(grain.period_kind, start, end)
    horizon = periods[-1].end
    until = horizon if as_of is None else min(as_of, horizon)
    ledger = Ledger(
        cost_months(costs, until=until), benefit_months(benefits, until=until, horizon=horizon)
    )
    return roi_of_ledger(grain, periods, ledger)


def roi_of_ledger(grain: Grain, periods: Sequence[Period], ledger: Ledger) -> RoiResult:
    """ROI rows of consecutive periods from a monthly ledger, and the payback month.

    One pass over the ledger's months up to the end of the last period: months before the
    first period count in the cumulative figures only, later months not at all, and the
    payback month (Ledger.payback) is found on the way.
    """
    months = ledger.months(month_of(periods[-1].end))
    cumulative_costs = cumulative_benefits = ZERO
    payback: date | None = None
    index = 0
    rows = []
    for period in (None, *periods):
        # The first pass (None) takes everything before the first row.
        last = periods[0].start - ONE_DAY if period is None else period.end
        period_costs = period_benefits = ZERO
        while index < len(months) and months[index][0] <= last:
            month, month_costs, month_benefits = months[index]
            period_costs += month_costs
            period_benefits += month_benefits
            index += 1
            if payback is None:
                reached_costs = cumulative_costs + period_costs
                if reached_costs > 0 and cumulative_benefits + period_benefits >= reached_costs:
                    payback = month
        cumulative_costs += period_costs
        cumulative_benefits += period_benefits
        if period is None:
            continue
        rows.append(
            RoiRow(
                period=period,
                costs=period_costs,
                benefits=period_benefits,
                cumulative_costs=cumulative_costs,
                cumulative_benefits=cumulative_benefits,
            )
        )
    return RoiResult(
        grain=grain,
        rows=tuple(rows),
        payback_month=None if payback is None else Period.containing(PeriodKind.MONTH, payback),
    )


@dataclass(frozen=True)
class RoiComparison:
    """Planned and realised ROI over the same periods, for showing side by side."""

    planned: RoiResult
    realised: RoiResult

    @property
    def pairs(self) -> tuple[tuple[RoiRow, RoiRow], ...]:
        """(planned, realised) rows per period, in order."""
        return tuple(zip(self.planned.rows, self.realised.rows, strict=True))


def compare_planned_realised(
    *,
    grain: Grain | str,
    start: date,
    end: date,
    costs: Iterable[CostItem],
    benefits: Iterable[DirectBenefit | SpreadBenefit],
    kpis: Iterable[Kpi],
    as_of: date | None = None,
    realised_kpi: Mapping[Month, Decimal] | None = None,
) -> RoiComparison:
    """Planned and realised ROI for one initiative over the same periods.

    Both sides use the same cost items and the same direct benefits, so the difference between
    them is exactly the KPI part: realised uses the KPIs' measurements (realised_kpi_benefits),
    planned uses their targets as if reached on the target dates (planned_kpi_benefits), up to
    the end of the last row's period. `as_of` stops the realised costs and direct benefits at
    that day (the current period counts "to date"); the planned side looks ahead to the end.

    `realised_kpi`, when given, holds the realised KPI benefits per month already (from
    metrics.domain.ledger.realised_kpi_total_months) and the KPIs' measurements are not read.
    """
    grain = Grain(grain)
    cost_items, direct = tuple(costs), tuple(benefits)
    periods = periods_between(grain.period_kind, start, end)
    horizon = periods[-1].end
    until = horizon if as_of is None else min(as_of, horizon)
    last = month_of(horizon)
    planned_kpi: dict[Month, Decimal] = {}
    measured: dict[Month, Decimal] = {}
    for kpi in kpis:
        add_months(planned_kpi, planned_kpi_months(kpi, horizon))
        if realised_kpi is None:
            add_months(measured, realised_kpi_months(kpi))
    planned_benefits = benefit_months(direct, until=horizon)
    realised_benefits = benefit_months(direct, until=until)
    # A KPI benefit dated after the last row's end does not count: its month lies after it.
    for bucket, kpi_months in (
        (planned_benefits, planned_kpi),
        (realised_benefits, measured if realised_kpi is None else realised_kpi),
    ):
        add_months(bucket, {month: amount for month, amount in kpi_months.items() if month <= last})
    return RoiComparison(
        planned=roi_of_ledger(
            grain, periods, Ledger(cost_months(cost_items, until=horizon), planned_benefits)
        ),
        realised=roi_of_ledger(
            grain, periods, Ledger(cost_months(cost_items, until=until), realised_benefits)
        ),
    )
