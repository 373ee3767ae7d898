"""Pages of the quarterly ROI reports: list, request, progress, downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import is_htmx
from core.roles import Cap, has_capability
from portfolio import selectors, services
from portfolio.models import QuarterlyReport, ReportStatus
from portfolio.reports.forms import ReportRequestForm
from portfolio.reports.status import report_state


@require_http_methods(["GET", "POST"])
def report_list_view(request: HttpRequest) -> HttpResponse:
    """Every version of every quarter, and the form to generate a new one."""
    reports = selectors.report_list(user=request.user)
    may_generate = has_capability(request.user, Cap.GENERATE_REPORTS)
    form = ReportRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_generate:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.report_request(
                    actor=request.user,
                    year=form.cleaned_data["year"],
                    quarter=form.cleaned_data["quarter"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                # No status here: the page shows the one status, which may already be "Ready".
                messages.success(
                    request,
                    _("Report %(label)s version %(version)s was requested.")
                    % {"label": report.label, "version": report.version},
                )
                return redirect("reports:report-detail", pk=report.pk)
        else:
            status = 400
    shown = list(reports[:200])
    for report in shown:
        report.state = report_state(report)  # type: ignore[attr-defined]
    return render(
        request,
        "portfolio/report_list.html",
        {"reports": shown, "form": form, "may_generate": may_generate},
        status=status,
    )


def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One version: its progress while it is made, its downloads when ready."""
    report = selectors.report_get(user=request.user, pk=pk)
    template = (
        "portfolio/partials/report_status.html"
        if is_htmx(request)
        else "portfolio/report_detail.html"
    )
    return render(
        request, template, {"report": report, "job": report.job, "state": report_state(report)}
    )


def _ready_report(request: HttpRequest, pk: int) -> QuarterlyReport:
    report = selectors.report_get(user=request.user, pk=pk)
    if report.status != ReportStatus.READY:
        raise Http404(_("This version is not ready."))
    return report


def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The PDF of a ready version."""
    return services.report_pdf_response(_ready_report(request, pk))


def report_json_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The frozen numbers of a ready version as JSON."""
    report = _ready_report(request, pk)
    response = HttpResponse(services.report_snapshot_json(report), content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="ai-portfolio-roi-{report.year}-Q{report.quarter}-v{report.version}.json"'
    )
    return response


def report_csv_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The frozen per-initiative numbers of a ready version as CSV."""
    report = _ready_report(request, pk)
    response = HttpResponse(
        services.report_snapshot_csv(report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ai-portfolio-roi-{report.year}-Q{report.quarter}-v{report.version}.csv"'
    )
    return response
