"""The same deliveries on a real Celery worker over Redis: SMTP and a webhook receiver."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import GATE_REQUESTED
from notifications.models import DeliveryStatus, Notification, Webhook, WebhookDelivery, WebhookKind
from notifications.tasks import notification_digest_send_task, notification_email_send_task
from portfolio.celery import app as celery_app
from tests.conftest import start_worker, stop_worker, wait_for
from tests.factories.initiatives import InitiativeFactory
from tests.notifications.conftest import SmtpSink, body_of, free_port

SITE = "https://portfolio.example.org"
DEFAULT_QUEUE = celery_app.conf.task_default_queue
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def worker_smtp(django_db_setup: None, django_db_blocker: object) -> Iterator[SmtpSink]:
    """A real SMTP server, and a worker whose Django sends e-mail to it."""
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    celery_app.control.purge()
    # The suite's shared worker (tests/conftest.py) would take these jobs and send the e-mail
    # to its own backend: it stops consuming the default queue while this module runs.
    others = [host for reply in celery_app.control.ping(timeout=1.0) for host in reply]
    if others:
        celery_app.control.cancel_consumer(DEFAULT_QUEUE, destination=others, reply=True)
    worker = start_worker(
        "notify",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(sink.port),
        # A local receiver over http is a development set-up; production refuses it.
        DJANGO_DEBUG="true",
        PORTFOLIO_SITE_URL=SITE,
        NOTIFICATIONS_WEBHOOK_RETRY_BASE_SECONDS="1",
    )
    try:
        yield sink
    finally:
        stop_worker(worker)
        controller.stop()
        if others:
            celery_app.control.add_consumer(DEFAULT_QUEUE, destination=others, reply=True)


def _request_gate(alice):
    initiative = InitiativeFactory(title="Invoice triage assistant", owner=alice, stage=Stage.PILOT)
    initiative_services.gate_request(actor=alice, initiative=initiative, note="Savings proven")
    return initiative


def test_the_worker_mails_a_gate_request_once(worker_smtp, alice, leader) -> None:
    worker_smtp.messages.clear()
    initiative = _request_gate(alice)
    message = wait_for(lambda: worker_smtp.messages and worker_smtp.messages[0])
    assert message["To"] == leader.email
    assert "“Invoice triage assistant”" in message["Subject"]
    told = Notification.objects.get(recipient=leader)
    assert told.target_url == reverse("initiatives:gate-decision", args=[initiative.pk])
    link = SITE + reverse("notifications:notification-open", args=[told.pk])
    assert link in body_of(message, "plain")
    # The job run again (a redelivered message, a second click) sends nothing.
    notification_email_send_task.delay(told.pk)
    notification_email_send_task.delay(told.pk)
    notification_digest_send_task.delay()
    probe = Notification.objects.create(
        recipient=leader, key="probe", kind=GATE_REQUESTED, params={}, delivery="email"
    )
    notification_email_send_task.delay(probe.pk)  # queued last: once it is mailed, all ran
    wait_for(lambda: len(worker_smtp.messages) >= 2)
    assert len(worker_smtp.messages) == 2


def test_the_worker_retries_a_webhook_after_a_500(worker_smtp, receiver, alice, leader) -> None:
    hook = Webhook.objects.create(
        name="Leadership channel",
        url=receiver.url,
        kind=WebhookKind.GENERIC,
        event_kinds=[GATE_REQUESTED],
        secret=receiver.secret,
    )
    _request_gate(alice)
    delivered = wait_for(
        lambda: WebhookDelivery.objects.filter(
            webhook=hook, status=DeliveryStatus.SUCCEEDED
        ).first()
    )
    assert delivered.attempts == 2
    assert [r["status"] for r in receiver.received] == [500, 200]
    assert all(r["signed"] for r in receiver.received)
    assert json.loads(receiver.received[-1]["body"])["event"] == GATE_REQUESTED
