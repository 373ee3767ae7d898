"""Reads of the people app, each scoped to the reader: persons, the competence map, training
plans and their totals, literacy measures. Every page reads a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from people import domain, rules
from people.choices import Skill, SkillLevel, TrainingStatus
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan


def person_list(*, user: Any) -> QuerySet[Person]:
    """Everyone on the competence map, with their skills, for readers of the map."""
    queryset = Person.objects.select_related("user").prefetch_related(
        Prefetch("skills", queryset=PersonSkill.objects.order_by("skill"))
    )
    return queryset if rules.can_read_people(user) else queryset.none()


def person_get(*, user: Any, pk: int) -> Person:
    """One person, or 404."""
    return get_object_or_404(person_list(user=user), pk=pk)


def levels_of(person: Person) -> dict[str, int]:
    """A person's skill levels by skill code (from the prefetched skills)."""
    return {row.skill: row.level for row in person.skills.all()}


@dataclass(frozen=True)
class MapCell:
    """One person's level in one skill (level 0: not recorded)."""

    skill: str
    skill_label: str
    level: int
    label: str


@dataclass(frozen=True)
class MapRow:
    """One person's row of the competence map."""

    person: Person
    cells: list[MapCell]
    translator: bool


@dataclass(frozen=True)
class SkillCount:
    """How many people master one skill at skilled or expert."""

    skill: str
    label: str
    count: int


@dataclass
class CompetenceMap:
    """The people × skills matrix with the counts per skill."""

    skills: list[tuple[str, str]]
    rows: list[MapRow] = field(default_factory=list)
    counts: list[SkillCount] = field(default_factory=list)
    page_obj: Any = None
    total: int = 0


def _search_terms(query: str) -> list[str]:
    return query.split()[:8]


def person_search(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name, e-mail, job title, department or a recorded skill matches every word
    of `query` (case-insensitive)."""
    for term in _search_terms(query):
        skills = [code for code, label in Skill.choices if term.lower() in str(label).lower()]
        condition = (
            Q(name__icontains=term)
            | Q(email__icontains=term)
            | Q(job_title__icontains=term)
            | Q(department__icontains=term)
        )
        if skills:
            condition |= Q(pk__in=PersonSkill.objects.filter(skill__in=skills).values("person"))
        people = people.filter(condition)
    return people


def competence_people(
    *,
    user: Any,
    skill: str = "",
    min_level: int | None = None,
    champions_only: bool = False,
    translators_only: bool = False,
    query: str = "",
) -> QuerySet[Person]:
    """The people of the competence map that match the filters, filtered in the database so
    that the map can be paged."""
    people = person_list(user=user)
    if champions_only:
        people = people.filter(is_champion=True)
    if skill:
        condition = Q(skills__skill=skill)
        if min_level:
            condition &= Q(skills__level__gte=min_level)
        people = people.filter(pk__in=Person.objects.filter(condition).values("pk"))
    elif min_level:
        people = people.filter(
            pk__in=Person.objects.filter(skills__level__gte=min_level).values("pk")
        )
    if translators_only:
        # The same rule as domain.is_translator, asked of the database.
        skilled = PersonSkill.objects.filter(level__gte=domain.TRANSLATOR_LEVEL)
        people = people.filter(
            pk__in=skilled.filter(skill=Skill.BUSINESS_PROCESS).values("person")
        ).filter(pk__in=skilled.filter(skill__in=domain.TECHNICAL_SKILLS).values("person"))
    return person_search(people, query)


def competence_map(
    *,
    user: Any,
    skill: str = "",
    min_level: int | None = None,
    champions_only: bool = False,
    translators_only: bool = False,
    query: str = "",
    page: Any = None,
    page_size: int | None = None,
) -> CompetenceMap:
    """The matrix for the filters given, and per skill how many people are skilled or expert.

    With `page_size` the map shows one page of people (`page_obj`); a fixed number of queries
    whatever the number of people: the page count, the persons with their skills, the counts.
    """
    people = competence_people(
        user=user,
        skill=skill,
        min_level=min_level,
        champions_only=champions_only,
        translators_only=translators_only,
        query=query,
    )
    labels = dict(SkillLevel.choices)
    result = CompetenceMap(skills=[(code, str(label)) for code, label in Skill.choices])
    rows: Iterable[Person] = people
    if page_size:
        result.page_obj = Paginator(people, page_size).get_page(page)
        rows = result.page_obj.object_list
    for person in rows:
        levels = levels_of(person)
        cells = [
            MapCell(
                skill=code,
                skill_label=str(skill_label),
                level=levels.get(code, 0),
                label=str(labels[levels[code]]) if code in levels else "",
            )
            for code, skill_label in Skill.choices
        ]
        result.rows.append(
            MapRow(person=person, cells=cells, translator=domain.is_translator(levels))
        )
    result.total = result.page_obj.paginator.count if result.page_obj else len(result.rows)
    counted = dict(
        PersonSkill.objects.filter(
            person__in=person_list(user=user).values("pk"), level__gte=SkillLevel.SKILLED
        )
        .order_by()
        .values_list("skill")
        .annotate(n=Count("pk"))
        .values_list("skill", "n")
    )
    result.counts = [
        SkillCount(skill=code, label=str(label), count=counted.get(code, 0))
        for code, label in Skill.choices
    ]
    return result


def training_plan_list(*, user: Any) -> QuerySet[TrainingPlan]:
    """Training plans with their budgets, for those who may read training budgets."""
    queryset = TrainingPlan.objects.select_related("person")
    return queryset if rules.can_view_budgets(user) else queryset.none()


def training_plan_search(plans: QuerySet[TrainingPlan], query: str) -> QuerySet[TrainingPlan]:
    """Plans whose course, provider, notes or person (name, department) match every word of
    `query`."""
    for term in _search_terms(query):
        plans = plans.filter(
            Q(title__icontains=term)
            | Q(provider__icontains=term)
            | Q(notes__icontains=term)
            | Q(person__name__icontains=term)
            | Q(person__department__icontains=term)
        )
    return plans


def training_plan_get(*, user: Any, pk: int) -> TrainingPlan:
    """One training plan, or 404."""
    return get_object_or_404(training_plan_list(user=user), pk=pk)


@dataclass(frozen=True)
class StatusTotal:
    """The plans and budget of one status."""

    status: str
    label: str
    count: int
    budget: Decimal


@dataclass(frozen=True)
class PersonBudget:
    """One person's training budget (cancelled plans left out) against the guide."""

    person_id: int
    name: str
    budget: Decimal
    hint: domain.BudgetHint


def training_totals(*, user: Any) -> list[StatusTotal]:
    """Per status the number of plans and their budget, in the order of the statuses."""
    rows = {
        row["status"]: row
        for row in training_plan_list(user=user)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), total=Sum("budget"))
    }
    return [
        StatusTotal(
            status=code,
            label=str(label),
            count=rows[code]["n"] if code in rows else 0,
            budget=rows[code]["total"] if code in rows else Decimal("0"),
        )
        for code, label in TrainingStatus.choices
    ]


def person_budgets(*, user: Any) -> list[PersonBudget]:
    """Each person with a training plan: their budget and how it compares with the guide."""
    rows = (
        training_plan_list(user=user)
        .exclude(status__in=domain.NOT_BUDGETED)
        .order_by()
        .values("person_id", "person__name")
        .annotate(total=Sum("budget"))
        .order_by("person__name", "person_id")
    )
    return [
        PersonBudget(
            person_id=row["person_id"],
            name=row["person__name"],
            budget=row["total"],
            hint=domain.budget_hint(row["total"]),
        )
        for row in rows
    ]


def person_budget(plans: Iterable[TrainingPlan]) -> Decimal:
    """The budget of a person's plans that are not cancelled."""
    return sum(
        (plan.budget for plan in plans if plan.status not in domain.NOT_BUDGETED), Decimal("0")
    )


def literacy_measure_list(*, user: Any) -> QuerySet[LiteracyMeasure]:
    """AI-literacy measures with how many took part, for readers of the people records."""
    # A grouped query ignores Meta.ordering, so the order is given again.
    queryset = LiteracyMeasure.objects.annotate(participant_count=Count("participants")).order_by(
        "-given_on", "id"
    )
    return queryset if rules.can_read_people(user) else queryset.none()


def literacy_measure_get(*, user: Any, pk: int) -> LiteracyMeasure:
    """One literacy measure with its participants, or 404."""
    queryset = literacy_measure_list(user=user).prefetch_related(
        Prefetch("participants", queryset=Person.objects.order_by("name"))
    )
    return get_object_or_404(queryset, pk=pk)


def is_current(measure: LiteracyMeasure, today: datetime.date) -> bool:
    """Whether a measure still counts on `today` (not past its refresh)."""
    return domain.measure_is_current(measure.given_on, measure.refresh_months, today)
