"""API: KPIs and measurements, scoped per person, with all-or-nothing bulk writes."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.models import Kpi, Measurement
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import KpiFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

KPI = {
    "name": "Cases per day",
    "category": "efficiency",
    "unit": "cases",
    "direction": "higher",
    "baseline_value": "40",
    "baseline_date": "2026-01-01",
    "target_value": "55",
    "target_date": "2026-10-01",
    "frequency": "week",
}


def test_kpi_lists_show_only_what_the_person_may_see(
    alice, charlie, leader, compliance_officer, kpi
) -> None:
    KpiFactory()  # someone else's
    assert token_client(alice).get("/api/v1/kpis/").json()["count"] == 1
    assert token_client(charlie).get("/api/v1/kpis/").json()["count"] == 0
    assert token_client(leader).get("/api/v1/kpis/").json()["count"] == 2
    assert token_client(compliance_officer).get("/api/v1/kpis/").json()["count"] == 2
    assert token_client(charlie).get(f"/api/v1/kpis/{kpi.pk}/").status_code == 404


def test_a_team_lead_defines_a_kpi_through_the_api(alice, initiative) -> None:
    response = token_client(alice).post("/api/v1/kpis/", {**KPI, "initiative": initiative.pk})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["baseline_value"] == "40.0000"
    assert body["owner"] == alice.pk
    assert body["last_measured"] is None


def test_a_kpi_without_target_date_gets_a_400_that_says_why(alice, initiative) -> None:
    data = {**KPI, "initiative": initiative.pk}
    del data["target_date"]
    response = token_client(alice).post("/api/v1/kpis/", data)
    assert response.status_code == 400
    assert "by when it is reached" in response.json()["errors"]["target_date"][0]
    response = token_client(alice).post("/api/v1/kpis/", {**data, "target_date": "2025-01-01"})
    assert response.status_code == 400
    assert "after the baseline date" in response.json()["errors"]["target_date"][0]


def test_roles_that_may_not_define_kpis_get_403_and_outsiders_404(
    leader, finance_user, charlie, kpi, initiative
) -> None:
    data = {**KPI, "initiative": initiative.pk}
    assert token_client(leader).post("/api/v1/kpis/", data).status_code == 403
    assert (
        token_client(finance_user).patch(f"/api/v1/kpis/{kpi.pk}/", {"unit": "x"}).status_code
        == 403
    )
    # Charlie cannot see the initiative, so for him it does not exist.
    assert token_client(charlie).post("/api/v1/kpis/", data).status_code == 400
    assert token_client(charlie).delete(f"/api/v1/kpis/{kpi.pk}/").status_code == 404
    assert Kpi.objects.get().unit == "minutes"


def test_measurements_are_logged_and_corrected_only_by_their_author(alice, bob, kpi) -> None:
    response = token_client(bob).post(
        "/api/v1/measurements/", {"kpi": kpi.pk, "value": "14.5", "measured_on": "2026-02-28"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "api"
    pk = response.json()["id"]
    assert (
        token_client(alice).patch(f"/api/v1/measurements/{pk}/", {"value": "1"}).status_code == 403
    )
    assert token_client(alice).delete(f"/api/v1/measurements/{pk}/").status_code == 403
    response = token_client(bob).patch(f"/api/v1/measurements/{pk}/", {"value": "13"})
    assert response.json()["value"] == "13.0000"
    assert token_client(bob).delete(f"/api/v1/measurements/{pk}/").status_code == 204


def test_bad_measurement_values_get_field_errors(alice, kpi) -> None:
    client = token_client(alice)
    for value in ("abc", "-", ""):
        response = client.post(
            "/api/v1/measurements/", {"kpi": kpi.pk, "value": value, "measured_on": "2026-02-28"}
        )
        assert response.status_code == 400
        assert "value" in response.json()["errors"]
    response = client.post(
        "/api/v1/measurements/", {"kpi": kpi.pk, "value": "3", "measured_on": "2099-01-01"}
    )
    assert "future" in response.json()["errors"]["measured_on"][0]
    assert not Measurement.objects.exists()


def test_bulk_saves_all_rows_or_none(alice, kpi) -> None:
    client = token_client(alice)
    rows = [
        {"kpi": kpi.pk, "value": "15", "measured_on": "2026-01-31"},
        {"kpi": kpi.pk, "value": "14", "measured_on": "2026-02-28", "note": "after training"},
    ]
    response = client.post("/api/v1/measurements/bulk/", rows)
    assert response.status_code == 201, response.json()
    assert response.json()["counts"]["created"] == 2
    bad = [
        {"kpi": kpi.pk, "value": "13", "measured_on": "2026-03-31"},
        {"kpi": 999999, "value": "12", "measured_on": "2026-04-30"},
        {"kpi": kpi.pk, "value": "twelve", "measured_on": "2026-05-31"},
        {"kpi": kpi.pk, "value": "11", "measured_on": "2026-01-31"},
    ]
    response = client.post("/api/v1/measurements/bulk/", bad)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "kpi_id"), (3, "value"), (4, "date")]
    assert Measurement.objects.count() == 2


def test_bulk_refuses_kpis_of_other_teams_as_unknown(charlie, kpi) -> None:
    response = token_client(charlie).post(
        "/api/v1/measurements/bulk/", [{"kpi": kpi.pk, "value": "1", "measured_on": "2026-01-31"}]
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Unknown KPI")


@pytest.mark.parametrize("size", [3, 30])
def test_measurement_list_makes_a_fixed_number_of_queries(
    alice, kpi, size, django_assert_num_queries
) -> None:
    for day in range(size):
        MeasurementFactory(
            kpi=kpi, measured_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day)
        )
    client = token_client(alice)
    # token lookup (+ update of last use), roles, count, page
    with django_assert_num_queries(5):
        response = client.get("/api/v1/measurements/?page_size=100")
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [2, 20])
def test_kpi_list_makes_a_fixed_number_of_queries(leader, size, django_assert_num_queries) -> None:
    initiative = InitiativeFactory()
    for _ in range(size):
        KpiFactory(initiative=initiative, value_per_unit=Decimal("1"))
    client = token_client(leader)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/kpis/?page_size=100")
    assert response.json()["count"] == size
