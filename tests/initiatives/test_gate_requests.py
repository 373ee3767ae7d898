"""Gate requests: the team asks for the stage-gate decision, leadership works through the queue."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.roles import Role
from initiatives import selectors, services
from initiatives.choices import GateRequestStatus, Stage
from initiatives.events import GATE_DECIDED, GATE_REQUESTED
from initiatives.models import GateDecision, GateRequest, Initiative
from notifications.models import Notification
from tests.conftest import token_client
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import DepartmentFactory, GateRequestFactory, InitiativeFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/gate-requests/"
NOTE = "Handling time down 24 % against a target of 20 %; budget model and champions ready."


@pytest.fixture
def piloting(alice: User, bob: User) -> Initiative:
    """Alice owns it, bob is on the team; in pilot, so it can come to the gate."""
    return InitiativeFactory(
        title="Invoice triage assistant",
        department=DepartmentFactory(name="Customer Service", code="cs"),
        owner=alice,
        members=[bob],
        stage=Stage.PILOT,
    )


def ask(client, user: User, initiative: Initiative, note: str = NOTE):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.post(reverse("initiatives:gate-request", args=[initiative.pk]), {"note": note})


def test_a_request_reaches_the_queue_and_the_decision_reaches_the_requester(
    client, alice, bob, leader, piloting
) -> None:
    # Another team asked a day earlier: the queue shows the longest waiting first.
    earlier = GateRequestFactory(
        initiative=InitiativeFactory(title="Route planner", stage=Stage.PILOT),
        note="Fuel use down 8 %.",
    )
    GateRequest.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )

    response = ask(client, alice, piloting)
    assert response.status_code == 302
    request = GateRequest.objects.get(initiative=piloting)
    assert (request.status, request.requested_by, request.note) == ("open", alice, NOTE)
    told = Notification.objects.get(recipient=leader, kind=GATE_REQUESTED)
    assert told.target_url == reverse("initiatives:gate-decision", args=[piloting.pk])
    assert told.sentence == (
        f"{alice} asks for a stage-gate decision on “Invoice triage assistant”: {NOTE}"
    )

    client.force_login(leader)
    queue = client.get(reverse("initiatives:gate-queue"))
    assert queue.status_code == 200
    assert [r.initiative.title for r in queue.context["page_obj"]] == [
        "Route planner",
        "Invoice triage assistant",
    ]
    assert "Customer Service" in queue.content.decode()
    gate = client.get(reverse("initiatives:gate-decision", args=[piloting.pk])).content.decode()
    assert NOTE in gate and str(alice) in gate

    response = client.post(
        reverse("initiatives:gate-decision", args=[piloting.pk]),
        {"outcome": "go", "rationale": "Savings of 120k proven in the pilot quarter."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    decision = GateDecision.objects.get(initiative=piloting)
    assert (request.status, request.decision, request.closed_by) == ("decided", decision, leader)
    assert request.closed_at is not None
    assert [r.initiative.title for r in selectors.gate_queue(user=leader)] == ["Route planner"]

    # The requester (also the owner) and the member are told once each; the decider is not.
    decided = Notification.objects.filter(kind=GATE_DECIDED)
    assert sorted(n.recipient.username for n in decided) == ["alice", "bob"]
    sentence = decided.get(recipient=alice).sentence
    assert sentence == (
        f"{leader} decided the stage gate of “Invoice triage assistant”: Go: scale. "
        "Rationale: Savings of 120k proven in the pilot quarter."
    )


def test_everyone_who_decides_gates_is_told_and_nobody_else(
    client, alice, leader, compliance_officer, finance_user, piloting
) -> None:
    second_leader = UserFactory(username="lars", roles=[Role.LEADERSHIP])
    UserFactory(username="gone", roles=[Role.LEADERSHIP], is_active=False)
    ask(client, alice, piloting)
    told = Notification.objects.filter(kind=GATE_REQUESTED)
    assert sorted(n.recipient.username for n in told) == sorted([leader.username, "lars"])
    assert second_leader.notifications.count() == 1


def test_one_open_request_per_initiative(client, alice, bob, piloting) -> None:
    ask(client, alice, piloting)
    response = ask(client, bob, piloting, "Asking again")
    assert response.status_code == 409
    assert "already been requested" in response.content.decode()
    assert GateRequest.objects.filter(initiative=piloting).count() == 1
    # The database holds the rule too, whatever writes the rows.
    with pytest.raises(IntegrityError), transaction.atomic():
        GateRequest.objects.create(initiative=piloting, requested_by=bob, note="Twice")
    # Once the first is withdrawn, the team may ask again.
    services.gate_request_withdraw(actor=alice, request=GateRequest.objects.get())
    assert ask(client, bob, piloting, "Now with the budget model").status_code == 302
    assert GateRequest.objects.filter(initiative=piloting, status="open").get().requested_by == bob


def test_only_an_initiative_in_pilot_comes_to_the_gate(client, alice) -> None:
    idea = InitiativeFactory(owner=alice, stage=Stage.ASSESSMENT)
    response = ask(client, alice, idea)
    assert response.status_code == 409
    assert "only initiatives in pilot come to the gate" in response.content.decode()
    assert not GateRequest.objects.exists()


def test_an_empty_note_is_a_field_error(client, alice, piloting) -> None:
    response = ask(client, alice, piloting, "   ")
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == ["This field is required."]
    assert not GateRequest.objects.exists()


def test_a_user_outside_the_scope_gets_404_and_leadership_may_not_ask(
    client, alice, charlie, leader, piloting
) -> None:
    request = GateRequestFactory(initiative=piloting, requested_by=alice)
    client.force_login(charlie)
    assert client.get(reverse("initiatives:gate-request", args=[piloting.pk])).status_code == 404
    assert ask(client, charlie, piloting).status_code == 404
    withdraw = reverse("initiatives:gate-request-withdraw", args=[request.pk])
    assert client.post(withdraw).status_code == 404
    assert token_client(charlie).get(f"{API}{request.pk}/").status_code == 404
    assert token_client(charlie).get(API).json()["count"] == 0
    # Leadership sees the initiative but decides the gate; it does not ask for it.
    assert ask(client, leader, piloting).status_code == 403
    assert client.post(withdraw).status_code == 403
    request.refresh_from_db()
    assert request.status == "open"


def test_the_team_withdraws_its_request(client, alice, bob, leader, piloting) -> None:
    ask(client, alice, piloting)
    request = GateRequest.objects.get()
    client.force_login(bob)
    page = client.get(reverse("initiatives:initiative-detail", args=[piloting.pk])).content
    assert NOTE in page.decode() and "Withdraw the request" in page.decode()
    withdraw = reverse("initiatives:gate-request-withdraw", args=[request.pk])
    assert client.post(withdraw).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.closed_by) == ("withdrawn", bob)
    assert list(selectors.gate_queue(user=leader)) == []
    # A closed request cannot be withdrawn again.
    response = client.post(withdraw)
    assert response.status_code == 409
    assert "already closed" in response.content.decode()
    # Its history says who asked and who withdrew.
    assert [h.history_user for h in request.history.order_by("history_date")] == [alice, bob]


def test_leaving_pilot_without_the_gate_closes_the_request(client, alice, leader, piloting) -> None:
    ask(client, alice, piloting)
    services.initiative_transition(
        actor=alice, initiative=piloting, target=Stage.ON_HOLD, reason="Vendor contract paused"
    )
    request = GateRequest.objects.get()
    assert (request.status, request.closed_by) == ("withdrawn", alice)
    assert list(selectors.gate_queue(user=leader)) == []


def test_the_initiative_page_offers_the_request_only_to_the_team_in_pilot(
    client, alice, leader, piloting
) -> None:
    url = reverse("initiatives:initiative-detail", args=[piloting.pk])
    client.force_login(alice)
    assert "Request gate decision" in client.get(url).content.decode()
    client.force_login(leader)
    assert "Request gate decision" not in client.get(url).content.decode()
    client.force_login(alice)
    ask(client, alice, piloting)
    page = client.get(url).content.decode()
    assert "Request gate decision" not in page
    assert "Gate decision requested" in page


def test_the_queue_is_for_leadership_and_linked_in_its_navigation(client, alice, leader) -> None:
    queue = reverse("initiatives:gate-queue")
    client.force_login(alice)
    assert client.get(queue).status_code == 403
    assert queue not in client.get(reverse("initiatives:initiative-list")).content.decode()
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-list"))
    assert [link.url for link in response.context["nav_links"]].count(queue) == 1


@pytest.mark.parametrize("size", [2, 20])
def test_the_queue_makes_a_fixed_number_of_queries(client, leader, size) -> None:
    for request in GateRequestFactory.create_batch(size):
        assert request.status == GateRequestStatus.OPEN
    client.force_login(leader)
    url = reverse("initiatives:gate-queue")
    client.get(url)  # warm up the session and roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.context["page_obj"]) == size
    # session, user, roles, count, the page of requests with initiative, department and
    # requester, the bell
    assert len(queries) == 6
    with CaptureQueriesContext(connection) as selector_queries:
        rows = [
            (r.initiative.title, r.initiative.department.name, str(r.requested_by))
            for r in selectors.gate_queue(user=leader)
        ]
    # the person's roles, then the requests joined to initiative, department and requester
    assert len(rows) == size and len(selector_queries) == 2


# --- The API ----------------------------------------------------------------------------------


def test_api_create_list_and_withdraw(alice, bob, charlie, leader, piloting) -> None:
    response = token_client(alice).post(
        API, {"initiative": piloting.pk, "note": NOTE}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "open"
    assert body["note"] == NOTE
    assert body["requested_by"] == {"id": alice.pk, "name": str(alice)}
    assert body["department"]["name"] == "Customer Service"
    assert (body["closed_at"], body["closed_by"], body["decision"]) == (None, None, None)

    listed = token_client(leader).get(API, {"status": "open"}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert token_client(charlie).get(API).json()["results"] == []

    # A second open request is a state conflict.
    again = token_client(bob).post(API, {"initiative": piloting.pk, "note": "Again"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "gate_request_open"

    assert token_client(leader).post(f"{API}{body['id']}/withdraw/").status_code == 403
    assert token_client(charlie).post(f"{API}{body['id']}/withdraw/").status_code == 404
    withdrawn = token_client(bob).post(f"{API}{body['id']}/withdraw/")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["closed_by"] == {"id": bob.pk, "name": str(bob)}
    assert token_client(bob).post(f"{API}{body['id']}/withdraw/").status_code == 409


def test_api_decision_closes_the_request_with_a_link_to_it(alice, leader, piloting) -> None:
    request = GateRequestFactory(initiative=piloting, requested_by=alice)
    decided = token_client(leader).post(
        "/api/v1/gate-decisions/",
        {"initiative": piloting.pk, "outcome": "needs_work", "rationale": "Baseline missing"},
        format="json",
    )
    assert decided.status_code == 201
    body = token_client(alice).get(f"{API}{request.pk}/").json()
    assert (body["status"], body["decision"]) == ("decided", decided.json()["id"])


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"initiative": "__pk__"}, "note"),
        ({"initiative": "__pk__", "note": ""}, "note"),
        ({"initiative": "__pk__", "note": "x" * 4001}, "note"),
        ({"note": NOTE}, "initiative"),
        ({"initiative": 999999, "note": NOTE}, "initiative"),
        ({"initiative": "first", "note": NOTE}, "initiative"),
    ],
)
def test_api_bad_input_is_a_400_with_field_errors(alice, piloting, payload, field) -> None:
    data = {k: (piloting.pk if v == "__pk__" else v) for k, v in payload.items()}
    response = token_client(alice).post(API, data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [field]
    assert not GateRequest.objects.exists()


def test_api_an_initiative_outside_the_scope_is_a_400_and_leadership_gets_403(
    charlie, leader, piloting
) -> None:
    response = token_client(charlie).post(
        API, {"initiative": piloting.pk, "note": NOTE}, format="json"
    )
    assert response.status_code == 400
    assert "initiative" in response.json()["errors"]
    response = token_client(leader).post(
        API, {"initiative": piloting.pk, "note": NOTE}, format="json"
    )
    assert response.status_code == 403
    assert not GateRequest.objects.exists()


@pytest.mark.parametrize("size", [2, 20])
def test_api_list_makes_a_fixed_number_of_queries(leader, size) -> None:
    GateRequestFactory.create_batch(size)
    client = token_client(leader)
    client.get(API)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API)
    assert response.json()["count"] == size
    # token with its user, roles, count, page
    assert len(queries) == 4
