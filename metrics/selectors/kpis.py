"""Reads of KPIs and measurements, scoped to the initiatives the person may see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.choices import Stage
from initiatives.models import Initiative
from initiatives.selectors import visible_through
from metrics.choices import Frequency
from metrics.domain.overdue import is_overdue, latest_start_due_by, next_due
from metrics.models import Kpi, Measurement

if TYPE_CHECKING:
    pass

# A measurement due within this many days shows as due; after its due day it is overdue.
DUE_SOON_DAYS = 7
# Stopped and retired initiatives are measured no more.
_ENDED_STAGES = (Stage.STOPPED, Stage.RETIRED)


def kpi_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[Kpi]:
    """KPIs the user may see; each carries its stored latest measurement and count."""
    queryset = Kpi.objects.select_related("initiative", "owner")
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return visible_through(queryset, user=user)


def kpi_owner_candidates(*, initiative: Initiative) -> QuerySet[Any]:
    """The people who may own a KPI of the initiative: its owner and its members."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(pk=initiative.owner_id) | Q(member_initiatives=initiative))
        .distinct()
        .order_by("username")
    )


def kpi_get(*, user: Any, pk: int) -> Kpi:
    """One KPI the user may see, or 404."""
    return get_object_or_404(kpi_list(user=user), pk=pk)


def measurement_list(*, user: Any, kpi: Kpi | None = None) -> QuerySet[Measurement]:
    """Measurements the user may see, newest first."""
    queryset = Measurement.objects.select_related("kpi", "kpi__initiative", "logged_by")
    if kpi is not None:
        queryset = queryset.filter(kpi=kpi)
    return visible_through(queryset, user=user, path="kpi__initiative").order_by(
        "-measured_on", "-id"
    )


def measurement_get(*, user: Any, pk: int) -> Measurement:
    """One measurement the user may see, or 404."""
    return get_object_or_404(measurement_list(user=user), pk=pk)


@dataclass(frozen=True)
class KpiStatus:
    """A KPI with what its panel row shows: latest value, progress, due date, overdue flag."""

    kpi: Kpi
    latest_value: Decimal | None
    latest_on: date | None
    due_on: date
    overdue: bool
    progress_percent: Decimal | None


def kpi_statuses(
    *, user: Any, initiative: Initiative, today: date | None = None
) -> list[KpiStatus]:
    """The initiative's KPIs with their status, in one query whatever the number of KPIs."""
    from metrics.services.roi import domain_kpi

    today = today or timezone.localdate()
    kpis = list(kpi_list(user=user, initiative=initiative).order_by("name", "id"))
    statuses = []
    for kpi in kpis:
        value, on = kpi.latest_value, kpi.latest_on
        progress = None
        if value is not None:
            try:
                progress = domain_kpi(kpi).progress_percent(value)
            except ValueError:
                progress = None
        statuses.append(
            KpiStatus(
                kpi=kpi,
                latest_value=value,
                latest_on=on,
                due_on=next_due(kpi.frequency, kpi.baseline_date, on),
                overdue=today >= kpi.baseline_date
                and is_overdue(kpi.frequency, kpi.baseline_date, on, today),
                progress_percent=progress,
            )
        )
    return statuses


@dataclass(frozen=True)
class KpiDue:
    """A KPI whose next measurement is due soon or overdue."""

    kpi: Kpi
    due_on: date
    overdue: bool


def kpis_due(
    *, user: Any, today: date, limit: int, within_days: int = DUE_SOON_DAYS
) -> list[KpiDue]:
    """The KPIs the person measures whose next measurement is due within `within_days` days
    or overdue, most overdue first: KPIs of initiatives they own or are a member of, and KPIs
    they own, of initiatives still running.

    Due and overdue follow metrics.domain.overdue (one interval after the latest measurement or
    the baseline), decided in the database: one query per frequency, each cut to `limit`.
    """
    horizon = today + timedelta(days=within_days)
    theirs = Initiative.objects.filter(Q(owner=user) | Q(members=user)).values("pk")
    kpis = (
        kpi_list(user=user)
        .filter(Q(initiative__in=theirs) | Q(owner=user))
        .exclude(initiative__stage__in=_ENDED_STAGES)
        .annotate(due_from=Coalesce("latest_on", "baseline_date"))
    )
    found = []
    for frequency in Frequency.values:
        # Within one frequency the due date grows with its start, so the database sorts by it.
        rows = kpis.filter(
            frequency=frequency, due_from__lte=latest_start_due_by(frequency, horizon)
        ).order_by("due_from", "name", "pk")[:limit]
        for kpi in rows:
            found.append(
                KpiDue(
                    kpi=kpi,
                    due_on=next_due(kpi.frequency, kpi.baseline_date, kpi.latest_on),
                    overdue=today >= kpi.baseline_date
                    and is_overdue(kpi.frequency, kpi.baseline_date, kpi.latest_on, today),
                )
            )
    found.sort(key=lambda due: (due.due_on, due.kpi.name, due.kpi.pk))
    return found[:limit]


# KPIs read per query by kpis_overdue_on: memory stays bounded whatever the number of KPIs.
OVERDUE_CHUNK_SIZE = 500


def kpis_overdue_on(
    today: date, *, chunk_size: int = OVERDUE_CHUNK_SIZE
) -> Iterator[tuple[Kpi, date]]:
    """Every KPI of a running initiative whose next measurement was due before today, with
    that due date; KPIs whose baseline date is still ahead are not measured yet.

    Overdue follows metrics.domain.overdue (today after the due date), decided in the database:
    per frequency, pages of `chunk_size` KPIs in id order, each page one query that also
    reads the initiative and the owner.
    """
    kpis = (
        Kpi.objects.select_related("initiative", "owner")
        .exclude(initiative__stage__in=_ENDED_STAGES)
        .filter(baseline_date__lte=today)
        .annotate(due_from=Coalesce("latest_on", "baseline_date"))
        .order_by("pk")
    )
    # Overdue today is due by yesterday at the latest.
    yesterday = today - timedelta(days=1)
    for frequency in Frequency.values:
        overdue = kpis.filter(
            frequency=frequency, due_from__lte=latest_start_due_by(frequency, yesterday)
        )
        after = 0
        while True:
            # Keyset pages rather than one open cursor: the caller commits between pages, and
            # a server-side cursor kept open across commits would hold its whole result.
            page = list(overdue.filter(pk__gt=after)[:chunk_size])
            for kpi in page:
                yield kpi, next_due(kpi.frequency, kpi.baseline_date, kpi.latest_on)
            if len(page) < chunk_size:
                break
            after = page[-1].pk


def kpi_status(*, user: Any, kpi: Kpi) -> KpiStatus:
    """One KPI with its status, as its initiative's KPI panel shows it."""
    return next(
        status
        for status in kpi_statuses(user=user, initiative=kpi.initiative)
        if status.kpi.pk == kpi.pk
    )


def kpi_chart(kpi: Kpi, measurements: list[Measurement]) -> dict[str, Any]:
    """A Plotly figure of baseline, target path and measurements over time."""
    points = sorted(measurements, key=lambda m: m.measured_on)
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": str(_("Plan: baseline to target")),
                "x": [kpi.baseline_date.isoformat(), kpi.target_date.isoformat()],
                "y": [float(kpi.baseline_value), float(kpi.target_value)],
                "line": {"dash": "dash", "color": "#4a5260"},
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": str(_("Measured")),
                "x": [m.measured_on.isoformat() for m in points],
                "y": [float(m.value) for m in points],
                "line": {"color": "#1f4f8f"},
            },
        ],
        "layout": {
            "margin": {"l": 50, "r": 10, "t": 30, "b": 30},
            "height": 240,
            "yaxis": {"automargin": True},
            "xaxis": {"automargin": True},
            "legend": {"orientation": "h", "x": 0, "y": 1.18},
        },
    }


def kpi_charts(*, kpis: list[Kpi]) -> dict[int, dict[str, Any]]:
    """Chart figures for several KPIs from one query of their measurements."""
    by_kpi: dict[int, list[Measurement]] = {kpi.pk: [] for kpi in kpis}
    for measurement in Measurement.objects.filter(kpi__in=list(by_kpi)).only(
        "kpi_id", "value", "measured_on"
    ):
        by_kpi[measurement.kpi_id].append(measurement)
    return {kpi.pk: kpi_chart(kpi, by_kpi[kpi.pk]) for kpi in kpis}
