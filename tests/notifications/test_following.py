"""Following objects: people hear of what happens to initiatives and AI systems they follow,
and follow what they own until they choose not to."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services as governance_services
from governance.events import APPROVAL_REQUESTED
from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import STAGE_CHANGED
from notifications.models import Notification, Subscription
from notifications.selectors import content_type_of
from tests.conftest import token_client
from tests.factories.accounts import UserFactory
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db
FOLLOW = reverse("notifications:follow")
FOLLOWED = reverse("notifications:followed")
API = "/api/v1/subscriptions/"


def _move(initiative, actor, target=Stage.ON_HOLD, reason="Waiting for the vendor's new model"):
    initiative_services.initiative_transition(
        actor=actor, initiative=initiative, target=target, reason=reason
    )


def _content_type(label: str) -> int:
    return content_type_of(label).pk


def _told(kind: str) -> list[str]:
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind))


def test_following_an_initiative_from_its_page_brings_its_news(client, alice, leader) -> None:
    initiative = InitiativeFactory(title="Invoice triage assistant", owner=alice, stage=Stage.PILOT)
    page = reverse("initiatives:initiative-detail", args=[initiative.pk])
    client.force_login(leader)
    html = client.get(page).content.decode()
    assert '<button type="submit" class="button button--secondary"' in html
    assert ">Follow</button>" in html
    response = client.post(
        FOLLOW,
        {
            "object_type": "initiatives.initiative",
            "object_id": initiative.pk,
            "following": "1",
            "next": page,
        },
        follow=True,
    )
    assert response.redirect_chain == [(page, 302)]
    html = response.content.decode()
    assert "You follow “Invoice triage assistant” now." in html
    assert ">Stop following</button>" in html
    assert "You follow this: its news reaches your notifications." in html

    _move(initiative, alice)
    told = Notification.objects.get(kind=STAGE_CHANGED, recipient=leader)
    assert told.sentence == (
        f"{alice} moved “Invoice triage assistant” from Pilot to On hold: "
        "Waiting for the vendor's new model"
    )


def test_stopping_following_ends_the_news(client, alice, bob, leader) -> None:
    initiative = InitiativeFactory(owner=alice, members=[bob], stage=Stage.PILOT)
    client.force_login(leader)
    args = {"object_type": "initiatives.initiative", "object_id": initiative.pk}
    client.post(FOLLOW, {**args, "following": "1"})
    client.post(FOLLOW, {**args, "following": "0"})
    assert not Subscription.objects.filter(user=leader).exists()
    _move(initiative, alice)
    # The team still hears of its own initiative; the leader who stopped following does not.
    assert _told(STAGE_CHANGED) == ["bob"]


def test_owners_follow_what_they_own_until_they_stop(client, alice, compliance_officer) -> None:
    # A team lead owns the register entry; approvals are a compliance matter, so only
    # following the system tells her that its approval was requested.
    linked_system = AISystemFactory(
        name="Letter classifier", owner=alice, initiatives=[InitiativeFactory(owner=alice)]
    )
    governance_services.ai_system_submit(actor=compliance_officer, system=linked_system)
    mine = Notification.objects.get(kind=APPROVAL_REQUESTED, recipient=alice)
    assert mine.sentence == (
        f"{compliance_officer} asks for approval of the AI system “Letter classifier”."
    )
    governance_services.ai_system_reject(
        actor=compliance_officer, system=linked_system, grounds="Purpose too vague"
    )

    client.force_login(alice)
    page = reverse("governance:system-detail", args=[linked_system.pk])
    html = client.get(page).content.decode()
    assert "You follow what you own: its news reaches your notifications." in html
    client.post(
        FOLLOW,
        {"object_type": "governance.aisystem", "object_id": linked_system.pk, "following": "0"},
    )
    assert Subscription.objects.get(user=alice).following is False
    linked_system.refresh_from_db()
    governance_services.ai_system_submit(actor=compliance_officer, system=linked_system)
    assert Notification.objects.filter(kind=APPROVAL_REQUESTED, recipient=alice).count() == 1

    html = client.get(FOLLOWED).content.decode()
    assert "Stopped following it (you own it)" in html
    assert "Follow “Letter classifier” again" in html


def test_a_follower_who_can_no_longer_see_the_object_hears_nothing(alice, bob, charlie) -> None:
    initiative = InitiativeFactory(owner=alice, members=[bob], stage=Stage.PILOT)
    # bob follows it explicitly (as a member he may see it) ...
    Subscription.objects.create(
        user=bob,
        content_type_id=_content_type("initiatives.initiative"),
        object_id=initiative.pk,
    )
    # ... and leaves the team; so does charlie's row, who never could see it.
    initiative.members.remove(bob)
    Subscription.objects.create(
        user=charlie,
        content_type_id=_content_type("initiatives.initiative"),
        object_id=initiative.pk,
    )
    _move(initiative, alice)
    assert _told(STAGE_CHANGED) == []


def test_following_something_out_of_scope_answers_404(client, alice, charlie) -> None:
    hidden = InitiativeFactory(owner=charlie)
    client.force_login(alice)
    response = client.post(
        FOLLOW, {"object_type": "initiatives.initiative", "object_id": hidden.pk, "following": "1"}
    )
    assert response.status_code == 404
    reference = AISystemFactory(is_reference=True)
    response = client.post(
        FOLLOW, {"object_type": "governance.aisystem", "object_id": reference.pk, "following": "1"}
    )
    assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_bad_input_is_a_clear_400(client, alice) -> None:
    client.force_login(alice)
    response = client.post(
        FOLLOW, {"object_type": "accounts.user", "object_id": alice.pk, "following": "1"}
    )
    assert response.status_code == 400
    assert "Objects of this kind cannot be followed." in response.content.decode()
    response = client.post(
        FOLLOW, {"object_type": "initiatives.initiative", "object_id": "x", "following": "1"}
    )
    assert response.status_code == 400
    assert "Give the number of the object." in response.content.decode()


def test_the_list_shows_choices_and_owned_counts(client, alice, leader) -> None:
    InitiativeFactory.create_batch(2, owner=leader)
    followed = InitiativeFactory(title="Chatbot for order status questions", owner=alice)
    client.force_login(leader)
    client.post(
        FOLLOW,
        {"object_type": "initiatives.initiative", "object_id": followed.pk, "following": "1"},
    )
    html = client.get(FOLLOWED).content.decode()
    assert "<dt>Initiatives you own</dt><dd>2</dd>" in html
    assert "<dt>AI systems you own</dt><dd>0</dd>" in html
    assert "Stop following “Chatbot for order status questions”" in html


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_makes_a_fixed_number_of_queries(client, leader, size) -> None:
    client.force_login(leader)
    ct = _content_type("initiatives.initiative")
    for initiative in InitiativeFactory.create_batch(size):
        Subscription.objects.create(user=leader, content_type_id=ct, object_id=initiative.pk)
    for system in AISystemFactory.create_batch(size):
        Subscription.objects.create(
            user=leader, content_type_id=_content_type("governance.aisystem"), object_id=system.pk
        )
    client.get(FOLLOWED)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FOLLOWED)
    assert response.content.decode().count("Stop following “") == 2 * size
    # session, user, roles (navigation), the bell, the choices, and per kind of object its
    # chosen rows and the count of those owned (two kinds: 9 queries)
    assert len(queries) == 9


def test_api_follows_lists_and_stops(alice, leader) -> None:
    initiative = InitiativeFactory(owner=alice, title="Lead scoring")
    api = token_client(leader)
    answer = api.post(
        API, {"object_type": "initiatives.initiative", "object_id": initiative.pk}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "object_type": "initiatives.initiative",
        "object_id": initiative.pk,
        "following": True,
    }
    rows = api.get(API).json()["results"]
    assert [(r["object_type"], r["object_id"], r["following"]) for r in rows] == [
        ("initiatives.initiative", initiative.pk, True)
    ]
    _move(initiative, alice)
    assert _told(STAGE_CHANGED) == ["lena"]
    answer = api.post(
        API,
        {"object_type": "initiatives.initiative", "object_id": initiative.pk, "following": False},
        format="json",
    )
    assert answer.json()["following"] is False
    assert api.get(API).json()["count"] == 0
    # Someone else's choices are not listed, and cannot be read.
    row = Subscription.objects.create(
        user=alice, content_type_id=_content_type("initiatives.initiative"), object_id=1
    )
    assert api.get(f"{API}{row.pk}/").status_code == 404


def test_api_bad_input_and_scope(alice, charlie) -> None:
    api = token_client(alice)
    answer = api.post(API, {"object_type": "nothing.here", "object_id": 1}, format="json")
    assert answer.status_code == 400
    assert "object_type" in answer.json()["errors"] or "object_type" in str(answer.json())
    answer = api.post(API, {"object_type": "initiatives.initiative"}, format="json")
    assert answer.status_code == 400
    assert "object_id" in str(answer.json())
    hidden = InitiativeFactory(owner=charlie)
    answer = api.post(
        API, {"object_type": "initiatives.initiative", "object_id": hidden.pk}, format="json"
    )
    assert answer.status_code == 404


def test_an_owner_who_stops_following_hears_no_more_of_it(alice, bob, leader) -> None:
    initiative = InitiativeFactory(owner=alice, members=[bob], stage=Stage.PILOT)
    Subscription.objects.create(
        user=alice,
        content_type_id=_content_type("initiatives.initiative"),
        object_id=initiative.pk,
        following=False,
    )
    _move(initiative, leader)
    # The member still hears of it; the owner who stopped following does not.
    assert _told(STAGE_CHANGED) == ["bob"]


def test_the_owner_hears_of_a_stage_change_made_by_someone_else(alice, leader) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    _move(initiative, leader)
    assert _told(STAGE_CHANGED) == ["alice"]


def test_a_deleted_object_takes_its_follow_choices_along(alice, leader) -> None:
    initiative = InitiativeFactory(owner=alice)
    Subscription.objects.create(
        user=leader,
        content_type_id=_content_type("initiatives.initiative"),
        object_id=initiative.pk,
    )
    initiative.delete()
    assert not Subscription.objects.exists()


def test_people_who_do_not_read_the_register_cannot_follow_its_entries(client) -> None:
    nobody = UserFactory(username="norole", roles=[])
    system = AISystemFactory(initiatives=[InitiativeFactory(owner=nobody)])
    client.force_login(nobody)
    response = client.post(
        FOLLOW, {"object_type": "governance.aisystem", "object_id": system.pk, "following": "1"}
    )
    assert response.status_code == 404
    assert not Subscription.objects.exists()
