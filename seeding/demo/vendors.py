"""Demo vendors: three vendors of document and chat AI with their products, the decided
evaluation behind the invoice reader (three candidates scored, with costs and a rationale), an
open evaluation for the order-status chatbot, and the register entry linked to its vendor.

Deterministic and without the random generator, so the figures seeded before stay as they
were; safe to call twice (the second call does nothing). Writes go through the services, as
leadership (who keeps vendors and sees their costs), so the history is real. Vendor and product
names are not translated; the other texts are English here, marked with `_` (gettext_noop), and
written in the active language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from accounts.models import User
from core.roles import Cap, has_capability
from governance.models import (
    AISystem,
    EvaluationCandidate,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)
from governance.services import vendors as services
from initiatives.models import Initiative

# name, country, website, owner, products (name, description)
VENDORS: tuple[tuple[str, str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("Rossum", "Czech Republic", "https://rossum.ai", "tara",
     (("Rossum Aurora", _("Reads invoices and other business documents and hands the fields to the ERP system.")),)),
    ("Nordlicht Document AI", "Germany", "https://nordlicht.example", "ivan",
     (("Nordlicht Capture", _("Document capture with a model trained for German and Dutch invoices.")),
      ("Nordlicht Assist", _("Customer service assistant that answers from the order system.")))),
    ("Papermind", "United States", "https://papermind.example", "tom",
     (("Papermind Extract", _("Low-cost extraction service, billed per page.")),
      ("Papermind Converse", _("Chat assistant for websites with ready-made connectors.")))),
)  # fmt: skip

INVOICES = "Invoice data extraction"
CHATBOT = "Chatbot for order status questions"
# (use case title in English, evaluation title, need)
EVALUATIONS = {
    INVOICES: (
        _("Invoice reading for accounts payable"),
        _("Read 4,000 supplier invoices a month into the ERP booking, in German, Dutch and English."),
    ),
    CHATBOT: (
        _("Assistant for order status questions"),
        _("Answer where an order is, around the clock, from the order system."),
    ),
}  # fmt: skip
RATIONALE = _(
    "Rossum Aurora scored highest and read the pilot's invoices best; it connects to the ERP "
    "system without custom work, and its three-year cost is close to the others'. Its "
    "certifications are confirmed through the questionnaire before the contract is signed."
)
# Criteria order of the checklist: functions, integration, scalability, security, cost, support,
# data residency, no training on customer data, certifications, change notice, exit.
INVOICE_WEIGHTS = {
    "functions": 3, "integration": 3, "scalability": 1, "security": 2, "cost": 2, "support": 1,
    "data_residency": 2, "customer_data_training": 1, "certifications": 1, "change_notice": 1,
    "exit": 1,
}  # fmt: skip
# product -> (scores in checklist order, facts, cost lines (category, recurrence, amount))
INVOICE_CANDIDATES: dict[str, tuple[tuple[int, ...], dict[str, Any], tuple[tuple[str, str, str], ...]]] = {
    # (15+15+4+8+6+4+10+3+3+3+4) / 18 = 4.2; TCO 40,800 + 19,800 + 19,800 = 80,400
    "Rossum Aurora": (
        (5, 5, 4, 4, 3, 4, 5, 3, 3, 3, 4),
        {"data_residency": "eu", "exit_terms": _("Documents and extracted data exported as JSON within 30 days.")},
        (("integration", "one_time", "18000"), ("training", "one_time", "3000"),
         ("licence", "monthly", "1450"), ("support", "yearly", "2400")),
    ),
    # (12+9+4+8+8+4+10+5+5+4+4) / 18 = 4.1; TCO 43,400 + 18,400 + 18,400 = 80,200
    "Nordlicht Capture": (
        (4, 3, 4, 4, 4, 4, 5, 5, 5, 4, 4),
        {"data_residency": "eu", "trains_on_customer_data": False,
         "certifications": ["iso_27001", "iso_42001"], "model_change_notice_days": 60,
         "incident_notice_hours": 24, "exit_terms": _("Full export on request; the contract ends with three months' notice.")},
        (("integration", "one_time", "25000"), ("licence", "monthly", "1200"), ("support", "yearly", "4000")),
    ),
    # (9+12+3+6+10+3+4+2+2+2+3) / 18 = 3.1; TCO 30,800 + 22,800 + 22,800 = 76,400
    "Papermind Extract": (
        (3, 4, 3, 3, 5, 3, 2, 2, 2, 2, 3),
        {"data_residency": "outside_eu", "trains_on_customer_data": True,
         "certifications": ["soc_2"], "model_change_notice_days": 7, "incident_notice_hours": 72},
        (("integration", "one_time", "8000"), ("licence", "monthly", "1900")),
    ),
}  # fmt: skip
# The open evaluation: weights 1, candidates partly scored.
CHATBOT_CANDIDATES: dict[str, tuple[dict[str, int], tuple[tuple[str, str, str], ...]]] = {
    "Nordlicht Assist": (
        {"functions": 4, "integration": 4, "security": 4, "data_residency": 5, "cost": 3, "exit": 4},
        (("licence", "monthly", "900"), ("integration", "one_time", "12000")),
    ),
    "Papermind Converse": ({"functions": 5, "integration": 3, "data_residency": 2}, ()),
}  # fmt: skip


def _leader() -> User:
    keepers = [
        u
        for u in User.objects.order_by("pk")
        if has_capability(u, Cap.EDIT_VENDORS) and has_capability(u, Cap.VIEW_FINANCIALS)
    ]
    if not keepers:
        raise RuntimeError("The demo vendors need a leader; seed the people first.")
    return ([u for u in keepers if u.username == "lena"] or keepers)[0]


def _candidate(
    actor: User,
    evaluation: VendorEvaluation,
    product: VendorProduct,
    scores: dict[str, int],
    facts: dict[str, Any],
    costs: tuple[tuple[str, str, str], ...],
) -> EvaluationCandidate:
    candidate = services.evaluation_candidate_add(
        actor=actor,
        evaluation=evaluation,
        product=product,
        data={k: gettext(v) if k == "exit_terms" else v for k, v in facts.items()},
    )
    services.candidate_scores_set(
        actor=actor, candidate=candidate, scores={k: (v, "") for k, v in scores.items()}
    )
    for category, recurrence, amount in costs:
        services.candidate_cost_create(
            actor=actor,
            candidate=candidate,
            data={"category": category, "recurrence": recurrence, "amount": Decimal(amount)},
        )
    return candidate


@transaction.atomic
def seed_vendors() -> None:
    """Add the vendors, the two evaluations and the vendor link of the invoice reader; does
    nothing when the vendors are there already."""
    if Vendor.objects.filter(name=VENDORS[0][0]).exists():
        return
    actor = _leader()
    people = {u.username: u for u in User.objects.all()}
    products = {}
    for name, country, website, owner, items in VENDORS:
        vendor = services.vendor_create(
            actor=actor,
            data={"name": name, "country": country, "website": website, "owner": people.get(owner)},
        )
        for product_name, description in items:
            products[product_name] = services.vendor_product_create(
                actor=actor,
                vendor=vendor,
                data={"name": product_name, "description": gettext(description)},
            )
    initiatives = {i.title: i for i in Initiative.objects.order_by("pk")}
    evaluations = {}
    for key, (title, need) in EVALUATIONS.items():
        evaluations[key] = services.vendor_evaluation_create(
            actor=actor,
            data={
                "title": gettext(title),
                "need": gettext(need),
                "initiative": initiatives.get(gettext(key)),
                "owner": people.get("tara" if key == INVOICES else "tom"),
            },
        )

    invoices = evaluations[INVOICES]
    services.evaluation_weights_set(actor=actor, evaluation=invoices, weights=INVOICE_WEIGHTS)
    kinds = list(INVOICE_WEIGHTS)
    chosen = None
    for product_name, (scores, facts, costs) in INVOICE_CANDIDATES.items():
        candidate = _candidate(
            actor,
            invoices,
            products[product_name],
            dict(zip(kinds, scores, strict=True)),
            facts,
            costs,
        )
        chosen = chosen or candidate
    services.vendor_evaluation_decide(
        actor=actor, evaluation=invoices, chosen=chosen, rationale=gettext(RATIONALE)
    )

    for product_name, (chat_scores, chat_costs) in CHATBOT_CANDIDATES.items():
        _candidate(actor, evaluations[CHATBOT], products[product_name], chat_scores, {}, chat_costs)

    # The register entry names Rossum already; the link adds no new fact to what was approved,
    # so it is set without the service that would withdraw the approval.
    AISystem.objects.filter(name=gettext(INVOICES), vendor_record__isnull=True).update(
        vendor_record=products["Rossum Aurora"].vendor
    )
