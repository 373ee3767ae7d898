"""The pilots endpoints: scoped reads; the initiative's team documents its pilots."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.choices import Stage
from initiatives.models import Initiative, Pilot, PilotParticipant
from tests.conftest import token_client
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory, PilotFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/pilots/"


@pytest.fixture
def piloting(invoice_bot: Initiative) -> Initiative:
    Initiative.objects.filter(pk=invoice_bot.pk).update(stage=Stage.PILOT)
    invoice_bot.refresh_from_db()
    return invoice_bot


def pilot_data(initiative_id: int, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "initiative": initiative_id,
        "scope": "Two teams of accounts payable, 14 people",
        "start_date": "2026-02-02",
        "end_date": "2026-04-30",
        "success_criteria": "Coding time per invoice down from 6 to 3 minutes",
    }
    data.update(overrides)
    return data


def test_a_member_documents_a_pilot_with_participants(bob, piloting, customer_service) -> None:
    finance = DepartmentFactory(name="Finance", code="fin")
    response = token_client(bob).post(
        LIST,
        pilot_data(
            piloting.pk,
            departments=[customer_service.pk, finance.pk],
            participants=[
                {"name": "Sanne de Vries", "department": finance.pk, "role": "clerk"},
                {"name": "Jonas Berg", "role": "senior clerk", "is_sceptic": True},
            ],
        ),
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["initiative"] == piloting.pk
    assert body["initiative_title"] == "Invoice triage assistant"
    assert sorted(body["departments"]) == sorted([customer_service.pk, finance.pk])
    assert body["participants"] == [
        {"name": "Jonas Berg", "department": None, "role": "senior clerk", "is_sceptic": True},
        {"name": "Sanne de Vries", "department": finance.pk, "role": "clerk", "is_sceptic": False},
    ]
    assert (body["start_date"], body["end_date"]) == ("2026-02-02", "2026-04-30")
    assert Pilot.objects.get().participants.filter(is_sceptic=True).count() == 1


def test_an_end_before_the_start_saves_nothing(alice, piloting) -> None:
    response = token_client(alice).post(
        LIST,
        pilot_data(
            piloting.pk,
            start_date="2026-04-30",
            end_date="2026-02-02",
            participants=[{"name": "Sanne de Vries"}],
        ),
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"end_date": ["The end cannot be before the start."]}
    assert not Pilot.objects.exists()
    assert not PilotParticipant.objects.exists()


def test_changing_the_end_to_before_the_start_changes_nothing(alice, piloting) -> None:
    pilot = PilotFactory(initiative=piloting, lessons_learned="")
    response = token_client(alice).patch(
        f"{LIST}{pilot.pk}/",
        {"end_date": "2025-12-31", "lessons_learned": "Sceptics found the edge cases."},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["end_date"]
    pilot.refresh_from_db()
    assert (pilot.end_date, pilot.lessons_learned) == (datetime.date(2026, 3, 31), "")


def test_the_team_records_lessons_learned_and_replaces_participants(bob, piloting) -> None:
    pilot = PilotFactory(initiative=piloting)
    PilotParticipant.objects.create(pilot=pilot, name="Old participant")
    response = token_client(bob).patch(
        f"{LIST}{pilot.pk}/",
        {
            "lessons_learned": "Sceptics found the edge cases.",
            "participants": [{"name": "Jonas Berg", "is_sceptic": True}],
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["lessons_learned"] == "Sceptics found the edge cases."
    assert [p["name"] for p in response.json()["participants"]] == ["Jonas Berg"]
    assert list(pilot.participants.values_list("name", flat=True)) == ["Jonas Berg"]


def test_a_patch_without_participants_keeps_them(alice, piloting) -> None:
    pilot = PilotFactory(initiative=piloting)
    PilotParticipant.objects.create(pilot=pilot, name="Sanne de Vries")
    response = token_client(alice).patch(
        f"{LIST}{pilot.pk}/", {"user_feedback": "Saves me an hour a day"}, format="json"
    )
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["participants"]] == ["Sanne de Vries"]


def test_an_initiative_outside_the_scope_cannot_be_referenced(charlie, piloting) -> None:
    response = token_client(charlie).post(LIST, pilot_data(piloting.pk), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["initiative"]
    assert not Pilot.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "compliance_officer", "finance_user"])
def test_other_roles_read_pilots_but_do_not_write_them(request, persona, piloting) -> None:
    pilot = PilotFactory(initiative=piloting)
    client = token_client(request.getfixturevalue(persona))
    assert client.get(f"{LIST}{pilot.pk}/").status_code == 200
    assert client.post(LIST, pilot_data(piloting.pk), format="json").status_code == 403
    response = client.patch(f"{LIST}{pilot.pk}/", {"scope": "Everyone"}, format="json")
    assert response.status_code == 403
    assert Pilot.objects.count() == 1
    pilot.refresh_from_db()
    assert pilot.scope == "Two teams in Customer Service"


def test_pilots_are_scoped_and_filtered_by_initiative(alice, charlie, leader, piloting) -> None:
    own = PilotFactory(initiative=piloting)
    other = PilotFactory(initiative=InitiativeFactory(owner=charlie, stage=Stage.PILOT))
    assert [p["id"] for p in token_client(alice).get(LIST).json()["results"]] == [own.pk]
    assert token_client(alice).get(f"{LIST}{other.pk}/").status_code == 404
    everything = token_client(leader).get(LIST).json()
    assert everything["count"] == 2
    only_other = token_client(leader).get(f"{LIST}?initiative={other.initiative_id}").json()
    assert [p["id"] for p in only_other["results"]] == [other.pk]
    # Filtering on an initiative outside the scope tells nothing about it.
    response = token_client(alice).get(f"{LIST}?initiative={other.initiative_id}")
    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_pilots_cannot_be_deleted(alice, piloting) -> None:
    pilot = PilotFactory(initiative=piloting)
    assert token_client(alice).delete(f"{LIST}{pilot.pk}/").status_code == 405
    assert Pilot.objects.filter(pk=pilot.pk).exists()


def test_the_list_makes_the_same_number_of_queries_for_5_and_50(alice, bob) -> None:
    client = token_client(alice)
    client.get("/api/v1/me/")
    departments = DepartmentFactory.create_batch(2)

    def add(n: int) -> None:
        for pilot in PilotFactory.create_batch(n, initiative__owner=alice):
            pilot.departments.set(departments)
            PilotParticipant.objects.create(pilot=pilot, name="Sanne", department=departments[0])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    add(5)
    small = count()
    add(45)
    assert count() == small
    assert client.get(LIST).json()["count"] == 50
