"""The owner of a review hears of each reminder stage in the app, once, besides the e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from governance import services
from governance.events import REVIEW_REMINDER
from notifications.models import Notification
from tests.factories.governance import ReviewFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def email_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _told() -> list[tuple[int, str, str]]:
    return sorted(
        (n.recipient_id, n.sentence, n.delivery)
        for n in Notification.objects.filter(kind=REVIEW_REMINDER)
    )


def test_each_reminder_stage_tells_the_owner_in_the_app_once(
    email_backend, alice, bob, linked_system, django_capture_on_commit_callbacks
) -> None:
    linked_system.owner = alice
    linked_system.save()
    overdue = ReviewFactory(
        system=linked_system, kind="compliance", due_date=TODAY - datetime.timedelta(days=10)
    )
    # A review with its own owner: its owner is reminded, and the system's owner, who follows
    # the system she owns, hears of it too.
    ReviewFactory(
        system=linked_system, kind="security", owner=bob,
        due_date=TODAY + datetime.timedelta(days=7),
    )  # fmt: skip
    ReviewFactory(
        system=linked_system, kind="performance", due_date=TODAY + datetime.timedelta(days=90)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.review_reminders_send(today=TODAY)
    system = linked_system.name
    assert _told() == sorted(
        [
            (
                alice.pk,
                f"The compliance review of “{system}” was due on 2026-05-22 and is overdue.",
                "in_app",
            ),
            (bob.pk, f"The security review of “{system}” is due on 2026-06-08.", "in_app"),
            (alice.pk, f"The security review of “{system}” is due on 2026-06-08.", "in_app"),
        ]
    )
    # Only the two reminder e-mails: the in-app default sends no second one.
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Review ") for m in mail.outbox)
    notice = Notification.objects.get(
        kind=REVIEW_REMINDER, recipient=alice, params__review_id=overdue.pk
    )
    assert notice.target_url == reverse("governance:review-detail", args=[overdue.pk])

    with django_capture_on_commit_callbacks(execute=True):
        services.review_reminders_send(today=TODAY)
    assert len(_told()) == 3
    assert len(mail.outbox) == 2

    # Three weeks later the overdue review reaches its next stage: one more notice for it.
    with django_capture_on_commit_callbacks(execute=True):
        services.review_reminders_send(today=TODAY + datetime.timedelta(days=21))
    assert (
        Notification.objects.filter(
            kind=REVIEW_REMINDER, recipient=alice, params__review_id=overdue.pk
        ).count()
        == 2
    )
    assert len(mail.outbox) == 4
