"""In-app notifications: the bell, the list, reading, and who is told what."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core.events import Event, describe_event, emit
from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import GATE_DECIDED, STAGE_CHANGED
from notifications.context_processors import Bell, bell
from notifications.models import Notification
from notifications.services import notify
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory
from tests.factories.notifications import GO_PARAMS, NotificationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:notification-list")
API = "/api/v1/notifications/"
GO_SENTENCE = (
    "Lena Leader decided the stage gate of “Invoice triage assistant”: Go: scale. "
    "Rationale: Savings proven in the pilot quarter."
)


def test_the_bell_shows_the_unread_count(client, alice) -> None:
    NotificationFactory.create_batch(2, recipient=alice)
    NotificationFactory(recipient=alice, read_at=timezone.now())
    NotificationFactory()  # someone else's
    client.force_login(alice)
    page = client.get(reverse("initiatives:initiative-list")).content.decode()
    assert '<span class="bell__count" aria-hidden="true">2</span>' in page
    assert "Notifications: 2 unread" in page


def test_the_bell_costs_one_query_and_none_for_anonymous_visitors(rf, alice) -> None:
    NotificationFactory(recipient=alice)
    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as anonymous:
        assert bell(request) == {"notification_bell": None}
    assert len(anonymous) == 0
    request.user = alice
    shown = bell(request)["notification_bell"]
    with CaptureQueriesContext(connection) as signed_in:
        assert shown.count == 1
        assert shown.count == 1
    assert len(signed_in) == 1


def test_reading_one_and_reading_all(client, alice) -> None:
    first, *_others = NotificationFactory.create_batch(3, recipient=alice)
    client.force_login(alice)
    response = client.post(reverse("notifications:notification-read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert Bell(alice).count == 2
    response = client.post(reverse("notifications:notification-read-all"))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 0
    page = client.get(LIST).content.decode()
    assert "2 notifications marked as read." in page
    assert "bell__count" not in page


def test_opening_marks_read_and_goes_to_the_target(client, alice) -> None:
    notification = NotificationFactory(recipient=alice, target_url="/initiatives/")
    client.force_login(alice)
    response = client.get(reverse("notifications:notification-open", args=[notification.pk]))
    assert (response.status_code, response.url) == (302, "/initiatives/")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_target_off_the_site_is_never_followed(client, alice) -> None:
    notification = NotificationFactory(recipient=alice, target_url="https://evil.example/")
    client.force_login(alice)
    response = client.get(reverse("notifications:notification-open", args=[notification.pk]))
    assert response.url == LIST


def test_another_users_notification_answers_404(client, alice, bob) -> None:
    bobs = NotificationFactory(recipient=bob)
    client.force_login(alice)
    assert client.get(reverse("notifications:notification-open", args=[bobs.pk])).status_code == 404
    assert (
        client.post(reverse("notifications:notification-read", args=[bobs.pk])).status_code == 404
    )
    assert list(client.get(LIST).context["page_obj"]) == []
    api = token_client(alice)
    assert api.get(f"{API}{bobs.pk}/").status_code == 404
    assert api.post(f"{API}{bobs.pk}/read/").status_code == 404
    assert api.post(f"{API}read-all/").json() == {"marked": 0, "unread": 0}
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_the_list_shows_sentences_newest_first(client, alice) -> None:
    NotificationFactory(recipient=alice, params={**GO_PARAMS, "initiative": "Older"})
    NotificationFactory(recipient=alice)
    client.force_login(alice)
    response = client.get(LIST)
    rows = [n.sentence for n in response.context["page_obj"]]
    assert rows[0] == GO_SENTENCE
    assert "“Older”" in rows[1]
    assert GO_SENTENCE in response.content.decode()
    unread = client.get(LIST, {"unread": "true"}).context["page_obj"]
    assert len(unread) == 2


def test_the_sentence_is_composed_in_the_readers_language(client, alice) -> None:
    NotificationFactory(recipient=alice)
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    page = client.get(LIST).content.decode()
    assert '<html lang="nl">' in page
    # Composed when shown: the sentence and the decision's label are both Dutch.
    assert (
        "Lena Leader heeft besloten over de fasepoort van “Invoice triage assistant”: "
        "Go: opschalen. Motivering:" in page
    )
    with translation.override("en"):
        assert Notification.objects.get().sentence == GO_SENTENCE


def test_a_sentence_that_cannot_be_composed_is_neutral(alice) -> None:
    assert describe_event("no.such_kind", {}) == "Something changed that concerns you."
    assert describe_event(GATE_DECIDED, {"initiative": "x"}) == (
        "Something changed that concerns you."
    )


@pytest.mark.parametrize("size", [2, 20])
def test_the_list_makes_a_fixed_number_of_queries(client, alice, size) -> None:
    NotificationFactory.create_batch(size, recipient=alice)
    client.force_login(alice)
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert len(response.context["page_obj"]) == size
    # session, user, roles (navigation), count, page, the bell
    assert len(queries) == 6


# --- Who is told ------------------------------------------------------------------------------


def test_the_same_event_twice_tells_each_person_once(alice, bob) -> None:
    event = Event(
        kind=GATE_DECIDED,
        key="gate-decision:77",
        params=GO_PARAMS,
        recipient_ids=frozenset({alice.pk, bob.pk}),
    )
    emit(event)
    emit(event)
    notify(recipient_ids=[alice.pk], kind=event.kind, key=event.key, params=event.params)
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_a_stage_change_tells_the_team_except_whoever_made_it(alice, bob, charlie) -> None:
    initiative = InitiativeFactory(
        title="Invoice triage assistant", owner=alice, members=[bob], stage=Stage.PILOT
    )
    initiative_services.initiative_transition(
        actor=alice,
        initiative=initiative,
        target=Stage.PROOF_OF_CONCEPT,
        reason="Extraction accuracy too low",
    )
    told = Notification.objects.filter(kind=STAGE_CHANGED)
    assert [n.recipient for n in told] == [bob]
    assert told.get().sentence == (
        f"{alice} moved “Invoice triage assistant” from Pilot to Proof of concept: "
        "Extraction accuracy too low"
    )
    assert told.get().target_url == reverse("initiatives:initiative-detail", args=[initiative.pk])


def test_a_gate_decision_without_a_request_still_tells_the_team(alice, bob, leader) -> None:
    initiative = InitiativeFactory(owner=alice, members=[bob], stage=Stage.PILOT)
    initiative_services.gate_decide(
        actor=leader, initiative=initiative, outcome="no_go", rationale="No measurable savings"
    )
    told = Notification.objects.filter(kind=GATE_DECIDED)
    assert sorted(n.recipient.username for n in told) == ["alice", "bob"]
    assert "No-go: stop. Rationale: No measurable savings" in told.first().sentence
    # The stop it causes is part of the decision: nobody is told twice.
    assert not Notification.objects.filter(kind=STAGE_CHANGED).exists()


# --- The API ----------------------------------------------------------------------------------


def test_api_lists_reads_and_reads_all_for_the_recipient_only(alice, bob) -> None:
    mine = NotificationFactory.create_batch(3, recipient=alice)
    NotificationFactory(recipient=bob)
    api = token_client(alice)
    body = api.get(API).json()
    assert body["count"] == 3
    row = body["results"][0]
    assert row["sentence"] == GO_SENTENCE
    assert (row["kind"], row["is_read"], row["read_at"]) == (GATE_DECIDED, False, None)
    read = api.post(f"{API}{mine[0].pk}/read/")
    assert read.status_code == 200
    assert read.json()["is_read"] is True
    assert api.get(API, {"unread": "true"}).json()["count"] == 2
    assert api.post(f"{API}read-all/").json() == {"marked": 2, "unread": 0}
    assert api.get(API, {"unread": "true"}).json()["count"] == 0
    assert Notification.objects.get(recipient=bob).read_at is None


def test_api_sentences_follow_accept_language(alice: User) -> None:
    NotificationFactory(recipient=alice)
    row = token_client(alice).get(API, headers={"accept-language": "nl"}).json()["results"][0]
    assert "Go: opschalen" in row["sentence"]
