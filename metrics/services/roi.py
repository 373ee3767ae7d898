"""ROI snapshots: mark an initiative as changed, and recompute its quarters with the domain engine.

Every number comes from metrics.domain (DESIGN.md section 3); this module loads each batch of
initiatives set-based (metrics.services.roi_inputs), runs the engine on each initiative's small
monthly series, and stores the results rounded to cents, set-based as well.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.bulk import among, sync_rows
from core.money import TENTH, roi_percent, round_money
from metrics.choices import SnapshotKind
from metrics.domain.progress import (
    InvestmentFigures,
    KpiTrack,
    QuarterProgress,
    judge_investment,
    kpi_progress_by_quarter,
)
from metrics.domain.roi import Grain, RoiComparison, compare_planned_realised
from metrics.models import Benefit, CostItem, Kpi, KpiQuarterStatus, RoiSnapshot, RoiState
from metrics.services.roi_inputs import (
    KpiRow,
    RoiInputs,
    domain_cost,
    domain_kpi,
    roi_inputs,
)

logger = logging.getLogger(__name__)

# A burst of changes (a page of quick entries, an import) waits this long and computes once.
RECOMPUTE_DELAY_SECONDS = getattr(settings, "METRICS_RECOMPUTE_DELAY_SECONDS", 2)
# A dirty flag older than this is assumed lost (broker down) and a change enqueues again.
STALE_AFTER = timedelta(minutes=10)

# domain_cost and domain_kpi are read from here by the selectors.
__all__ = [
    "domain_cost",
    "domain_kpi",
    "roi_claim",
    "roi_compare",
    "roi_inputs",
    "roi_live",
    "roi_mark_dirty",
    "roi_recompute",
    "roi_recompute_all",
]


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


# --- Computing -------------------------------------------------------------------------------


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
        realised_kpi=inputs.realised_kpi,
    )


# The stored columns, in the order the rows below are built.
SNAPSHOT_FIELDS = (
    "initiative_id", "kind", "period_start", "period_label", "costs", "benefits", "net", "roi",
    "cumulative_costs", "cumulative_benefits", "cumulative_net", "cumulative_roi",
    "payback_month", "verdict", "verdict_reasons", "plan_share", "kpis_off_track",
    "planned_cumulative_benefits", "planned_cumulative_roi", "computed_at",
)  # fmt: skip
STATUS_FIELDS = ("kpi_id", "initiative_id", "period_start", "latest_value", "latest_on",
                 "planned_value", "target_value", "progress", "track")  # fmt: skip
KPI_VALUE_PLACES = Decimal("0.0001")


def _status_rows(
    row: KpiRow, progress: list[QuarterProgress], initiative_id: int
) -> list[tuple[Any, ...]]:
    """Stored rows of a KPI's quarters; planned values in the column's four decimals."""
    target = row.model.target_value
    rows = []
    planned: Decimal | None = None
    stored = target
    for quarter, on, value, plan, share, track in progress:
        # Quarters without a newer measurement carry the same plan on: round it once.
        if plan is not planned:
            planned, stored = plan, plan.quantize(KPI_VALUE_PLACES, rounding=ROUND_HALF_UP)
        rows.append(
            (row.pk, initiative_id, quarter.start, value, on, stored, target, share, track.value)
        )
    return rows


def _snapshots(
    initiative_id: int,
    comparison: RoiComparison,
    computed_at: Any,
    off_track: dict[date, list[str]],
) -> list[tuple[Any, ...]]:
    """Snapshot rows of a comparison, with each realised quarter's verdict.

    Sums are exact and rounded once when stored (DESIGN.md section 3): each quarter's costs and
    benefits and the cumulative sums are the exact figures rounded to cents; a net figure and
    an ROI are computed from the rounded figures beside them, so a row never disagrees with
    itself by a cent.
    """
    snapshots: list[tuple[Any, ...]] = []
    planned_cumulative: dict[date, tuple[Decimal, Decimal]] = {}
    for kind, result in ((SnapshotKind.PLANNED, comparison.planned),
                         (SnapshotKind.REALISED, comparison.realised)):  # fmt: skip
        payback = result.payback_month
        for row in result.rows:
            period = row.period
            costs, benefits = round_money(row.costs), round_money(row.benefits)
            cumulative_costs = round_money(row.cumulative_costs)
            cumulative_benefits = round_money(row.cumulative_benefits)
            figures = (
                initiative_id, kind.value, period.start, period.label, costs, benefits,
                benefits - costs, roi_percent(benefits, costs), cumulative_costs,
                cumulative_benefits, cumulative_benefits - cumulative_costs,
                roi_percent(cumulative_benefits, cumulative_costs),
                payback.start if payback and payback.start <= period.end else None,
            )  # fmt: skip
            if kind == SnapshotKind.PLANNED:
                planned_cumulative[period.start] = (cumulative_costs, cumulative_benefits)
                snapshots.append((*figures, "", [], None, [], None, None, computed_at))
                continue
            plan = planned_cumulative.get(period.start)
            judgement = judge_investment(
                InvestmentFigures(
                    realised_costs=cumulative_costs,
                    realised_benefits=cumulative_benefits,
                    planned_benefits=plan[1] if plan else None,
                    quarter_net=benefits - costs,
                    kpis_off_track=tuple(off_track.get(period.start, ())),
                )
            )
            share = judgement.plan_share
            snapshots.append(
                (
                    *figures,
                    judgement.verdict.value,
                    [reason.value for reason in judgement.reasons],
                    None if share is None else (share * 100).quantize(TENTH, ROUND_HALF_UP),
                    list(judgement.kpis_off_track),
                    plan[1] if plan else None,
                    roi_percent(plan[1], plan[0]) if plan else None,
                    computed_at,
                )
            )
    return snapshots


# --- Storing ---------------------------------------------------------------------------------


def _store_paybacks(paybacks: dict[int, tuple[date | None, date | None]], now: Any) -> None:
    """Each initiative's payback months and the run's time, in one upsert of its ROI state."""
    if not paybacks:
        return
    table = connection.ops.quote_name(RoiState._meta.db_table)
    if connection.vendor == "postgresql":
        rows = (
            "SELECT i, false, 1, p, r, %s "
            "FROM unnest(%s::bigint[], %s::date[], %s::date[]) AS v(i, p, r)"
        )
        planned, realised = zip(*paybacks.values(), strict=True)
        params: list[Any] = [now, list(paybacks), list(planned), list(realised)]
    else:
        rows = "VALUES " + ", ".join(["(%s, false, 1, %s, %s, %s)"] * len(paybacks))
        stamp = connection.ops.adapt_datetimefield_value(now)
        params = [value for pk, (p, r) in paybacks.items() for value in (pk, p, r, stamp)]
    # Only the model's own table name and placeholders are formatted into the statement; a
    # change during the run keeps its dirty flag, so the next run still comes.
    sql = (
        f"INSERT INTO {table} (initiative_id, dirty, runs, planned_payback_month, "
        f"realised_payback_month, computed_at) {rows} "
        "ON CONFLICT (initiative_id) DO UPDATE SET "
        "planned_payback_month = excluded.planned_payback_month, "
        "realised_payback_month = excluded.realised_payback_month, "
        f"computed_at = excluded.computed_at, runs = {table}.runs + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def roi_recompute(*, initiative_ids: Iterable[int], as_of: date | None = None) -> int:
    """Recompute and store the quarterly snapshots and KPI statuses of the given initiatives.

    Everything is loaded in a fixed number of queries, computed in one pass per initiative and
    written back set-based in one transaction, so a reader never sees a mix of old and new
    quarters. A stored row whose figures come out the same is left as it is (its computed_at
    is when its figures last changed; the initiative's RoiState says when it was last run).
    Returns the number of snapshot rows computed.
    """
    ids = list(initiative_ids)
    if not ids:
        return 0
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    snapshots: list[tuple[Any, ...]] = []
    statuses: list[tuple[Any, ...]] = []
    paybacks: dict[int, tuple[date | None, date | None]] = {}
    for initiative_id, inputs in roi_inputs(ids).items():
        off_track: dict[date, list[str]] = defaultdict(list)
        for row in inputs.kpi_rows:
            progress = kpi_progress_by_quarter(row.model, row.by_quarter, as_of)
            statuses += _status_rows(row, progress, initiative_id)
            for quarter in progress:
                if quarter.track is KpiTrack.OFF_TRACK:
                    off_track[quarter.quarter.start].append(row.name)
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
        sync_rows(
            RoiSnapshot,
            SNAPSHOT_FIELDS,
            snapshots,
            keys=("initiative_id", "kind", "period_start"),
            scope="initiative_id",
            scope_ids=ids,
            not_a_change=("computed_at",),
        )
        sync_rows(
            KpiQuarterStatus,
            STATUS_FIELDS,
            statuses,
            keys=("kpi_id", "period_start"),
            scope="initiative_id",
            scope_ids=ids,
        )
        _store_paybacks(paybacks, now)
    return len(snapshots)


def roi_recompute_all(*, as_of: date | None = None, chunk: int = 2_000) -> int:
    """Recompute every initiative that has costs, benefits or KPIs; the nightly run."""
    # One union of the four tables' initiative columns: joining all four to the initiatives
    # multiplies their rows before the distinct.
    owners = [
        model.objects.order_by().values_list("initiative_id", flat=True)
        for model in (CostItem, Benefit, Kpi, RoiSnapshot)
    ]
    ids = sorted(owners[0].union(*owners[1:]))
    total = 0
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        # The nightly run covers whatever a lost task left dirty.
        RoiState.objects.filter(initiative_id__in=among(part), dirty=True).update(dirty=False)
        total += roi_recompute(initiative_ids=part, as_of=as_of)
    return total


def roi_live(
    initiative_id: int, *, grain: Grain | str, as_of: date | None = None
) -> RoiComparison | None:
    """Planned and realised ROI computed now at any grain (month, quarter, year), not stored."""
    inputs = roi_inputs([initiative_id])[initiative_id]
    return roi_compare(inputs, grain=grain, as_of=as_of or timezone.localdate())
