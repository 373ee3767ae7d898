"""The initiatives endpoints: list, detail, propose, change, stage changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.choices import PriorityBand, Stage
from initiatives.models import Initiative, ReadinessItem, StageChange
from tests.conftest import token_client
from tests.factories.initiatives import (
    DepartmentFactory,
    InitiativeFactory,
    StrategicObjectiveFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/initiatives/"


def detail_url(initiative: Initiative) -> str:
    return f"{LIST}{initiative.pk}/"


def proposal(department_id: int, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Contract clause finder",
        "problem": "Lawyers spend hours finding liability clauses in supplier contracts.",
        "department": department_id,
        "build_type": "fine_tuned",
        "business_value": 4,
        "technical_feasibility": 4,
        "implementation_effort": 2,
        "strategic_alignment": 4,
    }
    data.update(overrides)
    return data


# --- Propose ----------------------------------------------------------------------------------


def test_a_team_lead_proposes_an_initiative_and_owns_it(alice, bob, customer_service) -> None:
    response = token_client(alice).post(
        LIST, proposal(customer_service.pk, members=[bob.pk]), format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == {"id": alice.pk, "name": str(alice)}
    assert body["department"] == {"id": customer_service.pk, "name": "Customer Service"}
    assert body["stage"] == "idea"
    assert body["held_in_stage"] is None
    assert body["members"] == [{"id": bob.pk, "name": str(bob)}]
    # 9×3 + 6×3 + 5×3 + 5×(5−2) = 75
    assert body["priority_score"] == 75
    assert body["priority_band"] == "high"
    assert [(t["field"], t["points"], t["max_points"]) for t in body["priority_terms"]] == [
        ("business_value", 27, 36),
        ("technical_feasibility", 18, 24),
        ("strategic_alignment", 15, 20),
        ("implementation_effort", 15, 20),
    ]
    assert body["available_transitions"] == ["assessment", "on_hold", "stopped"]
    initiative = Initiative.objects.get(pk=body["id"])
    assert initiative.owner == alice
    assert ReadinessItem.objects.filter(initiative=initiative).count() == 10


def test_strategic_alignment_defaults_to_three(alice, customer_service) -> None:
    data = proposal(customer_service.pk, business_value=3, technical_feasibility=3)
    data.pop("strategic_alignment")
    data["implementation_effort"] = 3
    response = token_client(alice).post(LIST, data, format="json")
    assert response.status_code == 201
    assert (response.json()["priority_score"], response.json()["priority_band"]) == (50, "medium")


def test_an_unknown_department_is_a_field_error(alice, customer_service) -> None:
    response = token_client(alice).post(LIST, proposal(999_999), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["department"]
    assert "999999" in response.json()["errors"]["department"][0]
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("score", [0, 6])
def test_scores_outside_one_to_five_are_refused(alice, customer_service, score) -> None:
    response = token_client(alice).post(
        LIST, proposal(customer_service.pk, business_value=score), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["business_value"]
    assert not Initiative.objects.exists()


def test_missing_required_fields_are_listed(alice) -> None:
    response = token_client(alice).post(LIST, {"title": "Only a title"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "problem",
        "department",
        "build_type",
        "business_value",
        "technical_feasibility",
        "implementation_effort",
    }


def test_leadership_cannot_propose_even_with_bad_input(leader) -> None:
    response = token_client(leader).post(LIST, {}, format="json")
    assert response.status_code == 403
    assert not Initiative.objects.exists()


# --- Change -----------------------------------------------------------------------------------


def test_the_owner_changes_scores_and_the_priority_follows(alice, invoice_bot) -> None:
    response = token_client(alice).patch(
        detail_url(invoice_bot), {"business_value": 5}, format="json"
    )
    assert response.status_code == 200
    # 50 + 9×2 more for value 5 instead of 3
    assert response.json()["priority_score"] == 68
    invoice_bot.refresh_from_db()
    assert (invoice_bot.business_value, invoice_bot.priority_score) == (5, 68)
    assert invoice_bot.title == "Invoice triage assistant"


def test_a_put_needs_every_required_field(alice, invoice_bot) -> None:
    response = token_client(alice).put(detail_url(invoice_bot), {"title": "New"}, format="json")
    assert response.status_code == 400
    assert "problem" in response.json()["errors"]
    invoice_bot.refresh_from_db()
    assert invoice_bot.title == "Invoice triage assistant"


def test_a_put_replaces_the_description(alice, invoice_bot, customer_service) -> None:
    response = token_client(alice).put(
        detail_url(invoice_bot), proposal(customer_service.pk, title="Renamed"), format="json"
    )
    assert response.status_code == 200
    invoice_bot.refresh_from_db()
    assert (invoice_bot.title, invoice_bot.priority_score) == ("Renamed", 75)
    assert invoice_bot.owner == alice


def test_the_stage_cannot_be_changed_by_editing(alice, invoice_bot) -> None:
    response = token_client(alice).patch(detail_url(invoice_bot), {"stage": "pilot"}, format="json")
    assert response.status_code == 200
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == Stage.IDEA


def test_members_are_replaced_when_sent(alice, bob, charlie, invoice_bot) -> None:
    response = token_client(alice).patch(
        detail_url(invoice_bot), {"members": [charlie.pk]}, format="json"
    )
    assert response.status_code == 200
    assert [m["id"] for m in response.json()["members"]] == [charlie.pk]
    assert list(invoice_bot.members.all()) == [charlie]


# --- Transitions ------------------------------------------------------------------------------


def test_a_transition_answers_the_new_state_and_the_record(alice, invoice_bot) -> None:
    response = token_client(alice).post(
        f"{detail_url(invoice_bot)}transition/",
        {"stage": "assessment", "reason": "Data owner agreed to a sample."},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["initiative"]["stage"] == "assessment"
    assert body["initiative"]["available_transitions"] == [
        "idea",
        "proof_of_concept",
        "pilot",
        "on_hold",
        "stopped",
    ]
    change = body["stage_change"]
    assert (change["from_stage"], change["to_stage"]) == ("idea", "assessment")
    assert change["actor"] == {"id": alice.pk, "name": str(alice)}
    assert change["reason"] == "Data owner agreed to a sample."
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == Stage.ASSESSMENT


def test_an_illegal_jump_is_a_conflict_with_the_reason(alice, invoice_bot) -> None:
    response = token_client(alice).post(
        f"{detail_url(invoice_bot)}transition/",
        {"stage": "pilot", "reason": "Skip ahead"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_jump"
    assert response.json()["detail"] == (
        "An initiative cannot move from Idea to Pilot. From Idea it can move to: "
        "Assessment, On hold, Stopped."
    )
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == Stage.IDEA
    assert not StageChange.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"stage": "assessment"}, "reason"),
        ({"stage": "assessment", "reason": ""}, "reason"),
        ({"stage": "space", "reason": "Why not"}, "stage"),
    ],
)
def test_a_transition_needs_a_known_stage_and_a_reason(alice, invoice_bot, payload, field) -> None:
    response = token_client(alice).post(
        f"{detail_url(invoice_bot)}transition/", payload, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not StageChange.objects.exists()


def test_a_team_lead_cannot_move_beyond_pilot(alice, invoice_bot) -> None:
    Initiative.objects.filter(pk=invoice_bot.pk).update(stage=Stage.SCALING)
    response = token_client(alice).post(
        f"{detail_url(invoice_bot)}transition/",
        {"stage": "production", "reason": "Live"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "role_not_allowed"
    assert response.json()["detail"] == (
        "Your role may not move an initiative from Scaling to Production."
    )
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == Stage.SCALING


def test_scaling_needs_a_gate_decision_even_for_leadership(leader, invoice_bot) -> None:
    Initiative.objects.filter(pk=invoice_bot.pk).update(stage=Stage.PILOT)
    response = token_client(leader).post(
        f"{detail_url(invoice_bot)}transition/",
        {"stage": "scaling", "reason": "Looks good"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "gate_decision_required"


def test_stage_changes_are_listed_newest_first(alice, leader, invoice_bot) -> None:
    client = token_client(alice)
    url = f"{detail_url(invoice_bot)}transition/"
    client.post(url, {"stage": "assessment", "reason": "Sample agreed"}, format="json")
    client.post(url, {"stage": "on_hold", "reason": "Budget freeze"}, format="json")
    response = token_client(leader).get(f"{detail_url(invoice_bot)}stage-changes/")
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert [(c["from_stage"], c["to_stage"], c["reason"]) for c in response.json()["results"]] == [
        ("assessment", "on_hold", "Budget freeze"),
        ("idea", "assessment", "Sample agreed"),
    ]
    detail = token_client(alice).get(detail_url(invoice_bot)).json()
    assert (detail["stage"], detail["held_in_stage"]) == ("on_hold", "assessment")
    assert detail["available_transitions"] == ["assessment", "stopped"]


def test_stage_changes_of_someone_elses_initiative_are_not_found(charlie, invoice_bot) -> None:
    response = token_client(charlie).get(f"{detail_url(invoice_bot)}stage-changes/")
    assert response.status_code == 404


# --- Delete -----------------------------------------------------------------------------------


def test_an_administrator_deletes_an_initiative(administrator, invoice_bot) -> None:
    response = token_client(administrator).delete(detail_url(invoice_bot))
    assert response.status_code == 204
    assert not Initiative.objects.filter(pk=invoice_bot.pk).exists()


@pytest.mark.parametrize("persona", ["alice", "bob", "leader", "compliance_officer"])
def test_nobody_else_deletes_an_initiative(request, persona, invoice_bot) -> None:
    response = token_client(request.getfixturevalue(persona)).delete(detail_url(invoice_bot))
    assert response.status_code == 403
    assert Initiative.objects.filter(pk=invoice_bot.pk).exists()


# --- Filters and ordering ---------------------------------------------------------------------


@pytest.fixture
def portfolio(leader):  # type: ignore[no-untyped-def]
    """Four initiatives across two departments with known stages and priorities."""
    finance = DepartmentFactory(name="Finance", code="fin")
    legal = DepartmentFactory(name="Legal", code="legal")
    growth = StrategicObjectiveFactory(name="Faster customer service")
    return {
        "finance": finance,
        "legal": legal,
        "growth": growth,
        # 9×4 + 6×4 + 5×4 + 5×4 = 100
        "invoices": InitiativeFactory(
            title="Invoice coding",
            problem="Invoices are coded by hand.",
            department=finance,
            stage=Stage.PILOT,
            business_value=5,
            technical_feasibility=5,
            strategic_alignment=5,
            implementation_effort=1,
            strategic_objective=growth,
        ),
        # all threes: 50
        "forecast": InitiativeFactory(title="Cash forecast", department=finance, stage=Stage.IDEA),
        # 9×0 + 6×1 + 5×0 + 5×0 = 6
        "contracts": InitiativeFactory(
            title="Contract review",
            problem="Clauses are missed in supplier contracts.",
            department=legal,
            stage=Stage.ASSESSMENT,
            business_value=1,
            technical_feasibility=2,
            strategic_alignment=1,
            implementation_effort=5,
        ),
        # 9×3 + 6×2 + 5×3 + 5×2 = 64
        "summaries": InitiativeFactory(
            title="Case summaries",
            department=legal,
            stage=Stage.PILOT,
            business_value=4,
            technical_feasibility=3,
            strategic_alignment=4,
            implementation_effort=3,
        ),
    }


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


def test_the_list_is_sorted_by_priority_by_default(leader, portfolio) -> None:
    response = token_client(leader).get(LIST)
    assert [(r["title"], r["priority_score"]) for r in response.json()["results"]] == [
        ("Invoice coding", 100),
        ("Case summaries", 64),
        ("Cash forecast", 50),
        ("Contract review", 6),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=pilot", ["Invoice coding", "Case summaries"]),
        ("stage=pilot&stage=idea", ["Invoice coding", "Case summaries", "Cash forecast"]),
        ("priority_band=high", ["Invoice coding"]),
        ("priority_band=low", ["Contract review"]),
        ("q=supplier+contracts", ["Contract review"]),
        ("q=invoice", ["Invoice coding"]),
        ("ordering=title", ["Case summaries", "Cash forecast", "Contract review", "Invoice coding"]),
        ("ordering=-effort,title", ["Contract review", "Case summaries", "Cash forecast",
                                    "Invoice coding"]),
        ("stage=pilot&ordering=priority", ["Case summaries", "Invoice coding"]),
    ],
)  # fmt: skip
def test_filters_and_ordering(leader, portfolio, query, expected) -> None:
    assert titles(token_client(leader).get(f"{LIST}?{query}")) == expected


def test_filter_by_department_owner_and_objective(leader, portfolio) -> None:
    client = token_client(leader)
    legal = portfolio["legal"].pk
    assert titles(client.get(f"{LIST}?department={legal}")) == ["Case summaries", "Contract review"]
    owner = portfolio["forecast"].owner_id
    assert titles(client.get(f"{LIST}?owner={owner}")) == ["Cash forecast"]
    growth = portfolio["growth"].pk
    assert titles(client.get(f"{LIST}?strategic_objective={growth}")) == ["Invoice coding"]


def test_an_invalid_filter_value_is_a_field_error(leader, portfolio) -> None:
    response = token_client(leader).get(f"{LIST}?stage=space")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["stage"]


def test_filters_stay_within_a_team_leads_scope(alice, invoice_bot, portfolio) -> None:
    assert titles(token_client(alice).get(f"{LIST}?stage=idea")) == ["Invoice triage assistant"]
    assert titles(token_client(alice).get(f"{LIST}?stage=pilot")) == []


def test_the_list_band_matches_the_choices(leader, portfolio) -> None:
    bands = {r["priority_band"] for r in token_client(leader).get(LIST).json()["results"]}
    assert bands == {PriorityBand.HIGH, PriorityBand.MEDIUM, PriorityBand.LOW}


# --- Query count ------------------------------------------------------------------------------


def _count_list_queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["alice", "leader"])
def test_the_list_makes_the_same_number_of_queries_for_5_and_50(request, persona, bob) -> None:
    user = request.getfixturevalue(persona)
    alice = request.getfixturevalue("alice")
    client = token_client(user)
    client.get("/api/v1/me/")  # the token's first use records last_used_at once
    InitiativeFactory.create_batch(5, owner=alice, members=[bob])
    small = _count_list_queries(client, LIST)
    InitiativeFactory.create_batch(45, owner=alice, members=[bob])
    large = _count_list_queries(client, LIST)
    assert client.get(LIST).json()["count"] == 50
    assert small == large
