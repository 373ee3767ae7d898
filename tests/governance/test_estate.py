"""The estate pages as people use them: lists, forms with field errors, roles, the check, panel."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import EstateDataSource, InfrastructureCheck, ITSystem
from tests.factories.governance import (
    AISystemFactory,
    EstateDataSourceFactory,
    ITSystemFactory,
)
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db

IT_SYSTEM_FORM = {
    "name": "Salesforce CRM",
    "kind": "crm",
    "hosting": "cloud",
    "api_access": "read_write",
    "readiness": "4",
    "readiness_reasons": "Clean customer records, documented REST API.",
    "notes": "",
}
DATA_SOURCE_FORM = {
    "name": "Customer master data",
    "completeness": "4",
    "timeliness": "2",
    "consistency": "5",
    "personal_data": "on",
    "integration_tasks": "Export from the legacy billing system by hand\n\nSync with ERP\n",
}


def test_compliance_officer_adds_an_it_system_and_sees_its_readiness(
    client, compliance_officer, initiative
):
    client.force_login(compliance_officer)
    form = {**IT_SYSTEM_FORM, "initiatives": [initiative.pk]}
    response = client.post(reverse("governance:it-system-create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    system = ITSystem.objects.get(name="Salesforce CRM")
    assert system.readiness == 4
    assert list(system.initiatives.all()) == [initiative]
    page = client.get(response.url).content.decode()
    assert "Readiness 4 – Suited for early AI integration" in page
    assert "Clean customer records, documented REST API." in page
    assert "Letter sorting" in page


def test_a_readiness_of_6_is_a_field_error(client, compliance_officer):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:it-system-create"), {**IT_SYSTEM_FORM, "readiness": "6"}
    )
    assert response.status_code == 400
    assert "readiness" in response.context["form"].errors
    assert "Please correct the fields marked below." in response.content.decode()
    assert not ITSystem.objects.exists()


def test_a_quality_rating_of_6_is_a_field_error(client, compliance_officer):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:data-source-create"), {**DATA_SOURCE_FORM, "consistency": "6"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["consistency"]
    assert not EstateDataSource.objects.exists()


def test_data_source_quality_is_the_lowest_rating_and_tasks_are_kept_per_line(
    client, administrator
):
    client.force_login(administrator)
    crm = ITSystemFactory(name="CRM")
    response = client.post(
        reverse("governance:data-source-create"), {**DATA_SOURCE_FORM, "it_system": crm.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = EstateDataSource.objects.get()
    assert source.quality == 2
    assert source.it_system == crm
    assert source.integration_tasks == [
        "Export from the legacy billing system by hand",
        "Sync with ERP",
    ]
    page = client.get(response.url).content.decode()
    assert "Quality 2 – Poor" in page
    assert "Sync with ERP" in page


def test_edit_keeps_the_history_of_the_rating(client, compliance_officer):
    client.force_login(compliance_officer)
    system = ITSystemFactory(name="SAP ERP", kind="erp", readiness=2)
    form = {**IT_SYSTEM_FORM, "name": "SAP ERP", "kind": "erp", "readiness": "3"}
    response = client.post(reverse("governance:it-system-update", args=[system.pk]), form)
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.readiness == 3
    latest = system.history.first()
    assert latest.history_user == compliance_officer
    history = client.get(reverse("governance:it-system-detail", args=[system.pk])).context[
        "history"
    ]
    changes = {change.label: (change.old, change.new) for change in history[0].changes}
    assert changes["AI readiness (1–5)"] == ("Not yet suited", "Partly suited")


def test_a_team_lead_reads_the_estate_but_cannot_change_it(client, alice):
    system = ITSystemFactory(name="Zendesk", kind="ticketing")
    source = EstateDataSourceFactory(name="Tickets")
    client.force_login(alice)
    assert client.get(reverse("governance:it-system-list")).status_code == 200
    detail = client.get(reverse("governance:it-system-detail", args=[system.pk]))
    assert detail.status_code == 200
    assert "Zendesk" in detail.content.decode()
    assert client.get(reverse("governance:data-source-detail", args=[source.pk])).status_code == 200
    for url in (
        reverse("governance:it-system-create"),
        reverse("governance:it-system-update", args=[system.pk]),
        reverse("governance:data-source-update", args=[source.pk]),
        reverse("governance:infrastructure-check"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("governance:it-system-update", args=[system.pk]),
        {**IT_SYSTEM_FORM, "readiness": "5"},
    )
    assert response.status_code == 403
    system.refresh_from_db()
    assert system.readiness == 3


def _check(client, *answers: str):
    names = (
        "structured_databases_with_apis",
        "stable_cloud_connectivity",
        "modern_web_services",
        "current_backup_and_security",
    )
    return client.post(
        reverse("governance:infrastructure-check"), dict(zip(names, answers, strict=True))
    )


def test_three_yes_is_ready_in_principle_and_the_overview_shows_the_latest(
    client, compliance_officer
):
    client.force_login(compliance_officer)
    assert _check(client, "true", "false", "false", "true").status_code == 302
    response = _check(client, "true", "true", "false", "true")
    assert response.status_code == 302
    first, second = InfrastructureCheck.objects.order_by("id")
    assert (first.yes_count, first.ready) == (2, False)
    assert (second.yes_count, second.ready) == (3, True)
    assert second.checked_by == compliance_officer
    page = client.get(reverse("governance:estate"))
    body = page.content.decode()
    assert page.context["latest_check"] == second
    assert "3 of 4 answered yes" in body
    assert "Ready in principle" in body
    # The earlier check stays in the history.
    assert [check.pk for check in page.context["checks"]] == [second.pk, first.pk]


def test_two_yes_is_not_ready(client, administrator):
    client.force_login(administrator)
    _check(client, "false", "true", "false", "true")
    check = InfrastructureCheck.objects.get()
    assert (check.yes_count, check.ready) == (2, False)
    assert "Not ready yet" in client.get(reverse("governance:estate")).content.decode()


def test_an_unanswered_question_is_a_field_error(client, compliance_officer):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:infrastructure-check"),
        {"structured_databases_with_apis": "true", "stable_cloud_connectivity": "true"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "modern_web_services",
        "current_backup_and_security",
    }
    assert not InfrastructureCheck.objects.exists()


def test_the_initiative_page_shows_the_readiness_of_what_it_depends_on(client, alice, initiative):
    ITSystemFactory(name="CRM", readiness=2, initiatives=[initiative])
    EstateDataSourceFactory(name="Customer data", initiatives=[initiative])
    # Through an AI system of the initiative too.
    ai = AISystemFactory(name="Letter classifier", initiatives=[initiative])
    ITSystemFactory(name="Document archive", kind="document_store", readiness=5, ai_systems=[ai])
    ITSystemFactory(name="Unrelated ERP", readiness=1)
    client.force_login(alice)
    body = client.get(
        reverse("initiatives:initiative-detail", args=[initiative.pk])
    ).content.decode()
    assert "Depends on" in body
    assert "readiness 2 – Not yet suited" in body
    assert "readiness 5 – Well suited" in body
    assert "Customer data" in body
    assert "quality 3" in body
    assert "Unrelated ERP" not in body
    # Weakest first.
    assert body.index(">CRM<") < body.index(">Document archive<")


def test_the_priority_explains_feasibility_by_the_weakest_dependency(client, alice, initiative):
    ITSystemFactory(name="CRM", readiness=2, initiatives=[initiative])
    ITSystemFactory(name="Document archive", readiness=5, initiatives=[initiative])
    EstateDataSourceFactory(
        name="Customer data", completeness=4, timeliness=3, consistency=5, initiatives=[initiative]
    )
    client.force_login(alice)
    response = client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    notes = [(str(n.text), n.tone) for n in response.context["feasibility_notes"]]
    assert notes == [
        ("Depends on CRM, readiness 2 – Not yet suited", "bad"),
        ("Depends on Customer data, data quality 3 – Fair", "warn"),
    ]
    priority = " ".join(response.content.decode().split("How the priority adds up")[1].split())
    assert 'Technical feasibility<br><span class="badge badge--bad">' in priority
    assert "Depends on CRM, readiness 2 – Not yet suited</a>" in priority


def test_an_initiative_without_dependencies_has_no_feasibility_note(client, alice, initiative):
    client.force_login(alice)
    response = client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    assert response.context["feasibility_notes"] == []


def test_lists_filter_by_readiness_and_personal_data(client, alice):
    ITSystemFactory(name="Old ERP", readiness=1)
    ITSystemFactory(name="Modern CRM", readiness=5)
    EstateDataSourceFactory(name="HR files", personal_data=True, special_categories=True)
    EstateDataSourceFactory(name="Product catalogue")
    client.force_login(alice)
    systems = client.get(reverse("governance:it-system-list") + "?readiness_min=4")
    assert [s.name for s in systems.context["page_obj"]] == ["Modern CRM"]
    sources = client.get(reverse("governance:data-source-list") + "?special_categories=true")
    assert [s.name for s in sources.context["page_obj"]] == ["HR files"]


def test_csv_export_of_the_it_systems(client, alice, initiative):
    ITSystemFactory(name="CRM", readiness=2, initiatives=[initiative])
    client.force_login(alice)
    response = client.get(reverse("governance:it-system-export") + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="it-systems-')
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("id,name,kind,owner,hosting,api_access,readiness")
    assert ",CRM,crm,,cloud,read,2," in lines[1]
    assert lines[1].endswith(",Letter sorting,")


def test_xlsx_export_of_the_data_sources(client, alice):
    EstateDataSourceFactory(name="Customer data")
    client.force_login(alice)
    response = client.get(reverse("governance:data-source-export") + "?format=xlsx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert client.get(reverse("governance:data-source-export") + "?format=pdf").status_code == 400


def _populate(n: int, initiative) -> None:
    for _index in range(n):
        system = ITSystemFactory(initiatives=[initiative])
        EstateDataSourceFactory(initiatives=[initiative], it_system=system)


@pytest.mark.parametrize(
    "url_name",
    ["governance:it-system-list", "governance:data-source-list", "governance:estate"],
)
def test_estate_pages_make_a_fixed_number_of_queries(client, alice, url_name):
    initiative = InitiativeFactory(owner=alice)
    client.force_login(alice)
    _populate(3, initiative)
    client.get(reverse(url_name))  # warm up caches (roles, session)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _populate(27, initiative)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(small) == len(large), url_name


def test_navigation_offers_the_estate_next_to_the_register(client, alice):
    client.force_login(alice)
    labels = [str(link.label) for link in client.get(reverse("home")).context["nav_links"]]
    assert labels[labels.index("AI register") + 1] == "IT estate"


def test_the_overview_counts_the_estate(client, alice):
    ITSystemFactory(readiness=1)
    ITSystemFactory(readiness=4)
    ITSystemFactory(readiness=5)
    EstateDataSourceFactory(personal_data=True, integration_tasks=["Sync ERP", "Scan forms"])
    EstateDataSourceFactory(personal_data=True, special_categories=True, integration_tasks=["X"])
    EstateDataSourceFactory()
    client.force_login(alice)
    response = client.get(reverse("governance:estate"))
    summary = response.context["summary"]
    assert (summary.it_systems, summary.suited_systems) == (3, 2)
    assert summary.readiness_counts == ((1, 1), (2, 0), (3, 0), (4, 1), (5, 1))
    assert (summary.data_sources, summary.personal_data_sources) == (3, 2)
    assert summary.special_category_sources == 1
    assert summary.open_integration_tasks == 3
    assert response.context["latest_check"] is None
    assert "No infrastructure check yet." in response.content.decode()


def test_the_ai_system_page_shows_the_estate_it_builds_on(client, alice, linked_system):
    ITSystemFactory(name="Mail server", kind="email", readiness=4, ai_systems=[linked_system])
    source = EstateDataSourceFactory(name="Inbox archive", timeliness=2)
    source.ai_systems.set([linked_system])
    client.force_login(alice)
    body = client.get(reverse("governance:system-detail", args=[linked_system.pk])).content.decode()
    assert "IT estate it builds on" in body
    assert "readiness 4 – Suited for early AI integration" in body
    assert "Inbox archive" in body
    assert "quality 2" in body


def test_the_history_names_the_linked_initiatives(client, compliance_officer, initiative):
    client.force_login(compliance_officer)
    system = ITSystemFactory(name="CRM", readiness=2)
    form = {**IT_SYSTEM_FORM, "name": "CRM", "readiness": "2", "initiatives": [initiative.pk]}
    client.post(reverse("governance:it-system-update", args=[system.pk]), form)
    history = client.get(reverse("governance:it-system-detail", args=[system.pk])).context[
        "history"
    ]
    changes = [(c.label, c.new) for entry in history for c in entry.changes]
    assert ("initiatives that use it", "Letter sorting") in changes
    assert all(entry.who == compliance_officer for entry in history[:-1])


def test_the_history_never_names_an_ai_system_the_reader_cannot_see(
    client, compliance_officer, alice, initiative
):
    """A team lead sees the IT system's history; a linked AI system outside their view is
    counted, never named (the links section above it says the same)."""
    hidden = AISystemFactory(name="Secret HR screening")
    shown = AISystemFactory(name="Letter classifier", initiatives=[initiative])
    system = ITSystemFactory(name="CRM", readiness=2, initiatives=[initiative])
    client.force_login(compliance_officer)
    form = {
        **IT_SYSTEM_FORM, "name": "CRM", "readiness": "2", "initiatives": [initiative.pk],
        "ai_systems": [hidden.pk, shown.pk],
    }  # fmt: skip
    assert (
        client.post(reverse("governance:it-system-update", args=[system.pk]), form).status_code
        == 302
    )
    client.force_login(alice)
    body = client.get(reverse("governance:it-system-detail", args=[system.pk])).content.decode()
    assert "Letter classifier" in body
    assert "Secret HR screening" not in body
    assert "1 more, not in your view" in body
