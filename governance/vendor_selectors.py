"""Reads of the vendor area: vendors, products, evaluations and the side-by-side comparison.

Everyone whose role reads the register reads vendors and products. An evaluation for a use case
is read by those who see that use case (or the whole register); one without a use case by every
register reader. Cost lines and the total cost of ownership are read only with a financial view
(governance.rules.can_see_vendor_costs): without it they are never fetched at all.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from core.roles import Cap, has_capability
from governance import rules
from governance.choices import Certification
from governance.domain import vendors as vendor_domain
from governance.models import (
    AISystem,
    CandidateCost,
    CandidateScore,
    EvaluationCandidate,
    EvaluationCriterion,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)
from governance.selectors import ai_system_list
from initiatives.models import Initiative
from initiatives.selectors import visible_through


def _may_read(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated) and has_capability(
        user, Cap.VIEW_REGISTER
    )


def _count(queryset: QuerySet[Any], group: str) -> Coalesce:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def vendor_list(*, user: Any) -> QuerySet[Vendor]:
    """Vendors, each with how many products and AI systems (of the whole register) it has."""
    queryset = Vendor.objects.select_related("owner")
    if not _may_read(user):
        return queryset.none()
    return queryset.annotate(
        product_count=_count(VendorProduct.objects.filter(vendor=OuterRef("pk")), "vendor"),
        ai_system_count=_count(
            AISystem.objects.filter(vendor_record=OuterRef("pk")), "vendor_record"
        ),
    )


def vendor_get(*, user: Any, pk: int) -> Vendor:
    """One vendor, or 404."""
    return get_object_or_404(vendor_list(user=user), pk=pk)


def vendor_choices() -> QuerySet[Vendor]:
    """Every vendor by name, for the select of an AI system's vendor (there are few)."""
    return Vendor.objects.order_by("name").only("pk", "name")


def vendor_product_list(*, user: Any) -> QuerySet[VendorProduct]:
    """Products with their vendor."""
    queryset = VendorProduct.objects.select_related("vendor")
    return queryset if _may_read(user) else queryset.none()


def vendor_product_get(*, user: Any, pk: int) -> VendorProduct:
    """One product, or 404."""
    return get_object_or_404(vendor_product_list(user=user), pk=pk)


def vendor_ai_systems(*, vendor: Vendor, user: Any) -> tuple[list[AISystem], int]:
    """The vendor's AI systems the reader may see, by name, and how many others there are."""
    systems = list(
        ai_system_list(user=user)
        .filter(vendor_record=vendor)
        .select_related(None)
        .only("pk", "name", "status")
        .order_by("name")
    )
    total = AISystem.objects.filter(vendor_record=vendor).count()
    return systems, total - len(systems)


def vendor_evaluation_list(*, user: Any) -> QuerySet[VendorEvaluation]:
    """Evaluations the person may see: of a use case they see, or of no use case."""
    queryset = VendorEvaluation.objects.select_related(
        "initiative", "owner", "chosen__product__vendor"
    )
    if not _may_read(user):
        return queryset.none()
    scoped = visible_through(
        queryset, user=user, all_cap=Cap.VIEW_WHOLE_REGISTER, also=Q(initiative__isnull=True)
    )
    return scoped.annotate(
        candidate_count=_count(
            EvaluationCandidate.objects.filter(evaluation=OuterRef("pk")), "evaluation"
        )
    )


def vendor_evaluation_get(*, user: Any, pk: int) -> VendorEvaluation:
    """One evaluation in the person's scope, or 404."""
    return get_object_or_404(vendor_evaluation_list(user=user), pk=pk)


def evaluation_candidate_list(*, user: Any) -> QuerySet[EvaluationCandidate]:
    """Candidates of the evaluations the person may see."""
    visible = vendor_evaluation_list(user=user).order_by().values("pk")
    return EvaluationCandidate.objects.select_related("product__vendor", "evaluation").filter(
        evaluation__in=visible
    )


def evaluation_candidate_get(
    *, user: Any, pk: int, evaluation_pk: int | None = None
) -> EvaluationCandidate:
    """One candidate (of the given evaluation, when named), or 404."""
    queryset = evaluation_candidate_list(user=user)
    if evaluation_pk is not None:
        queryset = queryset.filter(evaluation_id=evaluation_pk)
    return get_object_or_404(queryset, pk=pk)


def candidate_cost_list(*, user: Any) -> QuerySet[CandidateCost]:
    """Cost lines of visible candidates; none without a financial view."""
    if not rules.can_see_vendor_costs(user):
        return CandidateCost.objects.none()
    visible = evaluation_candidate_list(user=user).order_by().values("pk")
    return CandidateCost.objects.select_related("candidate").filter(candidate__in=visible)


def candidate_cost_get(*, user: Any, pk: int, candidate_pk: int | None = None) -> CandidateCost:
    """One cost line (of the given candidate, when named), or 404."""
    queryset = candidate_cost_list(user=user)
    if candidate_pk is not None:
        queryset = queryset.filter(candidate_id=candidate_pk)
    return get_object_or_404(queryset, pk=pk)


def vendor_evaluations_of(*, vendor: Vendor, user: Any) -> QuerySet[VendorEvaluation]:
    """The evaluations the reader may see in which a product of the vendor is a candidate."""
    return vendor_evaluation_list(user=user).filter(
        pk__in=EvaluationCandidate.objects.filter(product__vendor=vendor).values("evaluation")
    )


def initiative_evaluations(*, initiative: Initiative, user: Any) -> list[VendorEvaluation]:
    """The evaluations of one use case, newest first (for the initiative page)."""
    return list(vendor_evaluation_list(user=user).filter(initiative=initiative))


# --- The comparison ----------------------------------------------------------------------------


@dataclass
class CandidateColumn:
    """One candidate as the comparison shows it."""

    candidate: EvaluationCandidate
    # criterion id -> score row
    scores: dict[int, CandidateScore]
    weighted: vendor_domain.WeightedScore
    rank: int
    # None for readers without a financial view.
    tco: vendor_domain.Tco | None
    costs: list[CandidateCost] = field(default_factory=list)
    chosen: bool = False

    @property
    def pk(self) -> int:
        return self.candidate.pk

    @property
    def certification_labels(self) -> list[str]:
        """The candidate's certifications by name, in the order of the list."""
        labels = dict(Certification.choices)
        return [str(labels[code]) for code in self.candidate.certifications if code in labels]


@dataclass
class CriterionRow:
    """One criterion with each candidate's score, in the order of the columns."""

    criterion: EvaluationCriterion
    cells: list[CandidateScore | None]


@dataclass
class Comparison:
    """The side-by-side comparison of one evaluation's candidates."""

    evaluation: VendorEvaluation
    criteria: list[EvaluationCriterion]
    columns: list[CandidateColumn]
    rows: list[CriterionRow]
    shows_money: bool
    total_weight: int


def _figures(
    evaluation: VendorEvaluation, *, user: Any
) -> tuple[list[EvaluationCriterion], list[EvaluationCandidate], bool]:
    criteria = list(evaluation.criteria.order_by("id"))
    shows_money = rules.can_see_vendor_costs(user)
    prefetch: list[Any] = [
        Prefetch(
            "scores", queryset=CandidateScore.objects.select_related("criterion").order_by("id")
        )
    ]
    if shows_money:
        prefetch.append(
            Prefetch("costs", queryset=CandidateCost.objects.order_by("category", "id"))
        )
    candidates = list(
        evaluation.candidates.select_related("product__vendor")
        .prefetch_related(*prefetch)
        .order_by("id")
    )
    return criteria, candidates, shows_money


def _columns(
    evaluation: VendorEvaluation,
    criteria: list[EvaluationCriterion],
    candidates: list[EvaluationCandidate],
    shows_money: bool,
) -> list[CandidateColumn]:
    columns = []
    for candidate in candidates:
        scores = {s.criterion_id: s for s in candidate.scores.all()}
        weighted = vendor_domain.weighted_score(
            (c.weight, scores[c.pk].score if c.pk in scores else None) for c in criteria
        )
        costs = list(candidate.costs.all()) if shows_money else []
        tco = (
            vendor_domain.three_year_tco(
                vendor_domain.CostLine(c.recurrence, c.amount) for c in costs
            )
            # No cost line yet is no cost known, not a cost of nothing.
            if shows_money and costs
            else None
        )
        columns.append(
            CandidateColumn(
                candidate=candidate,
                scores=scores,
                weighted=weighted,
                rank=0,
                tco=tco,
                costs=costs,
                chosen=evaluation.chosen_id == candidate.pk,
            )
        )
    # Without a financial view the ranking goes by score alone: a tie broken by cost would
    # tell which candidate is cheaper.
    ranks: dict[Hashable, int] = vendor_domain.ranking(
        [
            vendor_domain.Standing(
                column.pk, column.weighted.score, column.tco.total if column.tco else None
            )
            for column in columns
        ]
    )
    for column in columns:
        column.rank = ranks[column.pk]
    return columns


def evaluation_comparison(*, evaluation: VendorEvaluation, user: Any) -> Comparison:
    """Candidates as columns, criteria as rows, weighted totals, TCO for money readers, ranks.

    Four queries with a financial view (criteria, candidates, scores, costs), three without.
    """
    criteria, candidates, shows_money = _figures(evaluation, user=user)
    columns = _columns(evaluation, criteria, candidates, shows_money)
    rows = [
        CriterionRow(criterion, [column.scores.get(criterion.pk) for column in columns])
        for criterion in criteria
    ]
    return Comparison(
        evaluation=evaluation,
        criteria=criteria,
        columns=columns,
        rows=rows,
        shows_money=shows_money,
        total_weight=sum(c.weight for c in criteria),
    )


def candidate_column(*, candidate: EvaluationCandidate, user: Any) -> CandidateColumn:
    """One candidate's figures as in the comparison (its rank among the others included)."""
    comparison = evaluation_comparison(evaluation=candidate.evaluation, user=user)
    return next(column for column in comparison.columns if column.pk == candidate.pk)


def comparisons_for_export(
    evaluations: QuerySet[VendorEvaluation], *, user: Any
) -> list[Comparison]:
    """The comparison of every evaluation given, in a fixed number of queries."""
    shows_money = rules.can_see_vendor_costs(user)
    prefetch: list[Any] = [
        Prefetch("criteria", queryset=EvaluationCriterion.objects.order_by("id")),
        Prefetch(
            "candidates",
            queryset=EvaluationCandidate.objects.select_related("product__vendor")
            .prefetch_related(
                Prefetch("scores", queryset=CandidateScore.objects.select_related("criterion")),
                *(
                    [Prefetch("costs", queryset=CandidateCost.objects.order_by("category", "id"))]
                    if shows_money
                    else []
                ),
            )
            .order_by("id"),
        ),
    ]
    result = []
    for evaluation in evaluations.prefetch_related(*prefetch):
        criteria = list(evaluation.criteria.all())
        candidates = list(evaluation.candidates.all())
        columns = _columns(evaluation, criteria, candidates, shows_money)
        rows = [
            CriterionRow(criterion, [column.scores.get(criterion.pk) for column in columns])
            for criterion in criteria
        ]
        result.append(
            Comparison(
                evaluation=evaluation,
                criteria=criteria,
                columns=columns,
                rows=rows,
                shows_money=shows_money,
                total_weight=sum(c.weight for c in criteria),
            )
        )
    return result
