"""ROI snapshots: mark an initiative as changed, and recompute its quarters with the domain engine.

Every number comes from metrics.domain (DESIGN.md section 3); this module only loads the rows,
turns them into domain objects, and stores the results rounded to cents.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, DateField, F, Q, When, Window
from django.db.models.functions import RowNumber, TruncMonth, TruncQuarter, TruncWeek
from django.utils import timezone

from core.bulk import insert_rows
from core.money import TENTH, roi_percent, round_money
from core.periods import Period, PeriodKind, periods_between
from metrics.choices import CostKind, SnapshotKind
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Direction as DomainDirection
from metrics.domain.kpi import Frequency as DomainFrequency
from metrics.domain.kpi import Kpi as DomainKpi
from metrics.domain.kpi import Measurement as DomainMeasurement
from metrics.domain.progress import InvestmentFigures, KpiTrack, judge_investment, kpi_track
from metrics.domain.roi import Grain, RoiComparison, compare_planned_realised
from metrics.models import (
    Benefit,
    CostItem,
    Kpi,
    KpiQuarterStatus,
    Measurement,
    RoiSnapshot,
    RoiState,
)

logger = logging.getLogger(__name__)

# A burst of changes (a page of quick entries, an import) waits this long and computes once.
RECOMPUTE_DELAY_SECONDS = getattr(settings, "METRICS_RECOMPUTE_DELAY_SECONDS", 2)
# A dirty flag older than this is assumed lost (broker down) and a change enqueues again.
STALE_AFTER = timedelta(minutes=10)


def domain_kpi(kpi: Kpi, measurements: Sequence[DomainMeasurement] = ()) -> DomainKpi:
    """The domain view of a KPI row."""
    return DomainKpi(
        direction=DomainDirection(kpi.direction),
        baseline_value=kpi.baseline_value,
        baseline_date=kpi.baseline_date,
        target_value=kpi.target_value,
        target_date=kpi.target_date,
        frequency=DomainFrequency(kpi.frequency),
        value_per_unit=kpi.value_per_unit,
        measurements=measurements,
    )


def domain_cost(cost: CostItem) -> OneTimeCost | RecurringCost:
    """The domain view of a cost row."""
    if cost.kind == CostKind.ONE_TIME:
        return OneTimeCost(cost.amount, cost.start_date)
    return RecurringCost(cost.amount, cost.start_date, cost.end_date)


# --- Coalesced recompute ----------------------------------------------------------------------


def _enqueue(initiative_id: int) -> None:
    """Send the recompute task; a broker outage leaves the flag for the nightly run."""
    from metrics.tasks import roi_recompute_task

    try:
        roi_recompute_task.apply_async(args=[initiative_id], countdown=RECOMPUTE_DELAY_SECONDS)
    except Exception:  # The broker being down must never turn a save into a server error.
        logger.warning("ROI of initiative %s stays dirty: queue unavailable", initiative_id)


def roi_mark_dirty(*, initiative_id: int) -> bool:
    """Flag an initiative's ROI as outdated; enqueue one recompute after commit if none is due.

    Only the change that turns the flag from clean to dirty enqueues, so a burst of changes
    enqueues once; the task clears the flag when it starts, so a change during a computation
    enqueues the next one. Returns whether a recompute was enqueued.
    """
    now = timezone.now()
    claimable = Q(dirty=False) | Q(dirty_since__lt=now - STALE_AFTER)
    updated = (
        RoiState.objects.filter(initiative_id=initiative_id)
        .filter(claimable)
        .update(dirty=True, dirty_since=now)
    )
    if not updated:
        if RoiState.objects.filter(initiative_id=initiative_id).exists():
            return False
        try:
            with transaction.atomic():
                RoiState.objects.create(initiative_id=initiative_id, dirty=True, dirty_since=now)
        except IntegrityError:
            return False
    transaction.on_commit(lambda: _enqueue(initiative_id))
    return True


def roi_claim(*, initiative_id: int) -> bool:
    """Take the pending recompute of an initiative; False when another run already took it."""
    return bool(
        RoiState.objects.filter(initiative_id=initiative_id, dirty=True).update(dirty=False)
    )


# --- Loading and computing --------------------------------------------------------------------


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
    """Everything one initiative's ROI depends on, as domain objects."""

    costs: list[OneTimeCost | RecurringCost] = field(default_factory=list)
    benefits: list[DirectBenefit | SpreadBenefit] = field(default_factory=list)
    kpis: list[DomainKpi] = field(default_factory=list)
    kpi_rows: list[KpiRow] = field(default_factory=list)

    def first_date(self) -> date | None:
        """The first day anything counts: a cost, a benefit or a valued KPI's baseline."""
        days = [c.on if isinstance(c, OneTimeCost) else c.start for c in self.costs]
        days += [b.on if isinstance(b, DirectBenefit) else b.start for b in self.benefits]
        days += [k.baseline_date for k in self.kpis]
        return min(days, default=None)


def _latest_measurements(ids: list[int]) -> Any:
    """The latest measurement of every KPI per frequency period and quarter, in one query.

    Grouping by both the KPI's own period (week, month, quarter) and the calendar quarter keeps
    a week that straddles two quarters in both; the latest per frequency period (benefits) and
    the latest per quarter (progress) are then each one of these rows. A window function keeps
    the rows in the database: millions of measurements give one row per KPI and period.
    """
    day = F("measured_on")
    period = Case(
        When(kpi__frequency="week", then=TruncWeek(day)),
        When(kpi__frequency="month", then=TruncMonth(day)),
        default=TruncQuarter(day),
        output_field=DateField(),
    )
    ranked = (
        Measurement.objects.filter(kpi__initiative_id__in=ids)
        .annotate(period=period, quarter=TruncQuarter(day, output_field=DateField()))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kpi_id"), F("period"), F("quarter")],
                order_by=[F("measured_on").desc(), F("id").desc()],
            )
        )
        .filter(rank=1)
        .order_by()
        .values_list("kpi_id", "period", "quarter", "measured_on", "value")
    )
    if connection.vendor != "postgresql":
        return ranked.iterator(chunk_size=20_000)
    # Hundreds of thousands of rows: dates travel as ISO text and are read by the C parser,
    # several times faster than the driver's date loader behind Django's converters.
    sql, params = ranked.query.sql_with_params()
    wrapped = (
        "SELECT r.col1, r.col2::date::text, r.col3::date::text, r.col4::text, r.col5 "  # noqa: S608
        f"FROM ({sql}) AS r(col1, col2, col3, col4, col5)"
    )
    parse = date.fromisoformat
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        return [
            (kpi_id, parse(period), parse(quarter), parse(day), value)
            for kpi_id, period, quarter, day, value in cursor.fetchall()
        ]


def roi_inputs(initiative_ids: Iterable[int]) -> dict[int, RoiInputs]:
    """Load costs, benefits, KPIs and their latest measurements of many initiatives (4 queries)."""
    ids = list(initiative_ids)
    inputs: dict[int, RoiInputs] = {pk: RoiInputs() for pk in ids}
    for initiative_id, kind, amount, start, end in CostItem.objects.filter(
        initiative_id__in=ids
    ).values_list("initiative_id", "kind", "amount", "start_date", "end_date"):
        if kind == CostKind.ONE_TIME:
            inputs[initiative_id].costs.append(OneTimeCost(amount, start))
        else:
            inputs[initiative_id].costs.append(RecurringCost(amount, start, end))
    for initiative_id, amount, start, end in Benefit.objects.filter(
        initiative_id__in=ids
    ).values_list("initiative_id", "amount", "start_date", "end_date"):
        benefit = DirectBenefit(amount, start) if end is None else SpreadBenefit(amount, start, end)
        inputs[initiative_id].benefits.append(benefit)
    rows: dict[int, KpiRow] = {}
    owners: dict[int, int] = {}
    by_period: dict[int, dict[date, tuple[date, Decimal]]] = defaultdict(dict)
    for kpi in Kpi.objects.filter(initiative_id__in=ids).order_by("initiative_id", "name", "id"):
        try:
            model = domain_kpi(kpi)
        except ValueError:
            # Rows older than the service's checks; the KPI page shows the problem.
            logger.warning("KPI %s is inconsistent and left out of the ROI", kpi.pk)
            continue
        rows[kpi.pk] = KpiRow(kpi.pk, kpi.name, model)
        owners[kpi.pk] = kpi.initiative_id
    for kpi_id, period, quarter, measured_on, value in _latest_measurements(ids):
        row = rows.get(kpi_id)
        if row is None:
            continue
        seen = row.by_quarter.get(quarter)
        if seen is None or measured_on > seen[0]:
            row.by_quarter[quarter] = (measured_on, value)
        if measured_on >= row.model.baseline_date and row.model.value_per_unit is not None:
            known = by_period[kpi_id].get(period)
            if known is None or measured_on > known[0]:
                by_period[kpi_id][period] = (measured_on, value)
    for kpi_id, row in rows.items():
        target = inputs[owners[kpi_id]]
        target.kpi_rows.append(row)
        if row.model.value_per_unit is None:
            continue
        latest = by_period.get(kpi_id, {})
        measurements = [DomainMeasurement(value, on) for on, value in sorted(latest.values())]
        target.kpis.append(
            DomainKpi(
                direction=row.model.direction,
                baseline_value=row.model.baseline_value,
                baseline_date=row.model.baseline_date,
                target_value=row.model.target_value,
                target_date=row.model.target_date,
                frequency=row.model.frequency,
                value_per_unit=row.model.value_per_unit,
                measurements=measurements,
            )
        )
    return inputs


def roi_compare(inputs: RoiInputs, *, grain: Grain | str, as_of: date) -> RoiComparison | None:
    """Planned and realised ROI from the first cost, benefit or baseline up to as_of.

    Realised figures of the period containing as_of count only what happened up to as_of
    (DESIGN.md section 3, "As of today"); planned figures look ahead to the period's end.
    """
    first = inputs.first_date()
    if first is None:
        return None
    return compare_planned_realised(
        grain=grain,
        start=first,
        end=max(first, as_of),
        costs=inputs.costs,
        benefits=inputs.benefits,
        kpis=inputs.kpis,
        as_of=as_of,
    )


def _quarters(first: date, last: date) -> list[Period]:
    return periods_between(PeriodKind.QUARTER, first, last)


def kpi_statuses(row: KpiRow, *, initiative_id: int, as_of: date) -> list[dict[str, Any]]:
    """The KPI's progress at the end of every quarter from its baseline to as_of (one pass)."""
    model = row.model
    statuses = []
    latest: tuple[date, Decimal] | None = None
    first = min(model.baseline_date, as_of, *row.by_quarter)
    for quarter in _quarters(first, max(first, as_of)):
        found = row.by_quarter.get(quarter.start)
        if found is not None and (latest is None or found[0] > latest[0]):
            latest = found
        on = min(quarter.end, as_of)
        planned = model.planned_value(latest[0] if latest else on)
        value = latest[1] if latest else None
        progress = model.progress_percent(value) if value is not None else None
        track = kpi_track(
            model.improvement(value) if value is not None else None, model.improvement(planned)
        )
        statuses.append(
            {
                "kpi_id": row.pk,
                "initiative_id": initiative_id,
                "period_start": quarter.start,
                "latest_value": value,
                "latest_on": latest[0] if latest else None,
                "planned_value": _kpi_value(planned),
                "target_value": model.target_value,
                "progress": progress,
                "track": track.value,
            }
        )
    return statuses


def _kpi_value(value: Decimal) -> Decimal:
    """A planned value in the column's four decimals."""
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _snapshots(
    initiative_id: int,
    comparison: RoiComparison,
    computed_at: Any,
    off_track: dict[date, list[str]],
) -> list[dict[str, Any]]:
    """Snapshot rows of a comparison, with each realised quarter's verdict.

    Sums are exact and rounded once when stored (DESIGN.md section 3): each quarter's costs and
    benefits and the cumulative sums are the exact figures rounded to cents; a net figure and
    an ROI are computed from the rounded figures beside them, so a row never disagrees with
    itself by a cent.
    """
    snapshots: list[dict[str, Any]] = []
    planned_cumulative: dict[date, tuple[Decimal, Decimal]] = {}
    for kind, result in ((SnapshotKind.PLANNED, comparison.planned),
                         (SnapshotKind.REALISED, comparison.realised)):  # fmt: skip
        payback = result.payback_month
        for row in result.rows:
            costs, benefits = round_money(row.costs), round_money(row.benefits)
            cumulative_costs = round_money(row.cumulative_costs)
            cumulative_benefits = round_money(row.cumulative_benefits)
            snapshot: dict[str, Any] = {
                "initiative_id": initiative_id,
                "kind": kind,
                "period_start": row.period.start,
                "period_label": row.period.label,
                "costs": costs,
                "benefits": benefits,
                "net": benefits - costs,
                "roi": roi_percent(benefits, costs),
                "cumulative_costs": cumulative_costs,
                "cumulative_benefits": cumulative_benefits,
                "cumulative_net": cumulative_benefits - cumulative_costs,
                "cumulative_roi": roi_percent(cumulative_benefits, cumulative_costs),
                "payback_month": payback.start
                if payback and payback.start <= row.period.end
                else None,
                "computed_at": computed_at,
            }
            if kind == SnapshotKind.PLANNED:
                planned_cumulative[row.period.start] = (cumulative_costs, cumulative_benefits)
            else:
                plan = planned_cumulative.get(row.period.start)
                names = tuple(off_track.get(row.period.start, ()))
                judgement = judge_investment(
                    InvestmentFigures(
                        realised_costs=cumulative_costs,
                        realised_benefits=cumulative_benefits,
                        planned_benefits=plan[1] if plan else None,
                        quarter_net=snapshot["net"],
                        kpis_off_track=names,
                    )
                )
                snapshot["verdict"] = judgement.verdict.value
                snapshot["verdict_reasons"] = [reason.value for reason in judgement.reasons]
                snapshot["plan_share"] = (
                    None
                    if judgement.plan_share is None
                    else (judgement.plan_share * 100).quantize(TENTH, rounding=ROUND_HALF_UP)
                )
                snapshot["kpis_off_track"] = list(judgement.kpis_off_track)
                if plan:
                    snapshot["planned_cumulative_benefits"] = plan[1]
                    snapshot["planned_cumulative_roi"] = roi_percent(plan[1], plan[0])
            snapshots.append(snapshot)
    return snapshots


def _store_paybacks(paybacks: dict[int, tuple[date | None, date | None]], now: Any) -> None:
    """Write each initiative's payback months and the run's time in one UPDATE … FROM VALUES."""
    table = connection.ops.quote_name(RoiState._meta.db_table)
    if connection.vendor != "postgresql":
        for pk, (planned, realised) in paybacks.items():
            RoiState.objects.filter(initiative_id=pk).update(
                planned_payback_month=planned,
                realised_payback_month=realised,
                computed_at=now,
                runs=F("runs") + 1,
            )
        return
    rows = ", ".join(["(%s, %s::date, %s::date)"] * len(paybacks))
    params: list[Any] = []
    for pk, (planned, realised) in paybacks.items():
        params += [pk, planned, realised]
    # Only the model's own table name and placeholders are formatted into the statement.
    sql = (
        f"UPDATE {table} AS s SET planned_payback_month = v.planned, "  # noqa: S608
        "realised_payback_month = v.realised, computed_at = %s, runs = s.runs + 1 "
        f"FROM (VALUES {rows}) AS v(initiative_id, planned, realised) "
        "WHERE s.initiative_id = v.initiative_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, *params])


def roi_recompute(*, initiative_ids: Iterable[int], as_of: date | None = None) -> int:
    """Recompute and store the quarterly snapshots and KPI statuses of the given initiatives.

    Everything is loaded in a fixed number of queries, computed in one pass per initiative and
    written back in one transaction, so a reader never sees a mix of old and new quarters.
    Returns the number of snapshot rows stored.
    """
    ids = list(initiative_ids)
    if not ids:
        return 0
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    snapshots: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []
    paybacks: dict[int, tuple[date | None, date | None]] = {}
    for initiative_id, inputs in roi_inputs(ids).items():
        off_track: dict[date, list[str]] = defaultdict(list)
        for row in inputs.kpi_rows:
            for status in kpi_statuses(row, initiative_id=initiative_id, as_of=as_of):
                statuses.append(status)
                if status["track"] == KpiTrack.OFF_TRACK:
                    off_track[status["period_start"]].append(row.name)
        comparison = roi_compare(inputs, grain=Grain.QUARTER, as_of=as_of)
        if comparison is None:
            paybacks[initiative_id] = (None, None)
            continue
        snapshots += _snapshots(initiative_id, comparison, now, off_track)
        planned, realised = comparison.planned.payback_month, comparison.realised.payback_month
        paybacks[initiative_id] = (
            planned.start if planned else None,
            realised.start if realised else None,
        )
    with transaction.atomic():
        RoiSnapshot.objects.filter(initiative_id__in=ids).delete()
        KpiQuarterStatus.objects.filter(initiative_id__in=ids).delete()
        insert_rows(RoiSnapshot, snapshots)
        insert_rows(KpiQuarterStatus, statuses)
        RoiState.objects.bulk_create(
            [RoiState(initiative_id=pk) for pk in ids], ignore_conflicts=True
        )
        _store_paybacks(paybacks, now)
    return len(snapshots)


def roi_recompute_all(*, as_of: date | None = None, chunk: int = 500) -> int:
    """Recompute every initiative that has costs, benefits or KPIs; the nightly run."""
    from initiatives.models import Initiative

    ids = list(
        Initiative.objects.filter(
            Q(cost_items__isnull=False)
            | Q(benefits__isnull=False)
            | Q(kpis__isnull=False)
            | Q(roi_snapshots__isnull=False)
        )
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    total = 0
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        # The nightly run covers whatever a lost task left dirty.
        RoiState.objects.filter(initiative_id__in=part).update(dirty=False)
        total += roi_recompute(initiative_ids=part, as_of=as_of)
    return total


def roi_live(
    initiative_id: int, *, grain: Grain | str, as_of: date | None = None
) -> RoiComparison | None:
    """Planned and realised ROI computed now at any grain (month, quarter, year), not stored."""
    inputs = roi_inputs([initiative_id])[initiative_id]
    return roi_compare(inputs, grain=grain, as_of=as_of or timezone.localdate())
