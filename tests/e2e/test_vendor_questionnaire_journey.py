"""A vendor questionnaire: the officer sends a link, the vendor answers by keyboard, the officer reads it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.services.questionnaires import questionnaire_send
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import AXE_SCRIPT, violations
from tests.factories.questionnaires import candidate_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_vendor_answers_through_the_link_and_the_officer_reads_it(
    new_page, live_server, settings, compliance_officer, leader
) -> None:
    settings.PORTFOLIO_SITE_URL = live_server.url
    candidate = candidate_make(owner=leader)
    questionnaires = reverse(
        "governance:candidate-questionnaires", args=[candidate.evaluation_id, candidate.pk]
    )

    # 1. The compliance officer makes a link for the vendor's sales contact.
    officer = new_page()
    officer.context.add_init_script(script=AXE_SCRIPT)
    officer.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(officer, "carla")
    officer.goto(questionnaires)
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        "Questionnaires: Acme AI – Acme Copilot"
    )
    officer.get_by_label("Vendor contact's e-mail address").fill("sales@acme.example")
    officer.get_by_label("Valid for (days)").fill("10")
    officer.get_by_role("button", name="Make link").click()
    link = officer.get_by_role("textbox", name="Questionnaire link").input_value()
    assert link.startswith(f"{live_server.url}/vendor-questionnaire/")
    # The copy button works from the keyboard.
    officer.get_by_role("button", name="Copy link").focus()
    officer.keyboard.press("Enter")
    expect(officer.locator("#new-link-status")).to_have_text("The link is copied.")
    assert officer.evaluate("() => navigator.clipboard.readText()") == link
    assert violations(officer) == []

    # 2. The vendor, without an account, opens the link and answers by keyboard only.
    vendor = new_page()
    vendor.context.add_init_script(script=AXE_SCRIPT)
    vendor.goto(link)
    expect(vendor.get_by_role("heading", level=1)).to_have_text(
        "Questionnaire about Acme AI – Acme Copilot"
    )
    assert violations(vendor) == []
    vendor.get_by_role("radio", name="In the EU", exact=True).focus()
    vendor.keyboard.press("Space")
    vendor.keyboard.press("Tab")
    vendor.keyboard.type("Deleted 30 days after the contract ends.")
    vendor.keyboard.press("Tab")  # into "Do you train …": the first choice, Yes
    vendor.keyboard.press("ArrowDown")  # No
    vendor.keyboard.press("Tab")  # ISO/IEC 42001
    vendor.keyboard.press("Tab")  # ISO/IEC 27001
    vendor.keyboard.press("Space")
    vendor.keyboard.press("Tab")  # ISO/IEC 27701
    vendor.keyboard.press("Tab")  # SOC 2
    vendor.keyboard.press("Space")
    vendor.keyboard.press("Tab")  # BSI C5
    for text in (
        "60",
        "24",
        "Full export as JSON within 14 days.",
        "Office hours, in English and German.",
        "Jane Doe",
        "jane@acme.example",
    ):
        vendor.keyboard.press("Tab")
        vendor.keyboard.type(text)
    expect(vendor.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(vendor.get_by_label("Your e-mail address")).to_be_focused()
    with vendor.expect_request(lambda request: request.method == "POST") as posted:
        vendor.keyboard.press("Enter")
    # The page's same-origin referrer policy lets the browser name our origin: CSRF passes.
    assert posted.value.all_headers().get("origin") == live_server.url
    expect(vendor.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    assert violations(vendor) == []
    # The link is used up.
    vendor.goto(link)
    expect(vendor.get_by_role("heading", level=1)).to_have_text(
        "This questionnaire has been answered"
    )

    # 3. The officer reads the answers on the candidate's questionnaire page.
    officer.goto(questionnaires)
    answers = officer.get_by_role("region", name="Answers of Jane Doe")
    expect(answers).to_contain_text("In the EU")
    expect(answers).to_contain_text("ISO/IEC 27001 (information security), SOC 2 Type II")
    expect(answers).to_contain_text("Full export as JSON within 14 days.")
    expect(officer.locator("table")).to_contain_text("Answered")
    candidate.refresh_from_db()
    assert candidate.trains_on_customer_data is False
    assert candidate.incident_notice_hours == 24


def test_the_vendor_chooses_the_language_of_the_questionnaire(
    new_page, live_server, settings, compliance_officer, leader
) -> None:
    settings.PORTFOLIO_SITE_URL = live_server.url
    sent = questionnaire_send(
        actor=compliance_officer, candidate=candidate_make(owner=leader), email=False
    )
    vendor = new_page()
    vendor.goto(sent.link)
    # The switcher in the top bar, by keyboard: arrow to the language, Enter to apply.
    vendor.locator("#language-select").focus()
    vendor.keyboard.press("ArrowDown")
    with vendor.expect_navigation():
        vendor.keyboard.press("Enter")
    assert vendor.url == sent.link
    assert vendor.locator("html").get_attribute("lang") == "nl"
