"""The owner and IT system boxes of the register's and the estate's filters.

A box takes a username, words of a name or the id older links carry; its suggestions list only
the people (or IT systems) the person could find on that list.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import token_client
from tests.factories.accounts import UserFactory
from tests.factories.governance import (
    AISystemFactory,
    EstateDataSourceFactory,
    ITSystemFactory,
    ReviewFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dora(db):
    """Owns the system linked to alice's initiative."""
    return UserFactory(username="dora", first_name="Dora", last_name="Visser")


@pytest.fixture
def olaf(db):
    """Owns a system no team lead is linked to."""
    return UserFactory(username="olaf", first_name="Olaf", last_name="Holm")


@pytest.fixture
def owned(linked_system, other_system, dora, olaf):
    """Each system, its risk and its review owned by the same person."""
    for system, owner in ((linked_system, dora), (other_system, olaf)):
        system.owner = owner
        system.save()
        RiskFactory(system=system, owner=owner, description=f"Risk of {system.name}")
        ReviewFactory(system=system, owner=owner)
    return linked_system, other_system


def suggested(response) -> list[tuple[str, str]]:
    """The (value, label) of every suggested option."""
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', response.content.decode())


def names(response) -> list[str]:
    """The names of the systems in the register's result table."""
    return re.findall(r'href="/register/\d+/">([^<]+)</a>', response.content.decode())


@pytest.mark.parametrize("of", ["systems", "risks", "reviews"])
def test_a_team_lead_is_offered_only_the_owners_on_their_lists(client, alice, owned, of):
    client.force_login(alice)
    url = reverse("governance:owner-suggestions", kwargs={"of": of})
    assert suggested(client.get(url)) == [("dora", "Dora Visser")]
    # Typing the name of someone whose entries they cannot see finds nobody.
    assert suggested(client.get(url, {"owner": "olaf"})) == []


def test_leadership_is_offered_every_owner_matching_what_is_typed(client, leader, owned):
    client.force_login(leader)
    url = reverse("governance:owner-suggestions", kwargs={"of": "systems"})
    assert suggested(client.get(url)) == [("olaf", "Olaf Holm"), ("dora", "Dora Visser")]
    assert suggested(client.get(url, {"owner": "VIS"})) == [("dora", "Dora Visser")]
    assert suggested(client.get(url, {"owner": "dora visser"})) == [("dora", "Dora Visser")]


def test_suggestions_of_an_unknown_list_are_404_and_need_a_register_role(client, leader, owned):
    nobody = UserFactory(username="nobody")
    client.force_login(nobody)
    url = reverse("governance:owner-suggestions", kwargs={"of": "systems"})
    assert client.get(url).status_code == 403
    client.force_login(leader)
    missing = reverse("governance:owner-suggestions", kwargs={"of": "salaries"})
    assert client.get(missing).status_code == 404


def test_the_register_filters_by_username_name_and_the_id_of_old_links(
    client, leader, owned, dora, olaf
):
    client.force_login(leader)
    register = reverse("governance:system-list")
    assert names(client.get(register, {"owner": "dora"})) == ["Letter classifier"]
    assert names(client.get(register, {"owner": "Olaf Holm"})) == ["Fraud scoring"]
    assert names(client.get(register, {"owner": "holm"})) == ["Fraud scoring"]
    assert names(client.get(register, {"owner": str(dora.pk)})) == ["Letter classifier"]
    assert names(client.get(register, {"owner": "nobody at all"})) == []
    # A number too large for an id is simply no one, never an error.
    assert client.get(register, {"owner": "9" * 40}).status_code == 200


def test_an_exact_username_means_that_person_and_not_namesakes(client, leader, owned, olaf):
    # "dora" is a username and also a word in Theodora's name: the username wins.
    theodora = UserFactory(username="tdk", first_name="Theodora", last_name="Kask")
    AISystemFactory(name="Parcel routing", owner=theodora)
    client.force_login(leader)
    register = reverse("governance:system-list")
    assert names(client.get(register, {"owner": "dora"})) == ["Letter classifier"]
    assert names(client.get(register, {"owner": "Theodora"})) == ["Parcel routing"]


def test_the_owner_box_is_a_labelled_text_box_with_suggestions_not_a_select(client, leader, owned):
    for index in range(30):
        UserFactory(username=f"colleague{index}")
    client.force_login(leader)
    html = client.get(reverse("governance:system-list")).content.decode()
    assert '<select name="owner"' not in html
    assert "colleague7" not in html
    [box] = re.findall(r'<input[^>]*name="owner"[^>]*>', html)
    assert 'id="id_owner"' in box and 'list="id_owner-suggestions"' in box
    assert 'hx-get="/register/suggest/owners/systems/"' in box
    assert '<label for="id_owner">Owner' in html
    assert '<datalist id="id_owner-suggestions"></datalist>' in html


def test_the_risk_and_review_lists_filter_by_owner_name(client, leader, owned):
    client.force_login(leader)
    risks = client.get(reverse("governance:risk-list"), {"owner": "Dora"}).content.decode()
    assert "Risk of Letter classifier" in risks and "Risk of Fraud scoring" not in risks
    reviews = client.get(reverse("governance:review-list"), {"owner": "olaf"})
    assert [r.system.name for r in reviews.context["page_obj"]] == ["Fraud scoring"]


def test_the_api_takes_an_owner_id_or_username(leader, owned, dora):
    api = token_client(leader)
    by_id = api.get("/api/v1/ai-systems/", {"owner": dora.pk}).json()["results"]
    by_name = api.get("/api/v1/ai-systems/", {"owner": "dora"}).json()["results"]
    assert (
        [row["name"] for row in by_id] == [row["name"] for row in by_name] == ["Letter classifier"]
    )


def test_data_sources_filter_by_it_system_name_or_id_with_suggestions(
    client, compliance_officer, dora, olaf
):
    crm = ITSystemFactory(name="Customer CRM", owner=dora)
    erp = ITSystemFactory(name="Finance ERP")
    EstateDataSourceFactory(name="Customer records", it_system=crm)
    EstateDataSourceFactory(name="Ledger", it_system=erp, owner=olaf)
    client.force_login(compliance_officer)
    url = reverse("governance:data-source-list")

    def listed(params):
        return [row.name for row in client.get(url, params).context["page_obj"]]

    assert listed({"it_system": "crm"}) == ["Customer records"]
    assert listed({"it_system": "Finance ERP"}) == ["Ledger"]
    assert listed({"it_system": str(crm.pk)}) == ["Customer records"]
    options = suggested(
        client.get(reverse("governance:it-system-suggestions"), {"it_system": "erp"})
    )
    assert options == [("Finance ERP", "")]
    owners = reverse("governance:owner-suggestions", kwargs={"of": "it-systems"})
    assert suggested(client.get(owners)) == [("dora", "Dora Visser")]
    owners = reverse("governance:owner-suggestions", kwargs={"of": "data-sources"})
    assert suggested(client.get(owners)) == [("olaf", "Olaf Holm")]
    assert listed({"owner": "olaf"}) == ["Ledger"]
