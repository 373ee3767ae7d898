"""API of the metrics app: KPIs, measurements (bulk and import), costs, benefits, adoption, ROI."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

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
from metrics.models import Benefit, CostItem
from metrics.services import imports


class FinancialAccess(permissions.BasePermission):
    """Reading money needs a role that shows it; changing it needs finance."""

    message = "Your role may not read or change costs and benefits."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return rules.can_view_financials(request.user)
        return rules.can_edit_financials(request.user)


class AdoptionAccess(permissions.BasePermission):
    """Everyone reads adoption; whoever maintains it writes."""

    message = "Your role does not maintain adoption figures."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or rules.can_edit_adoption(request.user)


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


class _ServiceViewSet(viewsets.ModelViewSet):
    """Create, update and delete through an input serializer and a service."""

    input_serializer_class: Any = None

    def _input(
        self, request: Request, instance: Any = None, partial: bool = False
    ) -> dict[str, Any]:
        serializer = self.input_serializer_class(
            instance, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _output(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(instance).data, status=status_code)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


@extend_schema(tags=["metrics"])
class KpiViewSet(_ServiceViewSet):
    """SMART KPIs of the initiatives you may see; the initiative's team defines them."""

    serializer_class = s.KpiSerializer
    input_serializer_class = s.KpiInputSerializer
    filterset_class = KpiFilterSet
    ordering_fields = ["name", "target_date", "id"]

    def get_queryset(self) -> Any:
        return selectors.kpi_list(user=self.request.user).order_by("initiative_id", "name", "id")

    @extend_schema(request=s.KpiInputSerializer, responses={201: s.KpiSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._input(request)
        initiative = data.pop("initiative")
        kpi = services.kpi_create(actor=request.user, initiative=initiative, data=data)
        return self._output(
            selectors.kpi_get(user=request.user, pk=kpi.pk), status.HTTP_201_CREATED
        )

    @extend_schema(request=s.KpiInputSerializer, responses=s.KpiSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kpi = self.get_object()
        data = self._input(request, kpi, partial=kwargs.get("partial", False))
        services.kpi_update(actor=request.user, kpi=kpi, data=data)
        return self._output(selectors.kpi_get(user=request.user, pk=kpi.pk))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.kpi_delete(actor=request.user, kpi=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["metrics"])
class MeasurementViewSet(_ServiceViewSet):
    """KPI measurements: one at a time, in bulk (all or nothing) or from a CSV/XLSX file."""

    serializer_class = s.MeasurementSerializer
    input_serializer_class = s.MeasurementInputSerializer
    filterset_class = MeasurementFilterSet
    ordering_fields = ["measured_on", "id"]

    def get_queryset(self) -> Any:
        return selectors.measurement_list(user=self.request.user)

    @extend_schema(request=s.MeasurementInputSerializer, responses={201: s.MeasurementSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._input(request)
        kpi = data.pop("kpi")
        measurement = services.measurement_create(
            actor=request.user, kpi=kpi, data=data, source=MeasurementSource.API
        )
        return self._output(measurement, status.HTTP_201_CREATED)

    @extend_schema(request=s.MeasurementInputSerializer, responses=s.MeasurementSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        measurement = self.get_object()
        data = self._input(request, measurement, partial=kwargs.get("partial", False))
        data.pop("kpi", None)
        services.measurement_update(actor=request.user, measurement=measurement, data=data)
        return self._output(measurement)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.measurement_delete(actor=request.user, measurement=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

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
        "(GET it for progress, the result or the row errors). A file that cannot be read is a "
        "400 with an error on `file`. Row numbers are spreadsheet rows: the header is row 1.",
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


@extend_schema(tags=["metrics"])
class CostItemViewSet(_ServiceViewSet):
    """Costs per initiative: one-time on a date or recurring per month between two dates."""

    serializer_class = s.CostItemSerializer
    input_serializer_class = s.CostItemInputSerializer
    filterset_class = CostItemFilterSet
    permission_classes = [FinancialAccess]
    ordering_fields = ["start_date", "amount", "id"]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return CostItem.objects.none()
        return selectors.cost_list(user=self.request.user).order_by(
            "initiative_id", "start_date", "id"
        )

    @extend_schema(request=s.CostItemInputSerializer, responses={201: s.CostItemSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._input(request)
        initiative = data.pop("initiative")
        cost = services.cost_create(actor=request.user, initiative=initiative, data=data)
        return self._output(cost, status.HTTP_201_CREATED)

    @extend_schema(request=s.CostItemInputSerializer, responses=s.CostItemSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        cost = self.get_object()
        data = self._input(request, cost, partial=kwargs.get("partial", False))
        return self._output(services.cost_update(actor=request.user, cost=cost, data=data))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.cost_delete(actor=request.user, cost=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["metrics"])
class BenefitViewSet(_ServiceViewSet):
    """Direct money benefits per initiative, on a date or spread over a range."""

    serializer_class = s.BenefitSerializer
    input_serializer_class = s.BenefitInputSerializer
    filterset_class = BenefitFilterSet
    permission_classes = [FinancialAccess]
    ordering_fields = ["start_date", "amount", "id"]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Benefit.objects.none()
        return selectors.benefit_list(user=self.request.user).order_by(
            "initiative_id", "start_date", "id"
        )

    @extend_schema(request=s.BenefitInputSerializer, responses={201: s.BenefitSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._input(request)
        initiative = data.pop("initiative")
        benefit = services.benefit_create(actor=request.user, initiative=initiative, data=data)
        return self._output(benefit, status.HTTP_201_CREATED)

    @extend_schema(request=s.BenefitInputSerializer, responses=s.BenefitSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        benefit = self.get_object()
        data = self._input(request, benefit, partial=kwargs.get("partial", False))
        return self._output(services.benefit_update(actor=request.user, benefit=benefit, data=data))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.benefit_delete(actor=request.user, benefit=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["metrics"])
class AdoptionRecordViewSet(_ServiceViewSet):
    """Monthly active users per department; posting a month that exists replaces it."""

    serializer_class = s.AdoptionRecordSerializer
    input_serializer_class = s.AdoptionRecordSerializer
    filterset_class = AdoptionRecordFilterSet
    permission_classes = [AdoptionAccess]
    ordering_fields = ["month", "active_users"]

    def get_queryset(self) -> Any:
        return selectors.adoption_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._input(request)
        department = data.pop("department")
        record = services.adoption_record(actor=request.user, department=department, data=data)
        return self._output(record, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        data = self._input(request, record, partial=kwargs.get("partial", False))
        data.pop("department", None)
        data.setdefault("month", record.month)
        data.setdefault("active_users", record.active_users)
        if data["month"].replace(day=1) != record.month:
            raise ValidationError({"month": [_("Record another month as a new entry.")]})
        return self._output(
            services.adoption_record(actor=request.user, department=record.department, data=data)
        )

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.adoption_delete(actor=request.user, record=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


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
