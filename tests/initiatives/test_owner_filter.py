"""The owner box of the initiative list and the matrix: typed, suggested within the person's scope."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


def suggested(response) -> list[str]:
    """The usernames of the suggested owners."""
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)">', response.content.decode())


@pytest.fixture
def portfolio(alice, charlie):
    """alice's own initiative, charlie's with alice as a member, and dave's she cannot see."""
    dave = UserFactory(username="dave", first_name="Dave", last_name="Rowe")
    InitiativeFactory(title="Invoice reading", owner=alice)
    InitiativeFactory(title="Shared forecast", owner=charlie, members=[alice])
    InitiativeFactory(title="Dave's secret", owner=dave)
    return dave


def test_a_team_lead_is_offered_only_owners_of_initiatives_they_see(client, alice, portfolio):
    client.force_login(alice)
    url = reverse("initiatives:owner-suggestions")
    assert sorted(suggested(client.get(url))) == ["alice", "charlie"]
    assert suggested(client.get(url, {"owner": "dave"})) == []
    assert suggested(client.get(url, {"owner": "Rowe"})) == []


def test_leadership_is_offered_every_owner_matching_the_words(client, leader, portfolio):
    client.force_login(leader)
    url = reverse("initiatives:owner-suggestions")
    assert sorted(suggested(client.get(url))) == ["alice", "charlie", "dave"]
    assert suggested(client.get(url, {"owner": "dave rowe"})) == ["dave"]


def test_the_list_filters_by_username_name_or_id(client, leader, portfolio):
    client.force_login(leader)
    url = reverse("initiatives:initiative-list")

    def titles(value):
        return [i.title for i in client.get(url, {"owner": value}).context["page_obj"]]

    assert titles("dave") == ["Dave's secret"]
    assert titles("Rowe") == ["Dave's secret"]
    assert titles(str(portfolio.pk)) == ["Dave's secret"]
    assert titles("charlie") == ["Shared forecast"]


def test_a_team_lead_filtering_by_an_unseen_owner_gets_nothing(client, alice, portfolio):
    client.force_login(alice)
    response = client.get(reverse("initiatives:initiative-list"), {"owner": "dave"})
    assert list(response.context["page_obj"]) == []
    assert "Dave&#x27;s secret" not in response.content.decode()


def test_the_matrix_takes_the_same_owner_box(client, leader, portfolio):
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-matrix"), {"owner": "dave"})
    assert [p["title"] for p in response.context["chart"]["points"]] == ["Dave's secret"]
    html = response.content.decode()
    assert 'list="id_owner-suggestions"' in html and '<select name="owner"' not in html
