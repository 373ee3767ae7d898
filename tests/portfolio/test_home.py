"""The "my work" home: each role's part, only the person's own items, fixed query count."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.periods import Period, PeriodKind
from core.roles import Role
from governance.choices import ApprovalStatus, RiskClass, RiskStatus
from initiatives.choices import Stage
from initiatives.services.gates import gate_request
from metrics.choices import Frequency
from metrics.selectors import kpis_due
from metrics.services.roi import roi_recompute
from portfolio.home import next_step
from portfolio.models import QuarterlyReport, ReportStatus
from tests.factories.accounts import UserFactory
from tests.factories.governance import AISystemFactory, ReviewFactory, RiskFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory, PilotFactory
from tests.factories.metrics import (
    BenefitFactory,
    CostItemFactory,
    KpiFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def quarter() -> Period:
    return Period.containing(PeriodKind.QUARTER, today())


def home_page(client, user) -> tuple[str, Any]:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode(), response.context["home"]


def section(page: str, heading_id: str) -> str:
    """The HTML of the card whose heading has the id, up to the next card."""
    start = page.index(f'id="{heading_id}"')
    end = page.find('<section class="card"', start)
    return page[start : end if end != -1 else len(page)]


# --- Team lead ---------------------------------------------------------------------------------


@pytest.fixture
def teams(alice, bob, charlie):
    """alice owns a pilot (bob is a member) and an idea; charlie owns another team's pilot."""
    ops = DepartmentFactory(name="Operations", code="ops")
    pilot = InitiativeFactory(
        title="Invoice matching", owner=alice, members=[bob], stage=Stage.PILOT, department=ops
    )
    idea = InitiativeFactory(title="Shift planning", owner=alice, stage=Stage.IDEA)
    stopped = InitiativeFactory(title="Old chatbot", owner=alice, stage=Stage.STOPPED)
    theirs = InitiativeFactory(title="Route optimisation", owner=charlie, stage=Stage.PILOT)
    return {"pilot": pilot, "idea": idea, "stopped": stopped, "theirs": theirs}


def test_a_team_lead_sees_their_initiatives_with_the_next_step_and_not_another_team_s(
    client, alice, bob, teams
) -> None:
    PilotFactory(
        initiative=teams["pilot"],
        start_date=today() - datetime.timedelta(days=10),
        end_date=today() + datetime.timedelta(days=20),
    )
    page, home = home_page(client, alice)
    mine = section(page, "my-initiatives-title")
    assert "Invoice matching" in mine and "Shift planning" in mine
    assert "Route optimisation" not in page
    assert "Old chatbot" not in mine
    steps = {row.initiative.title: str(row.next_step) for row in home.team_lead.initiatives.items}
    assert steps["Invoice matching"].startswith("Run the pilot until")
    assert steps["Shift planning"].startswith("Assess its value")
    assert "Invoice matching" in section(page, "pilots-title")
    # bob is on the team as a member: the initiative is his too.
    page, _home = home_page(client, bob)
    assert "Invoice matching" in section(page, "my-initiatives-title")
    assert "Shift planning" not in page


def test_an_overdue_kpi_appears_and_one_measured_recently_does_not(
    client, alice, charlie, teams
) -> None:
    KpiFactory(
        initiative=teams["pilot"],
        name="Minutes per invoice",
        baseline_date=today() - datetime.timedelta(days=90),
        target_date=today() + datetime.timedelta(days=300),
    )
    measured = KpiFactory(
        initiative=teams["pilot"],
        name="First-time-right rate",
        baseline_date=today() - datetime.timedelta(days=90),
        target_date=today() + datetime.timedelta(days=300),
    )
    MeasurementFactory(kpi=measured, measured_on=today() - datetime.timedelta(days=2))
    KpiFactory(
        initiative=teams["theirs"],
        name="Kilometres per delivery",
        baseline_date=today() - datetime.timedelta(days=90),
        target_date=today() + datetime.timedelta(days=300),
    )
    page, home = home_page(client, alice)
    due = section(page, "kpis-due-title")
    assert "Minutes per invoice" in due and "Overdue" in due
    assert "First-time-right rate" not in due
    assert "Kilometres per delivery" not in page
    assert [(d.kpi.name, d.overdue) for d in home.team_lead.kpis_due] == [
        ("Minutes per invoice", True)
    ]


def test_kpis_due_follow_each_frequency_and_the_latest_measurement(alice, teams) -> None:
    day = datetime.date(2026, 6, 15)
    pilot = teams["pilot"]

    def kpi(name: str, frequency: str, baseline: datetime.date):
        return KpiFactory(
            initiative=pilot,
            name=name,
            frequency=frequency,
            baseline_date=baseline,
            target_date=datetime.date(2027, 12, 31),
        )

    # Weekly, last measured 10 June: due 17 June, within the seven days, not yet overdue.
    weekly = kpi("Weekly", Frequency.WEEK, datetime.date(2026, 1, 1))
    MeasurementFactory(kpi=weekly, measured_on=datetime.date(2026, 6, 10))
    # Monthly, last measured 10 May: due 10 June, overdue.
    monthly = kpi("Monthly", Frequency.MONTH, datetime.date(2026, 1, 1))
    MeasurementFactory(kpi=monthly, measured_on=datetime.date(2026, 5, 10))
    # Quarterly, baseline 1 April and never measured: due 1 July, more than seven days away.
    kpi("Quarterly", Frequency.QUARTER, datetime.date(2026, 4, 1))
    # Monthly, baseline 31 May: due 30 June (month ends clamp), not within the window.
    kpi("Month end", Frequency.MONTH, datetime.date(2026, 5, 31))
    due = kpis_due(user=alice, today=day, limit=10)
    assert [(d.kpi.name, d.due_on, d.overdue) for d in due] == [
        ("Monthly", datetime.date(2026, 6, 10), True),
        ("Weekly", datetime.date(2026, 6, 17), False),
    ]
    assert [d.kpi.name for d in kpis_due(user=alice, today=day, limit=1)] == ["Monthly"]
    # Another team lead measures none of them.
    assert kpis_due(user=UserFactory(roles=[Role.TEAM_LEAD]), today=day, limit=10) == []


def test_gate_requests_show_to_their_team_and_in_leadership_s_queue_oldest_first(
    client, alice, charlie, leader, teams
) -> None:
    PilotFactory(
        initiative=teams["pilot"],
        start_date=today() - datetime.timedelta(days=100),
        end_date=today() - datetime.timedelta(days=10),
    )
    request_url = reverse("initiatives:gate-request", args=[teams["pilot"].pk])
    page, _home = home_page(client, alice)
    assert request_url in section(page, "my-initiatives-title")  # the pilot is over
    theirs = gate_request(actor=charlie, initiative=teams["theirs"], note="Goals met.")
    gate_request(actor=alice, initiative=teams["pilot"], note="Ready to scale.")
    page, home = home_page(client, alice)
    assert request_url not in page
    mine = section(page, "my-gates-title")
    assert "Invoice matching" in mine and "Open" in mine
    assert "Route optimisation" not in page
    row = next(r for r in home.team_lead.initiatives.items if r.initiative == teams["pilot"])
    assert str(row.next_step) == "Waiting for leadership's gate decision."
    page, home = home_page(client, leader)
    assert [r.initiative.title for r in home.leadership.gate_queue.items] == [
        "Route optimisation",
        "Invoice matching",
    ]
    queue = section(page, "gate-queue-title")
    assert reverse("initiatives:gate-decision", args=[theirs.initiative_id]) in queue


def test_the_next_step_follows_the_lifecycle() -> None:
    assert str(next_step(Stage.PILOT)).startswith("Record the pilot")
    assert str(next_step(Stage.PILOT, pilots=1)).startswith("The pilot is over")
    assert str(next_step(Stage.PILOT, pilots=1, gate_requested=True)).startswith("Waiting")
    assert str(next_step(Stage.ON_HOLD, held_in=Stage.PILOT)) == (
        "On hold (in Pilot): resume it or stop it."
    )
    assert str(next_step(Stage.ASSESSMENT)).startswith("Build a proof of concept")


# --- Leadership --------------------------------------------------------------------------------


@pytest.fixture
def adjusting(alice, charlie):
    """One investment with costs and no benefits this quarter (needs adjustment), one paid off."""
    start = quarter().start
    losing = InitiativeFactory(title="Contract review", owner=alice, stage=Stage.PILOT)
    CostItemFactory(initiative=losing, amount=Decimal("8000.00"), start_date=start)
    paying = InitiativeFactory(title="Lead scoring", owner=charlie, stage=Stage.PRODUCTION)
    CostItemFactory(initiative=paying, amount=Decimal("1000.00"), start_date=start)
    BenefitFactory(initiative=paying, amount=Decimal("5000.00"), start_date=start)
    roi_recompute(initiative_ids=[losing.pk, paying.pk], as_of=today())
    return {"losing": losing, "paying": paying}


def test_leadership_gets_a_home_with_the_dashboard_s_figures_and_a_link_to_it(
    client, leader, adjusting
) -> None:
    page, home = home_page(client, leader)
    assert f'href="{reverse("dashboard")}"' in page
    adjust = section(page, "adjust-title")
    assert "Contract review" in adjust and "Lead scoring" not in adjust
    assert "Costs exceeded benefits this quarter" in adjust
    assert "€4,000.00" in section(page, "glance-title")  # net: 5,000 − 9,000
    dashboard = client.get(reverse("dashboard")).context["snapshot"]["summary"]
    assert home.leadership.summary == dashboard
    assert "my-initiatives-title" not in page


# --- Compliance --------------------------------------------------------------------------------


def test_compliance_sees_reviews_due_systems_awaiting_and_open_high_risks(
    client, compliance_officer
) -> None:
    unclassified = AISystemFactory(name="Letter sorter", risk_class=RiskClass.UNCLASSIFIED)
    submitted = AISystemFactory(name="Chat assistant", approval_status=ApprovalStatus.SUBMITTED)
    AISystemFactory(name="Approved search", approval_status=ApprovalStatus.APPROVED)
    ReviewFactory(system=submitted, due_date=today() - datetime.timedelta(days=5))
    ReviewFactory(system=unclassified, kind="security", due_date=today() + datetime.timedelta(200))
    RiskFactory(system=submitted, description="Hallucinated answers", likelihood=4, impact=4)
    RiskFactory(system=submitted, description="Slow answers", likelihood=1, impact=2)
    RiskFactory(
        system=submitted, description="Leaked prompts", likelihood=5, impact=5,
        status=RiskStatus.CLOSED,
    )  # fmt: skip
    page, home = home_page(client, compliance_officer)
    reviews = section(page, "reviews-due-title")
    assert "Chat assistant" in reviews and "Overdue" in reviews
    assert "Letter sorter" not in reviews  # due in 200 days
    assert "1 overdue review in all" in reviews
    awaiting = section(page, "awaiting-title")
    assert "Letter sorter" in awaiting and "Chat assistant" in awaiting
    assert "Approved search" not in awaiting
    risks = section(page, "high-risks-title")
    assert "Hallucinated answers" in risks
    assert "Slow answers" not in risks and "Leaked prompts" not in risks
    assert home.team_lead is None and home.finance is None


# --- Finance -----------------------------------------------------------------------------------


def test_finance_sees_initiatives_missing_costs_or_benefits_this_quarter(
    client, finance_user, alice
) -> None:
    start = quarter().start
    complete = InitiativeFactory(title="Complete", owner=alice, stage=Stage.PRODUCTION)
    CostItemFactory(initiative=complete, start_date=start)
    BenefitFactory(initiative=complete, start_date=start)
    no_benefit = InitiativeFactory(title="No benefit yet", owner=alice, stage=Stage.PILOT)
    # A licence running since last year covers this quarter too.
    CostItemFactory(
        initiative=no_benefit, kind="recurring", category="licences", amount=Decimal("100"),
        start_date=start - datetime.timedelta(days=200), end_date=start + datetime.timedelta(40),
    )  # fmt: skip
    nothing = InitiativeFactory(title="Nothing entered", owner=alice, stage=Stage.SCALING)
    CostItemFactory(initiative=nothing, start_date=start - datetime.timedelta(days=1))
    valued = InitiativeFactory(title="Valued KPI", owner=alice, stage=Stage.PRODUCTION)
    CostItemFactory(initiative=valued, start_date=start)
    kpi = KpiFactory(
        initiative=valued, baseline_date=start - datetime.timedelta(days=100),
        target_date=start + datetime.timedelta(days=300),
    )  # fmt: skip
    MeasurementFactory(kpi=kpi, measured_on=start)
    InitiativeFactory(title="Just an idea", owner=alice, stage=Stage.IDEA)
    page, home = home_page(client, finance_user)
    missing = {i.title: (i.has_costs, i.has_benefits) for i in home.finance.missing.items}
    assert missing == {"No benefit yet": (True, False), "Nothing entered": (False, False)}
    table = section(page, "missing-title")
    assert f"Costs and benefits missing for {quarter().label}" in table
    assert reverse("metrics:benefit-create", args=[home.finance.missing.items[0].pk]) in table


def test_the_next_report_due_is_last_quarter_s_until_a_version_is_ready(
    client, finance_user
) -> None:
    closed = quarter().previous()
    page, home = home_page(client, finance_user)
    assert home.finance.next_report.period == closed
    assert home.finance.next_report.state == "overdue"
    assert f"Quarterly ROI report {closed.label}" in section(page, "next-report-title")
    QuarterlyReport.objects.create(
        year=closed.start.year,
        quarter=(closed.start.month - 1) // 3 + 1,
        version=1,
        status=ReportStatus.READY,
    )
    _page, home = home_page(client, finance_user)
    assert (home.finance.next_report.period, home.finance.next_report.state) == (
        quarter(),
        "scheduled",
    )
    assert home.finance.next_report.due_on == quarter().end + datetime.timedelta(days=1)


# --- Several roles and the query count ---------------------------------------------------------


def test_a_person_with_two_roles_sees_both_parts(client, alice, teams) -> None:
    from django.contrib.auth.models import Group

    alice.groups.add(Group.objects.get(name="Finance"))
    page, _home = home_page(client, alice)
    assert "my-initiatives-title" in page and "missing-title" in page
    assert "part-leadership" not in page and "part-compliance" not in page
    # Finance sees every initiative, but the team-lead part stays alice's own.
    assert "Route optimisation" not in section(page, "my-initiatives-title")
    assert "Route optimisation" in section(page, "missing-title")


def _grow(size: int, lead) -> None:
    """`size` of everything each part lists, all of it the lead's or the whole portfolio's."""
    start = quarter().start
    for n in range(size):
        initiative = InitiativeFactory(title=f"Initiative {n}", owner=lead, stage=Stage.PILOT)
        PilotFactory(
            initiative=initiative,
            start_date=today() - datetime.timedelta(days=5),
            end_date=today() + datetime.timedelta(days=5),
        )
        for frequency in Frequency.values:
            KpiFactory(
                initiative=initiative,
                frequency=frequency,
                baseline_date=today() - datetime.timedelta(days=200),
                target_date=today() + datetime.timedelta(days=200),
            )
        CostItemFactory(initiative=initiative, amount=Decimal("500.00"), start_date=start)
        gate_request(actor=lead, initiative=initiative, note="The pilot met its goals.")
        system = AISystemFactory(risk_class=RiskClass.UNCLASSIFIED, owner=lead)
        system.initiatives.add(initiative)
        ReviewFactory(system=system, owner=lead, due_date=today() - datetime.timedelta(days=1))
        RiskFactory(system=system, likelihood=5, impact=4)
        roi_recompute(initiative_ids=[initiative.pk], as_of=today())


def _home_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries.captured_queries)


def test_the_home_makes_the_same_number_of_queries_at_any_size(client) -> None:
    everyone = UserFactory(
        username="eve",
        roles=[Role.TEAM_LEAD, Role.LEADERSHIP, Role.COMPLIANCE, Role.FINANCE],
    )
    owner = UserFactory(username="owen", roles=[Role.TEAM_LEAD])
    _grow(1, everyone)
    _grow(1, owner)
    _home_queries(client, everyone)
    small = (_home_queries(client, everyone), _home_queries(client, owner))
    _grow(12, everyone)
    _grow(12, owner)
    large = (_home_queries(client, everyone), _home_queries(client, owner))
    assert large == small
    _page, home = home_page(client, everyone)
    assert home.team_lead.initiatives.more > 0
    assert home.compliance.summary.open_high_risks > len(home.compliance.open_high_risks) == 8
    assert home.leadership.gate_queue.more > 0 and home.team_lead.gate_requests.more > 0
    assert len(home.team_lead.kpis_due) == 8
