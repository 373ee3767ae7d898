"""AI literacy as an optional item of the scaling-readiness checklist: derived from the literacy
recorded for the initiative's AI systems, shown as optional, never counted in "n of m done" and
never holding back the gate's verdict."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from governance.models import SystemLiteracy
from initiatives.choices import ReadinessKind, ReadinessStatus, Stage
from initiatives.models import ReadinessItem
from initiatives.selectors import gate_evidence_for, optional_readiness_items
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import InitiativeFactory
from tests.factories.people import LiteracyMeasureFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _checklist(initiative, **statuses: str) -> None:
    """Every required item, not started unless given (kind=status)."""
    ReadinessItem.objects.bulk_create(
        ReadinessItem(
            initiative=initiative,
            kind=kind,
            status=statuses.get(kind, ReadinessStatus.NOT_STARTED),
        )
        for kind in ReadinessKind.values
    )


def _users(system, *, trained: int, untrained: int) -> None:
    """Record users of the system; `trained` of them took a current workshop for it."""
    people = [PersonFactory() for _ in range(trained + untrained)]
    link = SystemLiteracy.objects.create(system=system)
    link.users.set(people)
    link.measures.set([LiteracyMeasureFactory(participants=people[:trained])])


@pytest.fixture
def initiative(alice):
    """A pilot using two AI systems: 2 of 3 users trained on one, 1 of 1 on the other."""
    initiative = InitiativeFactory(title="Letter routing", owner=alice, stage=Stage.PILOT)
    _checklist(initiative)
    _users(
        AISystemFactory(name="Letter classifier", initiatives=[initiative]), trained=2, untrained=1
    )
    _users(AISystemFactory(name="Reply drafter", initiatives=[initiative]), trained=1, untrained=0)
    return initiative


def _literacy(initiative):
    (entry,) = [
        e for e in optional_readiness_items(initiative=initiative) if e.item.key == "ai_literacy"
    ]
    return entry


def test_the_initiative_page_shows_literacy_as_an_optional_item(client, alice, initiative) -> None:
    client.force_login(alice)
    page = client.get(
        reverse("initiatives:initiative-detail", args=[initiative.pk])
    ).content.decode()
    row = page[page.index('id="readiness-ai_literacy"') :]
    row = row[: row.index("</tr>")]
    assert "AI literacy recorded" in row
    assert "optional" in row
    assert "In progress" in row
    assert "3 of 4 users trained" in row
    # The tile counts the ten required items only.
    assert "0 of 10" in page


def test_literacy_is_done_when_every_user_of_every_system_is_trained(initiative) -> None:
    assert _literacy(initiative).item.status == "in_progress"
    untrained = SystemLiteracy.objects.get(system__name="Letter classifier")
    untrained.measures.first().participants.set(untrained.users.all())
    entry = _literacy(initiative)
    assert (entry.item.status, entry.status_label, str(entry.item.value)) == (
        "done",
        "Done",
        "4 of 4 users trained",
    )


def test_a_lapsed_measure_does_not_count_and_a_system_without_users_keeps_it_open(
    alice,
) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    system = AISystemFactory(initiatives=[initiative])
    person = PersonFactory()
    link = SystemLiteracy.objects.create(system=system)
    link.users.set([person])
    link.measures.set(
        [
            LiteracyMeasureFactory(
                participants=[person],
                given_on=datetime.date.today() - datetime.timedelta(days=800),
                refresh_months=12,
            )
        ]
    )
    AISystemFactory(initiatives=[initiative])
    entry = _literacy(initiative)
    assert entry.item.status == "not_started"
    assert str(entry.item.value) == "0 of 1 user trained"
    assert str(entry.item.detail) == "1 AI system has no users recorded."


def test_without_an_ai_system_the_item_says_so(alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    entry = _literacy(initiative)
    assert (entry.item.status, str(entry.item.value)) == ("not_started", "No AI system linked")


def test_the_gate_verdict_counts_required_items_only(client, leader, initiative) -> None:
    initiative.readiness_items.update(status=ReadinessStatus.DONE)
    initiative.readiness_items.filter(kind=ReadinessKind.NEW_USE_CASES).update(
        status=ReadinessStatus.NOT_APPLICABLE
    )
    (readiness,) = [
        e for e in gate_evidence_for(initiative=initiative) if e.data["slot"] == "readiness"
    ]
    # Literacy is 3 of 4: the checklist is still complete and green.
    assert (str(readiness.value), readiness.tone) == ("9 of 9 items done", "good")
    assert str(readiness.detail) == "Optional: AI literacy recorded, 3 of 4 users trained."
    assert readiness.data["open"] == 0
    assert readiness.data["optional"] == [
        {"key": "ai_literacy", "status": "in_progress", "systems": 2, "users": 4, "trained": 3}
    ]
    client.force_login(leader)
    page = client.get(reverse("initiatives:gate-decision", args=[initiative.pk])).content.decode()
    assert "AI literacy recorded" in page and "3 of 4 users trained" in page


def test_items_not_applicable_are_not_counted_as_open_on_the_tile(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    _checklist(
        initiative,
        budget_model=ReadinessStatus.DONE,
        champions=ReadinessStatus.DONE,
        training=ReadinessStatus.DONE,
        new_use_cases=ReadinessStatus.NOT_APPLICABLE,
        support_content=ReadinessStatus.NOT_APPLICABLE,
    )
    client.force_login(alice)
    response = client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    assert response.context["readiness"] == {
        "done": 3,
        "not_applicable": 2,
        "open": 5,
        "applicable": 8,
        "total": 10,
    }
    assert "3 of 8" in response.content.decode()
