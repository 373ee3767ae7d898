"""ROI per calendar period and cumulatively, payback month, and planned next to realised."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from core.money import ZERO, roi_percent, sum_money
from core.periods import Period, PeriodKind, periods_between
from metrics.domain.benefits import BenefitItem, DirectBenefit, SpreadBenefit
from metrics.domain.costs import CostItem
from metrics.domain.kpi import Kpi, planned_kpi_benefits, realised_kpi_benefits
from metrics.domain.ledger import Ledger, benefit_months, cost_months, month_of


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
    net: Decimal
    roi: Decimal | None
    cumulative_costs: Decimal
    cumulative_benefits: Decimal
    cumulative_net: Decimal
    cumulative_roi: Decimal | None


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
    months = ledger.months(month_of(horizon))
    cumulative_costs = cumulative_benefits = ZERO
    index = 0
    # Everything before the first row counts in the cumulative figures.
    while index < len(months) and months[index][0] < periods[0].start:
        cumulative_costs += months[index][1]
        cumulative_benefits += months[index][2]
        index += 1
    rows = []
    for period in periods:
        period_costs = period_benefits = ZERO
        while index < len(months) and months[index][0] <= period.end:
            period_costs += months[index][1]
            period_benefits += months[index][2]
            index += 1
        cumulative_costs += period_costs
        cumulative_benefits += period_benefits
        rows.append(
            RoiRow(
                period=period,
                costs=period_costs,
                benefits=period_benefits,
                net=period_benefits - period_costs,
                roi=roi_percent(period_benefits, period_costs),
                cumulative_costs=cumulative_costs,
                cumulative_benefits=cumulative_benefits,
                cumulative_net=cumulative_benefits - cumulative_costs,
                cumulative_roi=roi_percent(cumulative_benefits, cumulative_costs),
            )
        )
    payback = ledger.payback(month_of(horizon))
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
) -> RoiComparison:
    """Planned and realised ROI for one initiative over the same periods.

    Both sides use the same cost items and the same direct benefits, so the difference between
    them is exactly the KPI part: realised uses the KPIs' measurements (realised_kpi_benefits),
    planned uses their targets as if reached on the target dates (planned_kpi_benefits), up to
    the end of the last row's period. `as_of` stops the realised costs and direct benefits at
    that day (the current period counts "to date"); the planned side looks ahead to the end.
    """
    grain = Grain(grain)
    cost_items, direct, kpi_list = tuple(costs), tuple(benefits), tuple(kpis)
    horizon = periods_between(grain.period_kind, start, end)[-1].end
    realised: list[BenefitItem] = list(direct)
    planned: list[BenefitItem] = list(direct)
    for kpi in kpi_list:
        realised.extend(realised_kpi_benefits(kpi))
        planned.extend(planned_kpi_benefits(kpi, horizon))
    return RoiComparison(
        planned=compute_roi(grain=grain, start=start, end=end, costs=cost_items, benefits=planned),
        realised=compute_roi(
            grain=grain, start=start, end=end, costs=cost_items, benefits=realised, as_of=as_of
        ),
    )
