"""Reads for the quarterly report and the dashboard: stored ROI snapshots and KPI statuses.

Everything here reads what `metrics.services.roi.roi_recompute` stored (figures rounded once,
verdicts and KPI tracks judged once), and sums, counts and sorts in the database, so a page
makes the same few queries at 50 and at 10,000 initiatives. Each function takes the
initiatives in view (`scope`, a queryset; None means every initiative, as in the quarterly
report), so the report, the dashboard and the metrics pages agree to the cent.

The stored rows run without gaps from each initiative's first cost, benefit or KPI baseline to
the quarter of the last recompute, so "the figures of a quarter" are the rows of that quarter.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When

from core.money import ZERO
from initiatives.models import Initiative
from metrics.choices import SnapshotKind
from metrics.domain.progress import KpiTrack, Verdict
from metrics.models import KpiQuarterStatus, RoiSnapshot

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


def _in_scope(rows: QuerySet[Any], scope: QuerySet[Initiative] | None) -> QuerySet[Any]:
    return rows if scope is None else rows.filter(initiative__in=scope.values("pk"))


def _snapshots(scope: QuerySet[Initiative] | None) -> QuerySet[RoiSnapshot]:
    return _in_scope(RoiSnapshot.objects.all(), scope)


def _quarter(quarter_start: datetime.date, scope: QuerySet[Initiative] | None) -> QuerySet[Any]:
    """The realised rows of one quarter: one per initiative with figures by then."""
    return _snapshots(scope).filter(kind=SnapshotKind.REALISED, period_start=quarter_start)


def roi_totals(
    start: datetime.date, end: datetime.date, scope: QuerySet[Initiative] | None
) -> tuple[Decimal, Decimal]:
    """Realised costs and benefits of the quarters starting from start to end, summed."""
    agg = (
        _snapshots(scope)
        .filter(kind=SnapshotKind.REALISED, period_start__gte=start, period_start__lte=end)
        .aggregate(costs=Sum("costs"), benefits=Sum("benefits"))
    )
    return agg["costs"] or ZERO, agg["benefits"] or ZERO


def roi_quarterly_series(
    first_start: datetime.date, last_start: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[datetime.date, dict[str, Any]]:
    """Realised costs and benefits per quarter start, summed over the initiatives (one query)."""
    return {
        row["period_start"]: row
        for row in _snapshots(scope)
        .filter(
            kind=SnapshotKind.REALISED, period_start__gte=first_start, period_start__lte=last_start
        )
        .values("period_start")
        .annotate(costs=Sum("costs"), benefits=Sum("benefits"))
        .order_by("period_start")
    }


def roi_position(
    quarter_start: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[str, Any]:
    """Cumulative costs and benefits at a quarter, summed, and the initiatives per verdict.

    One aggregate query: the sums of the stored (rounded) figures, so the total and the rows of
    the report's appendix agree to the cent.
    """
    verdict_counts = {
        verdict.value: Count("pk", filter=Q(verdict=verdict.value)) for verdict in Verdict
    }
    agg = _quarter(quarter_start, scope).aggregate(
        costs=Sum("cumulative_costs"),
        benefits=Sum("cumulative_benefits"),
        initiatives=Count("pk"),
        **verdict_counts,
    )
    agg["costs"] = agg["costs"] or ZERO
    agg["benefits"] = agg["benefits"] or ZERO
    return agg


def roi_initiative_rows(
    quarter_start: datetime.date,
    scope: QuerySet[Initiative] | None,
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


def roi_department_rows(
    quarter_start: datetime.date, scope: QuerySet[Initiative] | None
) -> list[dict[str, Any]]:
    """Cumulative costs and benefits per department at a quarter, by department name."""
    return list(
        _quarter(quarter_start, scope)
        .values(name=F("initiative__department__name"))
        .annotate(costs=Sum("cumulative_costs"), benefits=Sum("cumulative_benefits"))
        .order_by("name")
    )


def _statuses(
    quarter_start: datetime.date, scope: QuerySet[Initiative] | None
) -> QuerySet[KpiQuarterStatus]:
    return _in_scope(KpiQuarterStatus.objects.filter(period_start=quarter_start), scope)


def kpi_track_counts(
    quarter_start: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[str, int]:
    """How many KPIs are on track, at risk, off track or without measurements at a quarter."""
    counts = dict.fromkeys((track.value for track in KpiTrack), 0)
    for row in _statuses(quarter_start, scope).values("track").annotate(n=Count("pk")).order_by():
        counts[row["track"]] = row["n"]
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
    scope: QuerySet[Initiative] | None,
    *,
    tracks: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """KPIs at a quarter: off track first, then at risk, then the rest, each by name."""
    rows = _statuses(quarter_start, scope)
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
