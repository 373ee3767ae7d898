"""The leadership dashboard: scoped figures, filters that move every chart, fixed query count."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.choices import Stage
from metrics.services.financials import cost_create
from metrics.services.roi import roi_recompute
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import KpiFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def with_cost(initiative, finance_user, amount: str):
    today = timezone.localdate()
    cost_create(
        actor=finance_user,
        initiative=initiative,
        data={"kind": "one_time", "category": "development", "amount": amount,
              "start_date": today.replace(day=1), "description": "Build"},
    )  # fmt: skip
    roi_recompute(initiative_ids=[initiative.pk], as_of=today)
    return initiative


@pytest.fixture
def portfolio(alice, charlie, finance_user):
    service = DepartmentFactory(name="Customer Service", code="cs")
    ops = DepartmentFactory(name="Operations", code="ops")
    mine = with_cost(
        InitiativeFactory(title="Mine", owner=alice, department=service, stage=Stage.PILOT),
        finance_user,
        "1000.00",
    )
    theirs = with_cost(
        InitiativeFactory(title="Theirs", owner=charlie, department=ops, stage=Stage.PRODUCTION),
        finance_user,
        "4000.00",
    )
    return {"service": service, "ops": ops, "mine": mine, "theirs": theirs}  # fmt: skip


def test_leadership_lands_on_the_dashboard_with_the_whole_portfolio(
    client, leader, portfolio
) -> None:
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert "portfolio/dashboard.html" in [template.name for template in response.templates]
    summary = response.context["snapshot"]["summary"]
    assert summary["invested_quarter"] == "5000.00"
    assert summary["initiatives"] == 2
    funnel = {row["stage"]: row["count"] for row in response.context["funnel"]}
    assert (funnel["pilot"], funnel["production"]) == (1, 1)


def test_a_team_lead_sees_only_their_own_initiatives(client, alice, portfolio) -> None:
    client.force_login(alice)
    response = client.get(reverse("dashboard"))
    summary = response.context["snapshot"]["summary"]
    assert summary["invested_quarter"] == "1000.00"
    assert [row["title"] for row in response.context["top"]] == ["Mine"]
    assert "Theirs" not in response.content.decode()


def test_the_department_filter_moves_every_figure_and_answers_htmx_with_the_body(
    client, leader, portfolio
) -> None:
    client.force_login(leader)
    response = client.get(
        reverse("dashboard"),
        {"department": portfolio["ops"].pk},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="dashboard-body",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert response.context["snapshot"]["summary"]["invested_quarter"] == "4000.00"
    assert [d["name"] for d in response.context["snapshot"]["departments"]] == ["Operations"]
    stage_link = next(
        row["url"] for row in response.context["funnel"] if row["stage"] == "production"
    )
    assert stage_link == f"/initiatives/?department={portfolio['ops'].pk}&stage=production"
    assert 'id="dashboard-figures"' in body


def test_compliance_sees_no_money_on_the_dashboard(client, compliance_officer, portfolio) -> None:
    client.force_login(compliance_officer)
    response = client.get(reverse("dashboard"))
    body = response.content.decode()
    assert response.context["sees_money"] is False
    assert "Invested this quarter" not in body
    assert "Governance" in body


def test_query_count_does_not_grow_with_the_portfolio(
    client, leader, finance_user, portfolio
) -> None:
    client.force_login(leader)
    url = reverse("dashboard")
    client.get(url)
    # Rendered from the stored figures (a cache miss), then read from the cache (a hit).
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    with CaptureQueriesContext(connection) as small_hit:
        client.get(url)
    department = DepartmentFactory(name="Sales", code="sales")
    today = timezone.localdate()
    for index in range(25):
        extra = InitiativeFactory(title=f"Extra {index}", department=department, stage=Stage.PILOT)
        # Two KPIs each, one far behind its plan, with a few measurements.
        for name, value in (("Handling minutes", "19.9"), ("Minutes per case", "10")):
            kpi = KpiFactory(initiative=extra, name=f"{name} {index}",
                             baseline_date=today - datetime.timedelta(days=200),
                             target_date=today + datetime.timedelta(days=30))  # fmt: skip
            for days in (90, 30, 1):
                MeasurementFactory(
                    kpi=kpi, value=value, measured_on=today - datetime.timedelta(days=days)
                )
        with_cost(extra, finance_user, "100.00")
    # The writes made a new data version: the next request renders again, with them.
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    snapshot = response.context["snapshot"]
    assert snapshot["summary"]["initiatives"] == 27
    assert snapshot["kpi_tracks"]["off_track"] == 25
    assert len(response.context["kpi_attention"]) == 25
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as large_hit:
        client.get(url)
    assert len(small_hit) == len(large_hit) < len(small) / 2


def test_an_earlier_quarter_can_be_chosen(client, leader, portfolio) -> None:
    client.force_login(leader)
    today = timezone.localdate()
    previous = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - datetime.timedelta(
        days=1
    )
    label = f"{previous.year}-Q{(previous.month - 1) // 3 + 1}"
    response = client.get(reverse("dashboard"), {"period": label})
    assert response.context["period"].label == label
    assert response.context["snapshot"]["summary"]["invested_quarter"] == "0.00"
