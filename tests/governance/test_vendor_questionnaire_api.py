"""The API of questionnaire links: the link once in the POST's answer, lists per candidate, revoke."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from governance.models import VendorQuestionnaire
from governance.services.questionnaires import questionnaire_send, questionnaire_submit
from tests.factories.questionnaires import candidate_make
from tests.governance.test_vendor_questionnaire import ANSWERS

pytestmark = pytest.mark.django_db

SITE = "https://portfolio.example.org"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.PORTFOLIO_SITE_URL = SITE


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_link_is_made_once_and_listed_without_it(compliance_officer, leader) -> None:
    candidate = candidate_make(owner=leader)
    other = candidate_make(owner=leader, title="Contract review", product="Acme Reader")
    client = _client(compliance_officer)
    created = client.post(
        reverse("vendor-questionnaire-list"),
        {"candidate": candidate.pk, "sent_to": "sales@acme.example", "valid_days": 5},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    link = body["link"]
    assert link.startswith(f"{SITE}/vendor-questionnaire/")
    token = link.removeprefix(f"{SITE}/vendor-questionnaire/").rstrip("/")
    assert VendorQuestionnaire.objects.get(pk=body["id"]).token_hash == (
        hashlib.sha256(token.encode()).hexdigest()
    )
    assert body["status"] == "open"
    assert body["mailed"] is False
    assert body["sent_to"] == "sales@acme.example"
    questionnaire_send(actor=compliance_officer, candidate=other, email=False)

    listed = client.get(reverse("vendor-questionnaire-list"), {"candidate": candidate.pk})
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert [row["id"] for row in rows] == [body["id"]]
    assert token not in listed.content.decode()
    assert "link" not in rows[0]
    detail = client.get(reverse("vendor-questionnaire-detail", args=[body["id"]]))
    assert token not in detail.content.decode()


def test_answers_show_in_the_list_and_revoke_closes_a_link(compliance_officer, leader) -> None:
    candidate = candidate_make(owner=leader)
    answered = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    questionnaire_submit(token=answered.link.rstrip("/").rsplit("/", 1)[1], data=ANSWERS)
    open_link = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    client = _client(compliance_officer)
    rows = {
        row["id"]: row for row in client.get(reverse("vendor-questionnaire-list")).json()["results"]
    }
    answered_row = rows[answered.questionnaire.pk]
    assert answered_row["status"] == "answered"
    assert answered_row["respondent"] == "Jane Doe"
    assert answered_row["answers"]["certifications"] == ["iso_27001", "soc_2"]

    revoked = client.post(reverse("vendor-questionnaire-revoke", args=[open_link.questionnaire.pk]))
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_by"]["name"] == str(compliance_officer)
    # An answered link cannot be revoked: its link is used up already.
    conflict = client.post(reverse("vendor-questionnaire-revoke", args=[answered.questionnaire.pk]))
    assert conflict.status_code == 409
    assert VendorQuestionnaire.objects.get(pk=answered.questionnaire.pk).revoked_at is None


def test_bad_input_is_a_400_with_field_errors(compliance_officer, leader, charlie) -> None:
    candidate = candidate_make(owner=leader)
    client = _client(compliance_officer)
    bad = client.post(
        reverse("vendor-questionnaire-list"),
        {"candidate": candidate.pk, "sent_to": "nobody", "valid_days": 400},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"sent_to", "valid_days"}
    assert VendorQuestionnaire.objects.count() == 0
    # A team lead may not make links at all.
    refused = _client(charlie).post(
        reverse("vendor-questionnaire-list"), {"candidate": candidate.pk}, format="json"
    )
    assert refused.status_code == 403
    assert VendorQuestionnaire.objects.count() == 0


def _queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_the_page_make_the_same_queries_for_one_link_or_six(
    compliance_officer, leader
) -> None:
    candidate = candidate_make(owner=leader)
    api = _client(compliance_officer)
    page = Client()
    page.force_login(compliance_officer)
    list_url = reverse("vendor-questionnaire-list") + f"?candidate={candidate.pk}"
    page_url = reverse(
        "governance:candidate-questionnaires", args=[candidate.evaluation_id, candidate.pk]
    )
    first = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    questionnaire_submit(token=first.link.rstrip("/").rsplit("/", 1)[1], data=ANSWERS)
    small = (_queries(api, list_url), _queries(page, page_url))
    for _ in range(5):
        questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    assert (_queries(api, list_url), _queries(page, page_url)) == small
