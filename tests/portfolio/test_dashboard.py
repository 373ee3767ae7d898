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


def test_leadership_opens_the_dashboard_from_its_home_with_the_whole_portfolio(
    client, leader, portfolio
) -> None:
    client.force_login(leader)
    home = client.get(reverse("home"))
    # Leadership's home is its own work (tests/portfolio/test_home.py), linking to the dashboard.
    assert "portfolio/home.html" in [template.name for template in home.templates]
    assert f'href="{reverse("dashboard")}"' in home.content.decode()
    response = client.get(reverse("dashboard"))
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


def test_the_filters_live_in_the_address_so_a_reload_or_a_shared_link_shows_the_same_view(
    client, leader, portfolio
) -> None:
    client.force_login(leader)
    response = client.get(reverse("dashboard"), {"department": portfolio["ops"].pk})
    assert "<html" in response.content.decode()
    assert response.context["snapshot"]["summary"]["invested_quarter"] == "4000.00"
    assert [d["name"] for d in response.context["snapshot"]["departments"]] == ["Operations"]
    # The form shows what the address chose, and sends its choices in the query string.
    form = response.context["form"]
    assert form["department"].value() == str(portfolio["ops"].pk)
    page = response.content.decode()
    assert 'method="get"' in page and 'hx-push-url="true"' in page
    assert f'<option value="{portfolio["ops"].pk}" selected>Operations</option>' in page


def test_an_htmx_filter_change_pushes_the_address_of_the_view(client, leader, portfolio) -> None:
    client.force_login(leader)
    response = client.get(
        reverse("dashboard"),
        {"department": portfolio["ops"].pk, "period": "", "stage": "production"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="dashboard-body",
    )
    # Only the valid, non-empty filters: the address to reload or share.
    assert (
        response["HX-Push-Url"] == f"/dashboard/?department={portfolio['ops'].pk}&stage=production"
    )
    assert response.context["snapshot"]["summary"]["invested_quarter"] == "4000.00"
    # The filter fields come along out of band, so their messages follow the new values.
    body = response.content.decode()
    assert 'id="dashboard-filter-department" hx-swap-oob="true"' in body


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"department": "abc"}, "department", "Choose one of the departments in the list."),
        ({"department": "99999999999999999999"}, "department", "Choose one of the departments"),
        ({"period": "1999-Q1"}, "period", "Choose one of the quarters in the list."),
        ({"stage": "finished"}, "stage", "Choose one of the stages in the list."),
    ],
)
def test_a_bad_filter_value_gets_a_field_message_and_the_default_view(
    client, leader, portfolio, query, field, message
) -> None:
    client.force_login(leader)
    response = client.get(reverse("dashboard"), query)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert f'aria-describedby="id_{field}_error"' in page and message in page
    assert response.context["snapshot"]["summary"]["invested_quarter"] == "5000.00"
    htmx = client.get(
        reverse("dashboard"), query, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard-body"
    )
    assert htmx.status_code == 200 and message in htmx.content.decode()
    assert htmx["HX-Push-Url"] == "/dashboard/"


def test_the_funnel_shows_the_forward_stages_and_the_side_stages_apart(
    client, leader, portfolio
) -> None:
    InitiativeFactory(department=portfolio["ops"], stage=Stage.ON_HOLD)
    InitiativeFactory(department=portfolio["ops"], stage=Stage.RETIRED)
    InitiativeFactory(department=portfolio["ops"], stage=Stage.RETIRED)
    client.force_login(leader)
    response = client.get(reverse("dashboard"))
    funnel = response.context["figures"]["funnel"]["data"][0]
    assert funnel["y"] == ["Idea", "Assessment", "Proof of concept", "Pilot", "Scaling",
                           "Production"]  # fmt: skip
    assert funnel["x"] == [0, 0, 0, 1, 0, 1]
    # Beside the funnel, not below production: the same counts as the stage table and lists.
    page = response.content.decode()
    retired = 'Retired: <a href="/initiatives/?stage=retired">2</a>'
    assert 'On hold: <a href="/initiatives/?stage=on_hold">1</a>' in page and retired in page
    side = {row["stage"]: row["count"] for row in response.context["funnel"] if not row["forward"]}
    assert side == {"on_hold": 1, "stopped": 0, "retired": 2}


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_dashboard_chart_has_titled_axes_in_the_persons_language(
    client, leader, portfolio, language
) -> None:
    client.force_login(leader)
    client.cookies["django_language"] = language
    figures = client.get(reverse("dashboard")).context["figures"]
    assert set(figures) == {"funnel", "costs_vs_benefits", "net_by_department"}
    titles = {
        key: (
            figure["layout"]["xaxis"]["title"]["text"],
            figure["layout"]["yaxis"]["title"]["text"],
        )
        for key, figure in figures.items()
    }
    expected = {
        "en": {"funnel": ("Initiatives", "Stage"), "costs_vs_benefits": ("Quarter", "Amount (€)"),
               "net_by_department": ("Cumulative net benefit (€)", "Department")},
        "de": {"funnel": ("Initiativen", "Phase"), "costs_vs_benefits": ("Quartal", "Betrag (€)"),
               "net_by_department": ("Kumulierter Nettonutzen (€)", "Abteilung")},
    }  # fmt: skip
    assert titles == expected[language]
