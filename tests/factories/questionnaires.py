"""A vendor evaluation with one candidate, as the vendor questionnaire's tests need it."""

from __future__ import annotations

from typing import Any

from governance.models import EvaluationCandidate, Vendor, VendorEvaluation, VendorProduct


def candidate_make(
    *,
    owner: Any = None,
    initiative: Any = None,
    title: str = "Chat assistant for the service desk",
    vendor: str = "Acme AI",
    product: str = "Acme Copilot",
) -> EvaluationCandidate:
    """An open evaluation (owned by `owner`, for `initiative`) with one product as candidate."""
    evaluation = VendorEvaluation.objects.create(title=title, owner=owner, initiative=initiative)
    maker, _created = Vendor.objects.get_or_create(name=vendor)
    item, _created = VendorProduct.objects.get_or_create(vendor=maker, name=product)
    return EvaluationCandidate.objects.create(evaluation=evaluation, product=item)
