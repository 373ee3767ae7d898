"""The estate's API: list, create, field errors as 400, who may write, fixed query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import EstateDataSource, InfrastructureCheck, ITSystem
from tests.conftest import token_client
from tests.factories.governance import EstateDataSourceFactory, ITSystemFactory

pytestmark = pytest.mark.django_db

BODY = {
    "name": "SAP S/4HANA",
    "kind": "erp",
    "hosting": "hybrid",
    "api_access": "read",
    "readiness": 2,
    "readiness_reasons": "Custom fields everywhere, no documented API.",
}


def test_compliance_creates_an_it_system_and_lists_it(compliance_officer, initiative):
    api = token_client(compliance_officer)
    response = api.post(
        "/api/v1/it-systems/", {**BODY, "initiatives": [initiative.pk]}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["readiness"] == 2
    assert body["readiness_label"] == "not_yet_suited"
    assert body["suits_early_integration"] is False
    assert body["initiatives"] == [initiative.pk]
    listed = api.get("/api/v1/it-systems/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["name"] == "SAP S/4HANA"


def test_a_readiness_of_6_answers_400_with_the_field(compliance_officer):
    response = token_client(compliance_officer).post(
        "/api/v1/it-systems/", {**BODY, "readiness": 6}, format="json"
    )
    assert response.status_code == 400
    assert "readiness" in str(response.json())
    assert not ITSystem.objects.exists()


def test_a_team_lead_reads_but_may_not_write(alice):
    ITSystemFactory(name="CRM")
    api = token_client(alice)
    assert api.get("/api/v1/it-systems/").json()["count"] == 1
    assert api.post("/api/v1/it-systems/", BODY, format="json").status_code == 403
    system = ITSystem.objects.get()
    response = api.patch(f"/api/v1/it-systems/{system.pk}/", {"readiness": 5}, format="json")
    assert response.status_code == 403
    system.refresh_from_db()
    assert system.readiness == 3


def test_data_source_created_with_derived_quality(administrator):
    crm = ITSystemFactory(name="CRM")
    api = token_client(administrator)
    response = api.post(
        "/api/v1/data-sources/",
        {
            "name": "Patient notes",
            "it_system": crm.pk,
            "completeness": 5,
            "timeliness": 4,
            "consistency": 3,
            "special_categories": True,
            "integration_tasks": ["Scanned paper forms", "  Scanned paper forms "],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["quality"] == 3
    # Art. 9 data is personal data.
    assert body["personal_data"] is True
    assert body["integration_tasks"] == ["Scanned paper forms"]
    bad = api.post(
        "/api/v1/data-sources/",
        {"name": "X", "completeness": 0, "timeliness": 4, "consistency": 3},
        format="json",
    )
    assert bad.status_code == 400
    assert "completeness" in str(bad.json())
    assert EstateDataSource.objects.count() == 1


def test_infrastructure_checks_through_the_api(compliance_officer, alice):
    api = token_client(compliance_officer)
    answers = {
        "structured_databases_with_apis": True,
        "stable_cloud_connectivity": True,
        "modern_web_services": True,
        "current_backup_and_security": False,
    }
    response = api.post("/api/v1/infrastructure-checks/", answers, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["yes_count"], response.json()["ready"]) == (3, True)
    missing = api.post(
        "/api/v1/infrastructure-checks/", {"modern_web_services": True}, format="json"
    )
    assert missing.status_code == 400
    assert InfrastructureCheck.objects.count() == 1
    reader = token_client(alice)
    assert reader.get("/api/v1/infrastructure-checks/").json()["count"] == 1
    assert reader.post("/api/v1/infrastructure-checks/", answers, format="json").status_code == 403


def test_api_lists_make_a_fixed_number_of_queries(leader, initiative):
    api = token_client(leader)

    def populate(n: int) -> None:
        for _index in range(n):
            system = ITSystemFactory(initiatives=[initiative])
            EstateDataSourceFactory(initiatives=[initiative], it_system=system)

    populate(3)
    for url in ("/api/v1/it-systems/", "/api/v1/data-sources/"):
        api.get(url)
    small = {}
    for url in ("/api/v1/it-systems/", "/api/v1/data-sources/"):
        with CaptureQueriesContext(connection) as queries:
            api.get(url)
        small[url] = len(queries)
    populate(27)
    for url in ("/api/v1/it-systems/", "/api/v1/data-sources/"):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(url).json()["count"] == 30
        assert len(queries) == small[url], url
