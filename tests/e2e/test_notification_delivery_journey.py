"""Notifications leaving the app: a digest e-mail through a real SMTP server whose link leads
back in, and a Microsoft Teams webhook an administrator sets up in the admin, retried once."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from initiatives import services as initiative_services
from initiatives.choices import GateOutcome, Stage
from initiatives.events import GATE_REQUESTED
from notifications.models import DeliveryStatus, Notification, Webhook, WebhookDelivery
from notifications.tasks import notification_digest_send_task, notification_weekly_digest_send_task
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.smtp import Receiver, SmtpSink, body_of, smtp_configure, smtp_server, webhook_receiver

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RATIONALE = "The pilot met its success criteria and the organisation is ready."
NOTE = "Call notes take 9 minutes instead of 17; the helpdesk is trained. Ready to scale?"
SECRET = "teams-channel-secret-0123456789"


@pytest.fixture
def mail(settings, live_server) -> Iterator[SmtpSink]:
    """A real SMTP server; links in e-mails point at the live server."""
    with smtp_server() as sink:
        smtp_configure(settings, sink)
        settings.PORTFOLIO_SITE_URL = live_server.url
        yield sink


@pytest.fixture
def pilot(alice):
    """A pilot of alice's."""
    department = DepartmentFactory(name="Customer Service", code="cs")
    return InitiativeFactory(
        title="Call summaries", owner=alice, stage=Stage.PILOT, department=department
    )


def test_a_team_lead_reads_the_gate_decision_in_the_daily_digest_and_follows_its_link(
    new_page, live_server, mail, alice, bob, leader, pilot
) -> None:
    # alice wants gate decisions in the daily digest and stage changes only once a week.
    team = new_page()
    sign_in(team, "alice")
    team.goto("/notifications/settings/")
    expect(team.get_by_role("heading", level=1)).to_have_text("Notification settings")
    decided = team.get_by_role("group", name="A stage gate is decided")
    decided.get_by_label("E-mail in a daily digest").check()
    changes = team.get_by_role("group", name="An initiative changes stage")
    changes.get_by_label("E-mail in a weekly digest").check()
    with team.expect_navigation():
        team.get_by_role("button", name="Save settings").click()
    expect(team.locator(".messages")).to_contain_text("Your notification settings are saved.")
    expect(decided.get_by_label("E-mail in a daily digest")).to_be_checked()
    expect(changes.get_by_label("E-mail in a weekly digest")).to_be_checked()

    # Leadership decides alice's gate; bob moves an initiative alice is a member of.
    initiative_services.gate_decide(
        actor=leader, initiative=pilot, outcome=GateOutcome.GO, rationale=RATIONALE
    )
    other = InitiativeFactory(title="Invoice triage", owner=bob, members=[alice])
    initiative_services.initiative_transition(
        actor=bob, initiative=other, target=Stage.ASSESSMENT, reason="Data available"
    )
    assert mail.messages == []  # nothing at once: both wait for their digest

    # The morning's run, as the beat starts it: one e-mail, with the decision only.
    assert notification_digest_send_task.delay().get() == {"people": 1, "sent": 1, "failed": 0}
    assert len(mail.messages) == 1
    assert mail.envelopes[0][1] == [alice.email]
    message = mail.messages[0]
    assert message["Subject"] == "Portfolio: your daily digest (1)"
    text = body_of(message, "plain")
    sentence = (
        f"{leader} decided the stage gate of “Call summaries”: Go: scale. Rationale: {RATIONALE}"
    )
    assert sentence in text
    assert "Invoice triage" not in text
    told = Notification.objects.get(recipient=alice, kind="initiatives.gate_decided")
    link = f"{live_server.url}/notifications/{told.pk}/open/"
    assert link in text.split()
    assert f'<a href="{link}">{sentence}</a>' in body_of(message, "html")

    # The link opens the notification in the app: it is read now, and the page is the
    # initiative's with the decision in its gate history.
    team.goto(link)
    expect(team).to_have_url(f"{live_server.url}/initiatives/{pilot.pk}/")
    expect(team.get_by_role("heading", level=1)).to_have_text("Call summaries")
    expect(team.locator("section[aria-labelledby=gate-title]")).to_contain_text(
        f"Go: scale · {leader}"
    )
    expect(team.get_by_role("link", name="Notifications: 1 unread")).to_be_visible()
    told.refresh_from_db()
    assert told.emailed_at is not None and told.read_at is not None

    # The weekly run mails the stage change; neither run has anything left after that.
    assert notification_weekly_digest_send_task.delay().get()["sent"] == 1
    assert mail.messages[1]["Subject"] == "Portfolio: your weekly digest (1)"
    assert f"{bob} moved “Invoice triage” from Idea to Assessment: Data available" in body_of(
        mail.messages[1], "plain"
    )
    assert notification_digest_send_task.delay().get()["sent"] == 0
    assert notification_weekly_digest_send_task.delay().get()["sent"] == 0
    assert len(mail.messages) == 2


@pytest.fixture
def teams_channel(settings, live_server) -> Iterator[Receiver]:
    """A local receiver that answers the first post with 500 and the next with 200."""
    # A development installation: a webhook on this machine over http is allowed
    # (notifications.validators); links in the card point at the live server.
    settings.DEBUG = True
    settings.PORTFOLIO_SITE_URL = live_server.url
    with webhook_receiver(SECRET, [500, 200]) as receiver:
        yield receiver


def test_an_administrator_adds_a_teams_webhook_that_hears_of_a_gate_request(
    new_page, live_server, teams_channel, administrator, alice, pilot
) -> None:
    admin = new_page()
    sign_in(admin, "ada")
    admin.goto("/admin/notifications/webhook/add/")
    admin.get_by_label("Name").fill("Leadership channel")
    admin.get_by_label("URL").fill(teams_channel.url)
    admin.get_by_label("Kind").select_option(label="Microsoft Teams (Workflows, Adaptive Card)")
    admin.get_by_label("A stage-gate decision is requested").check()
    admin.get_by_label("Secret").fill(SECRET)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text(
        "The webhook “Leadership channel” was added successfully."
    )
    hook = Webhook.objects.get()
    assert (hook.kind, hook.event_kinds, hook.secret) == ("teams", [GATE_REQUESTED], SECRET)

    # The team lead asks for the gate decision in the browser.
    team = new_page()
    sign_in(team, "alice")
    team.goto(f"/initiatives/{pilot.pk}/")
    team.get_by_role("link", name="Request gate decision").click()
    team.get_by_label("Note for leadership").fill(NOTE)
    with team.expect_navigation():
        team.get_by_role("button", name="Send the request").click()
    expect(team.locator(".messages")).to_contain_text(
        "Your request was sent to everyone who decides stage gates."
    )

    # The channel answered 500 first; the retry was delivered. Both posts carry the same
    # signed Adaptive Card.
    assert [post["status"] for post in teams_channel.received] == [500, 200]
    post = teams_channel.received[-1]
    headers = {name.lower(): value for name, value in post["headers"].items()}
    expected = hmac.new(
        SECRET.encode(), headers["x-portfolio-timestamp"].encode() + b"." + post["body"],
        hashlib.sha256,
    ).hexdigest()  # fmt: skip
    assert headers["x-portfolio-signature"] == f"sha256={expected}"
    assert headers["x-portfolio-event"] == GATE_REQUESTED
    assert teams_channel.received[0]["body"] == post["body"]
    card = json.loads(post["body"])
    assert card["type"] == "message"
    [attachment] = card["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = attachment["content"]
    assert content["type"] == "AdaptiveCard"
    assert content["body"][0]["text"] == (
        f"{alice} asks for a stage-gate decision on “Call summaries”: {NOTE}"
    )
    assert content["actions"] == [
        {
            "type": "Action.OpenUrl",
            "title": "Open",
            "url": f"{live_server.url}/initiatives/{pilot.pk}/gate/",
        }
    ]

    # The delivery log in the admin shows it delivered on the second attempt.
    admin.goto("/admin/notifications/webhookdelivery/")
    row = admin.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".field-webhook")).to_have_text("Leadership channel")
    expect(row.locator(".field-status")).to_have_text("Delivered")
    expect(row.locator(".field-attempts")).to_have_text("2")
    expect(row.locator(".field-last_status_code")).to_have_text("200")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 2)
    assert delivery.last_error == ""
