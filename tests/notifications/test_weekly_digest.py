"""The weekly digest through a real SMTP server: its own people, its own run, sent once."""

from __future__ import annotations

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core.events import Delivery
from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import STAGE_CHANGED
from notifications.models import Notification, NotificationPreference
from notifications.services import (
    notification_digest_send,
    notifications_read_all,
    preferences_update,
)
from notifications.tasks import notification_digest_send_task, notification_weekly_digest_send_task
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory
from tests.notifications.conftest import body_of

pytestmark = pytest.mark.django_db
SITE = "https://portfolio.example.org"
NOTHING = {"people": 0, "sent": 0, "failed": 0}


def _two_stage_changes(alice, members, capture):
    """alice moves two initiatives her members belong to: two notifications for each member."""
    first = InitiativeFactory(
        title="Invoice triage", owner=alice, members=members, stage=Stage.PILOT
    )
    second = InitiativeFactory(title="Call summaries", owner=alice, members=members)
    with capture(execute=True):
        initiative_services.initiative_transition(
            actor=alice, initiative=first, target=Stage.ON_HOLD, reason="Budget freeze"
        )
        initiative_services.initiative_transition(
            actor=alice, initiative=second, target=Stage.ASSESSMENT, reason="Data available"
        )
    return first, second


def test_a_weekly_reader_gets_one_mail_with_both_notifications_and_then_nothing(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    first, second = _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    assert smtp_settings.messages == []

    # The morning's daily run leaves the weekly notifications waiting.
    assert notification_digest_send_task.delay().get() == NOTHING
    assert smtp_settings.messages == []

    assert notification_weekly_digest_send_task.delay().get() == {
        "people": 1,
        "sent": 1,
        "failed": 0,
    }
    assert len(smtp_settings.messages) == 1
    message = smtp_settings.messages[0]
    assert smtp_settings.envelopes[0][1] == [bob.email]
    assert message["Subject"] == "Portfolio: your weekly digest (2)"
    text = body_of(message, "plain")
    assert text.splitlines()[:2] == ["Your weekly digest", ""]
    assert "What happened since your last weekly digest (2 notifications):" in text
    assert "daily" not in text
    assert f"{alice} moved “Invoice triage” from Pilot to On hold: Budget freeze" in text
    assert f"{alice} moved “Call summaries” from Idea to Assessment: Data available" in text
    for initiative in (first, second):
        told = Notification.objects.get(recipient=bob, params__initiative_id=initiative.pk)
        assert SITE + reverse("notifications:notification-open", args=[told.pk]) in text
    html = body_of(message, "html")
    assert "<title>Your weekly digest</title>" in html
    assert '<h1 style="font-size: 1.25em;">Your weekly digest</h1>' in html
    assert "What happened since your last weekly digest (2 notifications):" in html
    assert html.count("<li>") == 2
    assert all(n.emailed_at for n in Notification.objects.filter(recipient=bob))

    # Next Monday, with nothing new, the run sends nothing; nor does the daily one.
    assert notification_weekly_digest_send_task.delay().get() == NOTHING
    assert notification_digest_send() == NOTHING
    assert len(smtp_settings.messages) == 1


def test_daily_and_weekly_readers_each_get_only_their_own_digest(
    smtp_settings, alice, bob, charlie, django_capture_on_commit_callbacks
) -> None:
    # bob reads stage changes weekly; charlie keeps the default, the daily digest.
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    _two_stage_changes(alice, [bob, charlie], django_capture_on_commit_callbacks)
    assert dict(
        Notification.objects.filter(kind=STAGE_CHANGED)
        .values_list("recipient__username", "delivery")
        .distinct()
    ) == {"bob": Delivery.WEEKLY, "charlie": Delivery.DIGEST}

    assert notification_digest_send()["sent"] == 1
    assert [m["To"] for m in smtp_settings.messages] == [charlie.email]
    daily = smtp_settings.messages[0]
    assert daily["Subject"] == "Portfolio: your daily digest (2)"
    assert body_of(daily, "plain").splitlines()[:2] == ["Your daily digest", ""]
    assert "What happened since your last daily digest (2 notifications):" in body_of(
        daily, "plain"
    )
    assert '<h1 style="font-size: 1.25em;">Your daily digest</h1>' in body_of(daily, "html")

    assert notification_digest_send(delivery=Delivery.WEEKLY)["sent"] == 1
    assert [m["To"] for m in smtp_settings.messages] == [charlie.email, bob.email]
    assert smtp_settings.messages[1]["Subject"] == "Portfolio: your weekly digest (2)"

    # Each was mailed once: neither run finds anything now.
    assert notification_digest_send() == NOTHING
    assert notification_digest_send(delivery=Delivery.WEEKLY) == NOTHING
    assert len(smtp_settings.messages) == 2


def test_a_change_of_mind_keeps_what_was_promised(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    # Notifications keep the delivery chosen when they happened: switching to weekly later
    # leaves the two already waiting in the daily digest, and sends them there only.
    _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    assert notification_digest_send(delivery=Delivery.WEEKLY) == NOTHING
    assert notification_digest_send()["sent"] == 1
    assert smtp_settings.messages[0]["Subject"] == "Portfolio: your daily digest (2)"


def test_the_weekly_digest_leaves_out_what_was_read_in_the_app(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    assert notifications_read_all(actor=bob) == 2
    assert notification_digest_send(delivery=Delivery.WEEKLY) == NOTHING
    assert smtp_settings.messages == []


def test_one_read_of_two_leaves_a_digest_of_one(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    Notification.objects.filter(recipient=bob, params__initiative="Invoice triage").update(
        read_at=timezone.now()
    )
    assert notification_digest_send(delivery=Delivery.WEEKLY)["sent"] == 1
    message = smtp_settings.messages[0]
    assert message["Subject"] == "Portfolio: your weekly digest (1)"
    text = body_of(message, "plain")
    assert "What happened since your last weekly digest (1 notification):" in text
    assert "Call summaries" in text
    assert "Invoice triage" not in text


def test_the_weekly_digest_is_written_in_the_installations_language(
    smtp_settings, alice, bob, django_capture_on_commit_callbacks
) -> None:
    # Someone who never chose a language gets mail in the installation's language, the same
    # rule as the daily digest and the e-mail at once.
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    with override_settings(LANGUAGE_CODE="de"):
        assert notification_digest_send(delivery=Delivery.WEEKLY)["sent"] == 1
    html = body_of(smtp_settings.messages[0], "html")
    assert '<html lang="de">' in html
    # The stage names come from the German catalogue.
    assert "Pausiert" in html and "Bewertung" in html
    assert "On hold" not in html


def test_the_weekly_digest_is_written_in_the_language_the_reader_chose(
    smtp_settings, client, alice, bob, django_capture_on_commit_callbacks
) -> None:
    client.force_login(bob)
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    preferences_update(actor=bob, preferences={STAGE_CHANGED: Delivery.WEEKLY})
    _two_stage_changes(alice, [bob], django_capture_on_commit_callbacks)
    with override_settings(LANGUAGE_CODE="de"):
        assert notification_digest_send(delivery=Delivery.WEEKLY)["sent"] == 1
    html = body_of(smtp_settings.messages[0], "html")
    assert '<html lang="sv">' in html
    assert "Pausat" in html and "Bedömning" in html
    assert "Pausiert" not in html


def test_only_digests_can_be_sent_as_digests() -> None:
    with pytest.raises(ValueError, match="not a digest"):
        notification_digest_send(delivery=Delivery.EMAIL)


def test_the_weekly_run_is_on_monday_mornings() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-digest-weekly"]
    assert entry["task"] == "notifications.notification_weekly_digest_send_task"
    assert entry["schedule"] == crontab(day_of_week="mon", hour=7, minute=15)
    daily = settings.CELERY_BEAT_SCHEDULE["notifications-digest-daily"]
    assert daily["schedule"] == crontab(hour=7, minute=15)


# --- The choice on the settings page and in the API ---------------------------------------------


def test_the_settings_page_offers_and_saves_the_weekly_digest(client, alice) -> None:
    client.force_login(alice)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert '<input type="radio" name="initiatives__stage_changed" value="weekly" ' in page
    assert "E-mail in a weekly digest" in page
    form = client.get(reverse("notifications:preferences")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    response = client.post(
        reverse("notifications:preferences"), {**data, "initiatives__stage_changed": "weekly"}
    )
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=alice).values_list("kind", "delivery")
    ) == {STAGE_CHANGED: "weekly"}
    again = client.get(reverse("notifications:preferences"))
    assert "Your notification settings are saved." in again.content.decode()
    assert again.context["form"]["initiatives__stage_changed"].value() == "weekly"


def test_the_api_reads_and_saves_the_weekly_digest(alice) -> None:
    api = token_client(alice)
    answer = api.put("/api/v1/notifications/preferences/", {STAGE_CHANGED: "weekly"}, format="json")
    assert answer.status_code == 200
    assert answer.json()[STAGE_CHANGED] == "weekly"
    assert api.get("/api/v1/notifications/preferences/").json()[STAGE_CHANGED] == "weekly"
