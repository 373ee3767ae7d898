"""API of the quarterly reports: POST a year and quarter, follow its status, download the PDF."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api.base import ServiceViewSet
from portfolio import selectors, services
from portfolio.models import QuarterlyReport, ReportStatus
from portfolio.reports.status import report_state


class ReportRequestSerializer(serializers.Serializer):
    """Which quarter to report on."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)


class ReportSerializer(serializers.ModelSerializer):
    """A report version with its status and progress."""

    progress = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    created_by: serializers.StringRelatedField[User] = serializers.StringRelatedField()

    class Meta:
        model = QuarterlyReport
        fields = [
            "id", "year", "quarter", "version", "status", "progress", "message", "sha256",
            "page_count", "charts_included", "created_by", "created_at", "finished_at", "pdf_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_progress(self, report: QuarterlyReport) -> int:
        """Percent done: 100 when ready."""
        return report_state(report).percent

    def get_message(self, report: QuarterlyReport) -> str:
        """What the job is doing, or why it waits."""
        return report.job.message if report.job else ""

    def get_pdf_url(self, report: QuarterlyReport) -> str | None:
        """Where to download the PDF once ready."""
        if report.status != ReportStatus.READY:
            return None
        return f"/api/v1/reports/{report.pk}/pdf/"


@extend_schema_view(
    list=extend_schema(summary="Every report version, newest first"),
    retrieve=extend_schema(summary="One report version with its status and progress"),
)
class ReportViewSet(ServiceViewSet):
    """Quarterly ROI reports: finance and leadership generate; they and compliance download."""

    selector = staticmethod(selectors.report_list)
    serializer_class = ReportSerializer
    input_serializer_class = ReportRequestSerializer

    @extend_schema(
        request=ReportRequestSerializer,
        responses={202: ReportSerializer},
        summary="Generate a new version of a quarter's report",
        description=(
            "Answers 202 at once with the new version's id; follow `status` and `progress` with "
            "GET. While a version of the same quarter is queued or generating, that version is "
            "returned instead of a second one."
        ),
    )
    def create(self, request: Request) -> Response:
        report = services.report_request(actor=request.user, **self.validated_input())
        # Read it back: the job may have started, finished or found the queue down meanwhile.
        return self.respond(report, status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, "application/pdf"): bytes},
        summary="Download the PDF of a ready version",
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse | FileResponse:
        report = self.get_object()
        if report.status != ReportStatus.READY:
            raise NotFound("This version is not ready.")
        return services.report_pdf_response(report)
