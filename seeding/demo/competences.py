"""Demo competences: the people of the demo organisation, their skills, training plans and
AI-literacy measures, and which AI systems they use.

Deterministic and without the random generator, so the figures seeded before stay as they
were. Writes go through the services: people and measures as the compliance officer, training
plans as leadership, training costs as finance. Texts are English here, marked with `_`
(gettext_noop), and written in the active language; register entries are looked up by their
English name, as in seeding.demo.estate. Dates count back from today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from accounts.models import User
from governance.models import AISystem
from governance.services.literacy import system_literacy_set
from initiatives.choices import TeamRoleKind
from initiatives.models import Initiative
from initiatives.services.team import team_role_add
from metrics.rules import can_edit_financials
from metrics.services.roi import roi_recompute
from metrics.services.training import training_cost_sync
from people import rules as people_rules
from people import services
from people.choices import MeasureKind, Skill, TrainingStatus
from people.domain import add_months
from people.models import LiteracyMeasure, Person, TrainingPlan
from seeding.demo.people import DEMO_DEPARTMENTS

DEPARTMENTS = {code: name for name, code, _headcount, _champions in DEMO_DEPARTMENTS}

API = Skill.API_INTEGRATION
AUTOMATION = Skill.WORKFLOW_AUTOMATION
ML = Skill.ML_LLM_BASICS
DATA = Skill.DATA_QUALITY
PROMPTS = Skill.PROMPT_ENGINEERING
PROCESS = Skill.BUSINESS_PROCESS


@dataclass(frozen=True)
class DemoCompetence:
    """A person on the competence map; `username` links a demo account."""

    key: str
    name: str
    job_title: str
    department: str
    skills: dict[str, int]
    username: str = ""
    champion_note: str = ""


@dataclass(frozen=True)
class DemoTraining:
    person: str
    title: str
    provider: str
    budget: Decimal
    # Months from today (negative: in the past) and length in days.
    starts_in: int
    days: int
    status: str
    notes: str = ""
    # The use case (English title) whose financials carry the training's cost, or ORGANISATION
    # for training spend of the organisation as a whole.
    books_on: str = ""


@dataclass(frozen=True)
class DemoMeasure:
    user_group: str
    learning_objective: str
    kind: str
    evidence: str
    refresh_months: int | None
    months_ago: int
    participants: tuple[str, ...]
    evidence_url: str = ""


PEOPLE: tuple[DemoCompetence, ...] = (
    DemoCompetence("lena", "Lena de Vries", _("Director of Operations"), "ops",
                   {PROCESS: 4, PROMPTS: 2, ML: 1}, username="lena"),
    DemoCompetence("tom", "Tom Berg", _("Team lead customer service"), "cs",
                   {PROCESS: 4, PROMPTS: 3, AUTOMATION: 2}, username="tom"),
    DemoCompetence("tara", "Tara Lindqvist", _("Team lead warehouse operations"), "ops",
                   {PROCESS: 4, AUTOMATION: 3, DATA: 2, ML: 1}, username="tara",
                   champion_note=_("Brought the maintenance alerts to the shift briefings and "
                                   "keeps a list of the stops they predicted and missed.")),
    DemoCompetence("carla", "Carla Jansen", _("Compliance officer"), "legal",
                   {PROCESS: 3, ML: 2, PROMPTS: 2}, username="carla"),
    DemoCompetence("finn", "Finn Schulz", _("Financial controller"), "fin",
                   {PROCESS: 3, DATA: 2}, username="finn"),
    DemoCompetence("admin", "Ada Admin", _("IT administrator"), "ops",
                   {API: 3, AUTOMATION: 2, DATA: 2}, username="admin"),
    DemoCompetence("sanne", "Sanne Bakker", _("Senior customer service agent"), "cs",
                   {PROCESS: 4, PROMPTS: 3, AUTOMATION: 1},
                   champion_note=_("Uses the triage assistant every day and collects the wrong "
                                   "routings for the weekly review with the vendor.")),
    DemoCompetence("lisa", "Lisa Andersson", _("Customer service agent"), "cs",
                   {PROCESS: 2, PROMPTS: 1}),
    DemoCompetence("jonas", "Jonas Weber", _("Process owner accounts payable"), "fin",
                   {PROCESS: 4, AUTOMATION: 3, DATA: 3, PROMPTS: 2},
                   champion_note=_("Mapped the invoice process end to end and explains the "
                                   "extraction's results to his colleagues.")),
    DemoCompetence("priya", "Priya Nair", _("Data engineer"), "ops",
                   {DATA: 4, API: 3, PROCESS: 3, ML: 2}),
    DemoCompetence("mikael", "Mikael Holm", _("Machine learning engineer"), "ops",
                   {ML: 4, DATA: 3, API: 3, PROMPTS: 3, PROCESS: 2}),
    DemoCompetence("erik", "Erik Nilsson", _("Head of IT infrastructure"), "ops",
                   {API: 3, AUTOMATION: 2, DATA: 2, PROCESS: 1}),
    DemoCompetence("eva", "Eva Müller", _("Legal counsel"), "legal",
                   {PROCESS: 3, PROMPTS: 2, ML: 1}),
    DemoCompetence("noah", "Noah Visser", _("Warehouse shift supervisor"), "ops",
                   {PROCESS: 3, AUTOMATION: 1}),
    DemoCompetence("fatima", "Fatima El Amrani", _("HR business partner"), "hr",
                   {PROCESS: 3, PROMPTS: 2}),
)  # fmt: skip

TRIAGE = "E-mail triage assistant"
INVOICES = "Invoice data extraction"
# Training that serves no one use case: spend of the organisation, outside every initiative's ROI.
ORGANISATION = "organisation"

TRAINING: tuple[DemoTraining, ...] = (
    DemoTraining("sanne", _("Prompt design for customer service"), _("Online learning platform"),
                 Decimal("2400"), -5, 30, TrainingStatus.COMPLETED, books_on=TRIAGE),
    DemoTraining("jonas", _("Process automation practitioner course"),
                 _("Professional association for finance"), Decimal("3200"), -8, 60,
                 TrainingStatus.COMPLETED, books_on=INVOICES),
    DemoTraining("tara", _("Product ownership for data products"),
                 _("Management training provider"), Decimal("2900"), 1, 3,
                 TrainingStatus.BOOKED, books_on=ORGANISATION),
    DemoTraining("priya", _("Data engineering for machine learning"),
                 _("University continuing education"), Decimal("4500"), -2, 120,
                 TrainingStatus.IN_PROGRESS),
    DemoTraining("mikael", _("Running machine learning models in production"),
                 _("Technical training provider"), Decimal("4900"), 3, 5, TrainingStatus.PLANNED),
    DemoTraining("lisa", _("Writing good prompts: the basics"), _("Online learning platform"),
                 Decimal("650"), 2, 14, TrainingStatus.PLANNED,
                 _("A first step; a fuller course follows once the basics are in place.")),
    DemoTraining("erik", _("Cloud security certification"), _("Certification body"),
                 Decimal("4200"), -1, 30, TrainingStatus.CANCELLED,
                 _("Cancelled: the second internet line for the main warehouse came first this "
                   "year. Planned again for next year.")),
    DemoTraining("fatima", _("AI in recruitment: law and fairness"),
                 _("Employment law seminar provider"), Decimal("2000"), 4, 2,
                 TrainingStatus.PLANNED),
)  # fmt: skip

TRIAGE_CASE_WORKERS = _("Case workers using the e-mail triage assistant")
ACCOUNTS_PAYABLE = _("Accounts payable team checking extracted invoices")
SUPERVISORS = _("Warehouse supervisors receiving maintenance alerts")
EVERYONE = _("Everyone using general AI assistants at work")

MEASURES: tuple[DemoMeasure, ...] = (
    DemoMeasure(TRIAGE_CASE_WORKERS, _("Recognise wrong routing suggestions and correct them."),
                MeasureKind.WORKSHOP, _("Attendance list and quiz results."), 12, 3,
                ("tom", "sanne", "lisa")),
    # Given 14 months ago with a yearly refresh: past it, so it no longer counts as training.
    DemoMeasure(ACCOUNTS_PAYABLE,
                _("Check extracted amounts and supplier numbers against the invoice before "
                  "booking, and know when to reject a suggestion."),
                MeasureKind.E_LEARNING, _("Completion records from the learning platform."), 12, 14,
                ("finn", "jonas")),
    DemoMeasure(SUPERVISORS,
                _("Understand what a failure prediction says and what it does not, and when to "
                  "stop a belt."),
                MeasureKind.CLASSROOM, _("Signed attendance list and the slides used."), 24, 2,
                ("tara", "noah")),
    DemoMeasure(EVERYONE,
                _("Know what may and may not be entered into an AI tool, and check every answer "
                  "before using it."),
                MeasureKind.GUIDANCE, _("Guideline published on the intranet, with read "
                                        "confirmations."), None, 6,
                ("lena", "tom", "tara", "carla", "finn", "admin", "sanne", "jonas", "eva",
                 "fatima"),
                evidence_url="https://intranet.example.org/ai-guideline"),
)  # fmt: skip

# Register entries (seeding.demo.governance.CATALOGUE, by English name): their users and the
# measures given for them (by user group).
SYSTEM_LITERACY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "E-mail routing classifier": (
        ("tom", "sanne", "lisa", "priya", "mikael"),
        (TRIAGE_CASE_WORKERS,),
    ),
    "Invoice data extraction": (("finn", "jonas"), (ACCOUNTS_PAYABLE,)),
    "Predictive maintenance": (("tara", "noah", "erik"), (SUPERVISORS,)),
}


def _with(may: Callable[[User], bool], preferred: str) -> User:
    users = [u for u in User.objects.order_by("pk") if may(u)]
    if not users:
        raise RuntimeError("The demo competences need the demo accounts; seed the people first.")
    return next((u for u in users if u.username == preferred), users[0])


@transaction.atomic
def seed_competences(*, today: datetime.date | None = None) -> None:
    """Fill the competence map, training plans and literacy measures and link them to the
    register; does nothing but book the training costs again when the people are there."""
    today = today or timezone.localdate()
    if not Person.objects.filter(name=PEOPLE[0].name).exists():
        _seed_people_and_measures(today)
    _book_training_costs(today)


def _seed_people_and_measures(today: datetime.date) -> None:
    keeper = _with(people_rules.can_edit_people, "carla")
    leadership = _with(people_rules.can_edit_training, "lena")
    accounts = {u.username: u for u in User.objects.all()}
    persons: dict[str, Person] = {}
    for entry in PEOPLE:
        user = accounts.get(entry.username) if entry.username else None
        if user is not None and Person.objects.filter(user=user).exists():
            # Someone put the account on the map already; the demo takes that person.
            persons[entry.key] = Person.objects.get(user=user)
            continue
        persons[entry.key] = services.person_create(
            actor=keeper,
            data={
                "user": user,
                "name": entry.name,
                "email": user.email if user is not None else f"{entry.key}@example.org",
                "job_title": gettext(entry.job_title),
                "department": gettext(DEPARTMENTS[entry.department]),
                "is_champion": bool(entry.champion_note),
                "champion_note": gettext(entry.champion_note) if entry.champion_note else "",
            },
            skills=entry.skills,
        )

    for plan in TRAINING:
        starts_on = add_months(today, plan.starts_in)
        services.training_plan_create(
            actor=leadership,
            data={
                "person": persons[plan.person],
                "title": gettext(plan.title),
                "provider": gettext(plan.provider),
                "budget": plan.budget,
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=plan.days - 1),
                "status": plan.status,
                "notes": gettext(plan.notes) if plan.notes else "",
            },
        )

    measures: dict[str, LiteracyMeasure] = {}
    for measure in MEASURES:
        measures[measure.user_group] = services.literacy_measure_create(
            actor=keeper,
            data={
                "user_group": gettext(measure.user_group),
                "learning_objective": gettext(measure.learning_objective),
                "kind": measure.kind,
                "evidence": gettext(measure.evidence),
                "evidence_url": measure.evidence_url,
                "refresh_months": measure.refresh_months,
                "given_on": add_months(today, -measure.months_ago),
            },
            participants=[persons[key] for key in measure.participants],
        )

    systems = {s.name: s for s in AISystem.objects.order_by("pk")}
    for name, (users, groups) in SYSTEM_LITERACY.items():
        system = systems.get(gettext(name))
        if system is None:
            continue
        system_literacy_set(
            actor=keeper,
            system=system,
            users=[persons[key] for key in users],
            measures=[measures[group] for group in groups],
        )
    _seed_teams(persons)


# Use case (its English title, translated where the use cases are) -> role -> person key: one
# full team, the others with the gaps a real portfolio has (no legal and ethics member on the
# invoice extraction, say).
TEAMS: dict[str, dict[str, str]] = {
    "E-mail triage assistant": {
        TeamRoleKind.DATA_SCIENTIST: "mikael",
        TeamRoleKind.IT_INFRASTRUCTURE: "erik",
        TeamRoleKind.BUSINESS_OWNER: "tom",
        TeamRoleKind.END_USER: "sanne",
        TeamRoleKind.LEGAL_ETHICS: "eva",
    },
    "Invoice data extraction": {
        TeamRoleKind.DATA_SCIENTIST: "priya",
        TeamRoleKind.IT_INFRASTRUCTURE: "erik",
        TeamRoleKind.BUSINESS_OWNER: "jonas",
    },
    "Predictive maintenance for conveyor belts": {
        TeamRoleKind.DATA_SCIENTIST: "mikael",
        TeamRoleKind.IT_INFRASTRUCTURE: "erik",
        TeamRoleKind.BUSINESS_OWNER: "tara",
        TeamRoleKind.END_USER: "noah",
    },
    "Call summarisation for case notes": {
        TeamRoleKind.DATA_SCIENTIST: "mikael",
        TeamRoleKind.BUSINESS_OWNER: "tom",
        TeamRoleKind.END_USER: "lisa",
        TeamRoleKind.LEGAL_ETHICS: "eva",
    },
    "HR policy questions assistant": {TeamRoleKind.BUSINESS_OWNER: "fatima"},
}


def _seed_teams(persons: dict[str, Person]) -> None:
    """Each team put together by its initiative's owner, as on the initiative page."""
    initiatives = {i.title: i for i in Initiative.objects.select_related("owner")}
    for title, roles in TEAMS.items():
        initiative = initiatives.get(gettext(title))
        if initiative is None:
            continue
        for role, key in roles.items():
            team_role_add(
                actor=initiative.owner, initiative=initiative, person=persons[key], role=role
            )


def _book_training_costs(today: datetime.date) -> None:
    """Book the completed trainings on the use cases they served, and one booked training as
    spend of the organisation as a whole; the metrics seed replaces an initiative's costs when it
    runs again, so this runs every time (booking is idempotent)."""
    finance = _with(can_edit_financials, "finn")
    initiatives = {i.title: i for i in Initiative.objects.order_by("pk")}
    booked: set[int] = set()
    for plan in TRAINING:
        if not plan.books_on:
            continue
        for_organisation = plan.books_on == ORGANISATION
        initiative = None if for_organisation else initiatives.get(gettext(plan.books_on))
        entry = next(p for p in PEOPLE if p.key == plan.person)
        stored = TrainingPlan.objects.filter(
            title=gettext(plan.title), person__name=entry.name
        ).first()
        if stored is None or (initiative is None and not for_organisation):
            continue
        training_cost_sync(actor=finance, plan=stored, initiative=initiative, today=today)
        if initiative is not None:
            booked.add(initiative.pk)
    # The snapshots the metrics seed computed include the training costs right away.
    if booked:
        roi_recompute(initiative_ids=sorted(booked), as_of=today)
