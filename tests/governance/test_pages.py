"""Register pages as people use them: list, detail with history, forms, fixed query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from governance.models import AISystem
from tests.factories.governance import (
    AIModelFactory,
    AISystemFactory,
    DataSourceFactory,
    ReviewFactory,
    RiskFactory,
)
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


def _populate(n: int, initiative) -> None:
    for index in range(n):
        system = AISystemFactory(initiatives=[initiative])
        RiskFactory(system=system)
        ReviewFactory(
            system=system, due_date=datetime.date.today() - datetime.timedelta(days=index)
        )
        AIModelFactory(system=system)


@pytest.mark.parametrize(
    "url_name", ["governance:system-list", "governance:risk-list", "governance:review-list"]
)
def test_list_pages_make_a_fixed_number_of_queries(client, alice, url_name):
    initiative = InitiativeFactory(owner=alice)
    client.force_login(alice)
    _populate(3, initiative)
    client.get(reverse(url_name))  # warm up caches (roles, session)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _populate(20, initiative)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(small) == len(large), url_name


def test_api_list_makes_a_fixed_number_of_queries(leader, initiative):
    from tests.conftest import token_client

    api = token_client(leader)
    _populate(2, initiative)
    api.get("/api/v1/ai-systems/")
    with CaptureQueriesContext(connection) as small:
        api.get("/api/v1/ai-systems/")
    _populate(15, initiative)
    with CaptureQueriesContext(connection) as large:
        assert api.get("/api/v1/ai-systems/").json()["count"] == 17
    assert len(small) == len(large)


def test_create_with_models_and_data_sources_then_history(client, compliance_officer, initiative):
    client.force_login(compliance_officer)
    form = {
        "name": "Invoice reader", "purpose": "Reads invoices", "status": "in_use",
        "deployment": "cloud", "eu_role": "deployer", "initiatives": [initiative.pk],
        "lawful_basis": "", "processes_personal_data": "true", "dpia_required": "",
        "models-TOTAL_FORMS": "1", "models-INITIAL_FORMS": "0",
        "models-0-name": "layoutlm", "models-0-kind": "machine_learning",
        "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0",
        "sources-0-name": "ERP", "sources-0-quality": "good", "sources-0-personal_data": "on",
    }  # fmt: skip
    response = client.post(reverse("governance:system-create"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    system = AISystem.objects.get(name="Invoice reader")
    assert system.processes_personal_data is True
    assert list(system.models.values_list("name", flat=True)) == ["layoutlm"]
    assert list(system.data_sources.values_list("name", flat=True)) == ["ERP"]
    assert list(system.initiatives.all()) == [initiative]
    services.ai_system_update(actor=compliance_officer, system=system, data={"vendor": "DocAI"})
    page = client.get(reverse("governance:system-detail", args=[system.pk])).content.decode()
    assert "Change history" in page
    assert "DocAI" in page and "Provider or vendor" in page
    assert str(compliance_officer) in page


def test_edit_form_with_errors_is_400_and_saves_nothing(client, compliance_officer, linked_system):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:system-update", args=[linked_system.pk]),
        {"name": "", "models-TOTAL_FORMS": "0", "models-INITIAL_FORMS": "0",
         "sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 400
    linked_system.refresh_from_db()
    assert linked_system.name == "Letter classifier"


def test_every_page_renders_for_a_compliance_officer(client, compliance_officer, linked_system):
    risk = RiskFactory(system=linked_system)
    review = ReviewFactory(system=linked_system)
    DataSourceFactory(system=linked_system)
    client.force_login(compliance_officer)
    for url in (
        reverse("governance:system-list"),
        reverse("governance:system-list") + "?reviews=overdue&risk_class=high&q=letter",
        reverse("governance:system-detail", args=[linked_system.pk]),
        reverse("governance:system-update", args=[linked_system.pk]),
        reverse("governance:system-classify", args=[linked_system.pk]),
        reverse("governance:risk-create", args=[linked_system.pk]),
        reverse("governance:risk-update", args=[risk.pk]),
        reverse("governance:review-create", args=[linked_system.pk]),
        reverse("governance:review-detail", args=[review.pk]),
        reverse("governance:import-upload"),
    ):
        assert client.get(url).status_code == 200, url


def test_initiative_panel_and_gate_evidence(compliance_officer, alice, linked_system, initiative):
    from governance.extensions import open_high_risks, register_approval

    RiskFactory(system=linked_system, likelihood=4, impact=4)
    RiskFactory(system=linked_system, likelihood=1, impact=2)
    evidence = open_high_risks(initiative)
    assert (evidence.value, evidence.tone) == ("1", "bad")
    assert register_approval(initiative).tone == "bad"
    linked_system.risk_class = "minimal"
    linked_system.save()
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    services.ai_system_approve(actor=compliance_officer, system=linked_system, grounds="ok")
    assert register_approval(initiative).tone == "good"


def test_the_register_finds_systems_by_linked_initiative_without_listing_initiatives(
    client, alice, initiative, linked_system
) -> None:
    for number in range(30):
        InitiativeFactory(title=f"Unrelated initiative {number}")
    client.force_login(alice)
    page = client.get(reverse("governance:system-list")).content.decode()
    # No initiative is offered as a choice: the filter is a search box and a hidden id.
    assert "Unrelated initiative" not in page
    assert '<input type="hidden" name="initiative"' in page
    assert 'name="initiative_title"' in page
    own = client.get(reverse("governance:system-list") + f"?initiative={initiative.pk}")
    text = own.content.decode()
    assert "Letter classifier" in text
    assert "Only systems linked to the initiative" in text and initiative.title in text
    word = initiative.title.split()[0]
    found = client.get(reverse("governance:system-list") + f"?initiative_title={word}")
    assert "Letter classifier" in found.content.decode()
    missing = client.get(reverse("governance:system-list") + "?initiative_title=Unrelated")
    assert "Letter classifier" not in missing.content.decode()
