"""API of the vendor area: vendors, products, evaluations with their comparison and the
decision (candidates with their scores and cost lines: governance.api.vendor_candidates).

Same shape as the estate's API (core.api.base): reads through governance.vendor_selectors,
writes input serializer → service → output serializer. Register readers read vendors and the
evaluations in their scope (others answer 404); the total cost of ownership and cost lines only
with a financial view (`tco` is null without one, cost lines are not found).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import (
    ActionCapability,
    ObjectRule,
    ServiceCreateMixin,
    ServiceDestroyMixin,
    ServiceUpdateMixin,
    ServiceViewSet,
)
from core.api.fields import ScopedRelatedField
from core.roles import Cap
from governance import rules
from governance import vendor_selectors as selectors
from governance.choices import Certification, EvaluationCriterionKind
from governance.models import (
    EvaluationCandidate,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)
from governance.services import vendors as services
from governance.vendor_filters import (
    VendorEvaluationFilterSet,
    VendorFilterSet,
    VendorProductFilterSet,
)
from initiatives.selectors import initiative_list

_EDIT = ("update", "partial_update", "destroy")


# --- Vendors and products ----------------------------------------------------------------------


class ProductRefSerializer(serializers.ModelSerializer):
    """A product by id and name."""

    class Meta:
        model = VendorProduct
        fields = ["id", "name"]
        read_only_fields = fields


class VendorSerializer(serializers.ModelSerializer):
    """A vendor with its products and how many AI systems of the register name it."""

    # Both may be empty, which is neither a URL nor an e-mail address.
    website = serializers.CharField(read_only=True)
    contact_email = serializers.CharField(read_only=True)
    products = ProductRefSerializer(many=True, read_only=True)
    product_count = serializers.IntegerField(read_only=True)
    ai_system_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Vendor
        fields = [
            "id",
            *services.VENDOR_FIELDS,
            "products",
            "product_count",
            "ai_system_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VendorInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a vendor."""

    class Meta:
        model = Vendor
        fields = list(services.VENDOR_FIELDS)


class VendorProductSerializer(serializers.ModelSerializer):
    """A product or service of a vendor."""

    class Meta:
        model = VendorProduct
        fields = ["id", "vendor", *services.PRODUCT_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class VendorProductInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a new product: its vendor, name and description."""

    vendor = ScopedRelatedField(selector=selectors.vendor_list, label=_("Vendor"))

    class Meta:
        model = VendorProduct
        fields = ["vendor", *services.PRODUCT_FIELDS]
        # The service checks the name within the vendor (a 400 on the name field).
        validators: list[Any] = []


class VendorProductUpdateSerializer(serializers.ModelSerializer):
    """What an editor sends to change a product (its vendor stays)."""

    class Meta:
        model = VendorProduct
        fields = list(services.PRODUCT_FIELDS)


class _Editor(ActionCapability):
    message = rules.VENDOR_EDITORS_ONLY


class _EditorObject(ObjectRule):
    message = rules.VENDOR_EDITORS_ONLY


def _may_edit(user: Any, obj: Any) -> bool:
    return rules.can_edit_vendors(user)


class VendorEditorViewSet(ServiceViewSet):
    """Reads for register readers; writes for vendor editors (403 for others)."""

    permission_classes: Any = [permissions.IsAuthenticated, _Editor, _EditorObject]
    action_capabilities = {"create": Cap.EDIT_VENDORS}
    object_rules = dict.fromkeys(_EDIT, _may_edit)


class VendorViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, VendorEditorViewSet
):
    """Vendors (`vendors`) with their products; deleting one whose product is a candidate is a
    conflict (409)."""

    selector = staticmethod(selectors.vendor_list)
    serializer_class = VendorSerializer
    input_serializer_class = VendorInputSerializer
    filterset_class = VendorFilterSet
    ordering_fields = ["name", "updated_at"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("products")

    def service_create(self, data: dict[str, Any]) -> Vendor:
        return services.vendor_create(actor=self.request.user, data=data)

    def service_update(self, instance: Vendor, data: dict[str, Any]) -> Vendor:
        return services.vendor_update(actor=self.request.user, vendor=instance, data=data)

    def service_delete(self, instance: Vendor) -> None:
        services.vendor_delete(actor=self.request.user, vendor=instance)


class VendorProductViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, VendorEditorViewSet
):
    """Products and services of the vendors (`vendor-products`)."""

    selector = staticmethod(selectors.vendor_product_list)
    serializer_class = VendorProductSerializer
    input_serializer_class = VendorProductInputSerializer
    update_serializer_class = VendorProductUpdateSerializer
    filterset_class = VendorProductFilterSet
    ordering_fields = ["name"]

    def service_create(self, data: dict[str, Any]) -> VendorProduct:
        vendor = data.pop("vendor")
        return services.vendor_product_create(actor=self.request.user, vendor=vendor, data=data)

    def service_update(self, instance: VendorProduct, data: dict[str, Any]) -> VendorProduct:
        return services.vendor_product_update(actor=self.request.user, product=instance, data=data)

    def service_delete(self, instance: VendorProduct) -> None:
        services.vendor_product_delete(actor=self.request.user, product=instance)


# --- Evaluations -------------------------------------------------------------------------------


class CriterionSerializer(serializers.Serializer):
    """A criterion of the evaluation with its weight."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=EvaluationCriterionKind.choices, read_only=True)
    weight = serializers.IntegerField(read_only=True)


class ScoreSerializer(serializers.Serializer):
    """A candidate's score on one criterion, with the reason."""

    criterion = serializers.IntegerField(source="criterion_id", read_only=True)
    kind = serializers.CharField(source="criterion.kind", read_only=True)
    score = serializers.IntegerField(read_only=True)
    reason = serializers.CharField(read_only=True)


class TcoSerializer(serializers.Serializer):
    """The total cost of ownership over three years (EUR)."""

    year_1 = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    year_2 = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    year_3 = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)


_FACTS = list(services.CANDIDATE_FACT_FIELDS)


def candidate_fact_fields() -> list[str]:
    """The vendor's facts about a candidate, as the API names them."""
    return list(_FACTS)


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate with the vendor's facts, its scores and its figures in the comparison."""

    vendor = serializers.IntegerField(source="product.vendor_id", read_only=True)
    name = serializers.CharField(source="product.__str__", read_only=True)
    certifications = serializers.ListField(
        child=serializers.ChoiceField(choices=Certification.choices), read_only=True
    )
    weighted_score = serializers.SerializerMethodField()
    unscored_criteria = serializers.SerializerMethodField()
    rank = serializers.SerializerMethodField()
    chosen = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()
    tco = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationCandidate
        fields = [
            "id",
            "evaluation",
            "product",
            "vendor",
            "name",
            *_FACTS,
            "answered_at",
            "weighted_score",
            "unscored_criteria",
            "rank",
            "chosen",
            "scores",
            "tco",
        ]
        read_only_fields = fields

    def _column(self, candidate: EvaluationCandidate) -> selectors.CandidateColumn:
        columns = self.context.setdefault("columns", {})
        if candidate.pk not in columns:
            comparison = selectors.evaluation_comparison(
                evaluation=candidate.evaluation, user=self.context["request"].user
            )
            columns.update({column.pk: column for column in comparison.columns})
        return columns[candidate.pk]

    @extend_schema_field(serializers.DecimalField(max_digits=2, decimal_places=1, allow_null=True))
    def get_weighted_score(self, candidate: EvaluationCandidate) -> Any:
        score = self._column(candidate).weighted.score
        return None if score is None else f"{score:.1f}"

    def get_unscored_criteria(self, candidate: EvaluationCandidate) -> int:
        return self._column(candidate).weighted.unscored

    def get_rank(self, candidate: EvaluationCandidate) -> int:
        return self._column(candidate).rank

    def get_chosen(self, candidate: EvaluationCandidate) -> bool:
        return self._column(candidate).chosen

    @extend_schema_field(ScoreSerializer(many=True))
    def get_scores(self, candidate: EvaluationCandidate) -> Any:
        rows = sorted(self._column(candidate).scores.values(), key=lambda s: s.criterion_id)
        return ScoreSerializer(rows, many=True).data

    @extend_schema_field(TcoSerializer(allow_null=True))
    def get_tco(self, candidate: EvaluationCandidate) -> Any:
        tco = self._column(candidate).tco
        if tco is None:
            return None
        return TcoSerializer(
            {"year_1": tco.year_1, "year_2": tco.year_2, "year_3": tco.year_3, "total": tco.total}
        ).data


class CandidateListSerializer(serializers.ModelSerializer):
    """A candidate in a list: the product and the vendor's facts (figures on the detail)."""

    vendor = serializers.IntegerField(source="product.vendor_id", read_only=True)

    class Meta:
        model = EvaluationCandidate
        fields = ["id", "evaluation", "product", "vendor", *_FACTS, "answered_at"]
        read_only_fields = fields


class VendorEvaluationListSerializer(serializers.ModelSerializer):
    """An evaluation in a list: title, use case, status and choice."""

    candidate_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = VendorEvaluation
        fields = [
            "id",
            *services.EVALUATION_FIELDS,
            "status",
            "chosen",
            "rationale",
            "decided_by",
            "decided_at",
            "candidate_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VendorEvaluationSerializer(VendorEvaluationListSerializer):
    """An evaluation with its weighted criteria and its candidates side by side."""

    criteria = serializers.SerializerMethodField()
    candidates = serializers.SerializerMethodField()

    class Meta(VendorEvaluationListSerializer.Meta):
        fields = [*VendorEvaluationListSerializer.Meta.fields, "criteria", "candidates"]
        read_only_fields = fields

    def _comparison(self, evaluation: VendorEvaluation) -> selectors.Comparison:
        cache = self.context.setdefault("comparisons", {})
        if evaluation.pk not in cache:
            cache[evaluation.pk] = selectors.evaluation_comparison(
                evaluation=evaluation, user=self.context["request"].user
            )
        return cache[evaluation.pk]

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, evaluation: VendorEvaluation) -> Any:
        return CriterionSerializer(self._comparison(evaluation).criteria, many=True).data

    @extend_schema_field(CandidateSerializer(many=True))
    def get_candidates(self, evaluation: VendorEvaluation) -> Any:
        comparison = self._comparison(evaluation)
        context = {**self.context, "columns": {c.pk: c for c in comparison.columns}}
        return CandidateSerializer(
            [c.candidate for c in comparison.columns], many=True, context=context
        ).data


class VendorEvaluationInputSerializer(serializers.ModelSerializer):
    """What an editor sends for an evaluation (the criteria come with it, weight 1)."""

    initiative = ScopedRelatedField(
        selector=initiative_list, required=False, allow_null=True, label=_("Use case")
    )

    class Meta:
        model = VendorEvaluation
        fields = list(services.EVALUATION_FIELDS)


class DecisionInputSerializer(serializers.Serializer):
    """The chosen candidate (its id) and the rationale."""

    chosen = ScopedRelatedField(
        selector=selectors.evaluation_candidate_list,
        allow_null=True,
        label=_("Chosen candidate"),
    )
    rationale = serializers.CharField(allow_blank=True, max_length=10000, label=_("Rationale"))


class CancelInputSerializer(serializers.Serializer):
    """Why the evaluation stops without a choice (optional)."""

    rationale = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10000
    )


class WeightsInputSerializer(serializers.Serializer):
    """Weights by criterion kind, 0 to 100; criteria not named keep theirs."""

    weights = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=100), label=_("Weights")
    )


_EVALUATION_ACTIONS = ("decide", "cancel", "reopen", "weights")


class VendorEvaluationViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, VendorEditorViewSet
):
    """Vendor evaluations (`vendor-evaluations`) with criteria, candidates, scores and (for money
    readers) the TCO; decide, cancel, reopen and weights as actions (409 when closed)."""

    selector = staticmethod(selectors.vendor_evaluation_list)
    serializer_class = VendorEvaluationSerializer
    list_serializer_class = VendorEvaluationListSerializer
    input_serializer_class = VendorEvaluationInputSerializer
    filterset_class = VendorEvaluationFilterSet
    ordering_fields = ["title", "created_at", "decided_at"]
    action_capabilities = {
        "create": Cap.EDIT_VENDORS,
        **dict.fromkeys(_EVALUATION_ACTIONS, Cap.EDIT_VENDORS),
    }

    def service_create(self, data: dict[str, Any]) -> VendorEvaluation:
        return services.vendor_evaluation_create(actor=self.request.user, data=data)

    def service_update(self, instance: VendorEvaluation, data: dict[str, Any]) -> VendorEvaluation:
        return services.vendor_evaluation_update(
            actor=self.request.user, evaluation=instance, data=data
        )

    def service_delete(self, instance: VendorEvaluation) -> None:
        services.vendor_evaluation_delete(actor=self.request.user, evaluation=instance)

    @extend_schema(request=DecisionInputSerializer, responses=VendorEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Choose one of the candidates, with the rationale (400 without either)."""
        evaluation = self.get_object()
        serializer = DecisionInputSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        services.vendor_evaluation_decide(
            actor=request.user,
            evaluation=evaluation,
            chosen=serializer.validated_data["chosen"],
            rationale=serializer.validated_data["rationale"],
        )
        return self.respond(evaluation)

    @extend_schema(request=CancelInputSerializer, responses=VendorEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Stop an open evaluation without a choice."""
        evaluation = self.get_object()
        serializer = CancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.vendor_evaluation_cancel(
            actor=request.user,
            evaluation=evaluation,
            rationale=serializer.validated_data["rationale"],
        )
        return self.respond(evaluation)

    @extend_schema(request=None, responses=VendorEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        """Open a decided or cancelled evaluation again (409 when it is open)."""
        evaluation = self.get_object()
        services.vendor_evaluation_reopen(actor=request.user, evaluation=evaluation)
        return self.respond(evaluation)

    @extend_schema(request=WeightsInputSerializer, responses=VendorEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def weights(self, request: Request, pk: str | None = None) -> Response:
        """Set the weights of the criteria named by kind (0 leaves one out of the score)."""
        evaluation = self.get_object()
        serializer = WeightsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.evaluation_weights_set(
            actor=request.user, evaluation=evaluation, weights=serializer.validated_data["weights"]
        )
        return self.respond(evaluation)
