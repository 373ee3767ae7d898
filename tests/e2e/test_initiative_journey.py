"""A team lead proposes a use case and moves it to pilot; leadership approves scaling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from initiatives.choices import Stage
from initiatives.models import Initiative, Pilot
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_use_case_from_proposal_to_scaling(new_page, alice, leader, charlie) -> None:
    DepartmentFactory(name="Finance & Control", code="fin")
    InitiativeFactory(title="Supplier invoice data extraction", owner=charlie)

    team_lead = new_page()
    sign_in(team_lead, "alice")
    team_lead.get_by_role("link", name="Propose a use case").first.click()
    team_lead.get_by_label("Title").fill("Invoice data extraction")
    team_lead.get_by_label("Problem or pain point").fill(
        "Accounts payable retypes supplier invoices by hand: 20 minutes per invoice."
    )
    expect(team_lead.locator("#duplicates")).to_contain_text("Supplier invoice data extraction")
    team_lead.get_by_label("Department:", exact=True).select_option(label="Finance & Control")
    team_lead.get_by_label("Build type:", exact=True).select_option("off_the_shelf")
    team_lead.get_by_label("4 · Large: measurable savings or revenue across departments").check()
    team_lead.get_by_label("4 · Likely: proven approach, data mostly available").check()
    team_lead.get_by_label("2 · Weeks: one small team").check()
    team_lead.get_by_label("4 · Clearly advances an objective").check()
    team_lead.get_by_role("button", name="Propose use case").click()

    expect(team_lead.get_by_role("heading", level=1)).to_have_text("Invoice data extraction")
    expect(team_lead.locator("main")).to_contain_text("Priority 75 (High)")
    for stage in ("Assessment", "Proof of concept", "Pilot"):
        team_lead.get_by_label("New stage").select_option(label=stage)
        team_lead.get_by_label("Reason").fill(f"Ready for {stage.lower()}")
        team_lead.get_by_role("button", name="Change stage").click()
        expect(team_lead.locator(".messages")).to_contain_text(f"moved to {stage}")
    # Scaling is not among a team lead's choices: it goes through the gate, and a step back is
    # never preselected.
    expect(team_lead.get_by_label("New stage")).to_have_value("")
    expect(team_lead.locator("main")).not_to_contain_text("Decide the stage gate")

    initiative = Initiative.objects.get(title="Invoice data extraction")
    assert initiative.stage == "pilot"

    boss = new_page()
    sign_in(boss, "lena")
    boss.goto(f"/initiatives/{initiative.pk}/")
    boss.get_by_role("link", name="Decide the stage gate").click()
    expect(boss.locator("main")).to_contain_text("Scaling-readiness checklist")
    expect(boss.locator("main")).to_contain_text("0 of 10 items done")
    boss.get_by_label("Go: scale").check()
    boss.get_by_label("Rationale").fill("Pilot met its targets; scale to all of Finance.")
    boss.get_by_role("button", name="Record decision").click()
    expect(boss.locator(".messages")).to_contain_text("gate decision was recorded")
    expect(boss.locator(".kpi-tile").first).to_contain_text("Scaling")
    expect(boss.locator(".timeline").first).to_contain_text(re.compile("Pilot → Scaling"))

    initiative.refresh_from_db()
    assert initiative.stage == "scaling"
    assert initiative.gate_decisions.get().decided_by.username == "lena"


def test_team_lead_adds_a_fourth_participant_with_the_keyboard(new_page, alice) -> None:
    initiative = InitiativeFactory(title="Call summaries", owner=alice, stage=Stage.PILOT)
    page = new_page()
    sign_in(page, "alice")
    page.goto(f"/initiatives/{initiative.pk}/pilots/new/")
    expect(page.get_by_text("Save to add more rows.")).to_be_hidden()
    page.get_by_label("Scope:", exact=True).fill("Two service teams")
    page.get_by_label("Start:", exact=True).fill("2026-01-05")
    page.get_by_label("End:", exact=True).fill("2026-03-31")
    page.get_by_label("Success criteria:", exact=True).fill("Handling time down 20 %")
    for number, name in enumerate(("Ada", "Ben", "Cem"), start=1):
        page.get_by_role("group", name=f"Participant {number}").get_by_label("Name").fill(name)

    page.get_by_role("button", name="Add participant").focus()
    page.keyboard.press("Enter")
    fourth = page.get_by_role("group", name="Participant 4")
    expect(fourth.get_by_label("Name")).to_be_focused()
    page.keyboard.type("Dana")
    fourth.get_by_label("Recruited as a sceptic").check()
    page.get_by_role("button", name="Save pilot").click()

    expect(page.locator(".messages")).to_contain_text("The pilot was saved.")
    pilot = Pilot.objects.get(initiative=initiative)
    assert sorted(pilot.participants.values_list("name", "is_sceptic")) == [
        ("Ada", False), ("Ben", False), ("Cem", False), ("Dana", True),
    ]  # fmt: skip
