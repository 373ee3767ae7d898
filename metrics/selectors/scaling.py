"""Reads for scaling: the scaling metrics of DESIGN.md section 3."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from core.periods import Period, PeriodKind
from initiatives.models import Department, Initiative
from metrics import rules
from metrics.domain.scaling import (
    InitiativeState,
    Ratio,
    UsageTrend,
    breadth,
    depth,
    diversity,
    sustainability,
)
from metrics.models import AdoptionRecord
from metrics.selectors.reporting import roi_totals


@dataclass(frozen=True)
class DepartmentAdoption:
    """One department's depth and sustainability for the latest month."""

    department: Department
    depth: Ratio
    trend: UsageTrend


@dataclass(frozen=True)
class ScalingOverview:
    """Breadth, depth, diversity, impact and sustainability across the organisation."""

    month: Period | None
    breadth: Ratio
    diversity: int
    impact: Decimal | None
    impact_period: Period
    departments: list[DepartmentAdoption]


def scaling_overview(
    *, user: Any, today: date | None = None, with_impact: bool = True
) -> ScalingOverview:
    """Scaling metrics in five queries, whatever the number of departments, initiatives or
    records.

    Impact is money, so it is None for roles that do not see financial figures, and for callers
    that show it from their own figures (`with_impact=False`: one query fewer).
    """
    today = today or timezone.localdate()
    departments = list(Department.objects.order_by("name"))
    # One state per department and stage, with how many initiatives it stands for.
    states = [
        InitiativeState((row["department_id"], row["stage"]), row["department_id"],
                        row["stage"], row["n"])
        for row in Initiative.objects.values("department_id", "stage")
        .annotate(n=Count("*"))
        .order_by()
    ]  # fmt: skip
    latest = AdoptionRecord.objects.aggregate(latest=Max("month"))["latest"]
    month = Period.containing(PeriodKind.MONTH, latest) if latest else None
    usage: dict[int, dict[Period, int]] = {}
    if month is not None:
        first = month.previous().previous()
        for department_id, on, users in AdoptionRecord.objects.filter(
            month__gte=first.start, month__lte=month.end
        ).values_list("department_id", "month", "active_users"):
            usage.setdefault(department_id, {})[Period.containing(PeriodKind.MONTH, on)] = users
    latest_users = {
        department_id: by_month.get(month, 0)
        for department_id, by_month in usage.items()
        if month is not None
    }
    depths = depth({d.pk: d.headcount for d in departments}, latest_users)
    rows = [
        DepartmentAdoption(
            department=d,
            depth=depths[d.pk],
            trend=sustainability(usage.get(d.pk, {}), month)
            if month
            else UsageTrend("unknown", None, None, None),  # type: ignore[arg-type]
        )
        for d in departments
    ]
    impact_period = Period.containing(PeriodKind.QUARTER, today).previous()
    impact = None
    if with_impact and rules.can_view_financials(user):
        impact = roi_totals(impact_period.start, impact_period.start, None)[1]
    return ScalingOverview(
        month=month,
        breadth=breadth([d.pk for d in departments], states),
        diversity=diversity(states),
        impact=impact,
        impact_period=impact_period,
        departments=rows,
    )
