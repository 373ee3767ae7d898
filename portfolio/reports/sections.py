"""Report and dashboard sections that read the metrics and governance apps."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q

from governance.domain.risk import HIGH_FROM
from governance.models import AISystem, Review, Risk
from initiatives.choices import Stage
from initiatives.models import Initiative
from metrics.selectors import scaling_overview

# Initiatives past the proof of concept must be in the AI register.
PAST_PROOF_OF_CONCEPT = (Stage.PILOT, Stage.SCALING, Stage.PRODUCTION)
OPEN_RISK_STATUSES = ("open", "mitigating")


def _ratio(part: int, whole: int) -> str | None:
    return None if whole == 0 else str(round(part * 100 / whole, 1))


def scaling_section(*, actor: Any, on: datetime.date) -> dict[str, Any]:
    """Breadth, depth, diversity and sustainability as plain JSON."""
    overview = scaling_overview(user=actor, today=on)
    return {
        "month": overview.month.label if overview.month else None,
        "breadth": {
            "departments_using": overview.breadth.numerator,
            "departments": overview.breadth.denominator,
            "percent": _ratio(overview.breadth.numerator, overview.breadth.denominator),
        },
        "diversity": overview.diversity,
        "departments": [
            {
                "name": row.department.name,
                "headcount": row.department.headcount,
                "active_users": row.depth.numerator,
                "depth_percent": _ratio(row.depth.numerator, row.depth.denominator),
                "trend": str(row.trend.trend),
                "change_percent": str(row.trend.change_percent)
                if row.trend.change_percent is not None
                else None,
            }
            for row in overview.departments
        ],
    }


def governance_section(*, on: datetime.date, initiatives: Any = None) -> dict[str, Any]:
    """Register coverage, high-risk systems, overdue reviews and open high risks on a date."""
    scope = initiatives if initiatives is not None else Initiative.objects.all()
    coverage = scope.filter(stage__in=PAST_PROOF_OF_CONCEPT).aggregate(
        total=Count("pk", distinct=True),
        registered=Count("pk", filter=Q(ai_systems__isnull=False), distinct=True),
    )
    systems_qs = AISystem.objects.exclude(status="retired")
    reviews = Review.objects.all()
    risks = Risk.objects.all()
    if initiatives is not None:
        # A person's or a filter's view: only systems linked to the initiatives in view.
        linked = AISystem.objects.filter(initiatives__in=scope.values("pk")).values("pk")
        systems_qs = systems_qs.filter(pk__in=linked)
        reviews = reviews.filter(system__in=linked)
        risks = risks.filter(system__in=linked)
    systems = systems_qs.aggregate(
        total=Count("pk"),
        high=Count("pk", filter=Q(risk_class="high")),
        prohibited=Count("pk", filter=Q(risk_class="prohibited")),
        unclassified=Count("pk", filter=Q(risk_class="unclassified")),
        approved=Count("pk", filter=Q(approval_status="approved")),
    )
    overdue = reviews.filter(completed_on__isnull=True, due_date__lt=on).count()
    open_high = risks.filter(status__in=OPEN_RISK_STATUSES, score__gte=HIGH_FROM).count()
    return {
        "register_coverage": {
            "registered": coverage["registered"],
            "initiatives": coverage["total"],
            "percent": _ratio(coverage["registered"], coverage["total"]),
        },
        "systems": systems["total"],
        "high_risk_systems": systems["high"],
        "prohibited_systems": systems["prohibited"],
        "unclassified_systems": systems["unclassified"],
        "approved_systems": systems["approved"],
        "overdue_reviews": overdue,
        "open_high_risks": open_high,
    }
