"""Demo KPIs, measurements, costs, benefits and adoption for the seeded initiatives.

Texts are written in the active language (the seed command's --language); the numbers do not
depend on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from core.roles import ROLE_GROUP_NAMES, Role
from initiatives.choices import Stage
from initiatives.models import Department, Initiative, Pilot, StageChange
from metrics.choices import CostCategory, CostKind, Frequency, MeasurementSource
from metrics.domain.overdue import add_interval
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement
from metrics.services.kpis import kpi_refresh_latest
from metrics.services.roi import roi_recompute
from seeding.demo.kpis import DOMAIN_KPIS, FALLBACK_KPIS, SHARED_KPIS, KpiTemplate

SEEDED_STAGES = ("pilot", "scaling", "production", "retired")


# How far each kind of initiative gets towards its targets, and how much its KPIs are worth
# against its costs: some pay off, some are on track, some need adjusting.
PROFILES = {
    "pays_off": {"reach": Decimal("1.1"), "worth": Decimal("3.4")},
    "on_track": {"reach": Decimal("1.08"), "worth": Decimal("1.3")},
    "behind": {"reach": Decimal("0.30"), "worth": Decimal("0.9")},
}


# Live initiatives mostly paid off; pilots are young, on track or behind.
_PROFILE_CHOICES: dict[str, tuple[str, ...]] = {
    "production": ("pays_off", "pays_off", "on_track"),
    "retired": ("pays_off", "behind"),
    "scaling": ("pays_off", "on_track", "behind"),
    "pilot": ("on_track", "on_track", "behind"),
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


@dataclass(frozen=True)
class _Life:
    """When an initiative's figures begin and end, from its stage history."""

    built: date  # development starts: entering proof of concept
    start: date  # baseline measured and costs running: the pilot's start
    scaled_on: date | None  # the roll-out's implementation: entering scaling
    end: date  # measured up to: today, or the day it was retired
    retired_on: date | None


def _lives(initiatives: list[Initiative], *, today: date, rng: random.Random) -> dict[int, _Life]:
    """Each initiative's figures follow its history: built in its proof of concept, measured
    from its pilot's start, until today or its retirement. An initiative without a history
    (built by hand, not by the demo) gets 12–24 months up to today."""
    ids = [initiative.pk for initiative in initiatives]
    entered: dict[tuple[int, str], date] = {}
    for change in StageChange.objects.filter(initiative_id__in=ids).order_by("changed_at"):
        entered.setdefault(
            (change.initiative_id, change.to_stage), timezone.localdate(change.changed_at)
        )
    pilots: dict[int, date] = {}
    for pilot in Pilot.objects.filter(initiative_id__in=ids).order_by("start_date"):
        pilots.setdefault(pilot.initiative_id, pilot.start_date)
    lives = {}
    for initiative in initiatives:
        start = pilots.get(initiative.pk) or entered.get((initiative.pk, Stage.PILOT))
        if start is None:
            start = _months_back(today, rng.randint(12, 24))
        built = entered.get((initiative.pk, Stage.PROOF_OF_CONCEPT), start)
        retired_on = entered.get((initiative.pk, Stage.RETIRED))
        lives[initiative.pk] = _Life(
            built=min(built, start), start=start, scaled_on=entered.get((initiative.pk, Stage.SCALING)),
            end=min(today, retired_on or today), retired_on=retired_on,
        )  # fmt: skip
    return lives


def _templates(
    initiative: Initiative, rng: random.Random, domain: dict[str, tuple[KpiTemplate, ...]]
) -> list[KpiTemplate]:
    """The use case's own KPIs (the first carries the money), perhaps one shared KPI beside,
    with name and unit in the active language."""
    own = domain.get(initiative.title)
    if own is None:
        chosen = rng.sample(FALLBACK_KPIS, rng.randint(1, 3))
    else:
        extra = rng.sample([*own[1:], *SHARED_KPIS], rng.randint(1, min(2, len(own))))
        chosen = [own[0], *extra]
    return [replace(t, name=gettext(t.name), unit=gettext(t.unit)) for t in chosen]


def _number(value: Decimal) -> str:
    """A KPI figure as written in the active language, without trailing zeros: 3.5, 3,5."""
    return f"{value.normalize():f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _criteria(templates: list[KpiTemplate]) -> str:
    targets = "; ".join(
        gettext("%(kpi)s from %(baseline)s to %(target)s %(unit)s")
        % {
            "kpi": t.name,
            "baseline": _number(t.baseline),
            "target": _number(t.target),
            "unit": t.unit,
        }
        for t in templates
    )
    return gettext("%(targets)s. Quality at least as good as before; users willing to keep it.") % {
        "targets": targets
    }


@transaction.atomic
def seed_metrics(*, rng: random.Random, today: date | None = None) -> None:
    """Give every initiative in pilot or later KPIs of its own use case, measured from its
    pilot's start, with costs, benefits and adoption, then compute its ROI snapshots.
    Deterministic for a given rng; safe to rerun (the metrics of seeded initiatives are
    replaced)."""
    today = today or timezone.localdate()
    finance = _finance_person()
    initiatives = list(
        Initiative.objects.filter(stage__in=SEEDED_STAGES).select_related("owner").order_by("pk")
    )
    ids = [initiative.pk for initiative in initiatives]
    Kpi.objects.filter(initiative_id__in=ids).delete()
    CostItem.objects.filter(initiative_id__in=ids).delete()
    Benefit.objects.filter(initiative_id__in=ids).delete()
    profiles = [rng.choice(_PROFILE_CHOICES[initiative.stage]) for initiative in initiatives]
    lives = _lives(initiatives, today=today, rng=rng)
    kpis: list[Kpi] = []
    costs: list[CostItem] = []
    benefits: list[Benefit] = []
    pending: list[tuple[Kpi, str, date]] = []
    # The initiatives carry their titles in the seed's language.
    domain = {gettext(title): templates for title, templates in DOMAIN_KPIS.items()}
    for initiative, profile in zip(initiatives, profiles, strict=True):
        life = lives[initiative.pk]
        start, end = life.start, life.end
        development = _money(rng.randrange(60_000, 220_000, 5_000))
        monthly = _money(rng.randrange(1_500, 7_500, 250))
        support_start = start + timedelta(days=60)
        # The proof of concept and pilot build a third; the roll-out at scaling costs the rest
        # (an initiative without a history pays it all up front).
        built_share = (
            _money(development / 3) if life.scaled_on or life.built != start else development
        )
        if life.scaled_on:
            costs.append(
                CostItem(initiative=initiative, kind=CostKind.ONE_TIME, category=CostCategory.IMPLEMENTATION,
                         description=gettext("Roll-out to the target departments"), amount=development - built_share,
                         start_date=life.scaled_on)
            )  # fmt: skip
        costs += [
            CostItem(initiative=initiative, kind=CostKind.ONE_TIME, category=CostCategory.DEVELOPMENT,
                     description=gettext("Build and integration"), amount=built_share, start_date=life.built),
            CostItem(initiative=initiative, kind=CostKind.ONE_TIME, category=CostCategory.TRAINING,
                     description=gettext("Training for the pilot teams"), amount=_money(rng.randrange(5_000, 25_000, 500)),
                     start_date=start + timedelta(days=20)),
            CostItem(initiative=initiative, kind=CostKind.RECURRING,
                     category=rng.choice([CostCategory.LICENCES, CostCategory.CLOUD]),
                     description=gettext("Platform"), amount=monthly, start_date=start,
                     end_date=_until(_months_back(start, -36) - timedelta(days=1), life)),
        ]  # fmt: skip
        if support_start < end:
            costs.append(
                CostItem(initiative=initiative, kind=CostKind.RECURRING, category=CostCategory.SUPPORT,
                         description=gettext("Support and maintenance"), amount=_money(monthly * Decimal("0.3")),
                         start_date=support_start,
                         end_date=_until(_months_back(start, -24) - timedelta(days=1), life))
            )  # fmt: skip
        avoided_from = start + timedelta(days=90)
        if profile == "pays_off" and avoided_from < end:
            benefits.append(
                Benefit(initiative=initiative, description=gettext("Avoided temporary staff"),
                        amount=_money(rng.randrange(20_000, 80_000, 1_000)),
                        start_date=avoided_from, end_date=min(start + timedelta(days=270), end))
            )  # fmt: skip
        monthly_cost = monthly * Decimal("1.3") + development / 24
        templates = _templates(initiative, rng, domain)
        Pilot.objects.filter(initiative=initiative).update(success_criteria=_criteria(templates))
        for position, template in enumerate(templates):
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
            pending.append((kpi, profile, end))
    bulk_create_with_history(costs, CostItem, default_user=finance)
    bulk_create_with_history(benefits, Benefit, default_user=finance)
    bulk_create_with_history(kpis, Kpi, default_user=None)
    measurements: list[Measurement] = []
    after_change = gettext("After process change")
    for kpi, profile, end in pending:
        reach = PROFILES[profile]["reach"]
        step = kpi.target_value - kpi.baseline_value
        day = add_interval(kpi.baseline_date, Frequency.MONTH) - timedelta(days=rng.randint(1, 5))
        elapsed = 1
        # A month or two without a value now and then; the last month may be overdue.
        while day <= end:
            progress = min(Decimal(1), Decimal(elapsed) / 12) * reach
            noise = Decimal(rng.uniform(-0.06, 0.06)).quantize(Decimal("0.0001"))
            value = kpi.baseline_value + step * (progress + noise)
            if rng.random() > 0.08:
                measurements.append(
                    Measurement(kpi=kpi, value=value.quantize(Decimal("0.01")), measured_on=day,
                                logged_by=kpi.initiative.owner, source=MeasurementSource.DEMO,
                                note="" if rng.random() > 0.2 else after_change)
                )  # fmt: skip
            elapsed += 1
            day = add_interval(_month_start(day), Frequency.MONTH) + timedelta(
                days=rng.randint(24, 27)
            )
    bulk_create_with_history(measurements, Measurement, batch_size=2000)
    kpi_refresh_latest(kpi_ids=[kpi.pk for kpi in kpis])
    _seed_adoption(rng=rng, today=today)
    roi_recompute(initiative_ids=ids, as_of=today)


def _until(planned_end: date, life: _Life) -> date:
    """A recurring cost runs to its planned end, or stops when the initiative is retired."""
    return min(planned_end, life.retired_on) if life.retired_on else planned_end


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
