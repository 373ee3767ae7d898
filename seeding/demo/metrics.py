"""Demo KPIs, measurements, costs, benefits and adoption for the seeded initiatives."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.roles import ROLE_GROUP_NAMES, Role
from initiatives.models import Department, Initiative
from metrics.choices import CostCategory, CostKind, Frequency, MeasurementSource
from metrics.domain.overdue import add_interval
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement
from metrics.services.kpis import kpi_refresh_latest
from metrics.services.roi import roi_recompute

SEEDED_STAGES = ("pilot", "scaling", "production", "retired")


@dataclass(frozen=True)
class KpiTemplate:
    """A believable KPI: name, category, unit, direction, baseline, target."""

    name: str
    category: str
    unit: str
    direction: str
    baseline: Decimal
    target: Decimal
    kind: str = "operational"


TEMPLATES: tuple[KpiTemplate, ...] = (
    KpiTemplate(
        "Handling time per case", "efficiency", "minutes", "lower", Decimal(24), Decimal(15)
    ),
    KpiTemplate(
        "Cases closed per FTE per day", "efficiency", "cases", "higher", Decimal(38), Decimal(52)
    ),
    KpiTemplate(
        "Cost per invoice", "cost", "EUR", "lower", Decimal("4.80"), Decimal("2.90"), "business"
    ),
    KpiTemplate("First-time-right rate", "quality", "%", "higher", Decimal(71), Decimal(88)),
    KpiTemplate(
        "Customer satisfaction (CSAT)",
        "quality",
        "points",
        "higher",
        Decimal("7.1"),
        Decimal("8.0"),
        "business",
    ),
    KpiTemplate("Weekly active users", "adoption", "users", "higher", Decimal(20), Decimal(180)),
    KpiTemplate(
        "Employee satisfaction with tooling",
        "employee_satisfaction",
        "points",
        "higher",
        Decimal("6.2"),
        Decimal("7.5"),
    ),
    KpiTemplate("Response time", "efficiency", "hours", "lower", Decimal(30), Decimal(8)),
)

# How far each kind of initiative gets towards its targets, and how much its KPIs are worth
# against its costs: some pay off, some are on track, some need adjusting.
PROFILES = {
    "pays_off": {"reach": Decimal("1.05"), "worth": Decimal("2.6")},
    "on_track": {"reach": Decimal("0.97"), "worth": Decimal("1.1")},
    "behind": {"reach": Decimal("0.30"), "worth": Decimal("0.9")},
}


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _finance_person() -> Any:
    return (
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUP_NAMES[Role.FINANCE])
        .order_by("pk")
        .first()
    )


@transaction.atomic
def seed_metrics(*, rng: random.Random, today: date | None = None) -> None:
    """Give every initiative in pilot or later KPIs with 12–24 months of data, costs, benefits
    and adoption, then compute its ROI snapshots. Deterministic for a given rng; safe to rerun
    (the metrics of seeded initiatives are replaced)."""
    today = today or timezone.localdate()
    finance = _finance_person()
    initiatives = list(
        Initiative.objects.filter(stage__in=SEEDED_STAGES).select_related("owner").order_by("pk")
    )
    ids = [initiative.pk for initiative in initiatives]
    Kpi.objects.filter(initiative_id__in=ids).delete()
    CostItem.objects.filter(initiative_id__in=ids).delete()
    Benefit.objects.filter(initiative_id__in=ids).delete()
    profiles = [list(PROFILES)[index % 3] for index in range(len(initiatives))]
    rng.shuffle(profiles)
    kpis: list[Kpi] = []
    costs: list[CostItem] = []
    benefits: list[Benefit] = []
    pending: list[tuple[Kpi, str, int]] = []
    for initiative, profile in zip(initiatives, profiles, strict=True):
        months = rng.randint(12, 24)
        start = _months_back(today, months)
        development = _money(rng.randrange(60_000, 220_000, 5_000))
        monthly = _money(rng.randrange(1_500, 7_500, 250))
        costs += [
            CostItem(initiative=initiative, kind=CostKind.ONE_TIME, category=CostCategory.DEVELOPMENT,
                     description="Build and integration", amount=development, start_date=start),
            CostItem(initiative=initiative, kind=CostKind.ONE_TIME, category=CostCategory.TRAINING,
                     description="Training for the pilot teams", amount=_money(rng.randrange(5_000, 25_000, 500)),
                     start_date=start + timedelta(days=20)),
            CostItem(initiative=initiative, kind=CostKind.RECURRING,
                     category=rng.choice([CostCategory.LICENCES, CostCategory.CLOUD]),
                     description="Platform", amount=monthly, start_date=start,
                     end_date=_months_back(start, -36) - timedelta(days=1)),
            CostItem(initiative=initiative, kind=CostKind.RECURRING, category=CostCategory.SUPPORT,
                     description="Support and maintenance", amount=_money(monthly * Decimal("0.3")),
                     start_date=start + timedelta(days=60), end_date=_months_back(start, -24) - timedelta(days=1)),
        ]  # fmt: skip
        if profile == "pays_off":
            benefits.append(
                Benefit(initiative=initiative, description="Avoided temporary staff",
                        amount=_money(rng.randrange(20_000, 80_000, 1_000)),
                        start_date=start + timedelta(days=90), end_date=start + timedelta(days=270))
            )  # fmt: skip
        monthly_cost = monthly * Decimal("1.3") + development / 24
        for position, template in enumerate(rng.sample(TEMPLATES, rng.randint(1, 3))):
            distance = abs(template.target - template.baseline)
            worth = PROFILES[profile]["worth"]
            kpi = Kpi(
                initiative=initiative,
                name=template.name,
                kind=template.kind,
                category=template.category,
                unit=template.unit,
                direction=template.direction,
                baseline_value=template.baseline,
                baseline_date=start,
                target_value=template.target,
                target_date=_months_back(start, -12),
                frequency=Frequency.MONTH,
                owner=initiative.owner,
                # The first KPI carries the money; the others are tracked for quality.
                value_per_unit=_money(monthly_cost * worth / distance) if position == 0 else None,
            )
            kpis.append(kpi)
            pending.append((kpi, profile, months))
    bulk_create_with_history(costs, CostItem, default_user=finance)
    bulk_create_with_history(benefits, Benefit, default_user=finance)
    bulk_create_with_history(kpis, Kpi, default_user=None)
    measurements: list[Measurement] = []
    for kpi, profile, months in pending:
        reach = PROFILES[profile]["reach"]
        step = kpi.target_value - kpi.baseline_value
        day = add_interval(kpi.baseline_date, Frequency.MONTH) - timedelta(days=rng.randint(1, 5))
        elapsed = 1
        # A month or two without a value now and then; the last month may be overdue.
        while day <= today:
            progress = min(Decimal(1), Decimal(elapsed) / 12) * reach
            noise = Decimal(rng.uniform(-0.06, 0.06)).quantize(Decimal("0.0001"))
            value = kpi.baseline_value + step * (progress + noise)
            if rng.random() > 0.08:
                measurements.append(
                    Measurement(kpi=kpi, value=value.quantize(Decimal("0.01")), measured_on=day,
                                logged_by=kpi.initiative.owner, source=MeasurementSource.DEMO,
                                note="" if rng.random() > 0.2 else "After process change")
                )  # fmt: skip
            elapsed += 1
            day = add_interval(_month_start(day), Frequency.MONTH) + timedelta(
                days=rng.randint(24, 27)
            )
            if elapsed > months + 1:
                break
    bulk_create_with_history(measurements, Measurement, batch_size=2000)
    kpi_refresh_latest(kpi_ids=[kpi.pk for kpi in kpis])
    _seed_adoption(rng=rng, today=today)
    roi_recompute(initiative_ids=ids, as_of=today)


def _seed_adoption(*, rng: random.Random, today: date) -> None:
    """Twelve months of active users per department: growing, flat or declining."""
    records = []
    last = _month_start(today)
    for department in Department.objects.order_by("pk"):
        trend = rng.choice([Decimal("1.08"), Decimal("1.0"), Decimal("0.94")])
        users = Decimal(department.headcount) * Decimal(rng.uniform(0.05, 0.25))
        for back in range(11, -1, -1):
            month = _months_back(last, back)
            users = users * trend * Decimal(rng.uniform(0.98, 1.02))
            records.append(
                AdoptionRecord(department=department, month=month,
                               active_users=min(department.headcount, int(users)))
            )  # fmt: skip
    AdoptionRecord.objects.filter(month__gte=_months_back(last, 11)).delete()
    bulk_create_with_history(records, AdoptionRecord)
