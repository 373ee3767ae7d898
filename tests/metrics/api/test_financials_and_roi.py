"""API: costs and benefits for finance only, adoption, and ROI per period."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.models import AdoptionRecord, CostItem
from metrics.services import roi_recompute
from tests.conftest import token_client
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import BenefitFactory, CostItemFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

COST = {
    "kind": "recurring",
    "category": "cloud",
    "amount": "1000.00",
    "start_date": "2026-01-15",
    "end_date": "2026-04-14",
}


def test_finance_books_a_cost_and_others_get_403(
    finance_user, alice, leader, compliance_officer, initiative
) -> None:
    data = {**COST, "initiative": initiative.pk}
    response = token_client(finance_user).post("/api/v1/costs/", data)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    for person in (alice, leader, compliance_officer):
        assert token_client(person).post("/api/v1/costs/", data).status_code == 403
        assert (
            token_client(person).patch(f"/api/v1/costs/{pk}/", {"amount": "1"}).status_code == 403
        )
    assert CostItem.objects.get().amount == Decimal("1000.00")


def test_team_leads_see_their_initiatives_figures_and_compliance_sees_no_money(
    alice, charlie, compliance_officer, leader, initiative
) -> None:
    cost = CostItemFactory(initiative=initiative)
    CostItemFactory()  # another team's
    assert token_client(alice).get("/api/v1/costs/").json()["count"] == 1
    assert token_client(leader).get("/api/v1/costs/").json()["count"] == 2
    assert token_client(charlie).get(f"/api/v1/costs/{cost.pk}/").status_code == 404
    assert token_client(compliance_officer).get("/api/v1/costs/").status_code == 403
    assert token_client(compliance_officer).get("/api/v1/benefits/").status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "-10"}, "amount"),
        ({"amount": "ten"}, "amount"),
        ({"end_date": None}, "end_date"),
        ({"end_date": "2025-12-31"}, "end_date"),
        ({"kind": "weekly"}, "kind"),
    ],
)
def test_bad_costs_get_field_errors_and_nothing_is_saved(
    finance_user, initiative, changes, field
) -> None:
    data = {**COST, "initiative": initiative.pk, **changes}
    response = token_client(finance_user).post("/api/v1/costs/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CostItem.objects.exists()


def test_finance_records_benefits(finance_user, alice, initiative) -> None:
    data = {
        "initiative": initiative.pk,
        "description": "Fewer agency hours",
        "amount": "3000",
        "start_date": "2026-03-01",
    }
    assert token_client(finance_user).post("/api/v1/benefits/", data).status_code == 201
    assert token_client(alice).post("/api/v1/benefits/", data).status_code == 403
    assert token_client(alice).get("/api/v1/benefits/").json()["count"] == 1


def test_adoption_is_read_by_all_and_written_by_adoption_owners(alice, leader) -> None:
    department = DepartmentFactory()
    data = {"department": department.pk, "month": "2026-05-20", "active_users": 12}
    assert token_client(leader).post("/api/v1/adoption/", data).status_code == 403
    response = token_client(alice).post("/api/v1/adoption/", data)
    assert response.status_code == 201
    assert response.json()["month"] == "2026-05-01"
    again = token_client(alice).post("/api/v1/adoption/", {**data, "active_users": 15})
    assert again.status_code == 201
    assert AdoptionRecord.objects.get().active_users == 15
    assert token_client(leader).get("/api/v1/adoption/").json()["count"] == 1
    bad = token_client(alice).post("/api/v1/adoption/", {**data, "active_users": -1})
    assert bad.status_code == 400


def test_roi_per_quarter_from_snapshots_and_per_month_on_request(leader, kpi, initiative) -> None:
    CostItemFactory(
        initiative=initiative, kind="recurring", category="licences", amount=Decimal("1000"),
        start_date=datetime.date(2026, 1, 15), end_date=datetime.date(2026, 4, 14),
    )  # fmt: skip
    for value, day in (("15", (1, 31)), ("14", (2, 10)), ("12", (2, 25))):
        MeasurementFactory(kpi=kpi, value=Decimal(value), measured_on=datetime.date(2026, *day))
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2026, 4, 30))
    client = token_client(leader)
    body = client.get(f"/api/v1/initiatives/{initiative.pk}/roi/").json()
    assert body["grain"] == "quarter"
    assert body["realised_payback_month"] == "2026-01"
    assert body["computed_at"]
    q1 = body["periods"][0]
    assert q1["period"] == "2026-Q1"
    assert q1["realised"]["costs"] == "2548.39"
    assert q1["realised"]["benefits"] == "20800.00"
    assert q1["realised"]["roi"] == "716.2"
    assert Decimal(q1["planned"]["benefits"]) < Decimal(q1["realised"]["benefits"])
    months = client.get(f"/api/v1/initiatives/{initiative.pk}/roi/?grain=month").json()
    by_label = {row["period"]: row for row in months["periods"]}
    assert by_label["2026-01"]["realised"]["costs"] == "548.39"
    assert by_label["2026-01"]["realised"]["benefits"] == "8000.00"
    assert by_label["2026-02"]["realised"]["benefits"] == "12800.00"
    assert by_label["2026-04"]["realised"]["costs"] == "466.67"
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/roi/?grain=week").status_code == 400


def test_roi_is_404_outside_scope_and_403_without_financial_view(
    charlie, compliance_officer, initiative
) -> None:
    assert token_client(charlie).get(f"/api/v1/initiatives/{initiative.pk}/roi/").status_code == 404
    response = token_client(compliance_officer).get(f"/api/v1/initiatives/{initiative.pk}/roi/")
    assert response.status_code == 403


def test_an_initiative_without_figures_has_an_empty_roi(leader) -> None:
    initiative = InitiativeFactory()
    body = token_client(leader).get(f"/api/v1/initiatives/{initiative.pk}/roi/").json()
    assert body["periods"] == [] and body["computed_at"] is None


@pytest.mark.parametrize("size", [2, 20])
def test_cost_list_makes_a_fixed_number_of_queries(
    finance_user, size, django_assert_num_queries
) -> None:
    for _ in range(size):
        BenefitFactory()
        CostItemFactory()
    client = token_client(finance_user)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/costs/?page_size=100").json()["count"] == size
