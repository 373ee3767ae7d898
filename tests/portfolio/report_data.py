"""A portfolio for report layout tests: long names and eight-digit amounts, stored as snapshots."""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from core.periods import Period, PeriodKind
from initiatives.choices import BuildType, Stage
from initiatives.models import Department, Initiative
from metrics.models import RoiSnapshot

QUARTERS = 8
LONG_TITLE = (
    "Automated multilingual classification and routing of incoming customer correspondence "
    "for the regional service centres, phase {n}"
)
LONG_DEPARTMENT = "Customer Operations, Contact Centres and Regional Service Delivery {n}"


def build_report_portfolio(size: int, owner) -> list[Period]:  # type: ignore[no-untyped-def]
    """`size` initiatives with eight quarters of planned and realised figures; the quarters."""
    rng = random.Random(size)
    departments = [
        Department.objects.create(name=LONG_DEPARTMENT.format(n=i), code=f"long{i}", headcount=500)
        for i in range(6)
    ]
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=LONG_TITLE.format(n=n),
            problem="Letters are sorted by hand.",
            department=departments[n % len(departments)],
            owner=owner,
            build_type=BuildType.CUSTOM,
            business_value=4,
            technical_feasibility=3,
            implementation_effort=3,
            strategic_alignment=3,
            priority_score=60,
            priority_band="medium",
            stage=rng.choice([Stage.PILOT, Stage.SCALING, Stage.PRODUCTION]),
        )
        for n in range(size)
    )
    quarters = [Period.containing(PeriodKind.QUARTER, timezone.localdate())]
    for _ in range(QUARTERS - 1):
        quarters.insert(0, quarters[0].previous())
    now = timezone.now()
    rows = []
    for initiative in initiatives:
        for kind in ("planned", "realised"):
            cum_costs = cum_benefits = Decimal(0)
            for quarter in quarters:
                # Up to eight digits before the cents, the widest amount a column must hold.
                costs = Decimal(rng.randrange(1_000_000, 99_999_999)) / 10 + Decimal("0.99")
                benefits = Decimal(rng.randrange(0, 99_999_999)) / 10 + Decimal("0.01")
                cum_costs += costs
                cum_benefits += benefits
                rows.append(
                    RoiSnapshot(
                        initiative=initiative, kind=kind, period_start=quarter.start,
                        period_label=quarter.label, costs=costs, benefits=benefits,
                        net=benefits - costs, roi=None, cumulative_costs=cum_costs,
                        cumulative_benefits=cum_benefits, cumulative_net=cum_benefits - cum_costs,
                        cumulative_roi=None, computed_at=now,
                    )
                )  # fmt: skip
    RoiSnapshot.objects.bulk_create(rows, batch_size=5000)
    return quarters
