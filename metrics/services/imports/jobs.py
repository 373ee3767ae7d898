"""The commit of a file import as a background job: keep the upload, queue, run, report."""

from __future__ import annotations

import uuid
from typing import Any, BinaryIO, cast

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.roles import Cap, has_capability
from jobs.models import Job, JobStatus
from jobs.registry import Progress, register
from jobs.services import job_enqueue
from metrics.choices import MeasurementSource
from metrics.events import emit_import_finished
from metrics.services.imports.files import read_upload
from metrics.services.imports.rows import measurement_import

JOB_KIND = "metrics.measurement_import"
UPLOAD_DIR = "imports/measurements"


class ImportRowsInvalid(Exception):
    """The rows no longer pass the checks at commit time; the job's result lists them."""


def measurement_import_progress_key(job_id: int) -> str:
    """Cache key of the rows an import job has written so far (inside its transaction)."""
    return f"metrics:import-progress:{job_id}"


def import_file_keep(*, data: bytes, filename: str) -> str:
    """Store an upload in the media storage until its import job has run; returns its name."""
    suffix = "xlsx" if filename.lower().endswith(".xlsx") else "csv"
    return default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.{suffix}", ContentFile(data))


def import_file_discard(name: str) -> None:
    """Delete a kept upload; a missing file is fine."""
    if name and default_storage.exists(name):
        default_storage.delete(name)


def measurement_import_enqueue(*, actor: Any, stored_name: str, filename: str, rows: int) -> Job:
    """Queue the all-or-nothing import of a kept upload; the same file is never queued twice."""
    if not has_capability(actor, Cap.LOG_MEASUREMENTS):
        raise PermissionDenied
    job = job_enqueue(
        kind=JOB_KIND,
        actor=actor,
        params={
            "file": stored_name,
            "filename": filename[:255],
            "rows": rows,
            "source": MeasurementSource.IMPORT.value,
        },
        dedupe_key=f"metrics-import-{stored_name}"[:200],
    )
    return job


def measurement_import_job_get(*, user: Any, job_id: int) -> Job:
    """An import job the user started, or 404 (other people's imports are not theirs to see)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    return get_object_or_404(Job, pk=job_id, kind=JOB_KIND, created_by=user)


def measurement_import_status(job: Job) -> dict[str, Any]:
    """Status, progress and outcome of an import job: the cache while it writes, else the row."""
    job.refresh_from_db()
    live = cache.get(measurement_import_progress_key(job.pk)) if job.is_active else None
    done, total = (live["done"], live["total"]) if live else (job.done, job.total)
    if job.status == JobStatus.SUCCEEDED:
        percent = 100
    else:
        percent = min(100, done * 100 // total) if total else 0
    result = job.result or {}
    return {
        "job_id": job.pk,
        "status": job.status,
        "active": job.is_active,
        "filename": job.params.get("filename", ""),
        "done": done,
        "total": total,
        "percent": percent,
        "message": job.message,
        "committed": bool(result.get("committed")),
        "counts": result.get("counts"),
        "errors": result.get("errors", []),
        "error": job.error,
    }


@register(JOB_KIND)
def measurement_import_run(job: Job, progress: Progress) -> dict[str, Any]:
    """Job handler: read the kept file again and save every row or none."""
    name = job.params.get("file", "")
    expected = int(job.params.get("rows") or 0)
    key = measurement_import_progress_key(job.pk)

    def written(done: int, total: int) -> None:
        cache.set(key, {"done": done, "total": total}, timeout=3600)

    try:
        progress(0, expected, _("Reading the file"))
        actor = job.created_by
        if actor is None:
            raise ValueError(_("The person who started this import no longer has an account."))
        if not name or not default_storage.exists(name):
            raise ValueError(_("The uploaded file is no longer available; upload it again."))
        with default_storage.open(name, "rb") as handle:
            rows = read_upload(cast(BinaryIO, handle), job.params.get("filename") or name)
        if not rows:
            raise ValueError(_("The file has no rows to import."))
        progress(0, len(rows), _("Checking and saving the rows"))
        with transaction.atomic():
            result = measurement_import(
                actor=actor,
                rows=rows,
                dry_run=False,
                source=job.params.get("source") or MeasurementSource.IMPORT,
                on_written=written,
            )
            if result.committed:
                emit_import_finished(job, result.as_dict()["counts"])
        if not result.committed:
            # Kept on the job so the progress page and the API can list the rows.
            Job.objects.filter(pk=job.pk).update(result=result.as_dict())
            count = result.invalid_rows or 1
            raise ImportRowsInvalid(
                ngettext(
                    "%(count)d row is not valid; nothing was saved.",
                    "%(count)d rows are not valid; nothing was saved.",
                    count,
                )
                % {"count": count}
            )
        progress(result.created, result.created, _("Imported"))
        return result.as_dict()
    finally:
        cache.delete(key)
        import_file_discard(name)
