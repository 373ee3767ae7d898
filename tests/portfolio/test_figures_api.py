"""/api/v1/figures/: the dashboard's figures through the API, money only for who may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import token_client

pytestmark = pytest.mark.django_db(transaction=True)


def test_leadership_gets_the_same_figures_as_the_dashboard(client, leader, reference_case):
    client.force_login(leader)
    page = client.get(reverse("dashboard"), {"period": "2025-Q4"})
    api = token_client(leader).get("/api/v1/figures/", {"period": "2025-Q4"}).json()
    snapshot = page.context["snapshot"]
    assert api["summary"] == snapshot["summary"]
    assert api["summary"]["invested_total"] == "2500000.00"
    assert api["governance"] == snapshot["governance"]
    assert api["kpi_tracks"] == snapshot["kpi_tracks"]
    assert api["period"]["label"] == "2025-Q4"
    assert api["whole_register"] is True


def test_compliance_gets_no_money(compliance_officer, reference_case):
    api = token_client(compliance_officer).get("/api/v1/figures/", {"period": "2025-Q4"}).json()
    assert set(api["summary"]) == {"paid_off", "on_track", "needs_adjustment", "initiatives"}
    assert "quarters" not in api and "departments" not in api
    assert "2500000.00" not in str(api)


def test_a_department_filter_narrows_the_register_figures_too(leader, reference_case):
    department = reference_case.department_id
    api = token_client(leader).get("/api/v1/figures/", {"department": department}).json()
    assert api["whole_register"] is False
