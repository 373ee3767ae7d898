"""The rendered dashboard follows every write: a stage, a classification, a KPI, a cost."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services as governance_services
from governance.choices import RiskClass
from governance.domain import classification as classification_domain
from initiatives.choices import Stage
from initiatives.services.lifecycle import initiative_transition
from metrics.services.financials import cost_create
from metrics.services.kpis import measurement_create
from metrics.services.roi import roi_recompute
from portfolio.figures import build_snapshot
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import KpiFactory

pytestmark = pytest.mark.django_db


def _tiles(response: Any, panel: str) -> dict[str, str]:
    return {tile["label"]: tile["value"] for tile in response.context[f"{panel}_tiles"]}


def _answers(role: str, **yes: bool) -> dict[str, bool]:
    """Answer every required question no, except those given, until nothing more is asked."""
    answers: dict[str, bool] = {}
    while True:
        required = classification_domain.required_questions(answers, role)
        missing = [key for key in required if key not in answers]
        if not missing:
            return {key: answers[key] for key in required}
        for key in missing:
            answers[key] = yes.get(key, False)


@pytest.fixture
def pilot(alice):
    """Alice's pilot in Customer Service with an unclassified system in the register."""
    department = DepartmentFactory(name="Customer Service", code="cs")
    initiative = InitiativeFactory(
        title="Letter triage", owner=alice, department=department, stage=Stage.PILOT
    )
    system = AISystemFactory(
        name="Letter classifier", initiatives=[initiative], risk_class=RiskClass.UNCLASSIFIED
    )
    return {"initiative": initiative, "system": system, "department": department}


def test_a_stage_change_moves_the_funnel_and_the_register_coverage(client, leader, alice, pilot):
    client.force_login(leader)
    before = client.get(reverse("dashboard"))
    funnel = {row["stage"]: row["count"] for row in before.context["funnel"]}
    assert (funnel["pilot"], funnel["on_hold"]) == (1, 0)
    assert _tiles(before, "governance")["Register coverage"] == "1 of 1"
    initiative_transition(
        actor=alice, initiative=pilot["initiative"], target=Stage.ON_HOLD, reason="Budget freeze"
    )
    after = client.get(reverse("dashboard"))
    funnel = {row["stage"]: row["count"] for row in after.context["funnel"]}
    assert (funnel["pilot"], funnel["on_hold"]) == (0, 1)
    # On hold is not past the proof of concept: nothing is left to be covered.
    assert _tiles(after, "governance")["Register coverage"] == "0 of 0"
    assert "0 of 0" in after.content.decode()


def test_a_classification_moves_the_high_risk_tile_of_the_whole_register_and_the_department(
    client, leader, compliance_officer, pilot
):
    client.force_login(leader)
    department_view = {"department": pilot["department"].pk}
    assert _tiles(client.get(reverse("dashboard")), "governance")["High-risk systems"] == "0"
    governance_services.ai_system_classify(
        actor=compliance_officer,
        system=pilot["system"],
        answers=_answers("deployer", annex_iii_4_employment=True, art6_3_significant_risk=True),
        role="deployer",
    )
    whole = client.get(reverse("dashboard"))
    assert _tiles(whole, "governance")["High-risk systems"] == "1"
    assert (
        _tiles(client.get(reverse("dashboard"), department_view), "governance")["High-risk systems"]
        == "1"
    )
    # Another department's view counts only the systems linked to its initiatives.
    other = DepartmentFactory(name="Operations", code="ops")
    InitiativeFactory(department=other, stage=Stage.PRODUCTION)
    elsewhere = client.get(reverse("dashboard"), {"department": other.pk})
    assert _tiles(elsewhere, "governance") == {
        "Register coverage": "0 of 1",
        "High-risk systems": "0",
        "Overdue reviews": "0",
        "Open high risks": "0",
    }


def test_a_measurement_far_behind_plan_moves_the_kpi_tiles(client, leader, alice, pilot):
    today = timezone.localdate()
    kpi = KpiFactory(
        initiative=pilot["initiative"],
        name="Handling minutes",
        baseline_date=today - datetime.timedelta(days=200),
        target_date=today + datetime.timedelta(days=30),
    )
    roi_recompute(initiative_ids=[pilot["initiative"].pk], as_of=today)
    client.force_login(leader)
    before = _tiles(client.get(reverse("dashboard")), "kpi")
    assert (before["Off track"], before["No measurement"]) == ("0", "1")
    measurement_create(actor=alice, kpi=kpi, data={"value": "19.9", "measured_on": today})
    roi_recompute(initiative_ids=[pilot["initiative"].pk], as_of=today)
    response = client.get(reverse("dashboard"))
    after = _tiles(response, "kpi")
    assert (after["Off track"], after["No measurement"]) == ("1", "0")
    assert [kpi["name"] for kpi in response.context["rows"]["kpis"]] == ["Handling minutes"]
    assert response.context["rows"]["kpis"][0]["latest"] == "19.9"


def test_the_quarter_and_year_money_tiles_agree_with_the_report(
    client, leader, finance_user, pilot
):
    today = timezone.localdate()
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    initiative = pilot["initiative"]
    for amount, start in (
        ("1000.00", quarter_start),
        # Earlier this year (when there is an earlier quarter) and last year: in the total only.
        ("200.00", quarter_start - datetime.timedelta(days=1)),
        ("30.00", today.replace(month=1, day=1) - datetime.timedelta(days=1)),
    ):
        cost_create(
            actor=finance_user,
            initiative=initiative,
            data={"kind": "one_time", "category": "development", "amount": amount,
                  "start_date": start, "description": "Build"},
        )  # fmt: skip
    roi_recompute(initiative_ids=[initiative.pk], as_of=today)
    client.force_login(leader)
    response = client.get(reverse("dashboard"))
    summary = response.context["snapshot"]["summary"]
    year_so_far = "1200.00" if quarter_start.month > 1 else "1000.00"
    assert (summary["invested_quarter"], summary["invested_year"]) == ("1000.00", year_so_far)
    assert summary["invested_total"] == "1230.00"
    year, quarter = today.year, (today.month - 1) // 3 + 1
    report = build_snapshot(year=year, quarter=quarter)["summary"]
    assert {key: report[key] for key in summary} == summary
    tiles = _tiles(response, "money")
    assert tiles["Invested in total"] == "€1.23\u00a0k"
    exact = {tile["label"]: tile.get("exact") for tile in response.context["money_tiles"]}
    assert exact["Invested in total"] == "€1,230.00"
    assert "€1,230.00" in response.content.decode()
