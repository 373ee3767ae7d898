"""Reads for the quarterly report and the dashboard: stored ROI snapshots and KPI tracks.

These read the whole portfolio or the initiatives a caller has already put in view (`scope`, a
queryset of initiatives; None means every initiative, as in the quarterly report), so the report
and the dashboard agree to the cent with what the metrics pages show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber

from core.money import ZERO
from initiatives.models import Initiative
from metrics.domain.progress import kpi_track
from metrics.models import Kpi, Measurement, RoiSnapshot


def _snapshots(scope: QuerySet[Initiative] | None) -> QuerySet[RoiSnapshot]:
    rows = RoiSnapshot.objects.all()
    return rows if scope is None else rows.filter(initiative__in=scope.values("pk"))


@dataclass(frozen=True, slots=True)
class SnapshotFigures:
    """The cumulative figures of one stored snapshot row."""

    cumulative_costs: Decimal
    cumulative_benefits: Decimal
    payback_month: datetime.date | None


def roi_latest_per_initiative(
    kind: str, until: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[int, SnapshotFigures]:
    """Each initiative's latest snapshot of a kind on or before a quarter start (one query).

    A window function ranks each initiative's quarters; the database keeps the newest.
    """
    rows = (
        _snapshots(scope)
        .filter(kind=kind, period_start__lte=until)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("initiative_id")], order_by=F("period_start").desc()
            )
        )
        .filter(rank=1)
        .values("initiative_id", "cumulative_costs", "cumulative_benefits", "payback_month")
    )
    return {
        row["initiative_id"]: SnapshotFigures(
            row["cumulative_costs"], row["cumulative_benefits"], row["payback_month"]
        )
        for row in rows
    }


def roi_initiatives_with_figures(
    until: datetime.date, scope: QuerySet[Initiative] | None
) -> QuerySet[RoiSnapshot, Any]:
    """The ids of the initiatives with a snapshot on or before a quarter start, as a subquery:
    thousands of ids never travel as a list."""
    return _snapshots(scope).filter(period_start__lte=until).values("initiative_id")


def roi_quarter_rows(
    quarter_start: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[int, Any]:
    """The realised costs, benefits and net benefit of one quarter, per initiative."""
    return {
        row["initiative_id"]: row
        for row in _snapshots(scope)
        .filter(kind="realised", period_start=quarter_start)
        .values("initiative_id", "costs", "benefits", "net")
    }


def roi_totals(
    start: datetime.date, end: datetime.date, scope: QuerySet[Initiative] | None
) -> tuple[Decimal, Decimal]:
    """Realised costs and benefits of the quarters starting from start to end, summed."""
    agg = (
        _snapshots(scope)
        .filter(kind="realised", period_start__gte=start, period_start__lte=end)
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
        .filter(kind="realised", period_start__gte=first_start, period_start__lte=last_start)
        .values("period_start")
        .annotate(costs=Sum("costs"), benefits=Sum("benefits"))
        .order_by("period_start")
    }


def kpi_tracks(initiatives: QuerySet[Any], on: datetime.date) -> list[dict[str, Any]]:
    """Every KPI of the initiatives with its progress against plan on a date (one query)."""
    from metrics.services.roi import domain_kpi

    latest = Measurement.objects.filter(kpi=OuterRef("pk"), measured_on__lte=on).order_by(
        "-measured_on", "-id"
    )
    kpis = (
        Kpi.objects.filter(initiative__in=initiatives)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by("initiative_id", "name")
    )
    rows = []
    for kpi in kpis:
        model = domain_kpi(kpi)
        actual = model.improvement(kpi.latest_value) if kpi.latest_value is not None else None
        planned = model.improvement(model.planned_value(kpi.latest_on or on))
        track = kpi_track(actual, planned)
        rows.append(
            {
                "initiative_id": kpi.initiative_id,
                "kpi_id": kpi.pk,
                "name": kpi.name,
                "unit": kpi.unit,
                "latest_value": str(kpi.latest_value) if kpi.latest_value is not None else None,
                "latest_on": kpi.latest_on.isoformat() if kpi.latest_on else None,
                "planned_value": str(model.planned_value(kpi.latest_on or on)),
                "target_value": str(kpi.target_value),
                "progress": str(model.progress_percent(kpi.latest_value))
                if kpi.latest_value is not None
                and model.progress_percent(kpi.latest_value) is not None
                else None,
                "track": track.value,
            }
        )
    return rows
