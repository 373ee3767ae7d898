"""AI literacy per AI system: users, measures for it, coverage on the page and in the export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from governance.models import SystemLiteracy
from tests.factories.governance import AISystemFactory
from tests.factories.people import LiteracyMeasureFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def system_with_users():
    """A classifier used by three people; two took a current workshop for it, one a lapsed one."""
    system = AISystemFactory(name="Letter classifier")
    ana, ben, cleo = (PersonFactory(name=n) for n in ("Ana", "Ben", "Cleo"))
    current = LiteracyMeasureFactory(participants=[ana, ben], user_group="Case workers")
    lapsed = LiteracyMeasureFactory(
        participants=[cleo],
        user_group="Night shift",
        given_on=datetime.date.today() - datetime.timedelta(days=800),
        refresh_months=24,
    )
    # Cleo also took a current measure that is not for this system: it does not count here.
    other = LiteracyMeasureFactory(participants=[cleo], user_group="Other system")
    AISystemFactory(name="Chatbot")
    link = SystemLiteracy.objects.create(system=system)
    link.users.set([ana, ben, cleo])
    link.measures.set([current, lapsed])
    return system, other


def test_the_system_page_shows_2_of_3_users_trained(client, compliance_officer, system_with_users):
    system, _other = system_with_users
    client.force_login(compliance_officer)
    page = client.get(reverse("governance:system-detail", args=[system.pk])).content.decode()
    assert "2 of 3 users trained" in page
    assert "Not yet trained or past the refresh:" in page
    assert ">Cleo</a>" in page
    assert "Night shift: Workshop" in page
    assert "past its refresh" in page


def test_the_register_export_has_the_literacy_columns(
    client, compliance_officer, system_with_users
):
    client.force_login(compliance_officer)
    response = client.get(reverse("governance:export"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {row["name"]: row for row in rows}
    assert by_name["Letter classifier"]["ai_literacy_users"] == "3"
    assert by_name["Letter classifier"]["ai_literacy_trained"] == "2"
    assert by_name["Chatbot"]["ai_literacy_users"] == "0"


def test_compliance_records_the_users_and_measures_of_a_system(client, compliance_officer):
    system = AISystemFactory(name="Letter classifier")
    ana, ben = PersonFactory(name="Ana"), PersonFactory(name="Ben")
    measure = LiteracyMeasureFactory(participants=[ana])
    client.force_login(compliance_officer)
    url = reverse("governance:system-literacy", args=[system.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"users": [ana.pk, ben.pk], "measures": [measure.pk]})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "1 of 2 users trained" in page
    assert SystemLiteracy.objects.get(system=system).history.count() >= 1
    assert client.post(url, {"users": ["999999"]}).status_code == 400


def test_a_team_lead_may_not_record_literacy(client, alice):
    system = AISystemFactory(owner=alice)
    client.force_login(alice)
    url = reverse("governance:system-literacy", args=[system.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"users": []}).status_code == 403
    assert not SystemLiteracy.objects.exists()


def test_the_api_reads_and_sets_the_literacy_of_a_system(compliance_officer, system_with_users):
    from tests.conftest import token_client

    system, other = system_with_users
    api = token_client(compliance_officer)
    url = f"/api/v1/ai-systems/{system.pk}/literacy/"
    body = api.get(url).json()
    assert (body["users_count"], body["trained_count"]) == (3, 2)
    cleo = SystemLiteracy.objects.get(system=system).users.get(name="Cleo")
    assert body["untrained"] == [cleo.pk]
    # Cleo's other measure is current: linking it to this system makes all three trained.
    response = api.put(
        url, {"users": body["users"], "measures": [*body["measures"], other.pk]}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["users_count"], response.json()["trained_count"]) == (3, 3)
    bad = api.put(url, {"users": [999999], "measures": []}, format="json")
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["users"]
