"""Reads of the metrics app, scoped to the person asking (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import Cap, scope_to_user
from initiatives.models import Department, Initiative
from metrics.domain.overdue import is_overdue, next_due
from metrics.models import (
    AdoptionRecord,
    Benefit,
    CostItem,
    Kpi,
    Measurement,
    RoiSnapshot,
    RoiState,
)
from metrics.rules import can_view_financials, require

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

_VIA_INITIATIVE = ("initiative__owner", "initiative__members")


class KpiAnnotations(TypedDict):
    """What kpi_list() adds to every KPI row."""

    last_measured: date | None
    measurement_count: int


AnnotatedKpi: TypeAlias = "WithAnnotations[Kpi, KpiAnnotations]"


def initiative_list(*, user: Any) -> QuerySet[Initiative]:
    """Initiatives the user may see."""
    return scope_to_user(
        Initiative.objects.all(),
        user,
        all_cap=Cap.VIEW_ALL_INITIATIVES,
        member_paths=("owner", "members"),
    )


def initiative_get(*, user: Any, pk: int) -> Initiative:
    """One initiative the user may see, or 404."""
    return get_object_or_404(initiative_list(user=user).select_related("department"), pk=pk)


def require_financial_view(user: Any) -> None:
    """403 for people whose role does not show money (compliance, administrators)."""
    require(can_view_financials(user), _("Your role does not show costs, benefits or ROI."))


# --- KPIs and measurements --------------------------------------------------------------------


def kpi_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[AnnotatedKpi]:
    """KPIs the user may see, each with its latest measurement date and measurement count."""
    queryset = Kpi.objects.select_related("initiative", "owner").annotate(
        last_measured=Max("measurements__measured_on"),
        measurement_count=Count("measurements"),
    )
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return scope_to_user(
        queryset, user, all_cap=Cap.VIEW_ALL_INITIATIVES, member_paths=_VIA_INITIATIVE
    )


def kpi_get(*, user: Any, pk: int) -> AnnotatedKpi:
    """One KPI the user may see, or 404."""
    return get_object_or_404(kpi_list(user=user), pk=pk)


def measurement_list(*, user: Any, kpi: Kpi | None = None) -> QuerySet[Measurement]:
    """Measurements the user may see, newest first."""
    queryset = Measurement.objects.select_related("kpi", "kpi__initiative", "logged_by")
    if kpi is not None:
        queryset = queryset.filter(kpi=kpi)
    return scope_to_user(
        queryset,
        user,
        all_cap=Cap.VIEW_ALL_INITIATIVES,
        member_paths=("kpi__initiative__owner", "kpi__initiative__members"),
    ).order_by("-measured_on", "-id")


def measurement_get(*, user: Any, pk: int) -> Measurement:
    """One measurement the user may see, or 404."""
    return get_object_or_404(measurement_list(user=user), pk=pk)


def records_history(history: QuerySet[Any], *, limit: int = 30) -> list[Any]:
    """Latest changes to a set of records (deleted ones too), each compared with its own
    previous version, so changes to different rows are never mixed up."""
    from core.history import FieldChange, HistoryEntry

    model = history.model.instance_type
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )
    changed = {record.id for record in records if record.history_type == "~"}
    versions: dict[int, list[Any]] = {}
    for version in history.model.objects.filter(id__in=changed).order_by(
        "history_date", "history_id"
    ):
        versions.setdefault(version.id, []).append(version)
    excluded = {"id", "created_at", "updated_at"}
    fields = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
    entries = []
    for record in records:
        changes: list[FieldChange] = []
        chain = versions.get(record.id, [])
        index = next((i for i, v in enumerate(chain) if v.history_id == record.history_id), 0)
        if record.history_type == "~" and index > 0:
            delta = record.diff_against(chain[index - 1], included_fields=fields)
            changes = [
                FieldChange(str(model._meta.get_field(c.field).verbose_name), c.old, c.new)
                for c in delta.changes
            ]
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries


def measurement_history(*, kpi: Kpi, limit: int = 30) -> list[Any]:
    """Latest changes to a KPI's measurements, deleted ones included."""
    return records_history(Measurement.history.filter(kpi_id=kpi.pk), limit=limit)


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
    """The initiative's KPIs with their status, in two queries whatever the number of KPIs."""
    from metrics.services.roi import domain_kpi

    today = today or timezone.localdate()
    kpis = list(kpi_list(user=user, initiative=initiative).order_by("name", "id"))
    latest: dict[int, tuple[Decimal, date]] = {}
    rows = (
        Measurement.objects.filter(kpi__in=[kpi.pk for kpi in kpis])
        .order_by("kpi_id", "-measured_on", "-id")
        .values_list("kpi_id", "value", "measured_on")
    )
    for kpi_id, measured_value, measured_on in rows.iterator():
        latest.setdefault(kpi_id, (measured_value, measured_on))
    statuses = []
    for kpi in kpis:
        value, on = latest.get(kpi.pk, (None, None))
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


# --- Costs, benefits, ROI ---------------------------------------------------------------------


def cost_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[CostItem]:
    """Cost items the user may see; 403 for roles without financial view."""
    require_financial_view(user)
    queryset = CostItem.objects.select_related("initiative")
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return scope_to_user(
        queryset, user, all_cap=Cap.VIEW_ALL_INITIATIVES, member_paths=_VIA_INITIATIVE
    )


def cost_get(*, user: Any, pk: int) -> CostItem:
    """One cost item, or 404."""
    return get_object_or_404(cost_list(user=user), pk=pk)


def benefit_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[Benefit]:
    """Direct benefits the user may see; 403 for roles without financial view."""
    require_financial_view(user)
    queryset = Benefit.objects.select_related("initiative")
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return scope_to_user(
        queryset, user, all_cap=Cap.VIEW_ALL_INITIATIVES, member_paths=_VIA_INITIATIVE
    )


def benefit_get(*, user: Any, pk: int) -> Benefit:
    """One benefit, or 404."""
    return get_object_or_404(benefit_list(user=user), pk=pk)


def financial_overview(*, user: Any) -> QuerySet[Initiative]:
    """Initiatives with their number of cost items and latest realised cumulative figures.

    Everything is aggregated in the database, so the page makes the same number of queries
    whatever the number of initiatives.
    """
    require_financial_view(user)
    from django.db.models import OuterRef, Subquery

    latest = RoiSnapshot.objects.filter(initiative=OuterRef("pk"), kind="realised").order_by(
        "-period_start"
    )
    return (
        initiative_list(user=user)
        .select_related("department", "roi_state")
        .annotate(
            cost_count=Count("cost_items", distinct=True),
            one_time_total=Sum("cost_items__amount", filter=Q(cost_items__kind="one_time")),
            cumulative_costs=Subquery(latest.values("cumulative_costs")[:1]),
            cumulative_benefits=Subquery(latest.values("cumulative_benefits")[:1]),
            cumulative_net=Subquery(latest.values("cumulative_net")[:1]),
            cumulative_roi=Subquery(latest.values("cumulative_roi")[:1]),
        )
        .order_by("title", "id")
    )


def roi_snapshots(*, user: Any, initiative: Initiative) -> QuerySet[RoiSnapshot]:
    """Stored quarterly ROI snapshots of an initiative the user may see."""
    require_financial_view(user)
    return RoiSnapshot.objects.filter(initiative=initiative).order_by("period_start", "kind")


@dataclass(frozen=True)
class RoiQuarter:
    """Planned and realised snapshot of one quarter, side by side."""

    label: str
    planned: RoiSnapshot | None
    realised: RoiSnapshot | None


@dataclass(frozen=True)
class RoiSummary:
    """What the initiative page shows about ROI."""

    quarters: list[RoiQuarter]
    state: RoiState | None

    @property
    def latest(self) -> RoiQuarter | None:
        """The most recent quarter."""
        return self.quarters[-1] if self.quarters else None

    @property
    def computed_at(self) -> Any:
        """When the figures were computed, or None."""
        return self.state.computed_at if self.state else None


def roi_summary_for(initiative: Initiative) -> RoiSummary:
    """Quarterly planned/realised snapshots and the recompute state; no permission check."""
    by_label: dict[str, dict[str, RoiSnapshot]] = {}
    for snapshot in RoiSnapshot.objects.filter(initiative=initiative).order_by("period_start"):
        by_label.setdefault(snapshot.period_label, {})[snapshot.kind] = snapshot
    quarters = [
        RoiQuarter(label, kinds.get("planned"), kinds.get("realised"))
        for label, kinds in by_label.items()
    ]
    state = RoiState.objects.filter(initiative=initiative).first()
    return RoiSummary(quarters, state)


def roi_summary(*, user: Any, initiative: Initiative) -> RoiSummary:
    """The ROI summary of an initiative the user may see; 403 without financial view."""
    require_financial_view(user)
    return roi_summary_for(initiative)


# --- Adoption ---------------------------------------------------------------------------------


def adoption_list(*, user: Any) -> QuerySet[AdoptionRecord]:
    """Adoption records; everyone who signs in may see how widely AI is used."""
    if user is None or not user.is_authenticated:
        return AdoptionRecord.objects.none()
    return AdoptionRecord.objects.select_related("department").order_by("-month", "department")


def adoption_get(*, user: Any, pk: int) -> AdoptionRecord:
    """One adoption record, or 404."""
    return get_object_or_404(adoption_list(user=user), pk=pk)


def department_list(*, user: Any) -> QuerySet[Department]:
    """Departments for adoption entry and scaling metrics."""
    return Department.objects.order_by("name")


def _figures(source: Any) -> dict[str, Any]:
    """Planned or realised figures of one period, rounded to cents for showing."""
    from core.money import round_money

    money_fields = (
        "costs",
        "benefits",
        "net",
        "cumulative_costs",
        "cumulative_benefits",
        "cumulative_net",
    )
    figures: dict[str, Any] = {name: round_money(getattr(source, name)) for name in money_fields}
    figures["roi"] = source.roi
    figures["cumulative_roi"] = source.cumulative_roi
    return figures


def roi_table(*, user: Any, initiative: Initiative, grain: str = "quarter") -> dict[str, Any]:
    """ROI per period (month, quarter or year) and cumulatively, planned beside realised.

    Quarters are the stored snapshots, the numbers that reports and dashboards read; months
    and years are computed on request by the same domain functions.
    """
    from django.conf import settings

    from metrics.services.roi import roi_live

    require_financial_view(user)
    state = RoiState.objects.filter(initiative=initiative).first()
    periods: list[dict[str, Any]] = []
    if grain == "quarter":
        summary = roi_summary_for(initiative)
        from core.periods import Period

        for quarter in summary.quarters:
            if quarter.planned is None or quarter.realised is None:
                continue
            period = Period.parse(quarter.label)
            periods.append(
                {
                    "period": quarter.label,
                    "start": period.start,
                    "end": period.end,
                    "planned": _figures(quarter.planned),
                    "realised": _figures(quarter.realised),
                }
            )
        planned_payback = state.planned_payback_month if state else None
        realised_payback = state.realised_payback_month if state else None
        computed_at = state.computed_at if state else None
    else:
        comparison = roi_live(initiative.pk, grain=grain)
        planned_payback = realised_payback = None
        computed_at = timezone.now()
        if comparison is not None:
            for planned, realised in comparison.pairs:
                periods.append(
                    {
                        "period": planned.period.label,
                        "start": planned.period.start,
                        "end": planned.period.end,
                        "planned": _figures(planned),
                        "realised": _figures(realised),
                    }
                )
            if comparison.planned.payback_month:
                planned_payback = comparison.planned.payback_month.start
            if comparison.realised.payback_month:
                realised_payback = comparison.realised.payback_month.start
    return {
        "initiative": initiative.pk,
        "grain": grain,
        "currency": settings.PORTFOLIO_CURRENCY,
        "computed_at": computed_at,
        "planned_payback_month": planned_payback.strftime("%Y-%m") if planned_payback else None,
        "realised_payback_month": realised_payback.strftime("%Y-%m") if realised_payback else None,
        "periods": periods,
    }
