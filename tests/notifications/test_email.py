"""E-mail through a real SMTP server: at once, in the daily digest, or not at all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.events import Delivery
from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import GATE_DECIDED, GATE_REQUESTED, STAGE_CHANGED
from notifications.models import Notification
from notifications.services import notification_digest_send, notification_email_send
from notifications.tasks import notification_digest_send_task
from tests.factories.initiatives import InitiativeFactory
from tests.notifications.conftest import body_of

pytestmark = pytest.mark.django_db
SITE = "https://portfolio.example.org"


def _request_gate(alice, django_capture_on_commit_callbacks, title="Invoice triage assistant"):
    initiative = InitiativeFactory(title=title, owner=alice, stage=Stage.PILOT)
    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.gate_request(
            actor=alice, initiative=initiative, note="Savings proven in the pilot quarter"
        )
    return initiative


def test_a_gate_request_mails_leadership_at_once(
    smtp_settings, alice, leader, django_capture_on_commit_callbacks
) -> None:
    initiative = _request_gate(alice, django_capture_on_commit_callbacks)
    assert len(smtp_settings.messages) == 1
    message = smtp_settings.messages[0]
    assert smtp_settings.envelopes[0][1] == [leader.email]
    assert message["To"] == leader.email
    # A long non-ASCII subject is folded onto a continuation line: compare what a client shows.
    assert message["Subject"].strip() == (
        f"Portfolio: {alice} asks for a stage-gate decision on “Invoice triage assistant”: "
        "Savings proven in the pilot quarter"
    )
    told = Notification.objects.get(recipient=leader, kind=GATE_REQUESTED)
    assert told.target_url == reverse("initiatives:gate-decision", args=[initiative.pk])
    # The link opens the notification, which marks it read and goes on to the gate.
    link = SITE + reverse("notifications:notification-open", args=[told.pk])
    assert link in body_of(message, "plain")
    assert f'href="{link}"' in body_of(message, "html")
    assert f"{SITE}/notifications/settings/" in body_of(message, "plain")
    assert told.delivery == Delivery.EMAIL and told.emailed_at is not None


def test_running_the_mail_job_twice_sends_once(
    smtp_settings, alice, leader, django_capture_on_commit_callbacks
) -> None:
    _request_gate(alice, django_capture_on_commit_callbacks)
    told = Notification.objects.get(recipient=leader)
    assert notification_email_send(notification_id=told.pk) is False
    assert notification_email_send(notification_id=told.pk) is False
    assert len(smtp_settings.messages) == 1


def test_a_failed_send_gives_the_claim_back(settings, alice, leader, smtp_sink) -> None:
    from notifications.services import notify

    notify(
        recipient_ids=[leader.pk],
        kind=GATE_REQUESTED,
        key="gate-request:1",
        params={"initiative": "X", "requester": "Tara", "note": "n"},
        deliveries={leader.pk: Delivery.EMAIL},
    )
    told = Notification.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port + 1  # nobody there
    with pytest.raises(OSError):
        notification_email_send(notification_id=told.pk)
    told.refresh_from_db()
    assert told.emailed_at is None
    settings.EMAIL_PORT = smtp_sink.port
    assert notification_email_send(notification_id=told.pk) is True
    assert len(smtp_sink.messages) == 1


def test_off_sends_nothing_and_shows_nothing(
    smtp_settings, alice, leader, django_capture_on_commit_callbacks
) -> None:
    from notifications.services import preferences_update

    preferences_update(actor=leader, preferences={GATE_REQUESTED: Delivery.OFF})
    _request_gate(alice, django_capture_on_commit_callbacks)
    assert smtp_settings.messages == []
    assert not Notification.objects.filter(recipient=leader).exists()


def test_in_app_only_sends_no_mail(
    smtp_settings, alice, leader, django_capture_on_commit_callbacks
) -> None:
    from notifications.services import preferences_update

    preferences_update(actor=leader, preferences={GATE_REQUESTED: Delivery.IN_APP})
    _request_gate(alice, django_capture_on_commit_callbacks)
    notification_digest_send()
    assert smtp_settings.messages == []
    assert Notification.objects.get(recipient=leader).delivery == Delivery.IN_APP


def test_the_digest_groups_two_events_into_one_mail_and_then_has_nothing(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    first = InitiativeFactory(title="Invoice triage", owner=alice, members=[bob], stage=Stage.PILOT)
    second = InitiativeFactory(title="Call summaries", owner=alice, members=[bob])
    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.initiative_transition(
            actor=alice, initiative=first, target=Stage.ON_HOLD, reason="Budget freeze"
        )
        initiative_services.initiative_transition(
            actor=alice, initiative=second, target=Stage.ASSESSMENT, reason="Data available"
        )
    # Stage changes go to the digest by default: nothing at once.
    assert smtp_settings.messages == []
    assert Notification.objects.filter(recipient=bob, kind=STAGE_CHANGED).count() == 2

    assert notification_digest_send_task.delay().get() == {"people": 1, "sent": 1, "failed": 0}
    assert len(smtp_settings.messages) == 1
    message = smtp_settings.messages[0]
    assert message["To"] == bob.email
    assert message["Subject"] == "Portfolio: your daily digest (2)"
    text = body_of(message, "plain")
    assert "“Invoice triage” from Pilot to On hold: Budget freeze" in text
    assert "“Call summaries” from Idea to Assessment: Data available" in text
    told = Notification.objects.get(recipient=bob, params__initiative="Invoice triage")
    assert SITE + reverse("notifications:notification-open", args=[told.pk]) in text
    html = body_of(message, "html")
    assert html.count("<li>") == 2

    # Nothing new: the next morning's run sends nothing.
    assert notification_digest_send() == {"people": 0, "sent": 0, "failed": 0}
    assert len(smtp_settings.messages) == 1


def test_the_digest_leaves_out_what_was_read_in_the_app(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    initiative = InitiativeFactory(owner=alice, members=[bob], stage=Stage.PILOT)
    initiative_services.initiative_transition(
        actor=alice, initiative=initiative, target=Stage.ON_HOLD, reason="Budget freeze"
    )
    from notifications.services import notifications_read_all

    notifications_read_all(actor=bob)
    assert notification_digest_send()["sent"] == 0
    assert smtp_settings.messages == []


def test_a_person_who_chose_email_for_decisions_gets_the_decision_at_once(
    smtp_settings, alice, bob, leader, django_capture_on_commit_callbacks
) -> None:
    initiative = InitiativeFactory(
        title="Invoice triage", owner=alice, members=[bob], stage=Stage.PILOT
    )
    from notifications.services import preferences_update

    preferences_update(actor=bob, preferences={GATE_DECIDED: Delivery.DIGEST})
    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.gate_decide(
            actor=leader, initiative=initiative, outcome="go", rationale="Savings proven"
        )
    assert [m["To"] for m in smtp_settings.messages] == [alice.email]
    notification_digest_send()
    assert [m["To"] for m in smtp_settings.messages] == [alice.email, bob.email]
