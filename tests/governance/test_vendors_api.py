"""The vendor area's API: the comparison's figures, money only for money readers, the decide
action, field errors as 400, scope as 404, state conflicts as 409, fixed query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import AISystem, Vendor, VendorEvaluation
from governance.services import vendors as services
from tests.conftest import token_client
from tests.factories.governance import AISystemFactory, VendorFactory
from tests.factories.initiatives import InitiativeFactory
from tests.governance.test_vendors import _evaluation

pytestmark = pytest.mark.django_db


def test_an_evaluation_reads_with_criteria_candidates_scores_and_tco(leader):
    evaluation, scribe, papyrus = _evaluation(leader)
    body = token_client(leader).get(f"/api/v1/vendor-evaluations/{evaluation.pk}/").json()
    assert len(body["criteria"]) == 11
    weights = {c["kind"]: c["weight"] for c in body["criteria"]}
    assert (weights["functions"], weights["security"], weights["exit"]) == (3, 2, 0)
    candidates = {c["id"]: c for c in body["candidates"]}
    assert candidates[scribe.pk]["weighted_score"] == "3.8"
    assert candidates[papyrus.pk]["weighted_score"] == "4.1"
    assert candidates[papyrus.pk]["unscored_criteria"] == 1
    assert (candidates[papyrus.pk]["rank"], candidates[scribe.pk]["rank"]) == (1, 2)
    assert candidates[scribe.pk]["tco"] == {
        "year_1": "34006.00",
        "year_2": "19006.00",
        "year_3": "19006.00",
        "total": "72018.00",
    }
    assert candidates[scribe.pk]["certifications"] == ["iso_27001", "soc_2"]
    assert candidates[scribe.pk]["data_residency"] == "eu"
    assert {s["kind"]: s["score"] for s in candidates[scribe.pk]["scores"]} == {
        "functions": 4,
        "integration": 5,
        "security": 3,
        "cost": 2,
    }


def test_compliance_gets_no_money_through_the_api(compliance_officer, leader):
    evaluation, scribe, _papyrus = _evaluation(leader)
    api = token_client(compliance_officer)
    body = api.get(f"/api/v1/vendor-evaluations/{evaluation.pk}/").json()
    assert {c["tco"] for c in body["candidates"]} == {None}
    assert api.get("/api/v1/candidate-costs/").json()["count"] == 0
    cost = scribe.costs.first()
    assert api.get(f"/api/v1/candidate-costs/{cost.pk}/").status_code == 404
    response = api.post(
        "/api/v1/candidate-costs/",
        {"candidate": scribe.pk, "category": "licence", "recurrence": "monthly", "amount": "10"},
        format="json",
    )
    assert response.status_code == 403


def test_decide_needs_a_candidate_and_a_rationale(leader):
    evaluation, scribe, _papyrus = _evaluation(leader)
    api = token_client(leader)
    url = f"/api/v1/vendor-evaluations/{evaluation.pk}/decide/"
    response = api.post(url, {"chosen": scribe.pk, "rationale": ""}, format="json")
    assert response.status_code == 400
    assert "rationale" in str(response.json())
    response = api.post(url, {"chosen": scribe.pk, "rationale": "EU residency"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["chosen"], body["rationale"]) == (
        "decided",
        scribe.pk,
        "EU residency",
    )
    assert (
        api.post(url, {"chosen": scribe.pk, "rationale": "Again"}, format="json").status_code == 409
    )
    reopened = api.post(f"/api/v1/vendor-evaluations/{evaluation.pk}/reopen/")
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"


def test_create_an_evaluation_add_a_candidate_score_it_and_weigh(compliance_officer):
    api = token_client(compliance_officer)
    vendor = api.post(
        "/api/v1/vendors/", {"name": "Northwind", "country": "Germany"}, format="json"
    )
    assert vendor.status_code == 201, vendor.json()
    product = api.post(
        "/api/v1/vendor-products/", {"vendor": vendor.json()["id"], "name": "Scribe"}, format="json"
    )
    assert product.status_code == 201, product.json()
    evaluation = api.post("/api/v1/vendor-evaluations/", {"title": "Invoices"}, format="json")
    assert evaluation.status_code == 201, evaluation.json()
    pk = evaluation.json()["id"]
    candidate = api.post(
        "/api/v1/evaluation-candidates/",
        {"evaluation": pk, "product": product.json()["id"], "certifications": ["c5"]},
        format="json",
    )
    assert candidate.status_code == 201, candidate.json()
    cid = candidate.json()["id"]
    scored = api.post(
        f"/api/v1/evaluation-candidates/{cid}/scores/",
        {
            "scores": [
                {"kind": "functions", "score": 5},
                {"kind": "exit", "score": 2, "reason": "No export"},
            ]
        },
        format="json",
    )
    assert scored.status_code == 200, scored.json()
    # (1×5 + 1×2) / 2 = 3.5, nine criteria unscored
    assert (scored.json()["weighted_score"], scored.json()["unscored_criteria"]) == ("3.5", 9)
    weighed = api.post(
        f"/api/v1/vendor-evaluations/{pk}/weights/", {"weights": {"functions": 3}}, format="json"
    )
    assert weighed.status_code == 200
    # (3×5 + 1×2) / 4 = 4.25 → 4.3
    assert weighed.json()["candidates"][0]["weighted_score"] == "4.3"
    # Compliance has no financial view: tco stays null.
    assert weighed.json()["candidates"][0]["tco"] is None


def test_bad_input_answers_400_with_the_field(compliance_officer):
    api = token_client(compliance_officer)
    response = api.post("/api/v1/vendors/", {"name": "X", "website": "nope"}, format="json")
    assert response.status_code == 400 and "website" in str(response.json())
    evaluation = services.vendor_evaluation_create(
        actor=compliance_officer, data={"title": "Chatbot"}
    )
    response = api.post(
        f"/api/v1/vendor-evaluations/{evaluation.pk}/weights/",
        {"weights": {"security": 101}},
        format="json",
    )
    assert response.status_code == 400 and "security" in str(response.json())
    response = api.post(
        f"/api/v1/vendor-evaluations/{evaluation.pk}/weights/",
        {"weights": {"speed": 3}},
        format="json",
    )
    assert response.status_code == 400 and "speed" in str(response.json())
    assert not Vendor.objects.exists()


def test_an_evaluation_of_another_teams_use_case_answers_404(alice, charlie, leader):
    initiative = InitiativeFactory(owner=alice)
    evaluation, _scribe, _papyrus = _evaluation(leader, initiative=initiative)
    assert (
        token_client(charlie).get(f"/api/v1/vendor-evaluations/{evaluation.pk}/").status_code == 404
    )
    assert token_client(charlie).get("/api/v1/vendor-evaluations/").json()["count"] == 0
    body = token_client(alice).get(f"/api/v1/vendor-evaluations/{evaluation.pk}/").json()
    assert body["candidates"][0]["tco"]["total"] == "72018.00"
    # Team leads read but do not write.
    response = token_client(alice).post(
        f"/api/v1/vendor-evaluations/{evaluation.pk}/decide/", {}, format="json"
    )
    assert response.status_code == 403


def test_deleting_a_vendor_whose_product_is_a_candidate_is_a_conflict(leader):
    scribe = _evaluation(leader)[1]
    response = token_client(leader).delete(f"/api/v1/vendors/{scribe.product.vendor_id}/")
    assert response.status_code == 409


def test_ai_systems_carry_their_vendor_record(compliance_officer):
    vendor = VendorFactory(name="Northwind")
    system = AISystemFactory(name="Invoice reader")
    api = token_client(compliance_officer)
    response = api.patch(
        f"/api/v1/ai-systems/{system.pk}/", {"vendor_record": vendor.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["vendor_record"] == vendor.pk
    assert AISystem.objects.get(pk=system.pk).vendor_record == vendor
    assert api.get("/api/v1/vendors/").json()["results"][0]["ai_system_count"] == 1


def test_the_evaluation_endpoints_make_a_fixed_number_of_queries(leader):
    evaluation, _scribe, _papyrus = _evaluation(leader)
    api = token_client(leader)
    urls = [
        "/api/v1/vendor-evaluations/",
        f"/api/v1/vendor-evaluations/{evaluation.pk}/",
        "/api/v1/vendors/",
    ]
    for url in urls:
        api.get(url)
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(url).status_code == 200
        small[url] = len(queries)
    for index in range(5):
        services.vendor_evaluation_create(actor=leader, data={"title": f"More {index}"})
        candidate = services.evaluation_candidate_add(
            actor=leader,
            evaluation=evaluation,
            product=services.vendor_product_create(
                actor=leader, vendor=VendorFactory(), data={"name": f"P{index}"}
            ),
        )
        services.candidate_scores_set(
            actor=leader, candidate=candidate, scores={"functions": (2, "")}
        )
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(url).status_code == 200
        assert len(queries) == small[url], url
    assert VendorEvaluation.objects.count() == 6
