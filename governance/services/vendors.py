"""Writes of the vendor area: vendors, their products, evaluations with criteria, candidates,
scores, cost lines, and the decision.

An evaluation is changed only while it is open: once decided (or cancelled) its criteria,
candidates, scores and costs stay as the decision saw them, until someone reopens it. Every
write records who made it in the history of the rows it touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import StateConflict, require
from core.history import as_actor
from governance import rules
from governance.choices import Certification, EvaluationCriterionKind, EvaluationStatus
from governance.domain import vendors as vendor_domain
from governance.models import (
    CandidateCost,
    CandidateScore,
    EvaluationCandidate,
    EvaluationCriterion,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)

VENDOR_FIELDS = ("name", "website", "country", "contact_name", "contact_email", "notes", "owner")
PRODUCT_FIELDS = ("name", "description")
EVALUATION_FIELDS = ("title", "need", "initiative", "owner")
# What the vendor tells about a candidate; the questionnaire fills the same fields.
CANDIDATE_FACT_FIELDS = (
    "data_residency",
    "retention",
    "trains_on_customer_data",
    "certifications",
    "model_change_notice_days",
    "incident_notice_hours",
    "exit_terms",
    "support_terms",
    "notes",
)
COST_FIELDS = ("category", "recurrence", "amount", "description")


class EvaluationClosed(StateConflict):
    """The evaluation is decided or cancelled; reopen it before changing it (409)."""


def _require_editor(actor: Any) -> None:
    require(rules.can_edit_vendors(actor), str(rules.VENDOR_EDITORS_ONLY))


def _require_open(evaluation: VendorEvaluation) -> None:
    if evaluation.status != EvaluationStatus.OPEN:
        raise EvaluationClosed(
            _("The evaluation is %(status)s; reopen it before changing it.")
            % {"status": evaluation.get_status_display().lower()}
        )


def _assign(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _unique_product_name(product: VendorProduct) -> None:
    taken = VendorProduct.objects.filter(vendor_id=product.vendor_id, name__iexact=product.name)
    if taken.exclude(pk=product.pk).exists():
        raise ValidationError({"name": [_("This vendor has a product of that name already.")]})


def _save(obj: Any, actor: Any, **clean: Any) -> Any:
    obj.full_clean(**clean)
    as_actor(obj, actor).save()
    return obj


# --- Vendors and products ----------------------------------------------------------------------


@transaction.atomic
def vendor_create(*, actor: Any, data: Mapping[str, Any]) -> Vendor:
    """Add a vendor."""
    _require_editor(actor)
    vendor = Vendor()
    _assign(vendor, data, VENDOR_FIELDS)
    return _save(vendor, actor)


@transaction.atomic
def vendor_update(*, actor: Any, vendor: Vendor, data: Mapping[str, Any]) -> Vendor:
    """Change a vendor's details."""
    _require_editor(actor)
    locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
    _assign(locked, data, VENDOR_FIELDS)
    return _save(locked, actor)


@transaction.atomic
def vendor_delete(*, actor: Any, vendor: Vendor) -> None:
    """Remove a vendor entered by mistake; refused (409) while a product is a candidate.

    Its AI systems keep the vendor's name in their free-text field and lose only the link.
    """
    _require_editor(actor)
    as_actor(vendor, actor).delete()


@transaction.atomic
def vendor_product_create(*, actor: Any, vendor: Vendor, data: Mapping[str, Any]) -> VendorProduct:
    """Add a product or service to a vendor."""
    _require_editor(actor)
    product = VendorProduct(vendor=vendor)
    _assign(product, data, PRODUCT_FIELDS)
    _unique_product_name(product)
    return _save(product, actor)


@transaction.atomic
def vendor_product_update(
    *, actor: Any, product: VendorProduct, data: Mapping[str, Any]
) -> VendorProduct:
    """Change a product's name or description."""
    _require_editor(actor)
    locked = VendorProduct.objects.select_for_update().get(pk=product.pk)
    _assign(locked, data, PRODUCT_FIELDS)
    _unique_product_name(locked)
    return _save(locked, actor)


@transaction.atomic
def vendor_product_delete(*, actor: Any, product: VendorProduct) -> None:
    """Remove a product; refused (409) while it is a candidate of an evaluation."""
    _require_editor(actor)
    as_actor(product, actor).delete()


# --- Evaluations -------------------------------------------------------------------------------


@transaction.atomic
def vendor_evaluation_create(*, actor: Any, data: Mapping[str, Any]) -> VendorEvaluation:
    """Start an evaluation for a use case with every criterion of the checklist, weight 1."""
    _require_editor(actor)
    evaluation = VendorEvaluation(status=EvaluationStatus.OPEN)
    _assign(evaluation, data, EVALUATION_FIELDS)
    _save(evaluation, actor, exclude=["chosen"])
    for kind in EvaluationCriterionKind.values:
        as_actor(EvaluationCriterion(evaluation=evaluation, kind=kind, weight=1), actor).save()
    return evaluation


@transaction.atomic
def vendor_evaluation_update(
    *, actor: Any, evaluation: VendorEvaluation, data: Mapping[str, Any]
) -> VendorEvaluation:
    """Change the title, the need, the use case or the owner (also after the decision)."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    _assign(locked, data, EVALUATION_FIELDS)
    return _save(locked, actor)


@transaction.atomic
def vendor_evaluation_delete(*, actor: Any, evaluation: VendorEvaluation) -> None:
    """Remove an evaluation with its criteria, candidates, scores and costs."""
    _require_editor(actor)
    as_actor(evaluation, actor).delete()


def _weight(kind: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except (TypeError, ValueError):
            raise ValidationError(
                {kind: [_("Give a whole number from 0 to %(max)s.") % {"max": 100}]}
            ) from None
    if not 0 <= value <= vendor_domain.MAX_WEIGHT:
        raise ValidationError(
            {
                kind: [
                    _("Give a weight from 0 to %(max)s; %(value)s is not one.")
                    % {"max": vendor_domain.MAX_WEIGHT, "value": value}
                ]
            }
        )
    return value


@transaction.atomic
def evaluation_weights_set(
    *, actor: Any, evaluation: VendorEvaluation, weights: Mapping[str, Any]
) -> VendorEvaluation:
    """Set the weights of the criteria named (by kind); 0 leaves a criterion out."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_open(locked)
    criteria = {c.kind: c for c in locked.criteria.all()}
    unknown = sorted(set(weights) - set(criteria))
    if unknown:
        raise ValidationError(
            {name: [_("This evaluation has no such criterion.")] for name in unknown}
        )
    cleaned = {kind: _weight(kind, value) for kind, value in weights.items()}
    for kind, weight in cleaned.items():
        criterion = criteria[kind]
        if criterion.weight != weight:
            criterion.weight = weight
            as_actor(criterion, actor).save()
    return locked


def _candidate_facts(candidate: EvaluationCandidate, data: Mapping[str, Any]) -> None:
    _assign(candidate, data, CANDIDATE_FACT_FIELDS)
    codes = candidate.certifications or []
    if not isinstance(codes, list | tuple) or not all(isinstance(c, str) for c in codes):
        raise ValidationError({"certifications": [_("Give the certifications as a list.")]})
    unknown = [code for code in codes if code not in Certification.values]
    if unknown:
        raise ValidationError(
            {
                "certifications": [
                    _("Unknown certification: %(codes)s.") % {"codes": ", ".join(unknown)}
                ]
            }
        )
    # In the order of the list of certifications, each once.
    candidate.certifications = [code for code in Certification.values if code in codes]


@transaction.atomic
def evaluation_candidate_add(
    *,
    actor: Any,
    evaluation: VendorEvaluation,
    product: VendorProduct,
    data: Mapping[str, Any] | None = None,
) -> EvaluationCandidate:
    """Add a product as a candidate, with what the vendor said about it so far."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_open(locked)
    if locked.candidates.filter(product=product).exists():
        raise ValidationError({"product": [_("This product is a candidate already.")]})
    candidate = EvaluationCandidate(evaluation=locked, product=product)
    _candidate_facts(candidate, data or {})
    return _save(candidate, actor)


@transaction.atomic
def evaluation_candidate_update(
    *, actor: Any, candidate: EvaluationCandidate, data: Mapping[str, Any]
) -> EvaluationCandidate:
    """Change what is known of a candidate: residency, training on data, notices, exit."""
    _require_editor(actor)
    locked = EvaluationCandidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(VendorEvaluation.objects.get(pk=locked.evaluation_id))
    _candidate_facts(locked, data)
    return _save(locked, actor)


@transaction.atomic
def evaluation_candidate_remove(*, actor: Any, candidate: EvaluationCandidate) -> None:
    """Take a candidate out of an open evaluation, with its scores and cost lines."""
    _require_editor(actor)
    _require_open(VendorEvaluation.objects.select_for_update().get(pk=candidate.evaluation_id))
    as_actor(candidate, actor).delete()


def _score(criterion: EvaluationCriterion, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        score = int(str(value))
    except (TypeError, ValueError):
        score = 0
    if isinstance(value, bool) or not (
        vendor_domain.LOWEST_SCORE <= score <= vendor_domain.HIGHEST_SCORE
    ):
        raise ValidationError(
            {
                criterion.kind: [
                    _("Give a score from 1 to 5; %(value)s is not one.") % {"value": value}
                ]
            }
        )
    return score


@transaction.atomic
def candidate_scores_set(
    *, actor: Any, candidate: EvaluationCandidate, scores: Mapping[str, tuple[Any, str]]
) -> EvaluationCandidate:
    """Score a candidate on the criteria named by kind: (score 1–5 or None to clear, reason)."""
    _require_editor(actor)
    locked = EvaluationCandidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(VendorEvaluation.objects.get(pk=locked.evaluation_id))
    criteria = {
        c.kind: c for c in EvaluationCriterion.objects.filter(evaluation_id=locked.evaluation_id)
    }
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        raise ValidationError(
            {name: [_("This evaluation has no such criterion.")] for name in unknown}
        )
    cleaned = {
        kind: (_score(criteria[kind], value), reason or "")
        for kind, (value, reason) in scores.items()
    }
    existing = {s.criterion_id: s for s in locked.scores.all()}
    for kind, (score, reason) in cleaned.items():
        criterion = criteria[kind]
        current = existing.get(criterion.pk)
        if score is None:
            if current is not None:
                as_actor(current, actor).delete()
            continue
        if current is None:
            current = CandidateScore(candidate=locked, criterion=criterion, score=score)
        elif (current.score, current.reason) == (score, reason):
            continue
        current.score, current.reason = score, reason
        _save(current, actor)
    return locked


# --- Cost lines --------------------------------------------------------------------------------


def _require_cost_editor(actor: Any) -> None:
    require(rules.can_edit_vendor_costs(actor), str(rules.COST_EDITORS_ONLY))


@transaction.atomic
def candidate_cost_create(
    *, actor: Any, candidate: EvaluationCandidate, data: Mapping[str, Any]
) -> CandidateCost:
    """Add a cost line to a candidate of an open evaluation."""
    _require_cost_editor(actor)
    _require_open(VendorEvaluation.objects.select_for_update().get(pk=candidate.evaluation_id))
    cost = CandidateCost(candidate=candidate)
    _assign(cost, data, COST_FIELDS)
    return _save(cost, actor)


@transaction.atomic
def candidate_cost_update(
    *, actor: Any, cost: CandidateCost, data: Mapping[str, Any]
) -> CandidateCost:
    """Change a cost line."""
    _require_cost_editor(actor)
    locked = CandidateCost.objects.select_for_update().select_related("candidate").get(pk=cost.pk)
    _require_open(VendorEvaluation.objects.get(pk=locked.candidate.evaluation_id))
    _assign(locked, data, COST_FIELDS)
    return _save(locked, actor)


@transaction.atomic
def candidate_cost_delete(*, actor: Any, cost: CandidateCost) -> None:
    """Remove a cost line."""
    _require_cost_editor(actor)
    _require_open(VendorEvaluation.objects.get(pk=cost.candidate.evaluation_id))
    as_actor(cost, actor).delete()


# --- The decision ------------------------------------------------------------------------------


@transaction.atomic
def vendor_evaluation_decide(
    *,
    actor: Any,
    evaluation: VendorEvaluation,
    chosen: EvaluationCandidate | None,
    rationale: str,
) -> VendorEvaluation:
    """Choose one candidate of the evaluation, with the rationale; the evaluation is decided."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    problems = vendor_domain.decision_problems(
        is_open=locked.status == EvaluationStatus.OPEN,
        chosen=chosen.pk if chosen is not None else None,
        candidates=locked.candidates.values_list("pk", flat=True),
        rationale=rationale or "",
    )
    if vendor_domain.DecisionProblem.NOT_OPEN in problems:
        _require_open(locked)
    errors: dict[str, list[str]] = {}
    if vendor_domain.DecisionProblem.NO_CANDIDATE in problems:
        errors["chosen"] = [_("Choose the candidate you decided for.")]
    if vendor_domain.DecisionProblem.NOT_A_CANDIDATE in problems:
        errors["chosen"] = [_("Choose one of this evaluation's candidates.")]
    if vendor_domain.DecisionProblem.NO_RATIONALE in problems:
        errors["rationale"] = [_("Write down why this candidate was chosen.")]
    if errors:
        raise ValidationError(errors)
    locked.status = EvaluationStatus.DECIDED
    locked.chosen = chosen
    locked.rationale = rationale.strip()
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    return _save(locked, actor)


@transaction.atomic
def vendor_evaluation_cancel(
    *, actor: Any, evaluation: VendorEvaluation, rationale: str = ""
) -> VendorEvaluation:
    """Stop an open evaluation without choosing anyone (the reason may be noted)."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_open(locked)
    locked.status = EvaluationStatus.CANCELLED
    locked.chosen = None
    locked.rationale = (rationale or "").strip()
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    return _save(locked, actor)


@transaction.atomic
def vendor_evaluation_reopen(*, actor: Any, evaluation: VendorEvaluation) -> VendorEvaluation:
    """Open a decided or cancelled evaluation again; the earlier decision stays in its history."""
    _require_editor(actor)
    locked = VendorEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status == EvaluationStatus.OPEN:
        raise EvaluationClosed(_("The evaluation is open already."))
    locked.status = EvaluationStatus.OPEN
    locked.chosen = None
    locked.rationale = ""
    locked.decided_by = None
    locked.decided_at = None
    return _save(locked, actor)
