"""Outgoing webhooks against a real local HTTP receiver: signed, retried, logged."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.choices import Stage
from initiatives.events import GATE_DECIDED, GATE_REQUESTED
from notifications import domain
from notifications.admin import WebhookForm
from notifications.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookKind
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    """A development installation: a webhook on this machine over http is allowed."""
    settings.DEBUG = True
    settings.PORTFOLIO_SITE_URL = "https://portfolio.example.org"
    settings.NOTIFICATIONS_WEBHOOK_RETRY_BASE_SECONDS = 0
    return settings


def _hook(receiver, kind=WebhookKind.GENERIC, events=(GATE_REQUESTED,)) -> Webhook:
    return Webhook.objects.create(
        name="Leadership channel",
        url=receiver.url,
        kind=kind,
        event_kinds=list(events),
        secret=receiver.secret,
    )


def _request_gate(alice, capture):
    initiative = InitiativeFactory(title="Invoice triage assistant", owner=alice, stage=Stage.PILOT)
    with capture(execute=True):
        initiative_services.gate_request(actor=alice, initiative=initiative, note="Savings proven")
    return initiative


def test_a_signed_delivery_is_retried_after_a_500_and_logged(
    debug, receiver, alice, leader, django_capture_on_commit_callbacks
) -> None:
    hook = _hook(receiver)
    initiative = _request_gate(alice, django_capture_on_commit_callbacks)
    assert [r["status"] for r in receiver.received] == [500, 200]
    assert all(r["signed"] for r in receiver.received)
    body = json.loads(receiver.received[-1]["body"])
    assert body["event"] == GATE_REQUESTED
    assert body["params"]["initiative"] == "Invoice triage assistant"
    assert body["text"] == (
        f"{alice} asks for a stage-gate decision on “Invoice triage assistant”: Savings proven"
    )
    assert body["url"] == "https://portfolio.example.org" + reverse(
        "initiatives:gate-decision", args=[initiative.pk]
    )
    assert receiver.received[-1]["headers"]["X-Portfolio-Event"] == GATE_REQUESTED
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.SUCCEEDED,
        2,
        200,
    )
    assert delivery.last_error == ""
    assert delivery.delivered_at is not None


def test_the_secret_is_never_written_to_the_log(
    debug, receiver, alice, leader, django_capture_on_commit_callbacks, caplog
) -> None:
    receiver.answers = [500, 500, 500, 500, 500, 500]
    debug.NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS = 3
    _hook(receiver)
    _request_gate(alice, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert delivery.last_error == "The receiver answered HTTP 500."
    assert receiver.secret not in caplog.text
    assert receiver.secret not in repr(delivery.webhook)


def test_a_receiver_that_is_not_there_is_retried_then_failed(
    debug, alice, leader, django_capture_on_commit_callbacks
) -> None:
    from tests.notifications.conftest import free_port

    debug.NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS = 2
    Webhook.objects.create(
        name="Gone",
        url=f"http://127.0.0.1:{free_port()}/hook",
        kind=WebhookKind.SLACK,
        event_kinds=[GATE_REQUESTED],
        secret="x" * 20,
    )
    _request_gate(alice, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
    assert "Connection refused" in delivery.last_error


def test_a_4xx_is_not_retried(debug, receiver, alice, leader, django_capture_on_commit_callbacks):
    receiver.answers = [404]
    _hook(receiver)
    _request_gate(alice, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.FAILED,
        1,
        404,
    )


def test_a_webhook_hears_only_its_event_kinds_and_each_event_once(
    debug, receiver, alice, leader, django_capture_on_commit_callbacks
) -> None:
    receiver.answers = []
    _hook(receiver, events=[GATE_DECIDED])
    initiative = _request_gate(alice, django_capture_on_commit_callbacks)
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.gate_decide(
            actor=leader, initiative=initiative, outcome="go", rationale="Savings proven"
        )
    assert len(receiver.received) == 1
    from notifications.services import webhook_delivery_send

    assert webhook_delivery_send(delivery_id=WebhookDelivery.objects.get().pk) is None
    assert len(receiver.received) == 1


def test_slack_and_teams_bodies() -> None:
    args = {
        "event": GATE_DECIDED,
        "key": "gate-decision:1",
        "text": "Lena decided",
        "url": "https://portfolio.example.org/initiatives/1/",
        "params": {},
        "timestamp": 1,
    }
    slack = json.loads(domain.webhook_body(webhook_kind="slack", **args))
    assert slack == {"text": "Lena decided\n<https://portfolio.example.org/initiatives/1/>"}
    teams = json.loads(domain.webhook_body(webhook_kind="teams", **args))
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["body"][0]["text"] == "Lena decided"
    assert card["content"]["actions"][0]["url"] == args["url"]


def test_the_signature_covers_timestamp_and_body() -> None:
    signed = domain.webhook_signature("secret", 1700000000, b'{"a":1}')
    assert (
        signed
        == "sha256="
        + __import__("hmac").new(b"secret", b'1700000000.{"a":1}', "sha256").hexdigest()
    )
    assert domain.webhook_signature("secret", 1700000001, b'{"a":1}') != signed


def test_retry_waits_double_and_stop_at_a_cap() -> None:
    assert [domain.retry_delay(n, base=30) for n in (1, 2, 3)] == [30.0, 60.0, 120.0]
    assert domain.retry_delay(20, base=30) == 3600.0
    assert domain.should_retry(None) and domain.should_retry(503) and domain.should_retry(429)
    assert not domain.should_retry(404)


# --- Configuring (administrators) ---------------------------------------------------------------


def _form(url: str, secret: str = "a-long-enough-secret", instance=None) -> WebhookForm:  # noqa: S107
    data = {
        "name": "Teams",
        "url": url,
        "kind": WebhookKind.TEAMS,
        "event_kinds": [GATE_REQUESTED],
        "secret": secret,
        "is_active": "on",
    }
    return WebhookForm(data=data, instance=instance)


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://hooks.example.com/x", "A webhook must use https://."),
        ("https://localhost/x", "A webhook cannot point at this server or its network."),
        ("https://127.0.0.1/x", "A webhook cannot point at this server or its network."),
        ("https://10.1.2.3/x", "A webhook cannot point at this server or its network."),
        ("https://[::1]/x", "A webhook cannot point at this server or its network."),
        ("https://169.254.169.254/latest", "A webhook cannot point at this server or its network."),
    ],
)
def test_production_refuses_plain_http_and_inner_addresses(settings, url, error) -> None:
    settings.DEBUG = False
    form = _form(url)
    assert not form.is_valid()
    assert form.errors["url"] == [error]


def test_production_takes_a_public_https_address(settings) -> None:
    settings.DEBUG = False
    form = _form("https://8.8.8.8/hook")
    assert form.is_valid(), form.errors


def test_development_takes_a_local_receiver(debug) -> None:
    assert _form("http://127.0.0.1:9/hook").is_valid()


def test_the_secret_is_never_shown_again_and_blank_keeps_it(client, administrator, debug) -> None:
    form = _form("http://127.0.0.1:9/hook", secret="the-first-secret-value")
    hook = form.save()
    client.force_login(administrator)
    page = client.get(reverse("admin:notifications_webhook_change", args=[hook.pk]))
    assert page.status_code == 200
    assert "the-first-secret-value" not in page.content.decode()
    kept = _form("http://127.0.0.1:9/hook", secret="", instance=hook)
    assert kept.is_valid(), kept.errors
    assert kept.save().secret == "the-first-secret-value"
    assert not _form("http://127.0.0.1:9/hook", secret="").is_valid()  # a new one needs a secret


def test_only_administrators_see_webhooks_and_the_delivery_log(client, leader, administrator):
    leader.is_staff = True
    leader.save()
    client.force_login(leader)
    assert client.get(reverse("admin:notifications_webhook_changelist")).status_code == 403
    assert client.get(reverse("admin:notifications_webhookdelivery_changelist")).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("admin:notifications_webhookdelivery_changelist")).status_code == 200
