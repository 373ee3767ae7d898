"""The demo vendors: three vendors with products, the decided evaluation behind the invoice
reader with its figures, an open evaluation for the chatbot, and the register entry linked to
its vendor; in another language the texts change and the figures stay."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from governance import vendor_selectors
from governance.models import AISystem, EvaluationCandidate, Vendor, VendorEvaluation
from seeding.demo import seed_demo_organisation
from seeding.demo.vendors import seed_vendors

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    seed_demo_organisation()


def test_three_vendors_two_evaluations_seeded_once(demo) -> None:
    seed_vendors()
    assert sorted(Vendor.objects.values_list("name", flat=True)) == [
        "Nordlicht Document AI",
        "Papermind",
        "Rossum",
    ]
    assert VendorEvaluation.objects.count() == 2
    assert EvaluationCandidate.objects.count() == 5


def test_the_decided_evaluation_reads_as_worked_out_by_hand(demo, client) -> None:
    evaluation = VendorEvaluation.objects.get(status="decided")
    assert evaluation.initiative.title == "Invoice data extraction"
    assert evaluation.chosen.product.name == "Rossum Aurora"
    assert evaluation.rationale.startswith("Rossum Aurora scored highest")
    lena = User.objects.get(username="lena")
    comparison = vendor_selectors.evaluation_comparison(evaluation=evaluation, user=lena)
    figures = {
        c.candidate.product.name: (c.weighted.score, c.rank, c.tco.total)
        for c in comparison.columns
    }
    assert figures == {
        "Rossum Aurora": (Decimal("4.2"), 1, Decimal("80400.00")),
        "Nordlicht Capture": (Decimal("4.1"), 2, Decimal("80200.00")),
        "Papermind Extract": (Decimal("3.1"), 3, Decimal("76400.00")),
    }
    client.force_login(lena)
    page = client.get(reverse("governance:evaluation-detail", args=[evaluation.pk]))
    text = page.content.decode()
    assert "€80,400.00" in text and "4.2" in text
    open_one = VendorEvaluation.objects.get(status="open")
    assert open_one.initiative.title == "Chatbot for order status questions"
    assert open_one.candidates.count() == 2


def test_the_invoice_reader_links_to_its_vendor_and_keeps_its_approval(demo) -> None:
    system = AISystem.objects.get(name="Invoice data extraction")
    assert system.vendor_record.name == "Rossum"
    assert system.vendor == "Rossum"


def test_in_german_the_texts_change_and_the_figures_stay() -> None:
    with translation.override("de"):
        seed_demo_organisation()
    evaluation = VendorEvaluation.objects.get(status="decided")
    assert evaluation.title == "Rechnungserkennung für die Kreditorenbuchhaltung"
    assert evaluation.initiative.title == "Datenextraktion aus Rechnungen"
    assert evaluation.rationale.startswith("Rossum Aurora erreichte die höchste Bewertung")
    lena = User.objects.get(username="lena")
    comparison = vendor_selectors.evaluation_comparison(evaluation=evaluation, user=lena)
    assert [c.weighted.score for c in comparison.columns] == [
        Decimal("4.2"),
        Decimal("4.1"),
        Decimal("3.1"),
    ]
    assert AISystem.objects.get(name="Datenextraktion aus Rechnungen").vendor_record.name == (
        "Rossum"
    )
