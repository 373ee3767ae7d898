"""A gate request's round trip: the team asks, leadership decides from its queue, the team hears."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from initiatives.choices import GateOutcome, Stage
from initiatives.models import GateRequest
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "Call notes take 9 minutes instead of 17; the helpdesk is trained. Ready to scale?"
RATIONALE = "The pilot met its success criteria and the organisation is ready."


@pytest.fixture
def pilot(alice):
    """A pilot of alice's, with no gate request yet."""
    department = DepartmentFactory(name="Customer Service", code="cs")
    return InitiativeFactory(
        title="Call summaries", owner=alice, stage=Stage.PILOT, department=department
    )


def test_team_requests_a_gate_decision_and_hears_the_answer(new_page, alice, leader, pilot) -> None:
    # The team lead asks for the decision from the initiative page, mostly by keyboard.
    team = new_page()
    sign_in(team, "alice")
    team.goto(f"/initiatives/{pilot.pk}/")
    team.get_by_role("link", name="Request gate decision").click()
    expect(team.get_by_role("heading", level=1)).to_have_text(
        "Request the stage-gate decision for “Call summaries”"
    )
    note = team.get_by_label("Note for leadership")
    note.focus()
    team.keyboard.type(NOTE)
    team.keyboard.press("Tab")
    send = team.get_by_role("button", name="Send the request")
    expect(send).to_be_focused()
    with team.expect_navigation():
        team.keyboard.press("Enter")
    expect(team.locator(".messages")).to_contain_text(
        "Your request was sent to everyone who decides stage gates."
    )
    expect(team.get_by_role("heading", level=1)).to_have_text("Call summaries")
    notice = team.locator("section.gate-request")
    expect(notice).to_contain_text("Gate decision requested")
    expect(notice).to_contain_text(NOTE)
    expect(team.get_by_role("link", name="Request gate decision")).to_have_count(0)
    gate_request = GateRequest.objects.get(initiative=pilot)
    assert gate_request.requested_by == alice
    assert gate_request.note == NOTE

    # Leadership sees one unread notification on the bell and works through the queue.
    lead = new_page()
    sign_in(lead, "lena")
    bell = lead.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    expect(bell.locator(".bell__count")).to_have_text("1")
    lead.goto("/initiatives/gates/")
    expect(lead.get_by_role("heading", level=1)).to_have_text("Gate queue")
    row = lead.get_by_role("row", name=re.compile("Call summaries"))
    expect(row).to_contain_text("Customer Service")
    expect(row).to_contain_text(str(alice))
    expect(row).to_contain_text("Call notes take 9 minutes")
    row.get_by_role("link", name="Call summaries").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Stage gate: scale “Call summaries”?")
    expect(lead.locator("section.gate-request")).to_contain_text(NOTE)
    go = lead.get_by_label("Go: scale", exact=True)
    go.focus()
    lead.keyboard.press("Space")
    expect(go).to_be_checked()
    lead.get_by_label("Rationale").fill(RATIONALE)
    with lead.expect_navigation():
        lead.get_by_role("button", name="Record decision").press("Enter")
    expect(lead.locator(".messages")).to_contain_text("The gate decision was recorded.")
    lead.goto("/initiatives/gates/")
    expect(lead.get_by_text("No team is waiting for a gate decision.")).to_be_visible()

    decision = pilot.gate_decisions.get()
    assert decision.outcome == GateOutcome.GO
    assert decision.decided_by == leader
    assert decision.rationale == RATIONALE
    gate_request.refresh_from_db()
    assert gate_request.closed_at is not None

    # The team lead signs in again: the decision and its rationale wait on the notifications page.
    team.context.clear_cookies()
    sign_in(team, "alice")
    team.get_by_role("link", name="Notifications: 1 unread").click()
    expect(team.get_by_role("heading", level=1)).to_have_text("Notifications")
    told = team.locator(".notification--unread")
    expect(told).to_have_count(1)
    expect(told).to_contain_text(
        f"{leader} decided the stage gate of “Call summaries”: Go: scale. Rationale: {RATIONALE}"
    )
    told.get_by_role("link").click()
    expect(team).to_have_url(re.compile(rf"/initiatives/{pilot.pk}/$"))
    expect(team.get_by_role("heading", level=1)).to_have_text("Call summaries")
    expect(team.locator("section[aria-labelledby=gate-title]")).to_contain_text(
        f"Go: scale · {leader}"
    )
    expect(team.get_by_role("link", name="Notifications: none unread")).to_be_visible()
