"""Following an initiative in the browser: the leader follows a pilot with the keyboard, the
team lead puts it on hold, and the leader's bell tells them; what they follow is one page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from initiatives.choices import Stage
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import InitiativeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_follows_a_pilot_and_hears_of_its_stage_change(new_page, alice, leader) -> None:
    pilot = InitiativeFactory(title="Contract review assistant", owner=alice, stage=Stage.PILOT)
    lena = new_page()
    sign_in(lena, "lena")
    lena.goto(f"/initiatives/{pilot.pk}/")
    follow = lena.get_by_role("button", name="Follow", exact=True)
    follow.focus()
    lena.keyboard.press("Enter")
    expect(lena.get_by_role("status").or_(lena.locator(".message")).first).to_contain_text(
        "You follow “Contract review assistant” now."
    )
    expect(lena.get_by_role("button", name="Stop following")).to_be_visible()

    owner = new_page()
    sign_in(owner, "alice")
    owner.goto(f"/initiatives/{pilot.pk}/")
    owner.get_by_label("New stage").select_option(label="On hold")
    owner.get_by_label("Reason").fill("The vendor ships a new model in March")
    owner.get_by_role("button", name="Change stage").click()
    expect(owner.locator(".kpi-tiles")).to_contain_text("On hold")

    lena.goto("/")
    bell = lena.get_by_role("link", name=re.compile(r"Notifications: 1 unread"))
    expect(bell).to_be_visible()
    bell.click()
    expect(lena.locator(".notification--unread")).to_contain_text(
        "moved “Contract review assistant” from Pilot to On hold: "
        "The vendor ships a new model in March"
    )
    lena.get_by_role("link", name="What I follow").click()
    expect(lena.get_by_role("heading", level=1)).to_have_text("What I follow")
    row = lena.get_by_role("row", name=re.compile("Contract review assistant"))
    expect(row).to_contain_text("Follow it")
    row.get_by_role("button", name="Stop following “Contract review assistant”").click()
    expect(lena.locator(".message").first).to_contain_text(
        "You no longer follow “Contract review assistant”."
    )
    expect(
        lena.get_by_text("You have not chosen to follow anything beyond what you own.")
    ).to_be_visible()
