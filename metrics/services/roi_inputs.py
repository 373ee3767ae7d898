"""What the ROI recompute reads: each initiative's costs, benefits and KPIs as domain objects,
and its measurements reduced in the database to the few figures the engine needs.

A portfolio holds millions of measurements but only a few costs, benefits and KPIs per
initiative. The measurements never leave the database one by one: two queries select the latest
measurement of every KPI per frequency period (DESIGN.md section 3: the one a KPI benefit is
valued from, dated on the period's last day) and per quarter (the KPI's progress), and the first
adds the selected values up per KPI and month. metrics.domain turns those sums into money (the
benefit is linear in the value, so valuing a sum is exact); every number definition stays there.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection

from core.bulk import among, among_sql
from metrics.choices import CostKind
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Kpi as DomainKpi
from metrics.domain.ledger import KpiMonthTotal, Month, add_months, realised_kpi_total_months
from metrics.models import Benefit, CostItem, Kpi, Measurement

logger = logging.getLogger(__name__)


@dataclass
class KpiRow:
    """A KPI as the recompute needs it: its domain view, name and latest value per quarter."""

    pk: int
    name: str
    model: DomainKpi
    # (quarter start) -> (latest measurement date, value) within that quarter.
    by_quarter: dict[date, tuple[date, Decimal]] = field(default_factory=dict)


@dataclass
class RoiInputs:
    """Everything one initiative's ROI depends on, as domain objects and monthly sums."""

    costs: list[OneTimeCost | RecurringCost] = field(default_factory=list)
    benefits: list[DirectBenefit | SpreadBenefit] = field(default_factory=list)
    # The KPIs with a money value per unit, and their realised benefits per month.
    kpis: list[DomainKpi] = field(default_factory=list)
    realised_kpi: dict[Month, Decimal] = field(default_factory=dict)
    kpi_rows: list[KpiRow] = field(default_factory=list)

    def first_date(self) -> date | None:
        """The first day anything counts: a cost, a benefit or a valued KPI's baseline."""
        days = [c.on if isinstance(c, OneTimeCost) else c.start for c in self.costs]
        days += [b.on if isinstance(b, DirectBenefit) else b.start for b in self.benefits]
        days += [k.baseline_date for k in self.kpis]
        return min(days, default=None)


# The KPI columns its domain view is made of, under the same names.
KPI_FIELDS = ("direction", "baseline_value", "baseline_date", "target_value", "target_date",
              "frequency", "value_per_unit")  # fmt: skip


def domain_kpi(kpi: Kpi) -> DomainKpi:
    """The domain view of a KPI row (without measurements)."""
    return DomainKpi(**{name: getattr(kpi, name) for name in KPI_FIELDS})


def domain_cost(cost: CostItem) -> OneTimeCost | RecurringCost:
    """The domain view of a cost row."""
    if cost.kind == CostKind.ONE_TIME:
        return OneTimeCost(cost.amount, cost.start_date)
    return RecurringCost(cost.amount, cost.start_date, cost.end_date)


@dataclass(frozen=True)
class _Dialect:
    """The few date and number expressions the two measurement queries need, per database."""

    period: str  # first day of the measurement's frequency period (week, month, quarter)
    end_month: str  # first day of the month that holds that period's last day
    quarter: str  # first day of the measurement's quarter
    day: str  # the measurement's date
    value: str  # the value as the database adds it up exactly
    text: Callable[[str], str]  # one of the dates above as ISO text
    to_decimal: Callable[[Any], Decimal]  # a value (or a sum of them) back as a Decimal


def _dialect() -> _Dialect:
    if connection.vendor == "postgresql":
        day = "m.measured_on::timestamp"
        # Partitions and groups on the dates themselves; text only for the few rows returned.
        return _Dialect(
            period=f"date_trunc(k.frequency, {day})",
            end_month=(
                f"date_trunc('month', date_trunc(k.frequency, {day}) + CASE k.frequency "
                "WHEN 'week' THEN interval '6 days' WHEN 'quarter' THEN interval '2 months' "
                "ELSE interval '0 days' END)"
            ),
            quarter=f"date_trunc('quarter', {day})",
            day="m.measured_on",
            value="m.value",
            text=lambda expression: f"{expression}::date::text",
            to_decimal=lambda value: value,
        )
    # SQLite keeps decimals as floating point and Django reads them back rounded to their
    # places; as integers of the smallest place they add up exactly (as far as those reads).
    places = Measurement._meta.get_field("value").decimal_places
    month_in_quarter = "((CAST(strftime('%%m', m.measured_on) AS INTEGER) - 1) %% 3)"
    return _Dialect(
        period=(
            "CASE k.frequency WHEN 'week' THEN date(m.measured_on, 'weekday 0', '-6 days') "
            "WHEN 'month' THEN date(m.measured_on, 'start of month') "
            f"ELSE date(m.measured_on, 'start of month', '-' || {month_in_quarter} || ' months') "
            "END"
        ),
        end_month=(
            "CASE k.frequency WHEN 'week' THEN date(m.measured_on, 'weekday 0', 'start of month') "
            "WHEN 'month' THEN date(m.measured_on, 'start of month') "
            "ELSE date(m.measured_on, 'start of month', "
            f"'+' || (2 - {month_in_quarter}) || ' months') END"
        ),
        quarter=f"date(m.measured_on, 'start of month', '-' || {month_in_quarter} || ' months')",
        day="date(m.measured_on)",
        value=f"CAST(ROUND(m.value * {10**places}) AS INTEGER)",
        text=lambda expression: expression,
        to_decimal=lambda value: Decimal(value).scaleb(-places),
    )


def _kpi_month_totals(ids: Sequence[int]) -> dict[int, list[KpiMonthTotal]]:
    """Per valued KPI: (month, sum, count) of the latest values of its frequency periods.

    The latest measurement of each frequency period on or after the baseline date, counted in
    the month that holds the period's last day (metrics.domain.kpi.realised_kpi_benefits).
    """
    sql = _dialect()
    measurement, kpi = Measurement._meta.db_table, Kpi._meta.db_table
    within, params = among_sql("k.initiative_id", ids)
    # Only the models' table names and this module's expressions are formatted in.
    query = (
        f"SELECT r.kpi_id, {sql.text('r.month')}, SUM(r.value), COUNT(*) FROM ("  # noqa: S608
        f"SELECT m.kpi_id, {sql.end_month} AS month, {sql.value} AS value, "
        f"ROW_NUMBER() OVER (PARTITION BY m.kpi_id, {sql.period} "
        "ORDER BY m.measured_on DESC) AS latest "
        f"FROM {measurement} m JOIN {kpi} k ON k.id = m.kpi_id "
        f"WHERE {within} AND k.value_per_unit IS NOT NULL "
        "AND m.measured_on >= k.baseline_date"
        ") r WHERE r.latest = 1 GROUP BY r.kpi_id, r.month"
    )
    parse, to_decimal = date.fromisoformat, sql.to_decimal
    totals: dict[int, list[KpiMonthTotal]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for kpi_id, month, total, count in cursor.fetchall():
            totals[kpi_id].append((parse(month), to_decimal(total), count))
    return totals


def _kpi_quarter_latest(ids: Sequence[int]) -> dict[int, dict[date, tuple[date, Decimal]]]:
    """Per KPI: the latest measurement (day, value) of every quarter that has one."""
    sql = _dialect()
    measurement, kpi = Measurement._meta.db_table, Kpi._meta.db_table
    within, params = among_sql("k.initiative_id", ids)
    query = (
        f"SELECT r.kpi_id, {sql.text('r.quarter')}, {sql.text('r.day')}, r.value FROM ("  # noqa: S608
        f"SELECT m.kpi_id, {sql.quarter} AS quarter, {sql.day} AS day, {sql.value} AS value, "
        f"ROW_NUMBER() OVER (PARTITION BY m.kpi_id, {sql.quarter} "
        "ORDER BY m.measured_on DESC) AS latest "
        f"FROM {measurement} m JOIN {kpi} k ON k.id = m.kpi_id "
        f"WHERE {within}"
        ") r WHERE r.latest = 1"
    )
    parse, to_decimal = date.fromisoformat, sql.to_decimal
    latest: dict[int, dict[date, tuple[date, Decimal]]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for kpi_id, quarter, day, value in cursor.fetchall():
            latest[kpi_id][parse(quarter)] = (parse(day), to_decimal(value))
    return latest


def roi_inputs(initiative_ids: Iterable[int]) -> dict[int, RoiInputs]:
    """Load the ROI inputs of many initiatives in five queries, whatever their measurements."""
    ids = list(initiative_ids)
    inputs: dict[int, RoiInputs] = {pk: RoiInputs() for pk in ids}
    if not ids:
        return inputs
    for initiative_id, kind, amount, start, end in CostItem.objects.filter(
        initiative_id__in=among(ids)
    ).values_list("initiative_id", "kind", "amount", "start_date", "end_date"):
        if kind == CostKind.ONE_TIME:
            inputs[initiative_id].costs.append(OneTimeCost(amount, start))
        else:
            inputs[initiative_id].costs.append(RecurringCost(amount, start, end))
    for initiative_id, amount, start, end in Benefit.objects.filter(
        initiative_id__in=among(ids)
    ).values_list("initiative_id", "amount", "start_date", "end_date"):
        benefit = DirectBenefit(amount, start) if end is None else SpreadBenefit(amount, start, end)
        inputs[initiative_id].benefits.append(benefit)
    totals = _kpi_month_totals(ids)
    by_quarter = _kpi_quarter_latest(ids)
    kpis = (
        Kpi.objects.filter(initiative_id__in=among(ids))
        .order_by("initiative_id", "name", "id")
        .values_list("pk", "initiative_id", "name", *KPI_FIELDS)
    )
    for pk, initiative_id, name, *values in kpis:
        try:
            model = DomainKpi(**dict(zip(KPI_FIELDS, values, strict=True)))
        except ValueError:
            # Rows older than the service's checks; the KPI page shows the problem.
            logger.warning("KPI %s is inconsistent and left out of the ROI", pk)
            continue
        target = inputs[initiative_id]
        target.kpi_rows.append(KpiRow(pk, name, model, by_quarter.get(pk, {})))
        if model.value_per_unit is not None:
            target.kpis.append(model)
            add_months(target.realised_kpi, realised_kpi_total_months(model, totals[pk]))
    return inputs
