"""The estate an AI system builds on, chosen on the register entry: form, page, API, history; and
the estate's history shown with dates as the rest of the product writes them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import AISystem, InfrastructureCheck
from tests.conftest import token_client
from tests.factories.governance import AISystemFactory, EstateDataSourceFactory, ITSystemFactory

pytestmark = pytest.mark.django_db

ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _form(**extra):
    return {
        "name": "Invoice reader", "purpose": "Reads invoices", "status": "in_use",
        "deployment": "cloud", "eu_role": "deployer", "lawful_basis": "",
        "processes_personal_data": "", "dpia_required": "",
        "models-TOTAL_FORMS": "0", "models-INITIAL_FORMS": "0",
        "sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0",
        **extra,
    }  # fmt: skip


def test_the_editor_chooses_the_estate_on_the_form_and_the_page_shows_it(
    client, compliance_officer
) -> None:
    erp = ITSystemFactory(name="ERP system", readiness=2)
    dms = ITSystemFactory(name="Document store", readiness=4)
    invoices = EstateDataSourceFactory(name="Supplier invoices")
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:system-create"),
        _form(it_systems=[erp.pk, dms.pk], estate_data_sources=[invoices.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    system = AISystem.objects.get(name="Invoice reader")
    assert set(system.it_systems.values_list("name", flat=True)) == {"ERP system", "Document store"}
    assert list(system.estate_data_sources.all()) == [invoices]
    page = client.get(response.url).content.decode()
    estate = page[page.index('id="estate-title"') :]
    # Weakest first.
    assert (
        estate.index("ERP system")
        < estate.index("Document store")
        < estate.index("Supplier invoices")
    )

    edit = client.get(reverse("governance:system-update", args=[system.pk]))
    assert set(edit.context["form"].initial["it_systems"]) == {erp.pk, dms.pk}
    response = client.post(
        reverse("governance:system-update", args=[system.pk]),
        _form(it_systems=[dms.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(system.it_systems.all()) == [dms]
    assert not system.estate_data_sources.exists()
    # The change is kept in the estate entry's history, with who made it.
    latest = erp.history.first()
    assert latest.history_user == compliance_officer
    assert list(erp.ai_systems.all()) == []
    detail = client.get(reverse("governance:it-system-detail", args=[erp.pk]))
    changes = {c.label: (c.old, c.new) for c in detail.context["history"][0].changes}
    assert changes["AI systems that use it"] == ("Invoice reader", "—")


def test_an_unknown_it_system_is_a_field_error(client, compliance_officer) -> None:
    client.force_login(compliance_officer)
    response = client.post(reverse("governance:system-create"), _form(it_systems=["999999"]))
    assert response.status_code == 400
    assert "it_systems" in response.context["form"].errors
    assert not AISystem.objects.exists()


def test_the_api_takes_and_returns_the_estate_ids(compliance_officer) -> None:
    erp = ITSystemFactory(name="ERP system")
    invoices = EstateDataSourceFactory(name="Supplier invoices")
    api = token_client(compliance_officer)
    response = api.post(
        "/api/v1/ai-systems/",
        {
            "name": "Invoice reader",
            "purpose": "Reads invoices",
            "status": "in_use",
            "deployment": "cloud",
            "eu_role": "deployer",
            "it_systems": [erp.pk],
            "estate_data_sources": [invoices.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["it_systems"], body["estate_data_sources"]) == ([erp.pk], [invoices.pk])
    pk = body["id"]
    # Not sent: left as they are.
    response = api.patch(f"/api/v1/ai-systems/{pk}/", {"vendor": "DocAI"}, format="json")
    assert response.json()["it_systems"] == [erp.pk]
    response = api.patch(
        f"/api/v1/ai-systems/{pk}/", {"it_systems": [], "estate_data_sources": []}, format="json"
    )
    assert (response.json()["it_systems"], response.json()["estate_data_sources"]) == ([], [])
    assert erp.history.first().history_user == compliance_officer
    response = api.patch(f"/api/v1/ai-systems/{pk}/", {"it_systems": [999999]}, format="json")
    assert response.status_code == 400
    assert "it_systems" in response.json()["errors"] or "it_systems" in str(response.json())


def test_a_team_lead_cannot_link_the_estate_through_the_api(alice, initiative) -> None:
    system = AISystemFactory(initiatives=[initiative])
    erp = ITSystemFactory()
    response = token_client(alice).patch(
        f"/api/v1/ai-systems/{system.pk}/", {"it_systems": [erp.pk]}, format="json"
    )
    assert response.status_code == 403
    assert not erp.ai_systems.exists()


def test_estate_history_shows_dates_as_the_rest_of_the_product(client, compliance_officer) -> None:
    system = ITSystemFactory(name="ERP system")
    check = InfrastructureCheck.objects.create(
        yes_count=1, ready=False, checked_by=compliance_officer
    )
    when = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=datetime.UTC)
    InfrastructureCheck.objects.filter(pk=check.pk).update(checked_at=when)
    client.force_login(compliance_officer)
    page = client.get(reverse("governance:estate")).content.decode()
    history = page[page.index('id="checks-title"') :]
    local = timezone.localtime(when)
    assert f"{local.day} Mar 2026, {local:%H:%M}" in history
    assert not ISO_DATETIME.search(history.split("<time datetime=")[1].split(">", 1)[1])
    detail = client.get(reverse("governance:it-system-detail", args=[system.pk])).content.decode()
    timeline = detail[detail.index('id="history-title"') :]
    shown = timeline.split("<time datetime=")[1].split(">", 1)[1].split("</time>")[0]
    assert not ISO_DATETIME.search(shown), shown
