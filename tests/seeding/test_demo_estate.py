"""The demo estate: eight IT systems and eight data sources rated believably, linked to the use
cases and register entries that need them, and two infrastructure checks months apart."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import AISystem, EstateDataSource, InfrastructureCheck, ITSystem
from initiatives.models import Initiative
from seeding.demo import seed_demo_organisation
from seeding.demo.estate import DATA_SOURCES, IT_SYSTEMS, seed_estate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    seed_demo_organisation()


def uses(title: str) -> tuple[set[str], set[str]]:
    """The names of the IT systems and data sources an initiative is linked to."""
    initiative = Initiative.objects.get(title=title)
    return (
        set(initiative.it_systems.values_list("name", flat=True)),
        set(initiative.estate_data_sources.values_list("name", flat=True)),
    )


def test_the_estate_is_seeded_once(demo) -> None:
    seed_estate()
    assert ITSystem.objects.count() == len(IT_SYSTEMS) == 8
    assert EstateDataSource.objects.count() == len(DATA_SOURCES) == 8
    assert InfrastructureCheck.objects.count() == 2
    assert ITSystem.objects.filter(owner__isnull=True).count() == 0
    assert EstateDataSource.objects.filter(owner__isnull=True).count() == 0
    assert EstateDataSource.objects.filter(it_system__isnull=True).count() == 0


def test_the_erp_holds_back_the_invoice_extraction(demo) -> None:
    erp = ITSystem.objects.get(name="ERP system")
    assert (erp.kind, erp.hosting, erp.api_access, erp.readiness) == (
        "erp",
        "on_premises",
        "read",
        2,
    )
    assert "no documented API for purchase orders" in erp.readiness_reasons
    invoice = Initiative.objects.get(title="Invoice data extraction")
    assert uses(invoice.title) == (
        {"ERP system", "Document management system"},
        {"Supplier invoices"},
    )
    assert AISystem.objects.get(name="Invoice data extraction") in erp.ai_systems.all()
    invoices = EstateDataSource.objects.get(name="Supplier invoices")
    assert invoices.it_system == erp
    assert (invoices.completeness, invoices.timeliness, invoices.consistency) == (3, 2, 2)
    assert invoices.quality == 2
    assert invoices.integration_tasks == [
        "Scanned invoices arrive by e-mail and are retyped",
        "Supplier numbers differ between ERP and document store",
    ]


def test_each_use_case_uses_the_systems_and_data_its_work_needs(demo) -> None:
    assert uses("E-mail triage assistant") == (
        {"E-mail and calendar", "Customer service ticketing"},
        {"Support tickets"},
    )
    assert uses("Predictive maintenance for conveyor belts") == (
        {"Warehouse management system"},
        {"Conveyor belt sensor data"},
    )
    assert uses("Route optimisation for deliveries") == (
        {"ERP system"},
        {"Delivery routes and GPS tracks"},
    )
    assert uses("CV screening assistant") == ({"HR system"}, {"Employee records"})
    assert uses("Lead scoring") == ({"CRM"}, {"Sales leads"})
    assert uses("Contract review assistant") == ({"Document management system"}, {"Contracts"})
    # Every use case builds on at least one system of the estate.
    assert not Initiative.objects.filter(it_systems__isnull=True).exists()


def test_a_register_entry_reads_what_its_use_cases_use(demo) -> None:
    """An AI system linked to an estate entry shares that entry with one of its initiatives."""
    wrong = []
    links = 0
    for model in (ITSystem, EstateDataSource):
        for entry in model.objects.prefetch_related("ai_systems__initiatives", "initiatives"):
            used_by = set(entry.initiatives.all())
            for system in entry.ai_systems.all():
                links += 1
                served = set(system.initiatives.all())
                if served and not served & used_by:
                    wrong.append(f"{system.name} -> {entry.name}")
    assert wrong == []
    assert links >= 25


def test_ratings_and_flags_fit_what_the_data_is(demo) -> None:
    employees = EstateDataSource.objects.get(name="Employee records")
    assert employees.special_categories and employees.personal_data
    assert employees.it_system is not None and employees.it_system.name == "HR system"
    assert list(
        EstateDataSource.objects.filter(special_categories=True).values_list("name", flat=True)
    ) == ["Employee records"]
    assert set(
        EstateDataSource.objects.filter(personal_data=False).values_list("name", flat=True)
    ) == {"Supplier invoices", "Conveyor belt sensor data", "Contracts"}
    customers = EstateDataSource.objects.get(name="Customer master data")
    assert (customers.completeness, customers.timeliness, customers.consistency) == (4, 4, 3)
    # Systems rated for early AI integration have an interface others can write through.
    for system in ITSystem.objects.filter(readiness__gte=4):
        assert (system.hosting, system.api_access) == ("cloud", "read_write"), system.name
    warehouse = ITSystem.objects.get(name="Warehouse management system")
    assert (warehouse.hosting, warehouse.api_access, warehouse.readiness) == (
        "on_premises",
        "none",
        2,
    )
    readiness = dict(ITSystem.objects.values_list("name", "readiness"))
    assert readiness["Customer service ticketing"] == 5
    assert readiness["Document management system"] == 3
    assert readiness["HR system"] == 3


def test_the_infrastructure_became_ready_in_principle_months_later(demo) -> None:
    earlier, later = InfrastructureCheck.objects.order_by("checked_at")
    assert (earlier.yes_count, earlier.ready) == (2, False)
    assert (later.yes_count, later.ready) == (3, True)
    assert InfrastructureCheck.objects.latest() == later
    assert later.checked_at - earlier.checked_at >= datetime.timedelta(days=90)
    assert later.checked_at < timezone.now()
    # The IT department rates the estate.
    assert {earlier.checked_by.username, later.checked_by.username} == {"ivan"}
    # The ERP's missing interface is what still keeps the first answer a no.
    assert not later.structured_databases_with_apis
    assert later.stable_cloud_connectivity and not earlier.stable_cloud_connectivity


def test_the_compliance_officer_sees_the_demo_estate(demo, client) -> None:
    assert client.login(username="carla", password="demo-compliance")
    page = client.get(reverse("governance:estate"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ready in principle" in text and "(3/4)" in text and "(2/4)" in text
    invoices = EstateDataSource.objects.get(name="Supplier invoices")
    detail = client.get(reverse("governance:data-source-detail", args=[invoices.pk]))
    assert detail.status_code == 200
    assert "Scanned invoices arrive by e-mail and are retyped" in detail.content.decode()
    erp = ITSystem.objects.get(name="ERP system")
    detail = client.get(reverse("governance:it-system-detail", args=[erp.pk]))
    assert "Custom modules, no documented API for purchase orders." in detail.content.decode()
    assert "Invoice data extraction" in detail.content.decode()


def test_the_it_person_owns_part_of_the_estate(demo) -> None:
    owned = set(ITSystem.objects.filter(owner__username="ivan").values_list("name", flat=True))
    assert owned == {"ERP system", "E-mail and calendar", "Warehouse management system"}
