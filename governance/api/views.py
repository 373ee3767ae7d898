"""API of the register: input serializer → service → output serializer.

Reads are scoped by the selectors (objects outside a person's scope answer 404); writes are
checked by the services (a role that may not act answers 403); an illegal approval step is 409.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import Conflict
from governance import exports, selectors, services
from governance.api.serializers import (
    AISystemInputSerializer,
    AISystemSerializer,
    ClassifyInputSerializer,
    GroundsInputSerializer,
    ImportInputSerializer,
    ImportRunSerializer,
    ReviewCompleteSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
    RiskInputSerializer,
    RiskSerializer,
)
from governance.filters import AISystemFilterSet, ReviewFilterSet, RiskFilterSet
from governance.services.systems import ApprovalConflict, require_editor
from governance.views import import_progress


def _conflict(exc: ApprovalConflict) -> Conflict:
    return Conflict(exc.message)


class AISystemViewSet(viewsets.ModelViewSet):
    """AI systems in the register (`ai-systems`), with classify, submit, approve and reject."""

    serializer_class = AISystemSerializer
    filterset_class = AISystemFilterSet
    ordering_fields = ["name", "risk_class", "status", "approval_status", "updated_at"]

    def get_queryset(self) -> Any:
        return selectors.ai_system_list(user=self.request.user).prefetch_related(
            "models", "data_sources", "initiatives"
        )

    def _output(self, system: Any, code: int = status.HTTP_200_OK) -> Response:
        system = self.get_queryset().get(pk=system.pk)
        return Response(AISystemSerializer(system).data, status=code)

    @extend_schema(request=AISystemInputSerializer, responses={201: AISystemSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_editor(request.user)
        serializer = AISystemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kwargs = serializer.service_kwargs()
        system = services.ai_system_create(
            actor=request.user,
            data=kwargs["data"],
            initiatives=kwargs["initiatives"] or (),
            models=kwargs["models"] or (),
            data_sources=kwargs["data_sources"] or (),
        )
        return self._output(system, status.HTTP_201_CREATED)

    @extend_schema(request=AISystemInputSerializer, responses=AISystemSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        system = self.get_object()
        require_editor(request.user)
        partial = kwargs.pop("partial", False)
        serializer = AISystemInputSerializer(system, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        system = services.ai_system_update(
            actor=request.user, system=system, **serializer.service_kwargs()
        )
        return self._output(system)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        system = self.get_object()
        try:
            services.ai_system_delete(actor=request.user, system=system)
        except ApprovalConflict as exc:
            raise _conflict(exc) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ClassifyInputSerializer, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        """Classify from complete questionnaire answers; the rationale is kept."""
        system = self.get_object()
        require_editor(request.user)
        serializer = ClassifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ai_system_classify(
            actor=request.user,
            system=system,
            answers=serializer.validated_data["answers"],
            role=serializer.validated_data["role"],
        )
        return self._output(system)

    def _step(self, request: Request, service: Any) -> Response:
        system = self.get_object()
        serializer = GroundsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            system = service(
                actor=request.user, system=system, grounds=serializer.validated_data["grounds"]
            )
        except ApprovalConflict as exc:
            raise _conflict(exc) from exc
        return self._output(system)

    @extend_schema(request=GroundsInputSerializer, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Ask for approval (draft or rejected → submitted)."""
        return self._step(request, services.ai_system_submit)

    @extend_schema(request=GroundsInputSerializer, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Approve a submitted entry; compliance officers only, grounds required."""
        return self._step(request, services.ai_system_approve)

    @extend_schema(request=GroundsInputSerializer, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Reject a submitted entry; compliance officers only, grounds required."""
        return self._step(request, services.ai_system_reject)


if TYPE_CHECKING:
    # For the type checker the mixin is an API view (self.request is a DRF Request); at runtime
    # it stays a plain mixin so the view classes' MRO is unchanged.
    _ViewMixinBase = APIView
else:
    _ViewMixinBase = object


class _ScopedSystemMixin(_ViewMixinBase):
    """Resolve the `system` of a write within the person's scope (404 outside it)."""

    def _scoped_system(self, serializer: Any) -> Any:
        system = serializer.validated_data.get("system")
        if system is None:
            return None
        return get_object_or_404(selectors.ai_system_list(user=self.request.user), pk=system.pk)


class RiskViewSet(_ScopedSystemMixin, viewsets.ModelViewSet):
    """Risks of the systems in scope (`risks`)."""

    serializer_class = RiskSerializer
    filterset_class = RiskFilterSet
    ordering_fields = ["score", "residual_score", "due_date"]

    def get_queryset(self) -> Any:
        return selectors.risk_list(user=self.request.user)

    @extend_schema(request=RiskInputSerializer, responses={201: RiskSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_editor(request.user)
        serializer = RiskInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        system = self._scoped_system(serializer)
        data = {k: v for k, v in serializer.validated_data.items() if k != "system"}
        risk = services.risk_create(actor=request.user, system=system, data=data)
        return Response(RiskSerializer(risk).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RiskInputSerializer, responses=RiskSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        risk = self.get_object()
        require_editor(request.user)
        serializer = RiskInputSerializer(
            risk, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "system"}
        risk = services.risk_update(actor=request.user, risk=risk, data=data)
        return Response(RiskSerializer(risk).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.risk_delete(actor=request.user, risk=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewViewSet(
    _ScopedSystemMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reviews of the systems in scope (`reviews`), with `complete`."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
    ordering_fields = ["due_date", "completed_on"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> Any:
        return selectors.review_list(user=self.request.user)

    @extend_schema(request=ReviewInputSerializer, responses={201: ReviewSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_editor(request.user)
        serializer = ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        system = self._scoped_system(serializer)
        data = {k: v for k, v in serializer.validated_data.items() if k != "system"}
        review = services.review_create(actor=request.user, system=system, data=data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewInputSerializer, responses=ReviewSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        review = self.get_object()
        require_editor(request.user)
        serializer = ReviewInputSerializer(
            review, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "system"}
        review = services.review_update(actor=request.user, review=review, data=data)
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=ReviewCompleteSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        """Record the outcome (and evidence); the next review of the kind is scheduled."""
        review = self.get_object()
        require_editor(request.user)
        serializer = ReviewCompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            review = services.review_complete(
                actor=request.user, review=review, data=serializer.validated_data
            )
        except ApprovalConflict as exc:
            raise _conflict(exc) from exc
        return Response(ReviewSerializer(review).data)


class RegisterImportView(APIView):
    """POST an inventory file: a dry run (200, the plan) or a commit (202, the job)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=ImportInputSerializer,
        responses={200: ImportRunSerializer, 202: ImportRunSerializer},
    )
    def post(self, request: Request) -> Response:
        require_editor(request.user)
        serializer = ImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.import_preview(
            actor=request.user,
            file=serializer.validated_data["file"],
            format_id=serializer.validated_data["format"],
        )
        if serializer.validated_data["dry_run"]:
            return Response(ImportRunSerializer(run).data, status=status.HTTP_200_OK)
        services.import_commit(actor=request.user, run=run)
        run.refresh_from_db()
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class RegisterImportStatusView(APIView):
    """Status and progress of an import job."""

    @extend_schema(responses=ImportRunSerializer)
    def get(self, request: Request, job_id: int) -> Response:
        run = selectors.import_run_for_job(user=request.user, job_id=job_id)
        data = dict(ImportRunSerializer(run).data)
        data["progress"] = import_progress(run)
        return Response(data)


class _IgnoreFormatNegotiation(DefaultContentNegotiation):
    """`?format=` names the export format here, not a DRF renderer."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class RegisterExportView(APIView):
    """The filtered register in a standard format; takes the same filters as `ai-systems`."""

    content_negotiation_class = _IgnoreFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=list(exports.EXPORT_FORMATS), required=False)
        ],
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request: Request) -> Any:
        filterset = AISystemFilterSet(
            request.query_params, queryset=selectors.ai_system_list(user=request.user)
        )
        export_format = request.query_params.get("format", "csv")
        if export_format not in exports.EXPORT_FORMATS:
            raise ValidationError(
                {"format": [f"Choose one of {', '.join(exports.EXPORT_FORMATS)}."]}
            )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return exports.export_response(filterset.qs, export_format, today=datetime.date.today())
