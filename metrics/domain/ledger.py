"""Costs and benefits per calendar month, in one pass over the items: the ROI engine's ledger.

Every period the product reports (month, quarter, year) is a union of calendar months, so the
engine puts each item into the months it touches once and adds months up. That is linear in the
number of item-months, whatever the number of periods asked for, and gives the same exact
amounts as summing each item over each period (DESIGN.md section 3).

**As of a day.** `until` is the last day that counts. Realised figures use the as-of day (today
for the current period): a recurring cost counts pro rata up to it, a spread benefit the share
of its days up to it, a one-time cost or direct benefit dated later not at all. KPI benefits come
from measurements already logged and count in the month of their date, which may lie after the
as-of day (a monthly KPI's benefit is dated at the month's end). Planned figures pass the end of
the period as `until`: they may look ahead.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.money import ZERO
from metrics.domain.benefits import BenefitItem, SpreadBenefit
from metrics.domain.costs import CostItem, OneTimeCost
from metrics.domain.kpi import Kpi, KpiBenefit, planned_kpi_values, realised_kpi_benefits

Month = date  # the first day of a calendar month


def month_of(day: date) -> Month:
    """The first day of the month that contains day."""
    return day.replace(day=1)


@functools.lru_cache(maxsize=4_096)
def _month_end(month: Month) -> date:
    # Cached: a portfolio's ledgers walk the same few hundred months tens of thousands of times.
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@functools.lru_cache(maxsize=4_096)
def _next_month(month: Month) -> Month:
    return _month_end(month) + timedelta(days=1)


def _add(bucket: dict[Month, Decimal], month: Month, amount: Decimal) -> None:
    bucket[month] = bucket.get(month, ZERO) + amount


def add_months(bucket: dict[Month, Decimal], amounts: Mapping[Month, Decimal]) -> None:
    """Add amounts per month into bucket."""
    for month, amount in amounts.items():
        _add(bucket, month, amount)


def cost_months(items: Iterable[CostItem], *, until: date) -> dict[Month, Decimal]:
    """Exact costs per month of everything up to and including `until`."""
    months: dict[Month, Decimal] = {}
    for item in items:
        if isinstance(item, OneTimeCost):
            if item.on <= until:
                _add(months, month_of(item.on), item.amount)
            continue
        last = until if item.end is None else min(item.end, until)
        if item.start > last:
            continue
        month = month_of(item.start)
        while month <= last:
            end = _month_end(month)
            low, high = max(item.start, month), min(last, end)
            covered = (high - low).days + 1
            days = (end - month).days + 1
            # Multiply before dividing so the only inexact step is one division.
            amount = (
                item.monthly_amount if covered == days else item.monthly_amount * covered / days
            )
            _add(months, month, amount)
            month = _next_month(month)
    return months


def benefit_months(
    items: Iterable[BenefitItem], *, until: date, horizon: date | None = None
) -> dict[Month, Decimal]:
    """Exact benefits per month: direct ones up to `until`, KPI benefits up to `horizon`.

    A KPI benefit (metrics.domain.kpi.KpiBenefit) stems from a measurement already logged; it is
    dated at the end of its frequency period and counts in that month even after `until`.
    """
    horizon = until if horizon is None else max(horizon, until)
    months: dict[Month, Decimal] = {}
    for item in items:
        if isinstance(item, SpreadBenefit):
            last = min(item.end, until)
            if item.start > last:
                continue
            days = (item.end - item.start).days + 1
            # Allocate by cumulative days so the months add up to the total exactly.
            month, counted, allocated = month_of(item.start), 0, ZERO
            while month <= last:
                high = min(last, _month_end(month))
                counted = (high - item.start).days + 1
                share = item.total if counted == days else item.total * counted / days
                _add(months, month, share - allocated)
                allocated = share
                month = _next_month(month)
        elif item.on <= (horizon if isinstance(item, KpiBenefit) else until):
            _add(months, month_of(item.on), item.amount)
    return months


# One month's realised figures of a KPI: (month, sum of the latest values of the frequency
# periods ending in that month, number of those periods). A caller that selects the latest
# measurements in the database (metrics.services.roi_inputs) passes them summed per month.
KpiMonthTotal = tuple[Month, Decimal, int]


def realised_kpi_months(kpi: Kpi) -> dict[Month, Decimal]:
    """A KPI's realised benefits (metrics.domain.kpi.realised_kpi_benefits) per month."""
    months: dict[Month, Decimal] = {}
    for benefit in realised_kpi_benefits(kpi):
        _add(months, month_of(benefit.on), benefit.amount)
    return months


def realised_kpi_total_months(kpi: Kpi, totals: Iterable[KpiMonthTotal]) -> dict[Month, Decimal]:
    """The same benefits from the latest values already summed per month (KpiMonthTotal).

    A month's benefit is the sum of improvement × value per unit over its frequency periods,
    which is linear in the values: one product per month equals the sum of the products.
    """
    if kpi.value_per_unit is None:
        return {}
    months: dict[Month, Decimal] = {}
    for month, values, count in totals:
        _add(months, month, kpi.benefit_amount(values, count))
    return months


def planned_kpi_months(kpi: Kpi, until: date) -> dict[Month, Decimal]:
    """A KPI's planned benefits (metrics.domain.kpi.planned_kpi_benefits) per month."""
    months: dict[Month, Decimal] = {}
    valued: Decimal | None = None
    amount = total = ZERO
    month: Month | None = None
    benefit = kpi.benefit_amount
    for end, value in planned_kpi_values(kpi, until):
        # Before the baseline and after the target the plan holds one value: value it once.
        if value is not valued:
            valued, amount = value, benefit(value)
        # The periods come in order, so each month's periods follow one another.
        if month is None or end.month != month.month or end.year != month.year:
            if month is not None:
                months[month] = total
            month, total = end.replace(day=1), ZERO
        total += amount
    if month is not None:
        months[month] = total
    return months


@dataclass(frozen=True)
class Ledger:
    """Exact costs and benefits per month, from the first month with anything in it."""

    costs: dict[Month, Decimal]
    benefits: dict[Month, Decimal]

    @property
    def first_month(self) -> Month | None:
        """The first month with a cost or a benefit."""
        return min([*self.costs, *self.benefits], default=None)

    def months(self, until: Month) -> list[tuple[Month, Decimal, Decimal]]:
        """(month, costs, benefits) for every month from the first up to `until`, in order."""
        first = self.first_month
        rows: list[tuple[Month, Decimal, Decimal]] = []
        if first is None:
            return rows
        month = first
        while month <= until:
            rows.append((month, self.costs.get(month, ZERO), self.benefits.get(month, ZERO)))
            month = _next_month(month)
        return rows

    def payback(self, until: Month) -> Month | None:
        """The first month up to `until` whose cumulative benefits reach its cumulative costs.

        One pass over the months. A month only qualifies once something has been spent: with no
        costs there is nothing to pay back, and benefits before the first cost do not make an
        early month the payback month.
        """
        costs = benefits = ZERO
        for month, month_costs, month_benefits in self.months(until):
            costs += month_costs
            benefits += month_benefits
            if costs > 0 and benefits >= costs:
                return month
        return None
