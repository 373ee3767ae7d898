"""API of the register: input serializer → service → output serializer (core.api.base).

Reads are scoped by governance.selectors (objects outside a person's scope answer 404); writes
are checked by the services, and governance.rules is asked earlier only so that a role that may
not act gets 403 before its input is read. An illegal approval step is a StateConflict (409).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import (
    ActionCapability,
    ObjectRule,
    ServiceCreateMixin,
    ServiceDestroyMixin,
    ServiceUpdateMixin,
    ServiceViewSet,
)
from core.api.parsers import BoundedJSONParser
from core.files import stored_file_download
from core.roles import Cap
from governance import exports, rules, selectors, services
from governance.api.serializers import (
    AISystemInputSerializer,
    AISystemSerializer,
    ClassifyInputSerializer,
    GroundsInputSerializer,
    ImportChoiceSerializer,
    ImportInputSerializer,
    ImportRunSerializer,
    ReviewCompleteSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
    RiskInputSerializer,
    RiskSerializer,
)
from governance.filters import AISystemFilterSet, ReviewFilterSet, RiskFilterSet
from governance.models import AISystem, Review, Risk

_EDIT = ("update", "partial_update")


class _EditorCapability(ActionCapability):
    """The early refusal of a write, with the register's own reason."""

    message = rules.EDITORS_ONLY


class _EditorObjectRule(ObjectRule):
    """The early refusal of a write to an object, with the register's own reason."""

    message = rules.EDITORS_ONLY


class _RegisterEditor(permissions.BasePermission):
    """Only those who keep the register may use the view (for views that are not viewsets)."""

    message = rules.EDITORS_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        return rules.can_edit_register(request.user)


class _RegisterViewSet(ServiceViewSet):
    """The register's viewsets: the base's checks, refusing with the register's reason."""

    permission_classes: Any = [permissions.IsAuthenticated, _EditorCapability, _EditorObjectRule]
    action_capabilities = {"create": Cap.EDIT_REGISTER}


# The published schema has never described the body of a PATCH (the read serializer is all
# read-only); describing it is a change of the API documentation of its own, not made here.
_PATCH_AS_PUBLISHED = {
    "partial_update": extend_schema(request=None),
}


@extend_schema_view(**_PATCH_AS_PUBLISHED)
class AISystemViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, _RegisterViewSet
):
    """AI systems in the register (`ai-systems`), with classify, submit, approve and reject."""

    selector = staticmethod(selectors.ai_system_list)
    serializer_class = AISystemSerializer
    input_serializer_class = AISystemInputSerializer
    filterset_class = AISystemFilterSet
    ordering_fields = ["name", "risk_class", "status", "approval_status", "updated_at"]
    object_rules = {
        **dict.fromkeys(_EDIT, rules.can_edit_system),
        "classify": rules.can_edit_system,
        "adopt": rules.can_edit_system,
    }

    def get_queryset(self) -> QuerySet[AISystem]:
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "models", "data_sources", "initiatives", "it_systems", "estate_data_sources"
            )
        )

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # The list's filters (which default to our own entries) choose rows of the list; an
        # entry asked for by id, a reference entry to adopt say, is found whatever they are.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    @staticmethod
    def _linked(data: dict[str, Any]) -> dict[str, Any]:
        """Take the initiatives, estate links, models and data sources out of the input (None:
        not sent)."""
        return {
            name: data.pop(name, None)
            for name in (
                "initiatives",
                "it_systems",
                "estate_data_sources",
                "models",
                "data_sources",
            )
        }

    def service_create(self, data: dict[str, Any]) -> AISystem:
        linked = self._linked(data)
        return services.ai_system_create(
            actor=self.request.user,
            data=data,
            **{name: rows or () for name, rows in linked.items()},
        )

    def service_update(self, instance: AISystem, data: dict[str, Any]) -> AISystem:
        return services.ai_system_update(
            actor=self.request.user, system=instance, data=data, **self._linked(data)
        )

    def service_delete(self, instance: AISystem) -> None:
        services.ai_system_delete(actor=self.request.user, system=instance)

    @extend_schema(request=ClassifyInputSerializer, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        """Classify from complete questionnaire answers; the rationale is kept."""
        system = self.get_object()
        serializer = ClassifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ai_system_classify(
            actor=request.user,
            system=system,
            answers=serializer.validated_data["answers"],
            role=serializer.validated_data["role"],
        )
        return self.respond(system)

    @extend_schema(request=None, responses=AISystemSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, pk: str | None = None) -> Response:
        """Make a reference entry (imported from a public inventory) one of our own, so that
        the register figures count it; 409 when it is one of ours already."""
        system = services.ai_system_adopt(actor=request.user, system=self.get_object())
        return self.respond(system)

    def _step(self, request: Request, service: Any) -> Response:
        system = self.get_object()
        serializer = GroundsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        system = service(
            actor=request.user, system=system, grounds=serializer.validated_data["grounds"]
        )
        return self.respond(system)

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


@extend_schema_view(**_PATCH_AS_PUBLISHED)
class RiskViewSet(ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, _RegisterViewSet):
    """Risks of the systems in scope (`risks`)."""

    selector = staticmethod(selectors.risk_list)
    serializer_class = RiskSerializer
    input_serializer_class = RiskInputSerializer
    filterset_class = RiskFilterSet
    ordering_fields = ["score", "residual_score", "due_date"]
    object_rules = dict.fromkeys(_EDIT, rules.can_edit_risk)

    def service_create(self, data: dict[str, Any]) -> Risk:
        system = data.pop("system")
        return services.risk_create(actor=self.request.user, system=system, data=data)

    def service_update(self, instance: Risk, data: dict[str, Any]) -> Risk:
        # A risk stays with its system.
        data.pop("system", None)
        return services.risk_update(actor=self.request.user, risk=instance, data=data)

    def service_delete(self, instance: Risk) -> None:
        services.risk_delete(actor=self.request.user, risk=instance)


@extend_schema_view(**_PATCH_AS_PUBLISHED)
class ReviewViewSet(ServiceCreateMixin, ServiceUpdateMixin, _RegisterViewSet):
    """Reviews of the systems in scope (`reviews`), with `complete`."""

    selector = staticmethod(selectors.review_list)
    serializer_class = ReviewSerializer
    input_serializer_class = ReviewInputSerializer
    filterset_class = ReviewFilterSet
    ordering_fields = ["due_date", "completed_on"]
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]
    object_rules = {
        **dict.fromkeys(_EDIT, rules.can_edit_review),
        "complete": rules.can_edit_review,
    }

    def respond(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """The review as read again, with the full address of its evidence download."""
        fresh = self.get_queryset().get(pk=instance.pk)
        serializer = ReviewSerializer(fresh, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    def service_create(self, data: dict[str, Any]) -> Review:
        system = data.pop("system")
        return services.review_create(actor=self.request.user, system=system, data=data)

    def service_update(self, instance: Review, data: dict[str, Any]) -> Review:
        # A review stays with its system.
        data.pop("system", None)
        return services.review_update(actor=self.request.user, review=instance, data=data)

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes},
        summary="Download the review's evidence file",
    )
    @action(detail=True, methods=["get"])
    def evidence(self, request: Request, pk: str | None = None) -> HttpResponse | FileResponse:
        """The evidence file (404 when the review has none)."""
        return stored_file_download(self.get_object().evidence)

    @extend_schema(request=ReviewCompleteSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        """Record the outcome (and evidence); the next review of the kind is scheduled."""
        review = self.get_object()
        serializer = ReviewCompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.review_complete(
            actor=request.user, review=review, data=serializer.validated_data
        )
        return self.respond(review)


def _choice(data: dict[str, Any]) -> dict[str, Any]:
    """The import service's arguments for the choice of organisations."""
    return {
        "organisations": data["organisations"],
        "all_organisations": data["all_organisations"],
        "departments": {name: key for name, key in data["departments"].items() if key},
        "adopt": data["adopt"],
    }


class RegisterImportView(APIView):
    """POST an inventory file: a dry run (200, the plan and the file's organisations) or a
    commit of the chosen organisations (202, the job)."""

    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [permissions.IsAuthenticated, _RegisterEditor]

    @extend_schema(
        request=ImportInputSerializer,
        responses={200: ImportRunSerializer, 202: ImportRunSerializer},
        description="A file that cannot be read, or passes a limit (10 MB, 50,000 rows, 500 "
        "columns, 100,000 characters in a cell, JSON nested 64 levels or holding NaN; an XLSX "
        "file that declares XML entities, a larger sheet or unpacks to more than 200 MB), is a "
        "400 with an error on `file`. A row with a cell that cannot be stored (a NUL byte or "
        "another control character) is listed in `row_errors` and not imported. A commit "
        "(`dry_run: false`) names the organisations to import (`organisations`, repeated) or "
        "sends `all_organisations: true`; an organisation the file does not name is a 400 with "
        "an error on `organisations`. Imported entries are reference entries unless `adopt`.",
    )
    def post(self, request: Request) -> Response:
        serializer = ImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.import_preview(
            actor=request.user,
            file=serializer.validated_data["file"],
            format_id=serializer.validated_data["format"],
        )
        if serializer.validated_data["dry_run"]:
            return Response(ImportRunSerializer(run).data, status=status.HTTP_200_OK)
        services.import_commit(actor=request.user, run=run, **_choice(serializer.validated_data))
        run.refresh_from_db()
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class RegisterImportRunView(APIView):
    """A previewed import: counts, the organisations of the file, the choice, rows not read."""

    permission_classes = [permissions.IsAuthenticated, _RegisterEditor]

    @extend_schema(responses=ImportRunSerializer)
    def get(self, request: Request, pk: int) -> Response:
        run = selectors.import_run_get(user=request.user, pk=pk)
        return Response(ImportRunSerializer(run).data)


class RegisterImportCommitView(APIView):
    """Import the chosen organisations of a previewed file (202, the job)."""

    permission_classes = [permissions.IsAuthenticated, _RegisterEditor]

    @extend_schema(
        request=ImportChoiceSerializer,
        responses={202: ImportRunSerializer},
        description="Name the organisations to import as the preview lists them, or send "
        "`all_organisations: true`; an organisation the file does not name is a 400 with an "
        "error on `organisations`; an import already committed is a 409.",
    )
    def post(self, request: Request, pk: int) -> Response:
        run = selectors.import_run_get(user=request.user, pk=pk)
        serializer = ImportChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.import_commit(actor=request.user, run=run, **_choice(serializer.validated_data))
        run.refresh_from_db()
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class RegisterImportStatusView(APIView):
    """Status and progress of an import job."""

    @extend_schema(responses=ImportRunSerializer)
    def get(self, request: Request, job_id: int) -> Response:
        run = selectors.import_run_for_job(user=request.user, job_id=job_id)
        data = dict(ImportRunSerializer(run).data)
        data["progress"] = selectors.import_run_progress(run=run)
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
            request.query_params,
            queryset=selectors.ai_system_list(user=request.user),
            request=request,
        )
        export_format = request.query_params.get("format", "csv")
        if export_format not in exports.EXPORT_FORMATS:
            raise ValidationError(
                {"format": [f"Choose one of {', '.join(exports.EXPORT_FORMATS)}."]}
            )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return exports.export_response(
            filterset.qs,
            export_format,
            today=datetime.date.today(),
            initiatives=filterset.visible_initiatives(),
        )
