"""Reviews: cadence, completion with evidence, the home page and the daily reminders."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import services
from governance.models import Review, ReviewCadence
from governance.tasks import review_reminders_task
from tests.conftest import token_client
from tests.factories.governance import ReviewFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def email_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_reminder_job_sends_once_per_stage_and_a_second_run_sends_nothing(
    email_backend, alice, linked_system
):
    linked_system.owner = alice
    linked_system.save()
    overdue = ReviewFactory(system=linked_system, due_date=TODAY - datetime.timedelta(days=10))
    soon = ReviewFactory(
        system=linked_system, kind="security", due_date=TODAY + datetime.timedelta(days=7)
    )
    ReviewFactory(
        system=linked_system, kind="performance", due_date=TODAY + datetime.timedelta(days=90)
    )
    ReviewFactory(
        system=linked_system, kind="compliance", due_date=TODAY - datetime.timedelta(days=1),
        completed_on=TODAY - datetime.timedelta(days=3), outcome="pass",
    )  # fmt: skip

    first = services.review_reminders_send(today=TODAY)
    assert first["sent"] == 2
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {"alice@example.org"}
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[0].startswith("Review due in 7 days")
    assert subjects[1].startswith("Review overdue by 7 days")
    overdue.refresh_from_db()
    # The 30-days-before, 7-days-before and due stages passed unsent: only the latest is mailed.
    assert overdue.reminders_sent == ["30_days_before", "7_days_before", "due", "overdue_7"]
    soon.refresh_from_db()
    assert soon.reminders_sent == ["30_days_before", "7_days_before"]

    second = services.review_reminders_send(today=TODAY)
    assert second["sent"] == 0
    assert len(mail.outbox) == 2

    # Three weeks later the overdue review reaches its next stage, and only that one is sent.
    services.review_reminders_send(today=TODAY + datetime.timedelta(days=21))
    assert len(mail.outbox) == 4


def test_the_task_runs_the_service_and_has_a_daily_beat_entry(email_backend, linked_system, alice):
    ReviewFactory(system=linked_system, owner=alice, due_date=datetime.date.today())
    assert review_reminders_task.delay().get()["sent"] == 1
    assert review_reminders_task.delay().get()["sent"] == 0
    entry = settings.CELERY_BEAT_SCHEDULE["governance-review-reminders-daily"]
    assert entry["task"] == "governance.review_reminders_task"


def test_review_without_date_is_due_by_the_configured_cadence(compliance_officer, linked_system):
    linked_system.risk_class = "high"
    linked_system.save()
    review = services.review_create(
        actor=compliance_officer, system=linked_system, data={"kind": "security"}
    )
    assert review.due_date == services.reviews.review_domain.add_months(datetime.date.today(), 6)
    ReviewCadence.objects.create(risk_class="high", kind="security", months=3)
    review = services.review_create(
        actor=compliance_officer, system=linked_system, data={"kind": "security"}
    )
    assert review.due_date == services.reviews.review_domain.add_months(datetime.date.today(), 3)


def test_completing_a_review_schedules_the_next_one(compliance_officer, linked_system):
    linked_system.risk_class = "limited"
    linked_system.save()
    review = ReviewFactory(
        system=linked_system, kind="performance", due_date=datetime.date(2026, 3, 31)
    )
    services.review_complete(
        actor=compliance_officer,
        review=review,
        data={"completed_on": datetime.date(2026, 4, 2), "outcome": "pass", "findings": ""},
    )
    upcoming = Review.objects.get(system=linked_system, completed_on__isnull=True)
    assert (upcoming.kind, upcoming.due_date) == ("performance", datetime.date(2027, 4, 2))


def test_evidence_is_checked_for_type_content_and_size(client, compliance_officer, linked_system):
    review = ReviewFactory(system=linked_system)
    client.force_login(compliance_officer)
    url = reverse("governance:review-complete", args=[review.pk])
    form = {"completed_on": "2026-05-01", "outcome": "pass"}
    fake_pdf = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client.post(url, {**form, "evidence": fake_pdf})
    assert response.status_code == 400
    assert "not a PDF file" in response.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert client.post(url, {**form, "evidence": exe}).status_code == 400
    big = SimpleUploadedFile("big.txt", b"a" * (10 * 1024 * 1024 + 1), content_type="text/plain")
    assert "larger than 10 MB" in client.post(url, {**form, "evidence": big}).content.decode()
    review.refresh_from_db()
    assert review.completed_on is None
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    assert client.post(url, {**form, "evidence": pdf}).status_code == 302
    review.refresh_from_db()
    assert review.completed_on == datetime.date(2026, 5, 1)
    download = client.get(reverse("governance:review-evidence", args=[review.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_evidence_in_the_api_is_a_400_field_error(compliance_officer, linked_system):
    review = ReviewFactory(system=linked_system)
    api = token_client(compliance_officer)
    bad = SimpleUploadedFile("x.png", b"GIF89a", content_type="image/png")
    response = api.post(
        f"/api/v1/reviews/{review.pk}/complete/",
        {"completed_on": "2026-05-01", "outcome": "fail", "evidence": bad},
        format="multipart",
    )
    assert response.status_code == 400
    assert "evidence" in response.json()["errors"]


def test_owner_home_page_shows_overdue_and_soon_due_reviews(client, alice, bob, linked_system):
    ReviewFactory(
        system=linked_system,
        owner=alice,
        due_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    ReviewFactory(
        system=linked_system,
        owner=alice,
        kind="security",
        due_date=datetime.date.today() + datetime.timedelta(days=10),
    )
    ReviewFactory(
        system=linked_system,
        owner=alice,
        kind="performance",
        due_date=datetime.date.today() + datetime.timedelta(days=200),
    )
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert "Your reviews due" in page
    assert page.count("Letter classifier") == 2
    assert "Overdue" in page and "Due soon" in page
    client.force_login(bob)
    assert "Your reviews due" not in client.get(reverse("home")).content.decode()


def test_register_list_flags_overdue_reviews(client, leader, linked_system):
    ReviewFactory(system=linked_system, due_date=datetime.date.today() - datetime.timedelta(days=1))
    client.force_login(leader)
    page = client.get(reverse("governance:system-list")).content.decode()
    assert "1 overdue" in page
    page = client.get(reverse("governance:review-list") + "?state=overdue").content.decode()
    assert "Letter classifier" in page
