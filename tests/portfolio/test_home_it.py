"""The IT role: it rates the estate, reads the portfolio and register, never sees money; its home
shows the estate entries it owns, ratings a year old and the latest infrastructure check."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.roles import Cap, Role, capabilities
from governance.models import EstateDataSource, InfrastructureCheck, ITSystem
from tests.factories.accounts import UserFactory
from tests.factories.governance import EstateDataSourceFactory, ITSystemFactory
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import CostItemFactory
from tests.governance.test_estate import DATA_SOURCE_FORM, IT_SYSTEM_FORM

pytestmark = pytest.mark.django_db


def _age(model, pk: int, days: int) -> None:
    """Make an entry look last changed `days` ago (auto_now ignores given values)."""
    model.objects.filter(pk=pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))


def test_the_it_role_edits_the_estate_and_has_no_financial_view(it_person) -> None:
    caps = capabilities(it_person)
    assert {Cap.EDIT_ESTATE, Cap.EDIT_VENDORS, Cap.VIEW_ALL_INITIATIVES} <= caps
    assert not caps & {
        Cap.VIEW_FINANCIALS,
        Cap.EDIT_FINANCIALS,
        Cap.EDIT_REGISTER,
        Cap.DOWNLOAD_REPORTS,
        Cap.VIEW_TRAINING_BUDGETS,
        Cap.DECIDE_GATES,
    }


def test_the_it_person_adds_and_edits_an_it_system_and_a_data_source(client, it_person) -> None:
    client.force_login(it_person)
    response = client.post(
        reverse("governance:it-system-create"), {**IT_SYSTEM_FORM, "owner": it_person.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    system = ITSystem.objects.get(name="Salesforce CRM")
    assert (system.readiness, system.owner) == (4, it_person)
    response = client.post(
        reverse("governance:it-system-update", args=[system.pk]),
        {**IT_SYSTEM_FORM, "readiness": "5", "owner": it_person.pk},
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.readiness == 5
    assert system.history.first().history_user == it_person

    response = client.post(
        reverse("governance:data-source-create"), {**DATA_SOURCE_FORM, "it_system": system.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = EstateDataSource.objects.get(name="Customer master data")
    assert (source.quality, source.it_system) == (2, system)
    response = client.post(
        reverse("governance:data-source-update", args=[source.pk]),
        {**DATA_SOURCE_FORM, "timeliness": "4", "it_system": system.pk},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.quality == 4

    response = client.post(
        reverse("governance:infrastructure-check"),
        {
            "structured_databases_with_apis": "true",
            "stable_cloud_connectivity": "true",
            "modern_web_services": "true",
            "current_backup_and_security": "false",
        },
    )
    assert response.status_code == 302
    check = InfrastructureCheck.objects.get()
    assert (check.yes_count, check.ready, check.checked_by) == (3, True, it_person)


def test_the_it_person_sees_initiatives_but_no_money(client, it_person, alice) -> None:
    initiative = InitiativeFactory(title="Letter routing", owner=alice)
    CostItemFactory(initiative=initiative)
    client.force_login(it_person)
    assert (
        client.get(reverse("initiatives:initiative-detail", args=[initiative.pk])).status_code
        == 200
    )
    assert client.get(reverse("metrics:financial-overview")).status_code == 403
    assert (
        client.get(reverse("metrics:initiative-financials", args=[initiative.pk])).status_code
        == 403
    )
    assert client.get(reverse("reports:report-list")).status_code == 403
    assert client.get(reverse("governance:system-create")).status_code == 403
    labels = [str(link.label) for link in client.get(reverse("home")).context["nav_links"]]
    assert "IT estate" in labels
    assert "Costs & benefits" not in labels and "Administration" not in labels


def test_the_it_home_shows_what_the_person_owns_and_what_is_due(client, it_person) -> None:
    erp = ITSystemFactory(name="ERP system", readiness=2, owner=it_person)
    ITSystemFactory(name="Mail", readiness=4, owner=it_person)
    ITSystemFactory(name="CRM of sales", readiness=5)
    EstateDataSourceFactory(name="Supplier invoices", owner=it_person, timeliness=2)
    stale = EstateDataSourceFactory(name="Sensor readings")
    _age(ITSystem, erp.pk, 400)
    _age(EstateDataSource, stale.pk, 366)
    check = InfrastructureCheck.objects.create(
        structured_databases_with_apis=False,
        stable_cloud_connectivity=True,
        modern_web_services=True,
        current_backup_and_security=True,
        yes_count=3,
        ready=True,
        checked_by=it_person,
    )
    InfrastructureCheck.objects.filter(pk=check.pk).update(
        checked_at=timezone.now() - datetime.timedelta(days=400)
    )

    client.force_login(it_person)
    response = client.get(reverse("home"))
    page = response.content.decode()
    home = response.context["home"]
    assert "IT: the estate" in page
    # Weakest first: the ERP's 2 is what holds AI back.
    assert [s.name for s in home.estate.it_systems.items] == ["ERP system", "Mail"]
    assert [s.name for s in home.estate.data_sources.items] == ["Supplier invoices"]
    assert [s.name for s in home.estate.systems_due.items] == ["ERP system"]
    assert [s.name for s in home.estate.sources_due.items] == ["Sensor readings"]
    assert "CRM of sales" not in page
    assert "3 of 4 answered yes" in page and "Ready in principle" in page
    assert home.estate.check_due
    assert "The latest check is more than a year old." in page
    assert home.compliance is None and home.finance is None


def test_the_it_home_without_anything_says_so(client, it_person) -> None:
    client.force_login(it_person)
    page = client.get(reverse("home")).content.decode()
    assert "You own no IT system of the estate." in page
    assert "Every IT system and data source was rated in the last year." in page
    assert "No infrastructure check yet." in page


def test_compliance_keeps_its_own_home_without_the_estate_part(client, compliance_officer) -> None:
    client.force_login(compliance_officer)
    assert client.get(reverse("home")).context["home"].estate is None


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries.captured_queries)


def test_the_it_home_makes_the_same_number_of_queries_at_any_size(client) -> None:
    ivan = UserFactory(username="ivan", roles=[Role.IT])

    def grow(n: int) -> None:
        for _ in range(n):
            system = ITSystemFactory(owner=ivan)
            _age(ITSystem, system.pk, 500)
            source = EstateDataSourceFactory(owner=ivan, it_system=system)
            _age(EstateDataSource, source.pk, 500)

    grow(1)
    _queries(client, ivan)
    small = _queries(client, ivan)
    grow(12)
    assert _queries(client, ivan) == small
