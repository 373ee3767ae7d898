"""Reads of costs, benefits and ROI: only for roles that show money (403 for the others)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.money import round_money
from core.periods import Period
from initiatives.choices import Stage
from initiatives.models import Initiative
from initiatives.selectors import visible_through
from metrics.choices import CostCategory
from metrics.domain.costs import OneTimeCost, RecurringCost, costs_between
from metrics.models import Benefit, CostItem, Kpi, RoiSnapshot, RoiState
from metrics.selectors.scope import initiative_list, require_financial_view

_Money = TypeVar("_Money", CostItem, Benefit)


def _money_rows(queryset: QuerySet[_Money], *, user: Any, initiative: Any) -> QuerySet[_Money]:
    """Rows holding money that the user may see; 403 for roles without financial view."""
    require_financial_view(user)
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return visible_through(queryset, user=user)


def cost_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[CostItem]:
    """Cost items the user may see; 403 for roles without financial view."""
    return _money_rows(
        CostItem.objects.select_related("initiative"), user=user, initiative=initiative
    )


def cost_get(*, user: Any, pk: int) -> CostItem:
    """One cost item, or 404."""
    return get_object_or_404(cost_list(user=user), pk=pk)


def benefit_list(*, user: Any, initiative: Initiative | None = None) -> QuerySet[Benefit]:
    """Direct benefits the user may see; 403 for roles without financial view."""
    return _money_rows(
        Benefit.objects.select_related("initiative"), user=user, initiative=initiative
    )


def benefit_get(*, user: Any, pk: int) -> Benefit:
    """One benefit, or 404."""
    return get_object_or_404(benefit_list(user=user), pk=pk)


# Costs that grow with seats or usage when a pilot scales; the rest is treated as fixed.
VARIABLE_CATEGORIES = frozenset({CostCategory.LICENCES, CostCategory.CLOUD})


def pilot_cost_split(*, initiative: Initiative, as_of: date | None = None) -> dict[str, Any]:
    """The last twelve months of costs, split into variable (licences, cloud) and fixed."""
    from metrics.services.roi import domain_cost

    as_of = as_of or timezone.localdate()
    start = as_of - timedelta(days=364)
    variable: list[OneTimeCost | RecurringCost] = []
    fixed: list[OneTimeCost | RecurringCost] = []
    for cost in CostItem.objects.filter(initiative=initiative):
        (variable if cost.category in VARIABLE_CATEGORIES else fixed).append(domain_cost(cost))
    return {
        "fixed": round_money(costs_between(fixed, start, as_of)),
        "variable": round_money(costs_between(variable, start, as_of)),
        "start": start,
        "end": as_of,
    }


def financial_overview(*, user: Any) -> QuerySet[Initiative]:
    """Initiatives with their number of cost items and latest realised cumulative figures.

    Everything is aggregated in the database, so the page makes the same number of queries
    whatever the number of initiatives.
    """
    require_financial_view(user)
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


# Initiatives that spend and earn money every quarter: finance expects their figures.
RUNNING_STAGES = (Stage.PILOT, Stage.SCALING, Stage.PRODUCTION)


def _touching(period: Period) -> Q:
    """Entries on a date in the period, or over a range that overlaps it."""
    return Q(start_date__lte=period.end) & (
        Q(start_date__gte=period.start) | Q(end_date__gte=period.start)
    )


def initiatives_missing_financials(*, user: Any, period: Period) -> QuerySet[Initiative]:
    """Initiatives in pilot, scaling or production without costs or without benefits in the
    period; each says which (`has_costs`, `has_benefits`).

    A cost or benefit counts when it falls on a date in the period or runs over part of it. A
    KPI valued in money that was last measured in the period counts as a benefit, since its
    benefit is derived from that measurement (DESIGN.md section 3).
    """
    require_financial_view(user)
    costs = CostItem.objects.filter(_touching(period), initiative=OuterRef("pk"))
    benefits = Benefit.objects.filter(_touching(period), initiative=OuterRef("pk"))
    valued = Kpi.objects.filter(
        initiative=OuterRef("pk"),
        value_per_unit__isnull=False,
        latest_on__gte=period.start,
        latest_on__lte=period.end,
    )
    return (
        initiative_list(user=user)
        .filter(stage__in=RUNNING_STAGES)
        .annotate(has_costs=Exists(costs), has_benefits=Exists(benefits) | Exists(valued))
        .filter(Q(has_costs=False) | Q(has_benefits=False))
        .order_by("department__name", "title", "pk")
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


def _figures(source: Any) -> dict[str, Any]:
    """Planned or realised figures of one period, rounded to cents for showing."""
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
    from metrics.services.roi import roi_live

    require_financial_view(user)
    state = RoiState.objects.filter(initiative=initiative).first()
    periods: list[dict[str, Any]] = []
    if grain == "quarter":
        summary = roi_summary_for(initiative)
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
