"""Reads of AI literacy per system: its users, the measures for it, and the coverage.

Coverage is people.domain.literacy_coverage over plain values read here in three queries,
whether for one system's page or for every row of the register export.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from governance.models import AISystem, SystemLiteracy
from people import domain as people_domain
from people.models import LiteracyMeasure, Person


@dataclass
class SystemLiteracyView:
    """What a system's page shows of its AI literacy."""

    coverage: people_domain.Coverage
    users: list[Person] = field(default_factory=list)
    untrained: list[Person] = field(default_factory=list)
    measures: list[tuple[LiteracyMeasure, bool]] = field(default_factory=list)


def coverage_by_system(
    systems: QuerySet[AISystem], *, today: datetime.date
) -> dict[int, people_domain.Coverage]:
    """Per system id: how many of its users received a current measure for it."""
    links = SystemLiteracy.objects.filter(system__in=systems.order_by().values("pk"))
    users: dict[int, set[int]] = defaultdict(set)
    for system_id, person_id in SystemLiteracy.users.through.objects.filter(
        systemliteracy__in=links
    ).values_list("systemliteracy__system_id", "person_id"):
        users[system_id].add(person_id)
    measures: dict[int, list[int]] = defaultdict(list)
    given: dict[int, people_domain.MeasureGiven] = {}
    for system_id, measure_id, given_on, refresh in SystemLiteracy.measures.through.objects.filter(
        systemliteracy__in=links
    ).values_list(
        "systemliteracy__system_id",
        "literacymeasure_id",
        "literacymeasure__given_on",
        "literacymeasure__refresh_months",
    ):
        measures[system_id].append(measure_id)
        given[measure_id] = people_domain.MeasureGiven(given_on=given_on, refresh_months=refresh)
    took_part: dict[int, set[int]] = defaultdict(set)
    for measure_id, person_id in LiteracyMeasure.participants.through.objects.filter(
        literacymeasure_id__in=list(given)
    ).values_list("literacymeasure_id", "person_id"):
        took_part[measure_id].add(person_id)
    result = {}
    for system_id, system_users in users.items():
        received = {
            person: [given[m] for m in measures[system_id] if person in took_part[m]]
            for person in system_users
        }
        result[system_id] = people_domain.literacy_coverage(system_users, received, today)
    return result


def system_literacy(*, system: AISystem, today: datetime.date) -> SystemLiteracyView:
    """The users of one system, the measures for it (current or not) and its coverage."""
    link = SystemLiteracy.objects.filter(system=system).first()
    if link is None:
        return SystemLiteracyView(coverage=people_domain.Coverage(trained=0, users=0))
    users = list(link.users.order_by("name"))
    measures = list(link.measures.prefetch_related("participants").order_by("-given_on"))
    current = {
        m.pk: people_domain.measure_is_current(m.given_on, m.refresh_months, today)
        for m in measures
    }
    received = {
        person.pk: [
            people_domain.MeasureGiven(m.given_on, m.refresh_months)
            for m in measures
            if any(p.pk == person.pk for p in m.participants.all())
        ]
        for person in users
    }
    trained_ids = {
        pk
        for pk, given in received.items()
        if any(people_domain.measure_is_current(g.given_on, g.refresh_months, today) for g in given)
    }
    return SystemLiteracyView(
        coverage=people_domain.literacy_coverage([p.pk for p in users], received, today),
        users=users,
        untrained=[p for p in users if p.pk not in trained_ids],
        measures=[(m, current[m.pk]) for m in measures],
    )


def literacy_initial(system: AISystem) -> dict[str, Any]:
    """The current users and measures of a system, for its literacy form."""
    link = SystemLiteracy.objects.filter(system=system).first()
    if link is None:
        return {"users": [], "measures": []}
    return {
        "users": list(link.users.values_list("pk", flat=True)),
        "measures": list(link.measures.values_list("pk", flat=True)),
    }
