"""The gate-decisions endpoints: leadership decides the gate to scaling."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.choices import Stage
from initiatives.models import GateDecision, Initiative, StageChange
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/gate-decisions/"


@pytest.fixture
def piloting(invoice_bot: Initiative) -> Initiative:
    Initiative.objects.filter(pk=invoice_bot.pk).update(stage=Stage.PILOT)
    invoice_bot.refresh_from_db()
    return invoice_bot


def decide(user, initiative: Initiative, outcome: str, rationale: str = "ROI proven"):  # type: ignore[no-untyped-def]
    return token_client(user).post(
        LIST,
        {"initiative": initiative.pk, "outcome": outcome, "rationale": rationale},
        format="json",
    )


def test_go_scales_the_initiative_and_records_the_change(leader, piloting) -> None:
    response = decide(leader, piloting, "go", "Savings of 120k in the pilot quarter")
    assert response.status_code == 201
    body = response.json()
    assert (body["outcome"], body["initiative_stage"]) == ("go", "scaling")
    assert body["decided_by"] == {"id": leader.pk, "name": str(leader)}
    assert body["rationale"] == "Savings of 120k in the pilot quarter"
    assert body["evidence"] == {}
    piloting.refresh_from_db()
    assert piloting.stage == Stage.SCALING
    change = StageChange.objects.get(initiative=piloting)
    assert (change.from_stage, change.to_stage, change.actor, change.reason) == (
        "pilot",
        "scaling",
        leader,
        "Savings of 120k in the pilot quarter",
    )


@pytest.mark.parametrize(
    ("outcome", "stage", "changes"),
    [("no_go", Stage.STOPPED, 1), ("needs_work", Stage.PILOT, 0)],
)
def test_no_go_stops_and_needs_work_stays_in_pilot(
    leader, piloting, outcome, stage, changes
) -> None:
    response = decide(leader, piloting, outcome)
    assert response.status_code == 201
    assert response.json()["initiative_stage"] == stage
    piloting.refresh_from_db()
    assert piloting.stage == stage
    assert StageChange.objects.filter(initiative=piloting).count() == changes


def test_a_gate_outside_pilot_is_a_conflict(leader, invoice_bot) -> None:
    response = decide(leader, invoice_bot, "go")
    assert response.status_code == 409
    assert response.json()["code"] == "not_in_pilot"
    assert response.json()["detail"] == (
        "Only an initiative in pilot comes to the stage gate; this one is in Idea."
    )
    assert not GateDecision.objects.exists()
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == Stage.IDEA


@pytest.mark.parametrize(
    "persona", ["alice", "bob", "charlie", "compliance_officer", "finance_user", "administrator"]
)
def test_only_leadership_decides(request, persona, piloting) -> None:
    response = decide(request.getfixturevalue(persona), piloting, "go")
    assert response.status_code == 403
    assert not GateDecision.objects.exists()
    piloting.refresh_from_db()
    assert piloting.stage == Stage.PILOT


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"outcome": "maybe", "rationale": "Unsure"}, ["outcome"]),
        ({"outcome": "go", "rationale": ""}, ["rationale"]),
        ({"outcome": "go"}, ["rationale"]),
    ],
)
def test_bad_decisions_are_field_errors(leader, piloting, payload, fields) -> None:
    response = token_client(leader).post(
        LIST, {"initiative": piloting.pk, **payload}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == fields
    assert not GateDecision.objects.exists()


def test_decisions_are_scoped_to_what_the_reader_may_see(
    alice, bob, charlie, leader, piloting
) -> None:
    decide(leader, piloting, "needs_work", "Baseline missing")
    other = InitiativeFactory(owner=charlie, stage=Stage.PILOT)
    decide(leader, other, "no_go", "No measurable benefit")
    assert [d["rationale"] for d in token_client(alice).get(LIST).json()["results"]] == [
        "Baseline missing"
    ]
    assert token_client(bob).get(LIST).json()["count"] == 1
    assert [d["outcome"] for d in token_client(leader).get(LIST).json()["results"]] == [
        "no_go",
        "needs_work",
    ]
    mine = GateDecision.objects.get(initiative=other)
    assert token_client(alice).get(f"{LIST}{mine.pk}/").status_code == 404
    assert token_client(charlie).get(f"{LIST}{mine.pk}/").status_code == 200
    filtered = token_client(leader).get(f"{LIST}?outcome=needs_work").json()
    assert [d["initiative"] for d in filtered["results"]] == [piloting.pk]


def test_decisions_cannot_be_changed_or_deleted(leader, piloting) -> None:
    decide(leader, piloting, "needs_work")
    decision = GateDecision.objects.get()
    client = token_client(leader)
    assert client.patch(f"{LIST}{decision.pk}/", {"outcome": "go"}).status_code == 405
    assert client.delete(f"{LIST}{decision.pk}/").status_code == 405
    decision.refresh_from_db()
    assert decision.outcome == "needs_work"


def test_the_list_makes_the_same_number_of_queries_for_5_and_50(leader, alice) -> None:
    client = token_client(leader)
    client.get("/api/v1/me/")

    def add(n: int) -> None:
        for initiative in InitiativeFactory.create_batch(n, owner=alice, stage=Stage.PILOT):
            GateDecision.objects.create(
                initiative=initiative,
                outcome="needs_work",
                rationale="More data",
                decided_by=leader,
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    add(5)
    small = count()
    add(45)
    assert count() == small
