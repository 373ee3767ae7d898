"""Pages of inventory import and export: upload, preview, commit, the job's progress, export."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.http import is_htmx
from governance import exports, selectors, services
from governance.choices import ImportStatus
from governance.filters import AISystemFilterSet
from governance.forms import ImportUploadForm
from governance.models import ImportRun
from governance.services.systems import ApprovalConflict
from governance.views.common import form_page, require_editor, require_reader

ERRORS_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def import_upload_view(request: HttpRequest) -> HttpResponse:
    """Upload an inventory file for a preview."""
    require_editor(request)

    def save(data: dict[str, Any]) -> ImportRun:
        return services.import_preview(
            actor=request.user, file=data["file"], format_id=data["format"]
        )

    return form_page(
        request,
        ImportUploadForm(request.POST or None, request.FILES or None),
        save=save,
        saved=None,
        detail="governance:import-preview",
        template="governance/import_upload.html",
        context={},
    )


def import_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What the import will add, change and remove, and every row it cannot read."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    errors = Paginator(run.row_errors, ERRORS_PAGE_SIZE).get_page(request.GET.get("page"))
    plan = run.plan
    return render(
        request,
        "governance/import_preview.html",
        {
            "run": run,
            "page_obj": errors,
            "added": plan.get("added", [])[:50],
            "changed": plan.get("changed", [])[:50],
            "removed": plan.get("removed", [])[:50],
            "warnings": plan.get("warnings", [])[:50],
            "field_counts": plan.get("field_counts", {}),
            "can_commit": run.status == ImportStatus.PREVIEWED,
        },
    )


@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the all-or-nothing import job and show its progress."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    try:
        services.import_commit(actor=request.user, run=run)
    except ApprovalConflict as exc:
        messages.error(request, exc.message)
    return redirect("governance:import-job", pk=run.pk)


def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The import job's page; the progress fragment polls itself while the job runs."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    context = {"run": run, "progress": selectors.import_run_progress(run=run)}
    if is_htmx(request):
        run.refresh_from_db()
        return render(request, "governance/partials/import_progress.html", context)
    return render(request, "governance/import_job.html", context)


def export_view(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV, XLSX, Dutch publication JSON, US CSV or Annex VIII."""
    require_reader(request)
    filterset = AISystemFilterSet(
        request.GET, queryset=selectors.ai_system_list(user=request.user), request=request
    )
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.EXPORT_FORMATS or not filterset.is_valid():
        return HttpResponse(_("Unknown export format or filter."), status=400)
    return exports.export_response(
        filterset.qs,
        export_format,
        today=datetime.date.today(),
        initiatives=filterset.visible_initiatives(),
    )
