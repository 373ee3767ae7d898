"""The vendor area as people use it: the comparison's figures, decisions, money kept from those
without a financial view, field errors, scope, history and exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from governance.choices import EvaluationStatus
from governance.models import (
    CandidateCost,
    EvaluationCandidate,
    EvaluationCriterion,
    VendorEvaluation,
)
from governance.services import vendors as services
from governance.services.vendors import EvaluationClosed
from tests.factories.accounts import UserFactory
from tests.factories.governance import AISystemFactory, VendorFactory, VendorProductFactory
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


def _evaluation(
    actor: Any, initiative: Any = None, title: str = "Reading supplier invoices", suffix: str = ""
):
    """Two candidates weighed on four criteria (the other seven weighted 0).

    Scribe: (3×4 + 2×5 + 2×3 + 1×2) / 8 = 30 / 8 = 3.75 → 3.8
    Papyrus: (3×5 + 2×3 + 2×4) / 7 = 29 / 7 = 4.14 → 4.1, cost unscored
    Scribe costs 15,000 once, 1,250.50 a month, 4,000 a year: 34,006 + 19,006 + 19,006 = 72,018.
    Papyrus costs 5,000 once and 2,000 a month: 29,000 + 24,000 + 24,000 = 77,000.
    """
    evaluation = services.vendor_evaluation_create(
        actor=actor,
        data={"title": title, "need": "Read 4,000 invoices a month", "initiative": initiative},
    )
    weights = dict.fromkeys([c.kind for c in evaluation.criteria.all()], 0)
    weights.update(functions=3, integration=2, security=2, cost=1)
    services.evaluation_weights_set(actor=actor, evaluation=evaluation, weights=weights)
    scribe = services.evaluation_candidate_add(
        actor=actor,
        evaluation=evaluation,
        product=VendorProductFactory(
            name="Scribe", vendor=VendorFactory(name=f"Northwind{suffix}")
        ),
        data={
            "data_residency": "eu",
            "trains_on_customer_data": False,
            "certifications": ["soc_2", "iso_27001"],
            "model_change_notice_days": 30,
        },
    )
    papyrus = services.evaluation_candidate_add(
        actor=actor,
        evaluation=evaluation,
        product=VendorProductFactory(name="Papyrus", vendor=VendorFactory(name=f"Contoso{suffix}")),
        data={"data_residency": "outside_eu", "trains_on_customer_data": True},
    )
    services.candidate_scores_set(
        actor=actor,
        candidate=scribe,
        scores={
            "functions": (4, "Reads tables"),
            "integration": (5, ""),
            "security": (3, ""),
            "cost": (2, ""),
        },
    )
    services.candidate_scores_set(
        actor=actor,
        candidate=papyrus,
        scores={"functions": (5, ""), "integration": (3, ""), "security": (4, "Pen test 2026")},
    )
    for candidate, lines in (
        (
            scribe,
            [
                ("integration", "one_time", "15000"),
                ("licence", "monthly", "1250.50"),
                ("training", "yearly", "4000"),
            ],
        ),
        (papyrus, [("integration", "one_time", "5000"), ("licence", "monthly", "2000")]),
    ):
        for category, recurrence, amount in lines:
            services.candidate_cost_create(
                actor=actor,
                candidate=candidate,
                data={"category": category, "recurrence": recurrence, "amount": Decimal(amount)},
            )
    return evaluation, scribe, papyrus


@pytest.fixture
def world(leader):
    return _evaluation(leader)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_new_evaluation_has_every_criterion_weighted_one(leader):
    evaluation = services.vendor_evaluation_create(actor=leader, data={"title": "Chatbot"})
    criteria = list(evaluation.criteria.order_by("id").values_list("kind", "weight"))
    assert len(criteria) == 11
    assert {weight for _kind, weight in criteria} == {1}
    assert criteria[0] == ("functions", 1) and criteria[-1] == ("exit", 1)


def test_the_comparison_shows_weighted_scores_ranks_and_tco(client, leader, world):
    evaluation, scribe, papyrus = world
    client.force_login(leader)
    response = client.get(reverse("governance:evaluation-detail", args=[evaluation.pk]))
    assert response.status_code == 200
    columns = {c.pk: c for c in response.context["comparison"].columns}
    assert columns[scribe.pk].weighted.score == Decimal("3.8")
    assert columns[papyrus.pk].weighted.score == Decimal("4.1")
    assert columns[papyrus.pk].weighted.unscored == 1
    assert (columns[papyrus.pk].rank, columns[scribe.pk].rank) == (1, 2)
    assert columns[scribe.pk].tco.years == (
        Decimal("34006.00"),
        Decimal("19006.00"),
        Decimal("19006.00"),
    )
    assert columns[papyrus.pk].tco.total == Decimal("77000.00")
    text = _text(response)
    for shown in ("3.8", "4.1", "€72,018.00", "€77,000.00", "€34,006.00", "1 criterion unscored"):
        assert shown in text
    assert "SOC 2 Type II" in text and "Outside the EU" in text


def test_a_candidate_without_cost_lines_has_no_cost_of_ownership_not_a_zero(client, leader, world):
    evaluation, scribe, papyrus = world
    CandidateCost.objects.filter(candidate=papyrus).delete()
    client.force_login(leader)
    response = client.get(reverse("governance:evaluation-detail", args=[evaluation.pk]))
    columns = {c.pk: c for c in response.context["comparison"].columns}
    assert columns[papyrus.pk].tco is None
    assert columns[scribe.pk].tco.total == Decimal("72018.00")
    assert "€0.00" not in _text(response)
    page = _text(
        client.get(reverse("governance:candidate-detail", args=[evaluation.pk, papyrus.pk]))
    )
    assert "No cost line yet." in page and "€0.00" not in page


def test_compliance_sees_scores_but_no_money(client, compliance_officer, world):
    evaluation, scribe, _papyrus = world
    client.force_login(compliance_officer)
    text = _text(client.get(reverse("governance:evaluation-detail", args=[evaluation.pk])))
    assert "4.1" in text
    assert "€" not in text and "Cost of ownership" not in text
    candidate = client.get(reverse("governance:candidate-detail", args=[evaluation.pk, scribe.pk]))
    assert "1,250.50" not in _text(candidate) and "Cost lines" not in _text(candidate)
    export = client.get(reverse("governance:evaluation-export") + "?format=csv")
    header = next(csv.reader(io.StringIO(export.content.decode())))
    assert "tco_total" not in header and "weighted_score" in header
    # Compliance keeps vendors but not cost lines: it has no financial view.
    url = reverse("governance:candidate-cost-create", args=[evaluation.pk, scribe.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.candidate_cost_create(
            actor=compliance_officer,
            candidate=scribe,
            data={"category": "licence", "recurrence": "monthly", "amount": 1},
        )


def test_finance_edits_cost_lines_but_not_scores(client, finance_user, world):
    evaluation, scribe, _papyrus = world
    client.force_login(finance_user)
    url = reverse("governance:candidate-cost-create", args=[evaluation.pk, scribe.pk])
    response = client.post(
        url, {"category": "support", "recurrence": "yearly", "amount": "1000.00"}
    )
    assert response.status_code == 302
    comparison = client.get(reverse("governance:evaluation-detail", args=[evaluation.pk])).context[
        "comparison"
    ]
    # 72,018 + 3 × 1,000
    assert next(c for c in comparison.columns if c.pk == scribe.pk).tco.total == Decimal("75018.00")
    scores = reverse("governance:candidate-scores", args=[evaluation.pk, scribe.pk])
    assert client.get(scores).status_code == 403


def test_a_negative_amount_or_a_bad_score_is_a_field_error(client, leader, world):
    evaluation, scribe, _papyrus = world
    client.force_login(leader)
    url = reverse("governance:candidate-cost-create", args=[evaluation.pk, scribe.pk])
    response = client.post(url, {"category": "licence", "recurrence": "monthly", "amount": "-5"})
    assert response.status_code == 400
    assert "amount" in response.context["form"].errors
    with pytest.raises(ValidationError) as caught:
        services.candidate_scores_set(actor=leader, candidate=scribe, scores={"security": (6, "")})
    assert caught.value.message_dict == {"security": ["Give a score from 1 to 5; 6 is not one."]}
    with pytest.raises(ValidationError) as caught:
        services.evaluation_weights_set(actor=leader, evaluation=evaluation, weights={"exit": 101})
    assert caught.value.message_dict == {"exit": ["Give a weight from 0 to 100; 101 is not one."]}


@pytest.mark.parametrize("initiative", ["²", "abc", "99999999999999999999", ""])
def test_a_strange_initiative_in_the_new_evaluation_link_is_ignored(client, leader, initiative):
    client.force_login(leader)
    url = reverse("governance:evaluation-create")
    response = client.get(url, {"initiative": initiative})
    assert response.status_code == 200
    assert "initiative" in response.context["form"].fields


def test_scores_are_set_and_cleared_from_the_page(client, leader, world):
    evaluation, scribe, _papyrus = world
    client.force_login(leader)
    url = reverse("governance:candidate-scores", args=[evaluation.pk, scribe.pk])
    form = client.get(url).context["form"]
    data = {name: (field.initial or "") for name, field in form.fields.items()}
    data["cost__score"] = ""  # cleared: (12 + 10 + 6) / 7 = 4.0
    data["security__reason"] = "ISO 27001 audit seen"
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("governance:candidate-detail", args=[evaluation.pk, scribe.pk]))
    assert detail.context["column"].weighted.score == Decimal("4.0")
    assert "ISO 27001 audit seen" in _text(detail)
    assert "Score on Cost (licences, operation, training): 2 deleted" in _text(detail)


def test_the_decision_needs_a_candidate_of_the_evaluation_and_a_rationale(client, leader, world):
    evaluation, scribe, _papyrus = world
    _other, other_candidate, _ = _evaluation(leader, title="Another use case", suffix=" 2")
    with pytest.raises(ValidationError) as caught:
        services.vendor_evaluation_decide(
            actor=leader, evaluation=evaluation, chosen=other_candidate, rationale=" "
        )
    assert caught.value.message_dict == {
        "chosen": ["Choose one of this evaluation's candidates."],
        "rationale": ["Write down why this candidate was chosen."],
    }
    client.force_login(leader)
    url = reverse("governance:evaluation-decide", args=[evaluation.pk])
    assert client.post(url, {"chosen": scribe.pk, "rationale": ""}).status_code == 400
    response = client.post(
        url, {"chosen": scribe.pk, "rationale": "EU residency outweighs 0.3 points"}
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.chosen, evaluation.decided_by) == (
        "decided",
        scribe,
        leader,
    )
    text = _text(client.get(reverse("governance:evaluation-detail", args=[evaluation.pk])))
    assert "Chosen: <strong>Northwind – Scribe</strong>" in text
    assert "EU residency outweighs 0.3 points" in text


def test_a_decided_evaluation_is_frozen_until_reopened(client, leader, world):
    evaluation, scribe, papyrus = world
    services.vendor_evaluation_decide(
        actor=leader, evaluation=evaluation, chosen=papyrus, rationale="Best score"
    )
    with pytest.raises(EvaluationClosed):
        services.candidate_scores_set(actor=leader, candidate=scribe, scores={"exit": (5, "")})
    with pytest.raises(EvaluationClosed):
        services.vendor_evaluation_decide(
            actor=leader, evaluation=evaluation, chosen=scribe, rationale="Changed mind"
        )
    client.force_login(leader)
    url = reverse("governance:candidate-scores", args=[evaluation.pk, scribe.pk])
    response = client.post(url, {"exit__score": "5"})
    assert response.status_code == 400
    assert "reopen it before changing it" in _text(response)
    assert (
        client.post(reverse("governance:evaluation-reopen", args=[evaluation.pk])).status_code
        == 302
    )
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.chosen, evaluation.rationale) == ("open", None, "")
    # The earlier decision stays in the history.
    history = evaluation.history.order_by("history_date").values_list("status", flat=True)
    assert list(history)[-2:] == ["decided", "open"]
    services.vendor_evaluation_cancel(actor=leader, evaluation=evaluation, rationale="Budget cut")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.CANCELLED


def test_a_product_that_is_a_candidate_cannot_be_removed(client, leader, world):
    scribe = world[1]
    client.force_login(leader)
    vendor = scribe.product.vendor
    response = client.post(reverse("governance:vendor-delete", args=[vendor.pk]), follow=True)
    assert "It is a candidate in an evaluation and cannot be removed." in _text(response)
    assert vendor.__class__.objects.filter(pk=vendor.pk).exists()
    with pytest.raises(ValidationError) as caught:
        services.evaluation_candidate_add(
            actor=leader, evaluation=scribe.evaluation, product=scribe.product
        )
    assert caught.value.message_dict == {"product": ["This product is a candidate already."]}


def test_team_leads_read_but_do_not_change_and_see_only_their_use_cases(
    client, alice, charlie, leader
):
    initiative = InitiativeFactory(owner=alice, title="Invoice reading")
    evaluation, _scribe, _papyrus = _evaluation(leader, initiative=initiative)
    open_one = services.vendor_evaluation_create(actor=leader, data={"title": "Without a use case"})
    client.force_login(charlie)
    assert (
        client.get(reverse("governance:evaluation-detail", args=[evaluation.pk])).status_code == 404
    )
    listed = [e.pk for e in client.get(reverse("governance:evaluation-list")).context["page_obj"]]
    assert listed == [open_one.pk]
    client.force_login(alice)
    response = client.get(reverse("governance:evaluation-detail", args=[evaluation.pk]))
    assert response.status_code == 200 and "€72,018.00" in _text(response)
    assert (
        client.get(reverse("governance:evaluation-weights", args=[evaluation.pk])).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.vendor_create(actor=alice, data={"name": "Fabrikam"})
    # The use case's page shows its evaluation.
    page = _text(client.get(reverse("initiatives:initiative-detail", args=[initiative.pk])))
    assert "Vendor evaluations" in page and "Reading supplier invoices" in page


def test_search_and_filters_find_vendors_and_evaluations(client, leader, world):
    evaluation, scribe, _papyrus = world
    VendorFactory(name="Fabrikam", country="Sweden")
    client.force_login(leader)
    found = client.get(reverse("governance:vendor-list") + "?q=scribe").context["page_obj"]
    assert [v.name for v in found] == ["Northwind"]
    found = client.get(reverse("governance:vendor-list") + "?country=sweden").context["page_obj"]
    assert [v.name for v in found] == ["Fabrikam"]
    other = services.vendor_evaluation_create(actor=leader, data={"title": "Chatbot"})
    url = reverse("governance:evaluation-list")
    assert [e.pk for e in client.get(url + "?q=papyrus").context["page_obj"]] == [evaluation.pk]
    assert [
        e.pk for e in client.get(url + f"?vendor={scribe.product.vendor_id}").context["page_obj"]
    ] == [evaluation.pk]
    assert [e.pk for e in client.get(url + "?status=open&q=chatbot").context["page_obj"]] == [
        other.pk
    ]


def test_the_exports_hold_the_figures_of_the_comparison(client, finance_user, world):
    client.force_login(finance_user)
    response = client.get(reverse("governance:evaluation-export") + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_product = {row["product"]: row for row in rows}
    assert by_product["Scribe"]["weighted_score"] == "3.8"
    assert by_product["Scribe"]["rank"] == "2"
    assert by_product["Scribe"]["tco_year_1"] == "34006.00"
    assert by_product["Scribe"]["tco_total"] == "72018.00"
    assert by_product["Papyrus"]["unscored_criteria"] == "1"
    assert by_product["Scribe"]["certifications"] == "iso_27001; soc_2"
    vendors = client.get(reverse("governance:vendor-export") + "?format=xlsx")
    assert vendors.status_code == 200 and vendors.content[:2] == b"PK"
    vendors = client.get(reverse("governance:vendor-export") + "?format=csv&q=north")
    assert [r["name"] for r in csv.DictReader(io.StringIO(vendors.content.decode()))] == [
        "Northwind"
    ]
    assert client.get(reverse("governance:vendor-export") + "?format=pdf").status_code == 400


def test_an_ai_system_links_to_its_vendor_record(client, compliance_officer, leader):
    vendor = VendorFactory(name="Northwind")
    system = AISystemFactory(name="Invoice reader", vendor="Northwind GmbH")
    client.force_login(compliance_officer)
    form = client.get(reverse("governance:system-update", args=[system.pk])).context["form"]
    assert "vendor_record" in form.fields
    assert [v.name for v in form.fields["vendor_record"].queryset] == ["Northwind"]
    services_ = __import__("governance.services", fromlist=["ai_system_update"])
    services_.ai_system_update(
        actor=compliance_officer, system=system, data={"vendor_record": vendor}
    )
    text = _text(client.get(reverse("governance:system-detail", args=[system.pk])))
    assert f'href="{reverse("governance:vendor-detail", args=[vendor.pk])}">Northwind</a>' in text
    assert "Northwind GmbH" in text
    client.force_login(leader)
    page = client.get(reverse("governance:vendor-detail", args=[vendor.pk]))
    assert [s.name for s in page.context["ai_systems"]] == ["Invoice reader"]
    assert client.get(reverse("governance:vendor-list")).context["page_obj"][0].ai_system_count == 1


def test_vendor_history_records_who_changed_what(client, leader, compliance_officer):
    vendor = services.vendor_create(actor=leader, data={"name": "Northwind", "country": "Germany"})
    services.vendor_update(actor=compliance_officer, vendor=vendor, data={"country": "Austria"})
    services.vendor_product_create(actor=compliance_officer, vendor=vendor, data={"name": "Scribe"})
    client.force_login(leader)
    history = client.get(reverse("governance:vendor-detail", args=[vendor.pk])).context["history"]
    changed = next(e for e in history if e.changes)
    assert changed.who == compliance_officer
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("country of establishment", "Germany", "Austria")
    ]
    assert any(e.subject == "Product Scribe" and e.action == "created" for e in history)


def test_vendor_pages_save_through_the_forms(client, compliance_officer):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("governance:vendor-create"), {"name": "Fabrikam", "website": "not a url"}
    )
    assert response.status_code == 400 and "website" in response.context["form"].errors
    response = client.post(
        reverse("governance:vendor-create"), {"name": "Fabrikam", "country": "Sweden"}
    )
    vendor_pk = int(response.url.rstrip("/").split("/")[-1])
    response = client.post(
        reverse("governance:vendor-product-create", args=[vendor_pk]), {"name": "Lens"}
    )
    assert response.status_code == 302
    response = client.post(reverse("governance:evaluation-create"), {"title": "Visual inspection"})
    evaluation = VendorEvaluation.objects.get(title="Visual inspection")
    assert response.url == reverse("governance:evaluation-detail", args=[evaluation.pk])
    product = evaluation.candidates.model.product.field.related_model.objects.get(name="Lens")
    response = client.post(
        reverse("governance:candidate-create", args=[evaluation.pk]),
        {
            "product": product.pk,
            "data_residency": "eea",
            "certifications": ["iso_42001"],
            "incident_notice_hours": "24",
        },
    )
    candidate = EvaluationCandidate.objects.get(evaluation=evaluation)
    assert response.url == reverse(
        "governance:candidate-detail", args=[evaluation.pk, candidate.pk]
    )
    assert (
        candidate.data_residency,
        candidate.certifications,
        candidate.incident_notice_hours,
    ) == ("eea", ["iso_42001"], 24)
    weights = {c.kind: 1 for c in EvaluationCriterion.objects.filter(evaluation=evaluation)}
    weights["security"] = 5
    assert (
        client.post(
            reverse("governance:evaluation-weights", args=[evaluation.pk]), weights
        ).status_code
        == 302
    )
    assert EvaluationCriterion.objects.get(evaluation=evaluation, kind="security").weight == 5


def _populate(leader: Any, n: int) -> VendorEvaluation:
    evaluation = VendorEvaluation.objects.get(title="Reading supplier invoices")
    for _index in range(n):
        candidate = services.evaluation_candidate_add(
            actor=leader, evaluation=evaluation, product=VendorProductFactory()
        )
        services.candidate_scores_set(
            actor=leader, candidate=candidate, scores={"functions": (3, ""), "security": (4, "")}
        )
        CandidateCost.objects.create(
            candidate=candidate, category="licence", recurrence="monthly", amount=100
        )
        AISystemFactory(vendor_record=candidate.product.vendor)
        services.vendor_evaluation_create(actor=leader, data={"title": f"More {_index}"})
    return evaluation


@pytest.mark.parametrize(
    "url_name",
    [
        "evaluation-detail",
        "evaluation-list",
        "vendor-list",
        "evaluation-export",
        "candidate-detail",
    ],
)
def test_vendor_pages_make_a_fixed_number_of_queries(client, leader, world, url_name):
    evaluation, scribe, _papyrus = world
    args = {
        "evaluation-detail": [evaluation.pk],
        "candidate-detail": [evaluation.pk, scribe.pk],
    }.get(url_name, [])
    url = reverse(f"governance:{url_name}", args=args) + (
        "?format=csv" if "export" in url_name else ""
    )
    client.force_login(leader)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _populate(leader, 6)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large), url_name


def test_the_register_menu_offers_vendors_after_the_estate(client, alice):
    client.force_login(alice)
    labels = [str(link.label) for link in client.get(reverse("home")).context["nav_links"]]
    assert labels[labels.index("IT estate") + 1] == "Vendors"


def test_it_department_keeps_vendors_without_seeing_money(client, world):
    evaluation, _scribe, _papyrus = world
    it = UserFactory(username="ivan", roles=[Role.IT])
    client.force_login(it)
    assert (
        client.get(reverse("governance:evaluation-weights", args=[evaluation.pk])).status_code
        == 200
    )
    assert "€" not in _text(
        client.get(reverse("governance:evaluation-detail", args=[evaluation.pk]))
    )
