"""A large, believable portfolio for load and query-count checks: `manage.py seed_scale`.

Fast on purpose, so it takes shortcuts the app itself never takes:

- Rows are written with `bulk_create` in large batches and, for measurements, with PostgreSQL
  COPY (psycopg 3 `cursor.copy`). Neither calls `save()` or sends signals, so **no audit
  history is written** for the seeded rows: their history pages start empty, and the first
  change made in the app is the first entry. Derived fields that `save()` or the services would
  set (an initiative's priority, a risk's score) are computed here with the same domain functions.
- No stage changes, pilots or gate decisions are made; stages are set directly, spread over the
  lifecycle, with a believable age per stage.
- Everything comes from `random.Random(seed)`: the same sizes and seed give the same portfolio
  (dates are relative to `as_of`, today by default).

People and departments are reused when the command runs again (usernames `scale-…`, department
codes `scale-…`); initiatives and everything under them are added each time.
"""

from __future__ import annotations

import io
import math
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import cast

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from accounts.models import User
from core.roles import ROLE_GROUP_NAMES, Role
from governance.choices import (
    ApprovalStatus,
    Deployment,
    EURole,
    ReviewKind,
    ReviewOutcome,
    RiskCategory,
    RiskClass,
    RiskStatus,
    SystemStatus,
)
from governance.domain.risk import score as risk_score
from governance.models import AISystem, Review, Risk
from initiatives.choices import BuildType, DataAvailability, DataQuality, Stage
from initiatives.domain.priority import derive_priority
from initiatives.models import Department, Initiative, StrategicObjective
from metrics.choices import (
    CostCategory,
    CostKind,
    Direction,
    Frequency,
    KpiCategory,
    KpiKind,
    MeasurementSource,
)
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement

BATCH = 5_000
COPY_CHUNK = 50_000


class ScaleError(ValueError):
    """The sizes cannot be seeded on this database or do not fit together."""


@dataclass(frozen=True)
class ScaleSizes:
    """How much to create."""

    initiatives: int = 10_000
    kpis: int = 50_000
    measurements: int = 2_000_000
    systems: int = 5_000
    departments: int = 40
    seed: int = 2026


# SQLite has no COPY and one writer; beyond these sizes use PostgreSQL.
SQLITE_LIMITS = ScaleSizes(
    initiatives=1_000, kpis=5_000, measurements=50_000, systems=500, departments=40
)

# --- What the portfolio looks like -----------------------------------------------------------

# Share of initiatives per stage, and how long ago (days) such an initiative started.
STAGE_MIX: dict[str, tuple[float, int, int]] = {
    Stage.IDEA: (0.14, 10, 200),
    Stage.ASSESSMENT: (0.12, 30, 300),
    Stage.PROOF_OF_CONCEPT: (0.12, 60, 500),
    Stage.PILOT: (0.18, 120, 700),
    Stage.SCALING: (0.10, 300, 1000),
    Stage.PRODUCTION: (0.20, 365, 1400),
    Stage.RETIRED: (0.05, 700, 1500),
    Stage.ON_HOLD: (0.05, 100, 600),
    Stage.STOPPED: (0.04, 100, 700),
}
# Stages whose KPIs have been measured.
MEASURED_STAGES = frozenset(
    {
        Stage.PROOF_OF_CONCEPT,
        Stage.PILOT,
        Stage.SCALING,
        Stage.PRODUCTION,
        Stage.RETIRED,
        Stage.ON_HOLD,
        Stage.STOPPED,
    }
)
# Weight of an initiative when KPIs are handed out: later stages define more KPIs.
KPI_WEIGHT: dict[str, int] = {
    Stage.IDEA: 1,
    Stage.ASSESSMENT: 2,
    Stage.PROOF_OF_CONCEPT: 4,
    Stage.PILOT: 6,
    Stage.SCALING: 7,
    Stage.PRODUCTION: 7,
    Stage.RETIRED: 5,
    Stage.ON_HOLD: 4,
    Stage.STOPPED: 3,
}
# Cost items per initiative by stage: one-time costs first, then recurring ones.
COSTS_PER_STAGE: dict[str, int] = {
    Stage.IDEA: 0,
    Stage.ASSESSMENT: 1,
    Stage.PROOF_OF_CONCEPT: 2,
    Stage.PILOT: 3,
    Stage.SCALING: 4,
    Stage.PRODUCTION: 5,
    Stage.RETIRED: 4,
    Stage.ON_HOLD: 2,
    Stage.STOPPED: 2,
}
# Direct benefits (revenue uplift, avoided cost) per initiative by stage.
BENEFITS_PER_STAGE: dict[str, int] = {Stage.SCALING: 1, Stage.PRODUCTION: 2, Stage.RETIRED: 1}
ONE_TIME_CATEGORIES = (
    CostCategory.DEVELOPMENT,
    CostCategory.IMPLEMENTATION,
    CostCategory.CONSULTING,
    CostCategory.TRAINING,
)
RECURRING_CATEGORIES = (
    CostCategory.LICENCES,
    CostCategory.CLOUD,
    CostCategory.MAINTENANCE,
    CostCategory.SUPPORT,
)
# Measurements per KPI are shared out in proportion to these, so that a weekly, a monthly and
# a quarterly KPI cover about the same stretch of time.
FREQUENCY_WEIGHT = {Frequency.WEEK: 13, Frequency.MONTH: 3, Frequency.QUARTER: 1}
FREQUENCY_MIX = ((Frequency.WEEK, 0.45), (Frequency.MONTH, 0.45), (Frequency.QUARTER, 0.10))
# How far back a KPI can be measured: ten years at each frequency.
FREQUENCY_CAPACITY = {Frequency.WEEK: 520, Frequency.MONTH: 120, Frequency.QUARTER: 40}


@dataclass(frozen=True)
class KpiTemplate:
    """A kind of KPI: its unit, direction, a baseline range and the improvement aimed for."""

    name: str
    kind: str
    category: str
    unit: str
    direction: str
    low: float
    high: float
    improvement: tuple[float, float]  # share of the baseline gained (or lost, lower-better)
    bounded: bool = False  # a percentage: stays within 0..100
    valued: bool = True  # may carry a money value per unit


HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
OP, BUS = KpiKind.OPERATIONAL, KpiKind.BUSINESS
KPI_TEMPLATES = (
    KpiTemplate(
        "Minutes per case", OP, KpiCategory.EFFICIENCY, "minutes", LOWER, 8, 45, (0.2, 0.6)
    ),
    KpiTemplate("Response time", OP, KpiCategory.EFFICIENCY, "seconds", LOWER, 20, 600, (0.3, 0.7)),
    KpiTemplate("Cases per day", OP, KpiCategory.EFFICIENCY, "cases", HIGHER, 20, 400, (0.1, 0.8)),
    KpiTemplate("Cost per case", OP, KpiCategory.COST, "EUR", LOWER, 4, 90, (0.1, 0.5)),
    KpiTemplate("Accuracy", OP, KpiCategory.QUALITY, "%", HIGHER, 70, 90, (0.04, 0.12), True),
    KpiTemplate("Error rate", OP, KpiCategory.QUALITY, "%", LOWER, 3, 15, (0.3, 0.7), True),
    KpiTemplate(
        "First-contact resolution", OP, KpiCategory.QUALITY, "%", HIGHER, 50, 75, (0.05, 0.25), True
    ),
    KpiTemplate(
        "Revenue contribution", BUS, KpiCategory.REVENUE, "kEUR", HIGHER, 20, 900, (0.05, 0.3)
    ),
    KpiTemplate("Savings per month", BUS, KpiCategory.COST, "kEUR", HIGHER, 5, 300, (0.2, 1.0)),
    KpiTemplate("NPS", BUS, KpiCategory.QUALITY, "points", HIGHER, 5, 40, (0.2, 0.8), False, False),
    KpiTemplate("CSAT", BUS, KpiCategory.QUALITY, "%", HIGHER, 60, 85, (0.03, 0.12), True),
    KpiTemplate(
        "Employee satisfaction",
        BUS,
        KpiCategory.EMPLOYEE_SATISFACTION,
        "score 1-10",
        HIGHER,
        5.5,
        7.5,
        (0.05, 0.2),
        False,
        False,
    ),
    KpiTemplate(
        "Active users",
        BUS,
        KpiCategory.ADOPTION,
        "users",
        HIGHER,
        10,
        800,
        (0.5, 3.0),
        False,
        False,
    ),
    KpiTemplate(
        "Ideas tested per quarter",
        BUS,
        KpiCategory.INNOVATION,
        "ideas",
        HIGHER,
        2,
        20,
        (0.3, 1.5),
        False,
        False,
    ),
)

DEPARTMENT_NAMES = (
    "Finance",
    "Customer Service",
    "Human Resources",
    "IT",
    "Legal",
    "Procurement",
    "Sales",
    "Marketing",
    "Logistics",
    "Manufacturing",
    "Research",
    "Quality",
    "Facilities",
    "Risk",
    "Compliance",
    "Communications",
    "Data Office",
    "Claims",
    "Billing",
    "Field Service",
)
REGIONS = ("North", "South", "East", "West", "Central", "International")
USE_CASES = (
    ("Invoice reading", "Accounts payable", "Invoices are typed in by hand."),
    ("Email triage", "Customer contact", "Mails wait days before the right team sees them."),
    ("Contract review", "Contract management", "Lawyers read every clause of standard contracts."),
    ("Demand forecast", "Planning", "Stock runs out while other items pile up."),
    ("Chat assistant", "Customer contact", "Simple questions fill the phone queue."),
    ("Fraud signals", "Payments", "Fraud is found months after the fact."),
    ("CV screening support", "Recruitment", "Recruiters drown in applications."),
    ("Meeting summaries", "Knowledge work", "Decisions get lost after meetings."),
    ("Predictive maintenance", "Maintenance", "Machines break down without warning."),
    ("Document search", "Knowledge work", "People cannot find the policy that applies."),
    ("Translation", "Communications", "Translations take two weeks."),
    ("Claim assessment", "Claims handling", "Simple claims wait as long as complex ones."),
    ("Route planning", "Logistics", "Vans drive half-empty."),
    ("Code assistant", "Software development", "Boilerplate eats developer time."),
    ("Quality inspection", "Production", "Defects are found at the customer."),
    ("Report drafting", "Reporting", "Monthly reports take three days to write."),
)
VENDORS = (
    ("Microsoft", "Copilot", Deployment.CLOUD),
    ("OpenAI", "GPT service", Deployment.CLOUD),
    ("Google", "Vertex model", Deployment.CLOUD),
    ("Mistral AI", "Mistral model", Deployment.HYBRID),
    ("Aleph Alpha", "Luminous", Deployment.ON_PREMISES),
    ("In-house", "Custom model", Deployment.ON_PREMISES),
    ("UiPath", "Document Understanding", Deployment.CLOUD),
    ("SAP", "Business AI", Deployment.CLOUD),
)
OBJECTIVES = (
    "Operational excellence",
    "Customer experience",
    "Growth in new markets",
    "Responsible and compliant operations",
    "Attractive employer",
    "Sustainability",
)


# --- Results and timing ----------------------------------------------------------------------


@dataclass
class ScaleReport:
    """What was created and how long each phase took."""

    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str, echo: Callable[[str], None]) -> Iterator[None]:
        """Time one phase and tell the person running it."""
        echo(f"{name} …")
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.timings.append((name, seconds))
        echo(f"{name}: {seconds:.1f} s")


def check_sizes(sizes: ScaleSizes, *, vendor: str) -> None:
    """Refuse sizes this database cannot take or that do not fit together."""
    for name in ("initiatives", "kpis", "measurements", "systems", "departments"):
        if getattr(sizes, name) < 0:
            raise ScaleError(f"--{name} must not be negative.")
    if sizes.initiatives == 0 and (sizes.kpis or sizes.systems):
        raise ScaleError("KPIs and AI systems need initiatives: set --initiatives.")
    if sizes.kpis == 0 and sizes.measurements:
        raise ScaleError("Measurements need KPIs: set --kpis.")
    if vendor != "postgresql":
        too_big = [
            name
            for name in ("initiatives", "kpis", "measurements", "systems")
            if getattr(sizes, name) > getattr(SQLITE_LIMITS, name)
        ]
        if too_big:
            limits = ", ".join(f"--{n} {getattr(SQLITE_LIMITS, n):,}" for n in too_big)
            raise ScaleError(
                f"This database is {vendor}; seeding at scale needs PostgreSQL (set DATABASE_URL). "
                f"On {vendor} stay at or below {limits}."
            )


def _weighted(rng: random.Random, mix: dict[str, tuple[float, int, int]], n: int) -> list[str]:
    stages = list(mix)
    return rng.choices(stages, weights=[mix[s][0] for s in stages], k=n)


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


# --- The phases ------------------------------------------------------------------------------


@dataclass
class _People:
    leads_by_department: dict[int, list[int]]
    compliance: list[int]
    finance: list[int]
    departments: list[Department]


def _people_and_departments(rng: random.Random, sizes: ScaleSizes) -> tuple[_People, int]:
    n_departments = max(1, sizes.departments)
    departments = []
    for i in range(n_departments):
        base = DEPARTMENT_NAMES[i % len(DEPARTMENT_NAMES)]
        region = REGIONS[(i // len(DEPARTMENT_NAMES)) % len(REGIONS)]
        suffix = "" if i < len(DEPARTMENT_NAMES) * len(REGIONS) else f" {i}"
        departments.append(
            Department(
                name=f"{base} · {region}{suffix}",
                code=f"scale-{i + 1:03d}",
                headcount=rng.randint(40, 2500),
            )
        )
    Department.objects.bulk_create(departments, ignore_conflicts=True)
    departments = list(
        Department.objects.filter(code__in=[d.code for d in departments]).order_by("code")
    )
    n_leads = max(2, sizes.initiatives // 25)
    n_compliance = max(1, sizes.systems // 500)
    password = make_password(None)  # unusable: these people exist to own data, not to sign in
    people: list[tuple[str, Role]] = [
        (f"scale-lead-{i:05d}", Role.TEAM_LEAD) for i in range(n_leads)
    ]
    people += [(f"scale-compliance-{i:03d}", Role.COMPLIANCE) for i in range(n_compliance)]
    people += [(f"scale-finance-{i:03d}", Role.FINANCE) for i in range(3)]
    people += [(f"scale-leader-{i:03d}", Role.LEADERSHIP) for i in range(3)]
    User.objects.bulk_create(
        [
            User(username=name, password=password, email=f"{name}@example.org", first_name=name)
            for name, _role in people
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    ids = dict(User.objects.filter(username__startswith="scale-").values_list("username", "pk"))
    groups = {
        role: Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0]
        for role in {role for _name, role in people}
    }
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=ids[name], group_id=groups[role].pk) for name, role in people],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    leads = [ids[name] for name, role in people if role == Role.TEAM_LEAD]
    by_department: dict[int, list[int]] = {d.pk: [] for d in departments}
    for i, lead in enumerate(leads):
        by_department[departments[i % len(departments)].pk].append(lead)
    for department in departments:  # more departments than leads: share them
        if not by_department[department.pk]:
            by_department[department.pk] = [leads[department.pk % len(leads)]]
    return (
        _People(
            leads_by_department=by_department,
            compliance=[ids[n] for n, r in people if r == Role.COMPLIANCE],
            finance=[ids[n] for n, r in people if r == Role.FINANCE],
            departments=departments,
        ),
        len(people),
    )


@dataclass
class _InitiativeRow:
    pk: int
    stage: str
    owner_id: int
    department_id: int
    started: date


def _initiatives(
    rng: random.Random, sizes: ScaleSizes, people: _People, as_of: date, now: datetime
) -> list[_InitiativeRow]:
    objectives = [StrategicObjective.objects.get_or_create(name=name)[0].pk for name in OBJECTIVES]
    stages = _weighted(rng, STAGE_MIX, sizes.initiatives)
    rows: list[Initiative] = []
    meta: list[tuple[str, int, int, date]] = []
    for n, stage in enumerate(stages):
        department = people.departments[rng.randrange(len(people.departments))]
        owner = rng.choice(people.leads_by_department[department.pk])
        title, process, problem = USE_CASES[rng.randrange(len(USE_CASES))]
        _share, youngest, oldest = STAGE_MIX[stage]
        started = as_of - timedelta(days=rng.randint(youngest, oldest))
        scores = {
            "business_value": rng.randint(1, 5),
            "technical_feasibility": rng.randint(1, 5),
            "implementation_effort": rng.randint(1, 5),
            "strategic_alignment": rng.randint(1, 5),
        }
        priority = derive_priority(**scores)
        rows.append(
            Initiative(
                title=f"{title} in {department.name} ({n + 1})",
                problem=problem,
                process_affected=process,
                expected_benefit="Less manual work and faster answers.",
                department_id=department.pk,
                owner_id=owner,
                strategic_objective_id=rng.choice(objectives),
                data_availability=rng.choice(DataAvailability.values),
                data_quality=rng.choice(DataQuality.values),
                build_type=rng.choices(BuildType.values, weights=(6, 3, 1))[0],
                priority_score=priority.score,
                priority_band=priority.band.value,
                stage=stage,
                held_in_stage=Stage.PILOT if stage == Stage.ON_HOLD else "",
                stage_changed_at=datetime.combine(
                    started + timedelta(days=(as_of - started).days // 2),
                    datetime.min.time(),
                    tzinfo=UTC,
                ),
                **scores,
            )
        )
        meta.append((stage, owner, department.pk, started))
    created = Initiative.objects.bulk_create(rows, batch_size=BATCH)
    # Half the initiatives have a second team lead from the same department on the team.
    Members = Initiative.members.through
    members = []
    for initiative, (_stage, owner, department_id, _started) in zip(created, meta, strict=True):
        others = [u for u in people.leads_by_department[department_id] if u != owner]
        if others and rng.random() < 0.5:
            members.append(Members(initiative_id=initiative.pk, user_id=rng.choice(others)))
    Members.objects.bulk_create(members, batch_size=BATCH)
    return [
        _InitiativeRow(initiative.pk, stage, owner, department_id, started)
        for initiative, (stage, owner, department_id, started) in zip(created, meta, strict=True)
    ]


@dataclass
class _KpiRow:
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


def _kpis(
    rng: random.Random,
    sizes: ScaleSizes,
    initiatives: list[_InitiativeRow],
    as_of: date,
) -> list[_KpiRow]:
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
    meta: list[_KpiRow] = []
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
            _KpiRow(
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


def _measurement_lines(rng: random.Random, kpis: list[_KpiRow], created: str) -> Iterator[str]:
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


def _measurements(rng: random.Random, kpis: list[_KpiRow], now: datetime) -> int:
    lines = _measurement_lines(rng, kpis, now.isoformat())
    total = 0
    if connection.vendor == "postgresql":
        meta = Measurement._meta
        columns = [
            cast(Field, meta.get_field(name)).column
            for name in ("kpi", "value", "measured_on", "note", "source", "logged_by", "created_at")
        ]
        sql = f"COPY {meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            buffer = io.StringIO()
            pending = 0
            for line in lines:
                buffer.write(line)
                pending += 1
                if pending == COPY_CHUNK:
                    copy.write(buffer.getvalue())
                    total += pending
                    buffer = io.StringIO()
                    pending = 0
            if pending:
                copy.write(buffer.getvalue())
                total += pending
        return total
    # Small sizes on SQLite, for trying the command: the same rows through the ORM.
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
    return total + len(batch)


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(f"{rng.uniform(low, high):.2f}")


def _costs_and_benefits(
    rng: random.Random, initiatives: list[_InitiativeRow], as_of: date
) -> tuple[int, int]:
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
                if initiative.stage in (Stage.RETIRED, Stage.STOPPED):
                    end = min(as_of, start + timedelta(days=rng.randint(120, 700)))
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


def _adoption(rng: random.Random, people: _People, as_of: date) -> int:
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


SYSTEM_STATUS: dict[str, str] = {
    Stage.IDEA: SystemStatus.PLANNED,
    Stage.ASSESSMENT: SystemStatus.PLANNED,
    Stage.PROOF_OF_CONCEPT: SystemStatus.IN_DEVELOPMENT,
    Stage.PILOT: SystemStatus.IN_DEVELOPMENT,
    Stage.SCALING: SystemStatus.IN_USE,
    Stage.PRODUCTION: SystemStatus.IN_USE,
    Stage.RETIRED: SystemStatus.RETIRED,
    Stage.ON_HOLD: SystemStatus.PLANNED,
    Stage.STOPPED: SystemStatus.RETIRED,
}
RISK_DESCRIPTIONS = {
    RiskCategory.TECHNICAL: "Model quality drifts as the input data changes.",
    RiskCategory.LEGAL: "Personal data is processed without a documented lawful basis.",
    RiskCategory.ORGANISATIONAL: "Staff rely on the output without checking it.",
}


def risks_for(index: int) -> int:
    """Risks of the index-th AI system (0, 1, 2 or 3)."""
    return index % 4


def reviews_for(index: int) -> int:
    """Reviews of the index-th AI system (1 or 2)."""
    return 1 + index % 2


def _systems(
    rng: random.Random,
    sizes: ScaleSizes,
    initiatives: list[_InitiativeRow],
    people: _People,
    as_of: date,
    now: datetime,
) -> tuple[int, int, int]:
    if not sizes.systems:
        return 0, 0, 0
    later = [i for i in initiatives if i.stage not in (Stage.IDEA, Stage.ASSESSMENT)]
    pool = later or initiatives
    systems: list[AISystem] = []
    links: list[_InitiativeRow] = []
    for n in range(sizes.systems):
        initiative = pool[n % len(pool)] if n < len(pool) else rng.choice(pool)
        vendor, product, deployment = VENDORS[rng.randrange(len(VENDORS))]
        status = SYSTEM_STATUS[initiative.stage]
        risk_class = rng.choices(
            (RiskClass.HIGH, RiskClass.LIMITED, RiskClass.MINIMAL, RiskClass.UNCLASSIFIED),
            weights=(15, 35, 40, 10),
        )[0]
        approved = status == SystemStatus.IN_USE or (
            status == SystemStatus.RETIRED and rng.random() < 0.7
        )
        approval = (
            ApprovalStatus.APPROVED
            if approved
            else rng.choice((ApprovalStatus.DRAFT, ApprovalStatus.SUBMITTED))
        )
        personal = rng.random() < 0.55
        decider = rng.choice(people.compliance)
        systems.append(
            AISystem(
                name=f"{vendor} {product} #{n + 1}",
                purpose=f"Supports the initiative {initiative.pk}.",
                owner_id=initiative.owner_id,
                data_steward_id=rng.choice(people.compliance),
                business_contact_id=initiative.owner_id,
                department_id=initiative.department_id,
                status=status,
                vendor=vendor,
                deployment=deployment,
                processes_personal_data=personal,
                lawful_basis="legitimate_interests" if personal else "",
                dpia_required=personal and risk_class == RiskClass.HIGH,
                dpia_done=personal and risk_class == RiskClass.HIGH and approved,
                transfers_outside_eu=deployment == Deployment.CLOUD and rng.random() < 0.3,
                eu_role=EURole.PROVIDER if vendor == "In-house" else EURole.DEPLOYER,
                risk_class=risk_class,
                human_oversight="A case handler checks every proposal before it is sent.",
                approval_status=approval,
                approval_decided_by_id=decider if approved else None,
                approval_decided_at=now - timedelta(days=rng.randint(10, 400))
                if approved
                else None,
                approval_grounds="Meets the AI policy." if approved else "",
                created_by_id=decider,
            )
        )
        links.append(initiative)
    created = AISystem.objects.bulk_create(systems, batch_size=BATCH)
    Link = AISystem.initiatives.through
    Link.objects.bulk_create(
        [
            Link(aisystem_id=system.pk, initiative_id=initiative.pk)
            for system, initiative in zip(created, links, strict=True)
        ],
        batch_size=BATCH,
    )
    risks: list[Risk] = []
    reviews: list[Review] = []
    categories = list(RiskCategory)
    kinds = list(ReviewKind)
    for index, system in enumerate(created):
        for k in range(risks_for(index)):
            likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
            risk_status = rng.choices(
                (RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED, RiskStatus.CLOSED),
                weights=(35, 30, 15, 20),
            )[0]
            residual = risk_status in (RiskStatus.MITIGATING, RiskStatus.CLOSED)
            r_likelihood = max(1, likelihood - rng.randint(0, 2)) if residual else None
            r_impact = max(1, impact - rng.randint(0, 1)) if residual else None
            category = categories[(index + k) % len(categories)]
            risks.append(
                Risk(
                    system_id=system.pk,
                    category=category,
                    description=RISK_DESCRIPTIONS[category],
                    likelihood=likelihood,
                    impact=impact,
                    score=risk_score(likelihood, impact),
                    mitigation="Monthly sample check by the team." if residual else "",
                    owner_id=system.owner_id,
                    status=risk_status,
                    due_date=as_of + timedelta(days=rng.randint(-60, 180)),
                    residual_likelihood=r_likelihood,
                    residual_impact=r_impact,
                    residual_score=risk_score(r_likelihood, r_impact)
                    if r_likelihood and r_impact
                    else None,
                )
            )
        for k in range(reviews_for(index)):
            due = as_of + timedelta(days=rng.randint(-200, 200))
            done = due < as_of and rng.random() < 0.75  # a quarter of past reviews is overdue
            reviews.append(
                Review(
                    system_id=system.pk,
                    kind=kinds[(index + k) % len(kinds)],
                    due_date=due,
                    completed_on=due - timedelta(days=rng.randint(0, 20)) if done else None,
                    outcome=rng.choices(list(ReviewOutcome), weights=(60, 30, 10))[0]
                    if done
                    else "",
                    findings="No material findings." if done else "",
                    owner_id=rng.choice(people.compliance),
                )
            )
    Risk.objects.bulk_create(risks, batch_size=BATCH)
    Review.objects.bulk_create(reviews, batch_size=BATCH)
    return len(created), len(risks), len(reviews)


def seed_scale(
    sizes: ScaleSizes,
    *,
    as_of: date | None = None,
    roi: bool = True,
    echo: Callable[[str], None] = lambda _text: None,
) -> ScaleReport:
    """Create a large portfolio in one transaction, then compute its ROI snapshots."""
    check_sizes(sizes, vendor=connection.vendor)
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    rng = random.Random(sizes.seed)  # noqa: S311 - sample data, not secrets
    report = ScaleReport()
    counts = report.counts
    with transaction.atomic():
        with report.phase("people and departments", echo):
            people, counts["people"] = _people_and_departments(rng, sizes)
            counts["departments"] = len(people.departments)
            counts["adoption_records"] = _adoption(rng, people, as_of)
        with report.phase("initiatives", echo):
            initiatives = _initiatives(rng, sizes, people, as_of, now)
            counts["initiatives"] = len(initiatives)
        with report.phase("KPIs", echo):
            kpis = _kpis(rng, sizes, initiatives, as_of)
            counts["kpis"] = len(kpis)
        with report.phase("measurements", echo):
            counts["measurements"] = _measurements(rng, kpis, now)
        with report.phase("costs and benefits", echo):
            counts["costs"], counts["benefits"] = _costs_and_benefits(rng, initiatives, as_of)
        with report.phase("AI systems, risks and reviews", echo):
            counts["systems"], counts["risks"], counts["reviews"] = _systems(
                rng, sizes, initiatives, people, as_of, now
            )
        if connection.vendor == "postgresql":
            with report.phase("foreign-key checks", echo), connection.cursor() as cursor:
                # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: COPY queues one check
                # per row and key. Run them now, timed, rather than unseen inside the commit.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if connection.vendor == "postgresql":
        with report.phase("ANALYZE", echo), connection.cursor() as cursor:
            # Fresh statistics, or the planner treats the big tables as empty.
            for model in (Initiative, Kpi, Measurement, CostItem, Benefit, AISystem, Risk, Review):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    if roi:
        from metrics.services.roi import roi_recompute_all

        with report.phase("ROI snapshots", echo):
            counts["roi_snapshots"] = roi_recompute_all(as_of=as_of)
    return report
