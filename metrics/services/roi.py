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
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.money import round_money
from metrics.choices import CostKind, SnapshotKind
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Direction as DomainDirection
from metrics.domain.kpi import Frequency as DomainFrequency
from metrics.domain.kpi import Kpi as DomainKpi
from metrics.domain.kpi import Measurement as DomainMeasurement
from metrics.domain.roi import Grain, RoiComparison, RoiResult, compare_planned_realised
from metrics.models import Benefit, CostItem, Kpi, Measurement, RoiSnapshot, RoiState

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
class RoiInputs:
    """Everything one initiative's ROI depends on, as domain objects."""

    costs: list[OneTimeCost | RecurringCost] = field(default_factory=list)
    benefits: list[DirectBenefit | SpreadBenefit] = field(default_factory=list)
    kpis: list[DomainKpi] = field(default_factory=list)

    def first_date(self) -> date | None:
        """The first day anything counts: a cost, a benefit or a valued KPI's baseline."""
        days = [c.on if isinstance(c, OneTimeCost) else c.start for c in self.costs]
        days += [b.on if isinstance(b, DirectBenefit) else b.start for b in self.benefits]
        days += [k.baseline_date for k in self.kpis]
        return min(days, default=None)


def roi_inputs(initiative_ids: Iterable[int]) -> dict[int, RoiInputs]:
    """Load costs, benefits and valued KPIs with measurements of many initiatives: four queries."""
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
    # KPIs without a money value per unit yield no benefit, so their measurements are not read.
    kpis = list(Kpi.objects.filter(initiative_id__in=ids, value_per_unit__isnull=False))
    values: dict[int, list[DomainMeasurement]] = defaultdict(list)
    rows = (
        Measurement.objects.filter(kpi__initiative_id__in=ids, kpi__value_per_unit__isnull=False)
        .order_by("kpi_id", "measured_on", "id")
        .values_list("kpi_id", "value", "measured_on")
    )
    for kpi_id, value, measured_on in rows.iterator(chunk_size=10_000):
        values[kpi_id].append(DomainMeasurement(value, measured_on))
    for kpi in kpis:
        try:
            inputs[kpi.initiative_id].kpis.append(domain_kpi(kpi, values.get(kpi.pk, ())))
        except ValueError:
            # Rows older than the service's checks; the KPI page shows the problem.
            logger.warning("KPI %s is inconsistent and left out of the ROI", kpi.pk)
    return inputs


def roi_compare(inputs: RoiInputs, *, grain: Grain | str, as_of: date) -> RoiComparison | None:
    """Planned and realised ROI from the first cost, benefit or baseline up to as_of."""
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
    )


def _snapshots(
    initiative_id: int, kind: str, result: RoiResult, computed_at: Any
) -> list[RoiSnapshot]:
    """Snapshot rows of one ROI result, rounded to cents only now that they are stored."""
    payback = result.payback_month
    return [
        RoiSnapshot(
            initiative_id=initiative_id,
            kind=kind,
            period_start=row.period.start,
            period_label=row.period.label,
            costs=round_money(row.costs),
            benefits=round_money(row.benefits),
            net=round_money(row.net),
            roi=row.roi,
            cumulative_costs=round_money(row.cumulative_costs),
            cumulative_benefits=round_money(row.cumulative_benefits),
            cumulative_net=round_money(row.cumulative_net),
            cumulative_roi=row.cumulative_roi,
            payback_month=payback.start if payback and payback.start <= row.period.end else None,
            computed_at=computed_at,
        )
        for row in result.rows
    ]


def roi_recompute(*, initiative_ids: Iterable[int], as_of: date | None = None) -> int:
    """Recompute and store the quarterly snapshots of the given initiatives; returns rows stored.

    Snapshots of an initiative are replaced as a whole in one transaction, so a reader never
    sees a mix of old and new quarters.
    """
    ids = list(initiative_ids)
    if not ids:
        return 0
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    snapshots: list[RoiSnapshot] = []
    paybacks: dict[int, tuple[date | None, date | None]] = {}
    for initiative_id, inputs in roi_inputs(ids).items():
        comparison = roi_compare(inputs, grain=Grain.QUARTER, as_of=as_of)
        if comparison is None:
            paybacks[initiative_id] = (None, None)
            continue
        snapshots += _snapshots(initiative_id, SnapshotKind.PLANNED, comparison.planned, now)
        snapshots += _snapshots(initiative_id, SnapshotKind.REALISED, comparison.realised, now)
        planned, realised = comparison.planned.payback_month, comparison.realised.payback_month
        paybacks[initiative_id] = (
            planned.start if planned else None,
            realised.start if realised else None,
        )
    with transaction.atomic():
        RoiSnapshot.objects.filter(initiative_id__in=ids).delete()
        RoiSnapshot.objects.bulk_create(snapshots, batch_size=2000)
        RoiState.objects.bulk_create(
            [RoiState(initiative_id=pk) for pk in ids], ignore_conflicts=True
        )
        states = list(RoiState.objects.filter(initiative_id__in=ids))
        for state in states:
            state.planned_payback_month, state.realised_payback_month = paybacks[
                state.initiative_id
            ]
            state.computed_at = now
        RoiState.objects.bulk_update(
            states, ["planned_payback_month", "realised_payback_month", "computed_at"]
        )
        RoiState.objects.filter(initiative_id__in=ids).update(runs=F("runs") + 1)
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
