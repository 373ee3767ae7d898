"""API of an evaluation's candidates (`evaluation-candidates`, with their scores) and their cost
lines (`candidate-costs`, read only with a financial view), in the shape of governance.api.vendors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import (
    ServiceCreateMixin,
    ServiceDestroyMixin,
    ServiceUpdateMixin,
    ServiceViewSet,
)
from core.api.fields import ScopedRelatedField
from core.roles import Cap
from governance import rules
from governance import vendor_selectors as selectors
from governance.api.vendors import (
    CandidateListSerializer,
    CandidateSerializer,
    VendorEditorViewSet,
    candidate_fact_fields,
)
from governance.choices import Certification, EvaluationCriterionKind
from governance.models import CandidateCost, EvaluationCandidate, VendorEvaluation
from governance.services import vendors as services

_FACTS = candidate_fact_fields()


def _open_evaluations(*, user: Any) -> QuerySet[VendorEvaluation]:
    return selectors.vendor_evaluation_list(user=user)


class CandidateInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a new candidate: the evaluation, the product, the facts."""

    evaluation = ScopedRelatedField(selector=_open_evaluations, label=_("Evaluation"))
    product = ScopedRelatedField(selector=selectors.vendor_product_list, label=_("Product"))
    certifications = serializers.ListField(
        child=serializers.ChoiceField(choices=Certification.choices), required=False
    )

    class Meta:
        model = EvaluationCandidate
        fields = ["evaluation", "product", *_FACTS]
        # The service tells a product that is a candidate already (400 on the product).
        validators: list[Any] = []


class CandidateUpdateSerializer(serializers.ModelSerializer):
    """What an editor sends to change a candidate's facts."""

    certifications = serializers.ListField(
        child=serializers.ChoiceField(choices=Certification.choices), required=False
    )

    class Meta:
        model = EvaluationCandidate
        fields = list(_FACTS)


class ScoreInputSerializer(serializers.Serializer):
    """One score by criterion kind: 1 to 5, or null to clear it, with the reason."""

    kind = serializers.ChoiceField(choices=EvaluationCriterionKind.choices)
    score = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ScoresInputSerializer(serializers.Serializer):
    """Scores of one candidate; criteria not named keep theirs."""

    scores = ScoreInputSerializer(many=True)


class EvaluationCandidateViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, VendorEditorViewSet
):
    """Candidates of the evaluations in scope (`evaluation-candidates`); their scores are set
    with the `scores` action. Figures (weighted score, rank, TCO) are on the detail."""

    selector = staticmethod(selectors.evaluation_candidate_list)
    serializer_class = CandidateSerializer
    list_serializer_class = CandidateListSerializer
    input_serializer_class = CandidateInputSerializer
    update_serializer_class = CandidateUpdateSerializer
    filterset_fields = ["evaluation", "product"]
    ordering_fields = ["id"]
    action_capabilities = {"create": Cap.EDIT_VENDORS, "scores": Cap.EDIT_VENDORS}

    def service_create(self, data: dict[str, Any]) -> EvaluationCandidate:
        evaluation, product = data.pop("evaluation"), data.pop("product")
        return services.evaluation_candidate_add(
            actor=self.request.user, evaluation=evaluation, product=product, data=data
        )

    def service_update(
        self, instance: EvaluationCandidate, data: dict[str, Any]
    ) -> EvaluationCandidate:
        return services.evaluation_candidate_update(
            actor=self.request.user, candidate=instance, data=data
        )

    def service_delete(self, instance: EvaluationCandidate) -> None:
        services.evaluation_candidate_remove(actor=self.request.user, candidate=instance)

    @extend_schema(request=ScoresInputSerializer, responses=CandidateSerializer)
    @action(detail=True, methods=["post"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """Score the candidate on the criteria named (null clears a score)."""
        candidate = self.get_object()
        serializer = ScoresInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.candidate_scores_set(
            actor=request.user,
            candidate=candidate,
            scores={
                row["kind"]: (row["score"], row["reason"])
                for row in serializer.validated_data["scores"]
            },
        )
        return self.respond(candidate)


class CandidateCostSerializer(serializers.ModelSerializer):
    """A cost line of a candidate (EUR)."""

    class Meta:
        model = CandidateCost
        fields = ["id", "candidate", *services.COST_FIELDS]
        read_only_fields = fields


class CandidateCostInputSerializer(serializers.ModelSerializer):
    """What a cost editor sends for a new cost line."""

    candidate = ScopedRelatedField(
        selector=selectors.evaluation_candidate_list, label=_("Candidate")
    )

    class Meta:
        model = CandidateCost
        fields = ["candidate", *services.COST_FIELDS]


class CandidateCostUpdateSerializer(serializers.ModelSerializer):
    """What a cost editor sends to change a cost line."""

    class Meta:
        model = CandidateCost
        fields = list(services.COST_FIELDS)


class _CostEditor(permissions.BasePermission):
    message = rules.COST_EDITORS_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        if view.action in ("list", "retrieve"):
            return True
        return rules.can_edit_vendor_costs(request.user)


class CandidateCostViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, ServiceViewSet
):
    """Cost lines of the candidates (`candidate-costs`): read with a financial view (none are
    found without one), kept by finance and by vendor editors who see financial figures."""

    permission_classes: Any = [permissions.IsAuthenticated, _CostEditor]
    selector = staticmethod(selectors.candidate_cost_list)
    serializer_class = CandidateCostSerializer
    input_serializer_class = CandidateCostInputSerializer
    update_serializer_class = CandidateCostUpdateSerializer
    filterset_fields = ["candidate", "category", "recurrence"]
    ordering_fields = ["id", "amount"]

    def service_create(self, data: dict[str, Any]) -> CandidateCost:
        candidate = data.pop("candidate")
        return services.candidate_cost_create(
            actor=self.request.user, candidate=candidate, data=data
        )

    def service_update(self, instance: CandidateCost, data: dict[str, Any]) -> CandidateCost:
        return services.candidate_cost_update(actor=self.request.user, cost=instance, data=data)

    def service_delete(self, instance: CandidateCost) -> None:
        services.candidate_cost_delete(actor=self.request.user, cost=instance)
