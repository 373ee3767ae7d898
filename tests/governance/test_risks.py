"""Risks: derived scores, the residual rule, the heatmap and history on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance import selectors, services
from tests.conftest import token_client
from tests.factories.governance import RiskFactory

pytestmark = pytest.mark.django_db


def test_scores_are_derived_not_taken(compliance_officer, linked_system):
    response = token_client(compliance_officer).post(
        "/api/v1/risks/",
        {"system": linked_system.pk, "category": "legal", "description": "No lawful basis",
         "likelihood": 4, "impact": 5, "residual_likelihood": 2, "residual_impact": 5,
         "score": 1},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["score"], body["band"], body["residual_score"], body["residual_band"]) == (
        20, "critical", 10, "high",
    )  # fmt: skip


def test_residual_above_inherent_is_a_field_error(compliance_officer, linked_system):
    response = token_client(compliance_officer).post(
        "/api/v1/risks/",
        {"system": linked_system.pk, "category": "technical", "description": "Drift",
         "likelihood": 2, "impact": 2, "residual_likelihood": 3, "residual_impact": 1},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "residual_likelihood" in response.json()["errors"]


def test_risk_on_a_system_outside_scope_is_404(compliance_officer, charlie, linked_system):
    risk = RiskFactory(system=linked_system)
    assert token_client(charlie).get(f"/api/v1/risks/{risk.pk}/").status_code == 404


def test_heatmap_counts_open_risks_per_cell(leader, linked_system, other_system):
    RiskFactory(system=linked_system, likelihood=3, impact=4)
    RiskFactory(system=other_system, likelihood=3, impact=4, status="mitigating")
    RiskFactory(system=other_system, likelihood=5, impact=5)
    RiskFactory(system=other_system, likelihood=1, impact=1, status="closed")
    heatmap = selectors.risk_heatmap(risks=selectors.risk_list(user=leader))
    assert heatmap.count(3, 4) == 2
    assert heatmap.count(5, 5) == 1
    assert heatmap.count(1, 1) == 0
    assert heatmap.total == 3


def test_risk_pages_show_heatmap_table_and_history(client, compliance_officer, linked_system):
    risk = services.risk_create(
        actor=compliance_officer,
        system=linked_system,
        data={"category": "technical", "description": "Drift", "likelihood": 4, "impact": 3},
    )
    services.risk_update(actor=compliance_officer, risk=risk, data={"status": "mitigating"})
    client.force_login(compliance_officer)
    page = client.get(reverse("governance:risk-list")).content.decode()
    assert 'data-chart="generic"' in page and 'id="risk-heatmap-data"' in page
    assert "Table view" in page
    detail = client.get(reverse("governance:risk-detail", args=[risk.pk])).content.decode()
    assert "Being mitigated" in detail and "Open" in detail  # the status change in the history
    assert str(compliance_officer) in detail
    assert "High (10–16)" in detail  # 4 × 3 = 12, the band named in the person's language


def test_the_risk_form_offers_named_levels_and_refuses_others(
    client, compliance_officer, linked_system
):
    client.force_login(compliance_officer)
    url = reverse("governance:risk-create", args=[linked_system.pk])
    page = client.get(url).content.decode()
    assert '<option value="5">5 · Almost certain</option>' in page
    assert '<option value="1">1 · Negligible</option>' in page
    response = client.post(
        url, {"category": "legal", "description": "Bias", "likelihood": "7", "impact": "5"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["likelihood"] == [
        "Select a valid choice. 7 is not one of the available choices."
    ]
    assert not linked_system.risks.exists()
    response = client.post(
        url,
        {"category": "legal", "description": "Bias", "likelihood": "4", "impact": "5",
         "status": "open", "residual_likelihood": "", "residual_impact": ""},
    )  # fmt: skip
    assert response.status_code == 302
    risk = linked_system.risks.get()
    assert (risk.score, risk.residual_score) == (20, None)


def test_the_api_lists_the_allowed_levels_for_a_wrong_one(compliance_officer, linked_system):
    response = token_client(compliance_officer).post(
        "/api/v1/risks/",
        {"system": linked_system.pk, "category": "legal", "description": "Bias",
         "likelihood": 0, "impact": "huge"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["likelihood"] == [
        "'0' is not allowed. Allowed values: 1 (Rare), 2 (Unlikely), 3 (Possible), 4 (Likely), "
        "5 (Almost certain)."
    ]
    assert "5 (Severe)" in errors["impact"][0] and "'huge'" in errors["impact"][0]
