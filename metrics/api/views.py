"""API of the metrics app: KPIs, measurements (bulk and import), costs, benefits, adoption, ROI.

Every viewset has the one shape of core.api.base: reads come from metrics.selectors, scoped to
the requester (out of scope answers 404); writes go input serializer → service → output
serializer, and the services decide who may write. RoleRule only asks the services' role rules
earlier, so that a role that may not act gets 403 before its input is read.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from core.api.base import (
    ServiceCreateMixin,
    ServiceDestroyMixin,
    ServiceModelViewSet,
    ServiceViewSet,
)
from core.api.errors import ApiError
from core.exceptions import require
from core.roles import Cap, has_capability
from metrics import rules, selectors, services
from metrics.api import serializers as s
from metrics.choices import MeasurementSource
from metrics.filters import (
    AdoptionRecordFilterSet,
    BenefitFilterSet,
    CostItemFilterSet,
    KpiFilterSet,
    MeasurementFilterSet,
)
from metrics.selectors import training as training_selectors
from metrics.services import imports
from metrics.services.training import training_cost_remove, training_cost_sync


class RoleRule(permissions.BasePermission):
    """Refuse a role that may not act (403) before its input or the object is read.

    The viewset names one rule of metrics.rules for reading (GET, HEAD, OPTIONS) and one for
    every other method in `role_rules`, and the refusal in `role_refusal`; the services and
    selectors ask the same rules again when they run.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        rules_by_access = getattr(view, "role_rules", {})
        rule = rules_by_access.get(
            "read" if request.method in permissions.SAFE_METHODS else "write"
        )
        if rule is None or rule(request.user):
            return True
        self.message = view.role_refusal
        return False


def _import_response(result: services.ImportResult, *, failed: bool) -> Response:
    body = result.as_dict()
    if failed:
        body = {
            "status": 400,
            "code": "invalid",
            "detail": _("Some rows are not valid; nothing was saved."),
            **body,
        }
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return Response(body)


# The schema has always described PATCH of these resources without a request body (it was
# generated from the read-only output serializer); this renovation keeps the schema as it was.
_PATCH_AS_DOCUMENTED = extend_schema(request=None)


@extend_schema(tags=["metrics"])
@extend_schema_view(partial_update=_PATCH_AS_DOCUMENTED)
class KpiViewSet(ServiceModelViewSet):
    """SMART KPIs of the initiatives you may see; the initiative's team defines them."""

    selector = staticmethod(selectors.kpi_list)
    serializer_class = s.KpiSerializer
    input_serializer_class = s.KpiInputSerializer
    filterset_class = KpiFilterSet
    ordering_fields = ["name", "target_date", "id"]

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("initiative_id", "name", "id")

    def service_create(self, data: dict[str, Any]) -> Any:
        initiative = data.pop("initiative")
        return services.kpi_create(actor=self.request.user, initiative=initiative, data=data)

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        return services.kpi_update(actor=self.request.user, kpi=instance, data=data)

    def service_delete(self, instance: Any) -> None:
        services.kpi_delete(actor=self.request.user, kpi=instance)


@extend_schema(tags=["metrics"])
@extend_schema_view(partial_update=_PATCH_AS_DOCUMENTED)
class MeasurementViewSet(ServiceModelViewSet):
    """KPI measurements: one at a time, in bulk (all or nothing) or from a CSV/XLSX file."""

    selector = staticmethod(selectors.measurement_list)
    serializer_class = s.MeasurementSerializer
    input_serializer_class = s.MeasurementInputSerializer
    filterset_class = MeasurementFilterSet
    ordering_fields = ["measured_on", "id"]

    def service_create(self, data: dict[str, Any]) -> Any:
        kpi = data.pop("kpi")
        return services.measurement_create(
            actor=self.request.user, kpi=kpi, data=data, source=MeasurementSource.API
        )

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        data.pop("kpi", None)
        return services.measurement_update(actor=self.request.user, measurement=instance, data=data)

    def service_delete(self, instance: Any) -> None:
        services.measurement_delete(actor=self.request.user, measurement=instance)

    @extend_schema(
        request=s.MeasurementBulkItemSerializer(many=True),
        responses={
            201: s.ImportResultSerializer,
            # Rows that fail their checks answer with the row errors; a body that is not a list
            # of rows at all answers in the API's one error format.
            400: PolymorphicProxySerializer(
                component_name="MeasurementBulkRefusal",
                serializers=[s.ImportResultSerializer, ApiError],
                resource_type_field_name=None,
            ),
        },
        description="Log many measurements at once: all are saved, or none when any row fails. "
        "Row numbers in errors count from 1 in the order sent.",
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request: Request) -> Response:
        """All-or-nothing list of measurements."""
        # Roles that log no measurements at all get 403, as on the import page, not row errors.
        require(has_capability(request.user, Cap.LOG_MEASUREMENTS))
        if not isinstance(request.data, list):
            raise ValidationError({"non_field_errors": [_("Send a list of measurements.")]})
        items = s.MeasurementBulkItemSerializer(data=request.data, many=True)
        items.is_valid(raise_exception=True)
        rows = [
            {
                "row": number,
                "kpi_id": item["kpi"],
                "date": item["measured_on"],
                "value": item["value"],
                "note": item["note"],
            }
            for number, item in enumerate(items.validated_data, start=1)
        ]
        result = services.measurement_import(
            actor=request.user, rows=rows, dry_run=False, source=MeasurementSource.API
        )
        if not result.committed:
            return _import_response(result, failed=True)
        return Response(result.as_dict(), status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.ImportRequestSerializer},
        responses={200: s.ImportResultSerializer, 202: s.ImportJobSerializer},
        description="Upload a CSV or XLSX file of measurements (columns kpi_id or "
        "initiative_id + kpi_name, date, value, note). With dry_run=true (the default) the rows "
        "are only checked: 200 with the counts and every row error. With dry_run=false the file "
        "is saved by a background job, all rows or none: 202 with the job id and its status_url "
        "(GET it for progress, the result or the row errors). A file that cannot be read, or "
        "passes a limit (10 MB, 50,000 rows, 500 columns, 100,000 characters in a cell; an XLSX "
        "file that declares XML entities, a larger sheet or unpacks to more than 200 MB), is a "
        "400 with an error on `file`. A cell holding a NUL byte or another control character "
        "is a row error. Row numbers are spreadsheet rows: the header is row 1.",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request: Request) -> Response:
        """Preview a file of measurements, or queue its import."""
        require(has_capability(request.user, Cap.LOG_MEASUREMENTS))
        form = s.ImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            rows = imports.read_upload(upload, upload.name, upload.size)
        except imports.ImportFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        if form.validated_data["dry_run"]:
            result = imports.measurement_import(actor=request.user, rows=rows, dry_run=True)
            return Response(result.as_dict())
        if not rows:
            raise ValidationError({"file": [_("The file has no rows to import.")]})
        upload.seek(0)
        filename = upload.name.rsplit("/", 1)[-1]
        stored = imports.import_file_keep(data=upload.read(), filename=filename)
        try:
            job = imports.measurement_import_enqueue(
                actor=request.user, stored_name=stored, filename=filename, rows=len(rows)
            )
        except Exception:
            imports.import_file_discard(stored)
            raise
        url = reverse("measurement-import-status", kwargs={"job_id": job.pk}, request=request)
        body = {**imports.measurement_import_status(job), "status_url": url}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})

    @extend_schema(responses=s.ImportJobSerializer)
    @action(
        detail=False,
        methods=["get"],
        url_path=r"import/(?P<job_id>[0-9]+)",
        url_name="import-status",
    )
    def import_status(self, request: Request, job_id: str) -> Response:
        """Status and progress of an import you started; its result or row errors when done."""
        job = imports.measurement_import_job_get(user=request.user, job_id=int(job_id))
        url = reverse("measurement-import-status", kwargs={"job_id": job.pk}, request=request)
        return Response({**imports.measurement_import_status(job), "status_url": url})


class _FinancialViewSet(ServiceModelViewSet):
    """Money per initiative: read by the roles that show it, changed by finance only."""

    permission_classes = [*ServiceModelViewSet.permission_classes, RoleRule]
    role_rules = {"read": rules.can_view_financials, "write": rules.can_edit_financials}
    role_refusal = "Your role may not read or change costs and benefits."
    ordering_fields = ["start_date", "amount", "id"]

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("initiative_id", "start_date", "id")


@extend_schema(tags=["metrics"])
class TrainingCostViewSet(ServiceCreateMixin, ServiceDestroyMixin, ServiceViewSet):
    """Training spend (`training-costs`): a booked or completed training plan booked on the
    initiative it serves, or (initiative null) as training spend of the organisation. POST books
    a plan or books it again (one booking per plan); DELETE takes it off the costs."""

    permission_classes = [*ServiceViewSet.permission_classes, RoleRule]
    role_rules = {"read": rules.can_edit_financials, "write": rules.can_edit_financials}
    role_refusal = "Only finance books training spend."
    selector = staticmethod(training_selectors.training_cost_list)
    serializer_class = s.TrainingCostSerializer
    input_serializer_class = s.TrainingCostInputSerializer

    def service_create(self, data: dict[str, Any]) -> Any:
        return training_cost_sync(
            actor=self.request.user,
            plan=data["plan"],
            initiative=data["initiative"],
            today=timezone.localdate(),
        )

    def service_delete(self, instance: Any) -> None:
        training_cost_remove(actor=self.request.user, link=instance)


@extend_schema(tags=["metrics"])
@extend_schema_view(partial_update=_PATCH_AS_DOCUMENTED)
class CostItemViewSet(_FinancialViewSet):
    """Costs per initiative: one-time on a date or recurring per month between two dates."""

    selector = staticmethod(selectors.cost_list)
    serializer_class = s.CostItemSerializer
    input_serializer_class = s.CostItemInputSerializer
    filterset_class = CostItemFilterSet

    def service_create(self, data: dict[str, Any]) -> Any:
        initiative = data.pop("initiative")
        return services.cost_create(actor=self.request.user, initiative=initiative, data=data)

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        return services.cost_update(actor=self.request.user, cost=instance, data=data)

    def service_delete(self, instance: Any) -> None:
        services.cost_delete(actor=self.request.user, cost=instance)


@extend_schema(tags=["metrics"])
@extend_schema_view(partial_update=_PATCH_AS_DOCUMENTED)
class BenefitViewSet(_FinancialViewSet):
    """Direct money benefits per initiative, on a date or spread over a range."""

    selector = staticmethod(selectors.benefit_list)
    serializer_class = s.BenefitSerializer
    input_serializer_class = s.BenefitInputSerializer
    filterset_class = BenefitFilterSet

    def service_create(self, data: dict[str, Any]) -> Any:
        initiative = data.pop("initiative")
        return services.benefit_create(actor=self.request.user, initiative=initiative, data=data)

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        return services.benefit_update(actor=self.request.user, benefit=instance, data=data)

    def service_delete(self, instance: Any) -> None:
        services.benefit_delete(actor=self.request.user, benefit=instance)


@extend_schema(tags=["metrics"])
class AdoptionRecordViewSet(ServiceModelViewSet):
    """Monthly active users per department; posting a month that exists replaces it."""

    selector = staticmethod(selectors.adoption_list)
    serializer_class = s.AdoptionRecordSerializer
    input_serializer_class = s.AdoptionRecordSerializer
    filterset_class = AdoptionRecordFilterSet
    ordering_fields = ["month", "active_users"]
    permission_classes = [*ServiceModelViewSet.permission_classes, RoleRule]
    role_rules = {"write": rules.can_edit_adoption}
    role_refusal = "Your role does not maintain adoption figures."

    def service_create(self, data: dict[str, Any]) -> Any:
        department = data.pop("department")
        return services.adoption_record(actor=self.request.user, department=department, data=data)

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        data.pop("department", None)
        data.setdefault("month", instance.month)
        data.setdefault("active_users", instance.active_users)
        if data["month"].replace(day=1) != instance.month:
            raise ValidationError({"month": [_("Record another month as a new entry.")]})
        return services.adoption_record(
            actor=self.request.user, department=instance.department, data=data
        )

    def service_delete(self, instance: Any) -> None:
        services.adoption_delete(actor=self.request.user, record=instance)


@extend_schema(
    tags=["metrics"],
    parameters=[
        OpenApiParameter(
            "grain",
            OpenApiTypes.STR,
            enum=["month", "quarter", "year"],
            description="Period length; quarters are the stored snapshots, months and years "
            "are computed on request.",
        )
    ],
    responses=s.RoiSerializer,
)
class InitiativeRoiView(APIView):
    """ROI of an initiative per period and cumulatively, planned (targets) beside realised."""

    def get(self, request: Request, pk: int) -> Response:
        grain = request.query_params.get("grain", "quarter")
        if grain not in ("month", "quarter", "year"):
            raise ValidationError({"grain": [_("Choose month, quarter or year.")]})
        initiative = selectors.initiative_get(user=request.user, pk=pk)
        table = selectors.roi_table(user=request.user, initiative=initiative, grain=grain)
        return Response(s.RoiSerializer(table).data)
