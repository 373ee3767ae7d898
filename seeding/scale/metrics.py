"""The metrics phases: KPIs and their measurements, costs and benefits, adoption."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection

from initiatives.choices import Stage
from metrics.choices import CostCategory, CostKind, Direction, Frequency, MeasurementSource
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement
from metrics.services.kpis import kpi_refresh_latest
from seeding.scale.bulk import BATCH, copy_lines
from seeding.scale.catalogues import (
    BENEFITS_PER_STAGE,
    COSTS_PER_STAGE,
    FREQUENCY_CAPACITY,
    FREQUENCY_MIX,
    FREQUENCY_WEIGHT,
    HIGHER,
    KPI_TEMPLATES,
    KPI_WEIGHT,
    MEASURED_STAGES,
    ONE_TIME_CATEGORIES,
    RECURRING_CATEGORIES,
)
from seeding.scale.initiatives import InitiativeRow
from seeding.scale.people import People
from seeding.scale.sizes import ScaleError, ScaleSizes


def _share_out(total: int, weights: list[float]) -> list[int]:
    """Split total into whole parts proportional to weights that add up exactly."""
    if not weights or total == 0:
        return [0] * len(weights)
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [math.floor(r) for r in raw]
    rest = total - sum(parts)
    by_fraction = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_fraction[:rest]:
        parts[i] += 1
    return parts


@dataclass
class KpiRow:
    """A created KPI and what its measurements need: trend, achievement and the days measured."""

    pk: int
    owner_id: int
    direction: str
    frequency: str
    baseline: float
    target: float
    baseline_date: date
    target_date: date
    bounded: bool
    achievement: float
    dates: list[str]


def _period_ends(as_of: date) -> dict[str, list[date]]:
    """Measurement days counting back from as_of: Fridays, month ends and quarter ends."""
    friday = as_of - timedelta(days=(as_of.weekday() - 4) % 7)
    weeks = [friday - timedelta(weeks=i) for i in range(FREQUENCY_CAPACITY[Frequency.WEEK] + 2)]
    month_ends: list[date] = []
    day = as_of.replace(day=1) - timedelta(days=1)
    while len(month_ends) < FREQUENCY_CAPACITY[Frequency.MONTH] + 2:
        month_ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    quarter_ends = [d for d in month_ends if d.month in (3, 6, 9, 12)]
    while len(quarter_ends) < FREQUENCY_CAPACITY[Frequency.QUARTER] + 2:
        quarter_ends.append(_quarter_before(quarter_ends[-1]))
    return {Frequency.WEEK: weeks, Frequency.MONTH: month_ends, Frequency.QUARTER: quarter_ends}


def _quarter_before(quarter_end: date) -> date:
    first_of_quarter = date(quarter_end.year, quarter_end.month - 2, 1)
    return first_of_quarter - timedelta(days=1)


def create_kpis(
    rng: random.Random,
    sizes: ScaleSizes,
    initiatives: list[InitiativeRow],
    as_of: date,
) -> list[KpiRow]:
    """The KPIs, one per initiative first, the rest by stage; measurement counts fixed here."""
    if not sizes.kpis:
        return []
    # Every initiative gets one KPI before the rest is shared out by stage weight.
    first = initiatives[: sizes.kpis]
    rest = rng.choices(
        initiatives, weights=[KPI_WEIGHT[i.stage] for i in initiatives], k=sizes.kpis - len(first)
    )
    owners = list(first) + rest
    measured = [i for i, owner in enumerate(owners) if owner.stage in MEASURED_STAGES]
    if sizes.measurements and not measured:
        measured = list(range(len(owners)))
    frequencies = rng.choices(
        [f for f, _w in FREQUENCY_MIX], weights=[w for _f, w in FREQUENCY_MIX], k=len(owners)
    )
    counts = [0] * len(owners)
    if sizes.measurements:
        capacity = sum(FREQUENCY_CAPACITY[frequencies[i]] for i in measured)
        if sizes.measurements > capacity:
            raise ScaleError(
                f"{sizes.measurements:,} measurements do not fit on {len(measured):,} measured "
                f"KPIs (at most {capacity:,}: ten years each); raise --kpis."
            )
        shares = _share_out(
            sizes.measurements, [FREQUENCY_WEIGHT[frequencies[i]] for i in measured]
        )
        overflow = 0
        for i, share in zip(measured, shares, strict=True):
            cap = FREQUENCY_CAPACITY[frequencies[i]]
            counts[i] = min(share, cap)
            overflow += share - counts[i]
        for i in measured:  # hand what did not fit to KPIs with room left
            if not overflow:
                break
            room = FREQUENCY_CAPACITY[frequencies[i]] - counts[i]
            extra = min(room, overflow)
            counts[i] += extra
            overflow -= extra
    ends = _period_ends(as_of)
    names_used: dict[int, set[str]] = {}
    rows: list[Kpi] = []
    meta: list[KpiRow] = []
    for i, initiative in enumerate(owners):
        template = KPI_TEMPLATES[rng.randrange(len(KPI_TEMPLATES))]
        used = names_used.setdefault(initiative.pk, set())
        name = template.name
        number = 2
        while name in used:
            name = f"{template.name} {number}"
            number += 1
        used.add(name)
        baseline = round(rng.uniform(template.low, template.high), 2)
        gain = rng.uniform(*template.improvement)
        if template.direction == Direction.HIGHER:
            target = baseline * (1 + gain)
            if template.bounded:
                target = min(99.5, target)
        else:
            target = baseline * (1 - gain)
        target = round(target, 2)
        if target == baseline:
            target = round(baseline + (0.5 if template.direction == HIGHER else -0.5), 2)
        frequency = frequencies[i]
        count = counts[i]
        step = {Frequency.WEEK: 7, Frequency.MONTH: 30, Frequency.QUARTER: 91}[frequency]
        if count:
            # Retired and stopped initiatives stopped measuring a while ago.
            skip = rng.randint(4, 12) if initiative.stage in (Stage.RETIRED, Stage.STOPPED) else 0
            skip = min(skip, FREQUENCY_CAPACITY[frequency] - count)
            days = ends[frequency][skip : skip + count]
            baseline_date = days[-1] - timedelta(days=step)
            span = max(90, int(count * step * rng.uniform(0.7, 1.6)))
        else:
            days = []
            baseline_date = min(as_of, initiative.started + timedelta(days=rng.randint(14, 60)))
            span = rng.randint(180, 720)
        target_date = baseline_date + timedelta(days=span)
        valued = template.valued and rng.random() < 0.45
        value_per_unit = None
        if valued:
            worth = rng.uniform(1_500, 40_000)  # a full improvement per period
            value_per_unit = Decimal(f"{worth / abs(target - baseline):.2f}")
        rows.append(
            Kpi(
                initiative_id=initiative.pk,
                name=name,
                description=f"{template.name}, measured {frequency}ly against the baseline.",
                kind=template.kind,
                category=template.category,
                unit=template.unit,
                direction=template.direction,
                baseline_value=Decimal(f"{baseline:.2f}"),
                baseline_date=baseline_date,
                target_value=Decimal(f"{target:.2f}"),
                target_date=target_date,
                frequency=frequency,
                owner_id=initiative.owner_id,
                value_per_unit=value_per_unit,
            )
        )
        meta.append(
            KpiRow(
                pk=0,
                owner_id=initiative.owner_id,
                direction=template.direction,
                frequency=frequency,
                baseline=baseline,
                target=target,
                baseline_date=baseline_date,
                target_date=target_date,
                bounded=template.bounded,
                achievement=rng.uniform(0.3, 1.15),
                dates=[d.isoformat() for d in reversed(days)],
            )
        )
    created = Kpi.objects.bulk_create(rows, batch_size=BATCH)
    for kpi, row in zip(created, meta, strict=True):
        row.pk = kpi.pk
    return meta


# The columns of a COPY line, in order.
MEASUREMENT_FIELDS = ("kpi", "value", "measured_on", "note", "source", "logged_by", "created_at")


def _measurement_lines(rng: random.Random, kpis: list[KpiRow], created: str) -> Iterator[str]:
    """One COPY text line per measurement: the KPI trends to its target, with noise."""
    gauss = rng.gauss
    source = MeasurementSource.DEMO.value
    for kpi in kpis:
        if not kpi.dates:
            continue
        gap = kpi.target - kpi.baseline
        noise = abs(gap) * 0.08
        base_ordinal = kpi.baseline_date.toordinal()
        length = max(1, kpi.target_date.toordinal() - base_ordinal)
        prefix = f"{kpi.pk}\t"
        suffix = f"\t\t{source}\t{kpi.owner_id}\t{created}\n"
        floor = 0.0
        for day in kpi.dates:
            progress = min(1.1, (date.fromisoformat(day).toordinal() - base_ordinal) / length)
            value = kpi.baseline + gap * progress * kpi.achievement + gauss(0.0, noise)
            if value < floor:
                value = floor
            if kpi.bounded and value > 100:
                value = 100.0
            yield f"{prefix}{value:.2f}\t{day}{suffix}"


def create_measurements(rng: random.Random, kpis: list[KpiRow], now: datetime) -> int:
    """Every measured KPI's values, by COPY on PostgreSQL; returns how many were written."""
    lines = _measurement_lines(rng, kpis, now.isoformat())
    if connection.vendor == "postgresql":
        written = copy_lines(Measurement, MEASUREMENT_FIELDS, lines)
        _refresh_latest(kpis)
        return written
    # Small sizes on SQLite, for trying the command: the same rows through the ORM.
    total = 0
    batch: list[Measurement] = []
    for line in lines:
        kpi_id, value, day, _note, source, logged_by, _created = line.rstrip("\n").split("\t")
        batch.append(
            Measurement(
                kpi_id=int(kpi_id),
                value=Decimal(value),
                measured_on=date.fromisoformat(day),
                source=source,
                logged_by_id=int(logged_by),
            )
        )
        if len(batch) == BATCH:
            Measurement.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    Measurement.objects.bulk_create(batch)
    _refresh_latest(kpis)
    return total + len(batch)


def _refresh_latest(kpis: list[KpiRow]) -> None:
    """Store every KPI's latest value and count, as the measurement services do."""
    ids = [kpi.pk for kpi in kpis]
    for start in range(0, len(ids), BATCH):
        kpi_refresh_latest(kpi_ids=ids[start : start + BATCH])


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(f"{rng.uniform(low, high):.2f}")


def create_costs_and_benefits(
    rng: random.Random, initiatives: list[InitiativeRow], as_of: date
) -> tuple[int, int]:
    """One-time and recurring costs and direct benefits by stage; returns both counts."""
    costs: list[CostItem] = []
    benefits: list[Benefit] = []
    for initiative in initiatives:
        n = COSTS_PER_STAGE[initiative.stage]
        one_time = min(n, 1 + n // 3)
        for k in range(n):
            if k < one_time:
                category = ONE_TIME_CATEGORIES[k % len(ONE_TIME_CATEGORIES)]
                high = 450_000 if category == CostCategory.DEVELOPMENT else 80_000
                day = initiative.started + timedelta(days=rng.randint(0, 120))
                costs.append(
                    CostItem(
                        initiative_id=initiative.pk,
                        kind=CostKind.ONE_TIME,
                        category=category,
                        description=f"{category.label}",
                        amount=_money(rng, 5_000, high),
                        start_date=min(day, as_of),
                    )
                )
            else:
                category = RECURRING_CATEGORIES[k % len(RECURRING_CATEGORIES)]
                start = min(as_of, initiative.started + timedelta(days=rng.randint(30, 200)))
                end: date | None
                if initiative.stage in (Stage.RETIRED, Stage.STOPPED):
                    end = min(as_of, start + timedelta(days=rng.randint(120, 700)))
                elif rng.random() < 0.3:  # open-ended: runs until someone ends it
                    end = None
                else:  # contracts run on past today
                    end = as_of + timedelta(days=rng.randint(90, 730))
                costs.append(
                    CostItem(
                        initiative_id=initiative.pk,
                        kind=CostKind.RECURRING,
                        category=category,
                        description=f"{category.label} per month",
                        amount=_money(rng, 300, 25_000),
                        start_date=start,
                        end_date=end,
                    )
                )
        for k in range(BENEFITS_PER_STAGE.get(initiative.stage, 0)):
            start = min(as_of, initiative.started + timedelta(days=rng.randint(180, 400)))
            if k == 0:  # revenue uplift spread over a year
                benefits.append(
                    Benefit(
                        initiative_id=initiative.pk,
                        description="Revenue uplift",
                        amount=_money(rng, 20_000, 900_000),
                        start_date=start,
                        end_date=start + timedelta(days=364),
                    )
                )
            else:
                benefits.append(
                    Benefit(
                        initiative_id=initiative.pk,
                        description="Avoided external cost",
                        amount=_money(rng, 5_000, 200_000),
                        start_date=start,
                    )
                )
    CostItem.objects.bulk_create(costs, batch_size=BATCH)
    Benefit.objects.bulk_create(benefits, batch_size=BATCH)
    return len(costs), len(benefits)


def create_adoption(rng: random.Random, people: People, as_of: date) -> int:
    """Twelve months of active users per department: most grow, some stall or decline."""
    rows = []
    month = as_of.replace(day=1)
    months = []
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    months.reverse()
    existing = set(
        AdoptionRecord.objects.filter(
            department__in=people.departments, month__in=months
        ).values_list("department_id", "month")
    )
    for department in people.departments:
        share = rng.uniform(0.03, 0.25)
        trend = rng.choice((1.06, 1.04, 1.0, 0.97))
        for m in months:
            share = min(0.95, share * trend * rng.uniform(0.97, 1.03))
            if (department.pk, m) not in existing:
                rows.append(
                    AdoptionRecord(
                        department=department,
                        month=m,
                        active_users=int(department.headcount * share),
                    )
                )
    AdoptionRecord.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
