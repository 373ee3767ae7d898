"""Leadership's week: review the dashboard, narrow it to one department, decide a stage gate."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.periods import Period, PeriodKind
from initiatives.choices import GateOutcome, Stage
from metrics.services.roi import roi_recompute
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import BenefitFactory, CostItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(alice, bob):
    """Two departments, each with a pilot that has costs and benefits in the current quarter."""
    quarter_start = Period.containing(PeriodKind.QUARTER, timezone.localdate()).start
    service = DepartmentFactory(name="Customer Service", code="cs")
    finance = DepartmentFactory(name="Finance & Control", code="fin")
    summaries = InitiativeFactory(
        title="Call summaries", owner=alice, department=service, stage=Stage.PILOT
    )
    matching = InitiativeFactory(
        title="Invoice matching", owner=bob, department=finance, stage=Stage.PILOT
    )
    CostItemFactory(initiative=summaries, amount=Decimal("10000.00"), start_date=quarter_start)
    BenefitFactory(initiative=summaries, amount=Decimal("25000.00"), start_date=quarter_start)
    CostItemFactory(initiative=matching, amount=Decimal("20000.00"), start_date=quarter_start)
    BenefitFactory(initiative=matching, amount=Decimal("5000.00"), start_date=quarter_start)
    roi_recompute(initiative_ids=[summaries.pk, matching.pk])
    return {"service": service, "summaries": summaries, "matching": matching}


def test_leadership_reviews_the_dashboard_and_decides_a_gate(new_page, leader, portfolio) -> None:
    summaries = portfolio["summaries"]
    page = new_page()
    sign_in(page, "lena")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Portfolio dashboard")
    roi_table = page.locator("section[aria-labelledby=roi-init-title] table")
    expect(roi_table).to_contain_text("Call summaries")
    expect(roi_table).to_contain_text("Invoice matching")
    expect(page.locator("#dashboard-body .kpi-tiles").first).to_contain_text("€30,000.00")
    expect(page.locator("#dashboard-body [data-key=funnel] .main-svg").first).to_be_attached()

    # Filtering swaps the dashboard body through htmx: no page load, new charts, one department.
    page.evaluate("window.journeyMarker = 'still the same page'")
    page.get_by_label("Department:", exact=True).select_option(label="Customer Service")
    expect(page).to_have_url(re.compile(rf"department={portfolio['service'].pk}"))
    expect(roi_table).not_to_contain_text("Invoice matching")
    expect(roi_table.get_by_role("row", name=re.compile("Call summaries"))).to_contain_text(
        "€15,000.00"
    )
    expect(roi_table).to_contain_text("150.0%")
    expect(page.locator("#dashboard-body .kpi-tiles").first).to_contain_text("€10,000.00")
    department_table = page.locator("section[aria-labelledby=dept-title] table")
    expect(department_table).to_contain_text("Customer Service")
    expect(department_table).not_to_contain_text("Finance & Control")
    expect(
        page.locator("#dashboard-body [data-key=funnel][data-rendered] .main-svg").first
    ).to_be_attached()
    expect(
        page.locator("#dashboard-body [data-key=costs_vs_benefits][data-rendered]")
    ).to_be_attached()
    assert page.evaluate("window.journeyMarker") == "still the same page"

    roi_table.get_by_role("link", name="Call summaries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call summaries")
    page.get_by_role("link", name="Decide the stage gate").click()
    evidence = page.locator("section[aria-labelledby=evidence-title] table")
    expect(evidence.get_by_role("row", name=re.compile("Realised ROI"))).to_contain_text("150.0%")
    page.get_by_label("Needs work", exact=True).check()
    page.get_by_label("Rationale").fill("Strong ROI, but the readiness checklist is still empty.")
    page.get_by_role("button", name="Record decision").click()

    expect(page.locator(".messages")).to_contain_text("The gate decision was recorded.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Call summaries")
    expect(page.locator("section[aria-labelledby=gate-title]")).to_contain_text(
        "Needs work · " + str(leader)
    )
    expect(page.locator(".kpi-tile").first).to_contain_text("Pilot")

    summaries.refresh_from_db()
    assert summaries.stage == Stage.PILOT
    decision = summaries.gate_decisions.get()
    assert decision.outcome == GateOutcome.NEEDS_WORK
    assert decision.decided_by == leader
    assert decision.rationale.startswith("Strong ROI")


def test_charts_below_the_fold_are_drawn_when_they_come_near(new_page, leader, portfolio) -> None:
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 700})
    sign_in(page, "lena")
    page.goto("/dashboard/")
    funnel = page.locator("#dashboard-body [data-key=funnel]")
    departments = page.locator("#dashboard-body [data-key=net_by_department]")
    expect(funnel.locator(".main-svg").first).to_be_attached()
    # Further down the page: not drawn yet, then drawn once scrolled to.
    page.wait_for_timeout(300)
    assert departments.get_attribute("data-rendered") is None
    departments.scroll_into_view_if_needed()
    expect(departments.locator(".main-svg").first).to_be_attached()
