"""The measurement import pages: upload and preview, the job's progress, the template file."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from core.http import is_htmx
from core.roles import Cap, has_capability
from metrics.forms import ImportForm
from metrics.services import imports
from metrics.services.imports import COLUMNS

_IMPORT_SESSION_KEY = "metrics_import_files"


@require_http_methods(["GET", "POST"])
def measurement_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a file and see a preview with row errors; saving runs as a job with progress."""
    require(has_capability(request.user, Cap.LOG_MEASUREMENTS))
    result = None
    token = ""
    form = ImportForm()
    if request.method == "POST" and "token" in request.POST:
        return _import_commit(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = imports.read_upload(upload, upload.name, upload.size)
            except imports.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                result = imports.measurement_import(actor=request.user, rows=rows, dry_run=True)
                if not result.errors and result.valid:
                    token = _keep_upload(request, upload, rows=len(rows))
    return render(
        request,
        "metrics/import.html",
        {"form": form, "result": result, "token": token, "columns": COLUMNS},
        status=400 if form.errors else 200,
    )


def _keep_upload(request: HttpRequest, upload: Any, *, rows: int) -> str:
    """Store the previewed file until the person commits it; the session remembers whose it is.

    One pending preview per session: a new preview discards the file of the previous one.
    """
    upload.seek(0)
    filename = upload.name.rsplit("/", 1)[-1]
    name = imports.import_file_keep(data=upload.read(), filename=filename)
    for pending in request.session.get(_IMPORT_SESSION_KEY, {}).values():
        imports.import_file_discard(pending["file"] if isinstance(pending, dict) else pending)
    token = uuid.uuid4().hex
    request.session[_IMPORT_SESSION_KEY] = {
        token: {"file": name, "filename": filename, "rows": rows}
    }
    return token


def _import_commit(request: HttpRequest) -> HttpResponse:
    files = request.session.get(_IMPORT_SESSION_KEY, {})
    pending = files.pop(request.POST["token"], None)
    request.session[_IMPORT_SESSION_KEY] = files
    if not isinstance(pending, dict) or not default_storage.exists(pending["file"]):
        messages.error(request, _("That preview has expired; upload the file again."))
        return redirect("metrics:measurement-import")
    job = imports.measurement_import_enqueue(
        actor=request.user,
        stored_name=pending["file"],
        filename=pending["filename"],
        rows=pending["rows"],
    )
    return redirect("metrics:measurement-import-job", pk=job.pk)


def measurement_import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The import job's page; the progress fragment polls itself while the job runs."""
    job = imports.measurement_import_job_get(user=request.user, job_id=pk)
    context = {"job": job, "progress": imports.measurement_import_status(job)}
    if is_htmx(request):
        return render(request, "metrics/partials/import_progress.html", context)
    return render(request, "metrics/import_job.html", context)


def import_template_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """A file with the import columns and a row for each KPI the person may log, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    # Someone who logs no measurements gets the columns alone.
    rows = imports.measurement_import_template(actor=request.user)
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=False)
        sheet = workbook.create_sheet("measurements", 0)
        workbook.remove(workbook.worksheets[1])
        for row in rows:
            sheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measurements-template.{fmt}"'
    return response
