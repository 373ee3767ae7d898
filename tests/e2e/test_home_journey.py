"""Each role's home in the browser: sign in, find this week's work, follow it to its page."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from core.periods import Period, PeriodKind
from core.roles import ROLE_GROUP_NAMES, Role
from governance.choices import ApprovalStatus, RiskClass
from initiatives.choices import Stage
from initiatives.services.gates import gate_request
from metrics.choices import Frequency
from tests.e2e.conftest import sign_in
from tests.factories.governance import AISystemFactory, ReviewFactory, RiskFactory
from tests.factories.initiatives import InitiativeFactory, PilotFactory
from tests.factories.metrics import CostItemFactory, KpiFactory, MeasurementFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _today() -> datetime.date:
    return timezone.localdate()


def _card(page: Page, heading_id: str):
    return page.locator(f"section.card[aria-labelledby={heading_id}]")


@pytest.fixture
def week(alice, leader):
    """alice's pilot with an overdue KPI and an open gate request; a register with work."""
    today = _today()
    pilot = InitiativeFactory(title="Invoice matching", owner=alice, stage=Stage.PILOT)
    PilotFactory(
        initiative=pilot, start_date=today - datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=40),
    )  # fmt: skip
    kpi = KpiFactory(
        initiative=pilot, name="Minutes per invoice", frequency=Frequency.MONTH,
        baseline_date=today - datetime.timedelta(days=120),
        target_date=today + datetime.timedelta(days=200),
    )  # fmt: skip
    MeasurementFactory(kpi=kpi, measured_on=today - datetime.timedelta(days=70))
    waiting = InitiativeFactory(title="Route optimisation", owner=alice, stage=Stage.PILOT)
    gate_request(actor=alice, initiative=waiting, note="Six weeks of savings measured")
    quarter_start = Period.containing(PeriodKind.QUARTER, today).start
    CostItemFactory(initiative=pilot, amount=Decimal("9000.00"), start_date=quarter_start)
    system = AISystemFactory(
        name="Letter sorter", risk_class=RiskClass.UNCLASSIFIED,
        approval_status=ApprovalStatus.SUBMITTED,
    )  # fmt: skip
    review = ReviewFactory(
        system=system, kind="compliance", due_date=today - datetime.timedelta(days=5)
    )
    RiskFactory(
        system=system, description="Letters sorted into the wrong queue", likelihood=4, impact=4
    )
    return {"pilot": pilot, "waiting": waiting, "kpi": kpi, "system": system, "review": review}


def test_a_team_lead_finds_an_overdue_kpi_and_logs_it(new_page, alice, week) -> None:
    page = new_page()
    sign_in(page, "alice")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    mine = _card(page, "my-initiatives-title")
    expect(mine.get_by_role("row", name=re.compile("Invoice matching"))).to_contain_text("Pilot")
    expect(_card(page, "pilots-title")).to_contain_text("Invoice matching")
    expect(_card(page, "my-gates-title")).to_contain_text("Route optimisation")
    due = _card(page, "kpis-due-title")
    expect(due).to_contain_text("Overdue")
    due.get_by_role("link", name="Minutes per invoice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Minutes per invoice|Invoice matching")
    )


def test_leadership_opens_the_oldest_gate_request_from_the_home(new_page, leader, week) -> None:
    page = new_page()
    sign_in(page, "lena")
    queue = _card(page, "gate-queue-title")
    expect(queue).to_contain_text("Route optimisation")
    expect(_card(page, "glance-title")).to_contain_text("Invested in total")
    queue.get_by_role("link", name="Route optimisation").click()
    expect(page).to_have_url(re.compile(rf"/initiatives/{week['waiting'].pk}/gate/"))
    expect(page.locator("body")).to_contain_text("Six weeks of savings measured")


def test_compliance_goes_from_an_overdue_review_to_its_page(
    new_page, compliance_officer, week
) -> None:
    page = new_page()
    sign_in(page, "carla")
    reviews = _card(page, "reviews-due-title")
    expect(reviews).to_contain_text("Overdue")
    expect(_card(page, "awaiting-title")).to_contain_text("Letter sorter")
    expect(_card(page, "high-risks-title")).to_contain_text("Letters sorted into the wrong queue")
    reviews.get_by_role("link", name=re.compile("Letter sorter")).click()
    expect(page).to_have_url(re.compile(rf"/register/reviews/{week['review'].pk}/"))


def test_finance_sees_what_is_missing_and_the_report_due(new_page, finance_user, week) -> None:
    page = new_page()
    sign_in(page, "finn")
    missing = _card(page, "missing-title")
    row = missing.get_by_role("row", name=re.compile("Invoice matching"))
    expect(row).to_be_visible()
    expect(_card(page, "next-report-title")).to_contain_text("Quarterly ROI report")
    row.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/metrics/initiatives/{week['pilot'].pk}/"))


def test_a_person_with_two_roles_sees_both_parts(new_page, alice, week) -> None:
    alice.groups.add(Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.FINANCE])[0])
    page = new_page()
    sign_in(page, "alice")
    expect(page.get_by_role("heading", name="Team lead: your initiatives")).to_be_visible()
    expect(page.get_by_role("heading", name="Finance: costs, benefits and reports")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Leadership: decisions and the portfolio")
    ).to_have_count(0)
