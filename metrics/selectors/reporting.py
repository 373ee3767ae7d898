"""Reads for the quarterly report and the dashboard: stored ROI snapshots and KPI statuses.

Everything here reads what `metrics.services.roi.roi_recompute` stored (figures rounded once,
verdicts and KPI tracks judged once), and sums, counts and sorts in the database, so a page
makes the same few queries at 50 and at 10,000 initiatives. Each function takes the
initiatives in view (`scope`, a queryset; None means every initiative, as in the quarterly
report), so the report, the dashboard and the metrics pages agree to the cent.

Where the initiatives in view are every initiative, or those of one department and/or stage
(`Slice`), the sums and counts come from the rollups the database keeps per quarter,
department and stage (metrics.rollups): a few dozen rows at any size. A queryset scope (a team
lead's initiatives) sums the stored rows of its initiatives.

The stored rows run without gaps from each initiative's first cost, benefit or KPI baseline to
the quarter of the last recompute, so "the figures of a quarter" are the rows of that quarter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When

from core.money import ZERO
from initiatives.models import Initiative
from metrics.choices import SnapshotKind
from metrics.domain.progress import KpiTrack, Verdict
from metrics.models import KpiQuarterStatus, KpiRollup, RoiRollup, RoiSnapshot


@dataclass(frozen=True)
class Slice:
    """Every initiative, or those of one department and/or one stage."""

    department_id: int | None = None
    stage: str = ""

    def filters(self, prefix: str = "") -> dict[str, Any]:
        """The slice as lookups, from a model whose `prefix` leads to the initiative."""
        lookups: dict[str, Any] = {}
        if self.department_id is not None:
            lookups[f"{prefix}department_id"] = self.department_id
        if self.stage:
            lookups[f"{prefix}stage"] = self.stage
        return lookups

    def initiatives(self) -> QuerySet[Initiative]:
        """The initiatives of the slice."""
        return Initiative.objects.filter(**self.filters())


# None: every initiative; a Slice: read from the rollups; a queryset: those initiatives.
Scope: TypeAlias = "QuerySet[Initiative] | Slice | None"

INITIATIVE_COLUMNS = (
    "initiative_id",
    "initiative__title",
    "initiative__stage",
    "initiative__department__name",
    "initiative__owner__first_name",
    "initiative__owner__last_name",
    "initiative__owner__username",
)
SNAPSHOT_COLUMNS = (
    "costs",
    "benefits",
    "net",
    "cumulative_costs",
    "cumulative_benefits",
    "cumulative_net",
    "cumulative_roi",
    "planned_cumulative_benefits",
    "planned_cumulative_roi",
    "payback_month",
    "verdict",
    "verdict_reasons",
    "plan_share",
    "kpis_off_track",
)
# Orders the report and the dashboard use, by name, so callers never pass raw field names.
INITIATIVE_ORDERS = {
    "department": ("initiative__department__name", "initiative__title", "initiative_id"),
    "net": ("-cumulative_net", "initiative__title", "initiative_id"),
    "investment": ("-cumulative_costs", "initiative__title", "initiative_id"),
}


def _in_scope(rows: QuerySet[Any], scope: Scope) -> QuerySet[Any]:
    if scope is None:
        return rows
    if isinstance(scope, Slice):
        return rows.filter(**scope.filters("initiative__"))
    return rows.filter(initiative__in=scope.values("pk"))


def _rollup(model: type[RoiRollup] | type[KpiRollup], scope: Scope) -> QuerySet[Any] | None:
    """The rollup rows of the scope, or None when the scope is a set of initiatives."""
    if scope is None:
        scope = Slice()
    if not isinstance(scope, Slice):
        return None
    return model.objects.filter(**scope.filters())


def _snapshots(scope: Scope) -> QuerySet[RoiSnapshot]:
    return _in_scope(RoiSnapshot.objects.all(), scope)


def _quarter(quarter_start: datetime.date, scope: Scope) -> QuerySet[Any]:
    """The realised rows of one quarter: one per initiative with figures by then."""
    return _snapshots(scope).filter(kind=SnapshotKind.REALISED, period_start=quarter_start)


def _realised(scope: Scope) -> QuerySet[Any]:
    """The realised rows of the scope: rollups of a slice, else its initiatives' snapshots."""
    rollup = _rollup(RoiRollup, scope)
    return rollup if rollup is not None else _snapshots(scope).filter(kind=SnapshotKind.REALISED)


def roi_totals(start: datetime.date, end: datetime.date, scope: Scope) -> tuple[Decimal, Decimal]:
    """Realised costs and benefits of the quarters starting from start to end, summed."""
    agg = (
        _realised(scope)
        .filter(period_start__gte=start, period_start__lte=end)
        .aggregate(costs=Sum("costs"), benefits=Sum("benefits"))
    )
    return agg["costs"] or ZERO, agg["benefits"] or ZERO


def roi_quarterly_series(
    first_start: datetime.date, last_start: datetime.date, scope: Scope
) -> dict[datetime.date, dict[str, Any]]:
    """Realised costs and benefits per quarter start, summed over the initiatives (one query)."""
    return {
        row["period_start"]: row
        for row in _realised(scope)
        .filter(period_start__gte=first_start, period_start__lte=last_start)
        .values("period_start")
        .annotate(costs=Sum("costs"), benefits=Sum("benefits"))
        .order_by("period_start")
    }


def roi_position(quarter_start: datetime.date, scope: Scope) -> dict[str, Any]:
    """Cumulative costs and benefits at a quarter, summed, and the initiatives per verdict.

    One aggregate query: the sums of the stored (rounded) figures, so the total and the rows of
    the report's appendix agree to the cent.
    """
    rollup = _rollup(RoiRollup, scope)
    if rollup is not None:
        agg = rollup.filter(period_start=quarter_start).aggregate(
            costs=Sum("cumulative_costs"),
            benefits=Sum("cumulative_benefits"),
            initiatives=Sum("initiatives"),
            **{verdict.value: Sum(verdict.value) for verdict in Verdict},
        )
    else:
        agg = _quarter(quarter_start, scope).aggregate(
            costs=Sum("cumulative_costs"),
            benefits=Sum("cumulative_benefits"),
            initiatives=Count("pk"),
            **{verdict.value: Count("pk", filter=Q(verdict=verdict.value)) for verdict in Verdict},
        )
    agg["costs"] = agg["costs"] or ZERO
    agg["benefits"] = agg["benefits"] or ZERO
    for key in ("initiatives", *(verdict.value for verdict in Verdict)):
        agg[key] = agg[key] or 0
    return agg


def roi_initiative_rows(
    quarter_start: datetime.date,
    scope: Scope,
    *,
    order: str = "department",
    limit: int | None = None,
    verdict: str | None = None,
) -> list[dict[str, Any]]:
    """Each initiative's figures at a quarter with its title, stage, department and owner.

    Sorted in the database (`order`: department, net or investment) and cut to `limit` rows
    there, so the dashboard's top fifteen never load ten thousand rows.
    """
    rows = _quarter(quarter_start, scope)
    if verdict is not None:
        rows = rows.filter(verdict=verdict)
    rows = rows.order_by(*INITIATIVE_ORDERS[order]).values(*INITIATIVE_COLUMNS, *SNAPSHOT_COLUMNS)
    return list(rows if limit is None else rows[:limit])


def roi_department_rows(quarter_start: datetime.date, scope: Scope) -> list[dict[str, Any]]:
    """Cumulative costs and benefits per department at a quarter, by department name."""
    rollup = _rollup(RoiRollup, scope)
    if rollup is not None:
        rows = rollup.filter(period_start=quarter_start, initiatives__gt=0)
        name = F("department__name")
    else:
        rows, name = _quarter(quarter_start, scope), F("initiative__department__name")
    return list(
        rows.values(name=name)
        .annotate(costs=Sum("cumulative_costs"), benefits=Sum("cumulative_benefits"))
        .order_by("name")
    )


def _statuses(quarter_start: datetime.date, scope: Scope) -> QuerySet[KpiQuarterStatus]:
    return _in_scope(KpiQuarterStatus.objects.filter(period_start=quarter_start), scope)


def kpi_track_counts(quarter_start: datetime.date, scope: Scope) -> dict[str, int]:
    """How many KPIs are on track, at risk, off track or without measurements at a quarter."""
    counts = dict.fromkeys((track.value for track in KpiTrack), 0)
    rollup = _rollup(KpiRollup, scope)
    rows = (
        _statuses(quarter_start, scope).values("track").annotate(n=Count("pk"))
        if rollup is None
        else rollup.filter(period_start=quarter_start).values("track").annotate(n=Sum("kpis"))
    )
    for row in rows.order_by():
        counts[row["track"]] += row["n"] or 0
    return counts


KPI_COLUMNS = (
    "initiative_id",
    "kpi_id",
    "kpi__name",
    "kpi__unit",
    "latest_value",
    "latest_on",
    "planned_value",
    "target_value",
    "progress",
    "track",
)


def kpi_status_rows(
    quarter_start: datetime.date,
    scope: Scope,
    *,
    tracks: tuple[str, ...] | None = None,
    limit: int | None = None,
    worst_first: bool = False,
) -> list[dict[str, Any]]:
    """KPIs at a quarter: off track first, then at risk, then the rest, each by name.

    `worst_first` (with `tracks`): in the order of the tracks given, each furthest behind its
    plan first (lowest progress), one query per track read in the order of an index and cut
    to `limit` there, so the dashboard never sorts fifty thousand rows.
    """
    rows = _statuses(quarter_start, scope)
    if worst_first and tracks is not None:
        found: list[dict[str, Any]] = []
        for track in tracks:
            part = (
                rows.filter(track=track)
                .order_by(F("progress").asc(nulls_last=True), "kpi_id")
                .values(*KPI_COLUMNS)
            )
            found += part if limit is None else part[:limit]
        return found if limit is None else found[:limit]
    if tracks is not None:
        rows = rows.filter(track__in=tracks)
    urgency = Case(
        When(track=KpiTrack.OFF_TRACK, then=Value(0)),
        When(track=KpiTrack.AT_RISK, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    ordered = rows.order_by(urgency, "kpi__name", "kpi_id").values(*KPI_COLUMNS)
    return list(ordered if limit is None else ordered[:limit])
