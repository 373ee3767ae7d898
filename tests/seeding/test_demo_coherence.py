"""The demo organisation tells one story: pilots, KPIs and AI systems fit each initiative's
purpose and its stage history.

The rules are checked on the seeded data with keyword rules of their own, not against the
seeding's tables, so a KPI or a link sprinkled onto the wrong use case fails here.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

import pytest
from django.utils import timezone

from governance.models import AISystem
from initiatives.choices import Stage
from initiatives.models import Initiative, Pilot, StageChange
from metrics.models import Kpi, Measurement
from seeding.demo import seed_demo_organisation

pytestmark = pytest.mark.django_db

# Words that say nothing about what an initiative is for.
STOPWORDS = frozenset({
    "the", "and", "for", "per", "with", "from", "into", "each", "every", "that", "than", "their",
    "them", "they", "this", "are", "all", "not", "only", "same", "more", "less", "time", "times",
    "cost", "costs", "rate", "share", "number", "hour", "hours", "minute", "minutes", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "first", "right", "before",
    "after", "until", "get", "gets", "take", "takes", "taking", "make", "made", "half", "hand",
    "data", "new", "too", "few", "out", "its", "who", "what", "when", "where", "which", "without",
    "then", "also", "about", "how", "any", "some", "one", "two", "three", "four", "five", "most",
    "best", "ones", "often",
})  # fmt: skip
SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "es", "ed", "s", "e")

# KPIs about the people using the tool, which any initiative may track.
SHARED_KPIS = frozenset({"Employee satisfaction with tooling", "Weekly active users"})

# Links that are right although system and initiative share no keyword, with the reason.
EXPLICIT_LINKS = {
    # Answers to data subject requests go out with other people's data removed.
    ("Document anonymiser", "GDPR data subject request triage"),
}


def keywords(text: str) -> set[str]:
    """Crude stems of the telling words: "routing", "routed" and "route" all give "rout"."""
    found = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) < 3 or word in STOPWORDS:
            continue
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        found.add(word[:6])
    return found


def purpose(initiative: Initiative) -> set[str]:
    return keywords(f"{initiative.title} {initiative.problem} {initiative.process_affected}")


def entered(initiative_id: int) -> dict[str, datetime.date]:
    """The first day the initiative entered each stage."""
    moments: dict[str, datetime.date] = {}
    for change in StageChange.objects.filter(initiative_id=initiative_id).order_by("changed_at"):
        moments.setdefault(change.to_stage, timezone.localdate(change.changed_at))
    return moments


@pytest.fixture
def demo() -> None:
    seed_demo_organisation()


def test_every_pilot_runs_inside_its_initiatives_pilot_stage(demo) -> None:
    pilots = list(Pilot.objects.select_related("initiative"))
    assert len(pilots) >= 10
    wrong = []
    for pilot in pilots:
        changes = list(
            StageChange.objects.filter(initiative=pilot.initiative).order_by("changed_at", "pk")
        )
        into = next((c for c in changes if c.to_stage == Stage.PILOT), None)
        out_of = next((c for c in changes if c.from_stage == Stage.PILOT), None)
        if into is None or pilot.start_date < timezone.localdate(into.changed_at):
            wrong.append(f"{pilot.initiative}: pilot starts {pilot.start_date} before its stage")
        if out_of is not None and pilot.end_date > timezone.localdate(out_of.changed_at):
            wrong.append(f"{pilot.initiative}: pilot ends {pilot.end_date} after its stage")
    assert wrong == []


def test_stage_histories_run_forward_in_time(demo) -> None:
    for initiative in Initiative.objects.all():
        changes = list(initiative.stage_changes.order_by("changed_at", "pk"))
        stages = [Stage.IDEA, *(change.to_stage for change in changes)]
        assert [c.from_stage for c in changes] == stages[:-1], initiative
        assert stages[-1] == initiative.stage, initiative
        if changes:
            assert initiative.created_at < changes[0].changed_at, initiative
            assert initiative.stage_changed_at == changes[-1].changed_at, initiative


def test_kpis_are_measured_from_the_pilot_until_retirement(demo) -> None:
    kpis = list(Kpi.objects.select_related("initiative"))
    assert kpis
    wrong = []
    for kpi in kpis:
        moments = entered(kpi.initiative_id)
        pilot_entered = moments.get(Stage.PILOT)
        if pilot_entered is None or kpi.baseline_date < pilot_entered:
            wrong.append(f"{kpi.initiative}: baseline of {kpi.name} before the pilot stage")
        measured = Measurement.objects.filter(kpi=kpi).values_list("measured_on", flat=True)
        retired = moments.get(Stage.RETIRED)
        if any(day < kpi.baseline_date for day in measured):
            wrong.append(f"{kpi.initiative}: {kpi.name} measured before its baseline")
        if retired is not None and any(day > retired for day in measured):
            wrong.append(f"{kpi.initiative}: {kpi.name} measured after retirement")
    assert wrong == []


def test_each_initiatives_kpis_belong_to_its_own_use_case(demo) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    wrong = []
    for kpi in Kpi.objects.select_related("initiative"):
        if kpi.name in SHARED_KPIS:
            continue
        owners[kpi.name].add(kpi.initiative.title)
        if not keywords(kpi.name) & purpose(kpi.initiative):
            wrong.append(f"{kpi.initiative}: {kpi.name}")
    # A KPI name on initiatives of different purposes belongs to (at most) one of them.
    wrong += [f"{name} on {sorted(titles)}" for name, titles in owners.items() if len(titles) > 1]
    assert wrong == []
    assert len(owners) >= 15


def test_linked_ai_systems_do_the_initiatives_work(demo) -> None:
    links = [
        (system, initiative)
        for system in AISystem.objects.prefetch_related("initiatives")
        for initiative in system.initiatives.all()
    ]
    assert len(links) >= 15
    wrong = [
        f"{system.name} -> {initiative.title}"
        for system, initiative in links
        if (system.name, initiative.title) not in EXPLICIT_LINKS
        and not keywords(f"{system.name} {system.purpose}") & purpose(initiative)
    ]
    assert wrong == []
