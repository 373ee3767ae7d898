"""Who reads and who changes the register, on pages and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.roles import Role
from governance import selectors
from tests.conftest import token_client

pytestmark = pytest.mark.django_db


def test_team_leads_see_only_systems_of_their_initiatives(
    alice, bob, charlie, linked_system, other_system
):
    assert list(selectors.ai_system_list(user=alice)) == [linked_system]
    assert list(selectors.ai_system_list(user=bob)) == [linked_system]
    assert list(selectors.ai_system_list(user=charlie)) == []


def test_leadership_compliance_finance_and_admin_see_the_whole_register(
    users_by_role, linked_system, other_system
):
    for role in (Role.LEADERSHIP, Role.COMPLIANCE, Role.FINANCE, Role.ADMIN, Role.IT):
        names = {s.name for s in selectors.ai_system_list(user=users_by_role[role])}
        assert names == {"Letter classifier", "Fraud scoring"}, role


def test_out_of_scope_detail_is_404_on_page_and_api(client, charlie, linked_system):
    client.force_login(charlie)
    assert (
        client.get(reverse("governance:system-detail", args=[linked_system.pk])).status_code == 404
    )
    api = token_client(charlie)
    assert api.get(f"/api/v1/ai-systems/{linked_system.pk}/").status_code == 404
    assert api.get("/api/v1/ai-systems/").json()["count"] == 0


def test_readers_who_may_not_edit_get_403(client, alice, leader, finance_user, linked_system):
    for user in (alice, leader, finance_user):
        client.force_login(user)
        assert (
            client.get(reverse("governance:system-update", args=[linked_system.pk])).status_code
            == 403
        )
        assert client.get(reverse("governance:system-create")).status_code == 403
        api = token_client(user)
        response = api.patch(
            f"/api/v1/ai-systems/{linked_system.pk}/", {"purpose": "changed"}, format="json"
        )
        assert response.status_code == 403, user
        assert api.post("/api/v1/ai-systems/", {"name": "x"}, format="json").status_code == 403
        assert (
            api.post(
                "/api/v1/risks/",
                {"system": linked_system.pk, "category": "legal", "description": "d",
                 "likelihood": 2, "impact": 2},
                format="json",
            ).status_code
            == 403
        )  # fmt: skip
    linked_system.refresh_from_db()
    assert linked_system.purpose != "changed"


def test_compliance_officer_edits_through_the_api(compliance_officer, linked_system):
    api = token_client(compliance_officer)
    response = api.patch(
        f"/api/v1/ai-systems/{linked_system.pk}/",
        {"purpose": "Routes letters", "models": [{"name": "bert", "kind": "machine_learning"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["purpose"] == "Routes letters"
    assert [m["name"] for m in response.json()["models"]] == ["bert"]


def test_unauthenticated_api_is_401(api_client, linked_system):
    assert api_client.get("/api/v1/ai-systems/").status_code == 401


def test_team_lead_reads_risks_and_reviews_only_in_scope(
    alice, charlie, linked_system, other_system
):
    from tests.factories.governance import ReviewFactory, RiskFactory

    mine = RiskFactory(system=linked_system)
    RiskFactory(system=other_system)
    ReviewFactory(system=other_system)
    assert [r["id"] for r in token_client(alice).get("/api/v1/risks/").json()["results"]] == [
        mine.pk
    ]
    assert token_client(charlie).get("/api/v1/reviews/").json()["count"] == 0
