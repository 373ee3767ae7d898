"""Bulk measurements from the API or a CSV/XLSX file: check every row, then save all or nothing.

A file import has two steps. The preview (`measurement_import(dry_run=True)`) runs in the request
and lists every row error. The commit is a background job (`measurement_import_enqueue`): the
upload is kept in the media storage under `imports/measurements/<uuid>.<ext>`, and the job reads
it again, re-checks every row against the database as it is then and writes all rows in ONE
transaction; if any row fails, nothing is saved and the job fails with the row errors in its
result. The stored file is deleted when the job ends, however it ends.

Progress. Rows written inside the transaction stay invisible to the page polling the Job row
(other connections see only committed rows), so the job writes its phases (reading, checking,
writing, imported) to the Job row outside the transaction, and the rows written so far to the
cache under `measurement_import_progress_key(job_id)`, which `measurement_import_status` reads
first while the job is active.

The JSON bulk endpoint (`measurements/bulk/`) stays synchronous: it sends few rows at a time.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from core.roles import Cap, has_capability
from jobs.models import Job, JobStatus
from jobs.registry import Progress, register
from jobs.services import job_enqueue
from metrics.choices import MeasurementSource
from metrics.domain.entries import a_date, kpi_value, not_in_future
from metrics.models import Kpi, Measurement
from metrics.services.field_errors import FieldErrors
from metrics.services.roi import roi_mark_dirty

JOB_KIND = "metrics.measurement_import"
UPLOAD_DIR = "imports/measurements"
WRITE_BATCH = 1000

COLUMNS = ("kpi_id", "initiative_id", "kpi_name", "date", "value", "note")
REQUIRED_COLUMNS = ("date", "value")
MAX_ROWS = 50_000
TEMPLATE_EXAMPLE = ("12", "", "", "2026-01-31", "15.5", "January close")
TEMPLATE_EXAMPLE_BY_NAME = ("", "3", "Minutes per invoice", "2026-02-28", "14", "")


class ImportFileError(ValueError):
    """The upload cannot be read at all (wrong type, too large, no header)."""


@dataclass(frozen=True)
class RowError:
    """One problem with one row; row is the spreadsheet row number (header is row 1)."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The API shape."""
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    """Counts and row errors of a dry run or a commit."""

    rows: int = 0
    valid: int = 0
    created: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        """Number of rows with at least one error."""
        return len({error.row for error in self.errors})

    def as_dict(self) -> dict[str, Any]:
        """The API shape: counts and errors."""
        return {
            "counts": {
                "rows": self.rows,
                "valid": self.valid,
                "invalid": self.invalid_rows,
                "created": self.created,
            },
            "committed": self.committed,
            "errors": [error.as_dict() for error in self.errors],
        }


# --- Reading files ----------------------------------------------------------------------------


def _clean_header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def read_upload(upload: BinaryIO, name: str, size: int | None = None) -> list[dict[str, Any]]:
    """Rows of a CSV or XLSX upload as dicts keyed by column name, each with its row number."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if size is not None and size > limit:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": limit // (1024 * 1024)}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": limit // (1024 * 1024)}
        )
    lower = name.lower()
    if lower.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif lower.endswith(".csv"):
        rows = _read_csv(data)
    else:
        raise ImportFileError(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [_clean_header(cell) for cell in rows[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing or not ({"kpi_id", "kpi_name"} & set(header)):
        raise ImportFileError(
            _("The first row must name the columns %(columns)s; download the template.")
            % {"columns": ", ".join(COLUMNS)}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS}
        )
    result = []
    for number, cells in enumerate(rows[1:], start=2):
        if all(cell in (None, "") for cell in cells):
            continue
        record = {column: (cells[i] if i < len(cells) else None) for i, column in enumerate(header)}
        record["row"] = number
        result.append(record)
    return result


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
    dialect: type[csv.Dialect]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise ImportFileError(_("This is not an Excel (.xlsx) file."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("This Excel file cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# --- Checking and saving ----------------------------------------------------------------------


def _writable_kpis(actor: Any) -> Any:
    """KPIs whose measurements the actor may log: their own team's, with the capability."""
    if not has_capability(actor, Cap.LOG_MEASUREMENTS):
        return Kpi.objects.none()
    team = Q(initiative__owner=actor) | Q(initiative__members=actor)
    return Kpi.objects.filter(pk__in=Kpi.objects.filter(team).values("pk"))


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def measurement_rows_check(
    *, actor: Any, rows: list[dict[str, Any]], preview_limit: int = 20
) -> tuple[ImportResult, list[Measurement]]:
    """Check rows (kpi_id or initiative_id + kpi_name, date, value, note) without saving.

    A row fails for an unknown KPI (including one the actor may not log for: we do not reveal
    that it exists), a bad number, a bad or future date, or a duplicate: the same KPI and date
    twice in the file, or a date that already has a measurement.
    """
    result = ImportResult(rows=len(rows))
    kpis = _writable_kpis(actor)
    ids = {_as_id(row.get("kpi_id")) for row in rows} - {None}
    by_id = {kpi.pk: kpi for kpi in kpis.filter(pk__in=ids).select_related("initiative")}
    named = {
        (_as_id(row.get("initiative_id")), str(row.get("kpi_name") or "").strip().lower())
        for row in rows
        if _as_id(row.get("kpi_id")) is None and row.get("kpi_name")
    }
    by_name: dict[tuple[int | None, str], Kpi] = {}
    if named:
        initiative_ids = {initiative for initiative, _name in named} - {None}
        for kpi in kpis.filter(initiative_id__in=initiative_ids).select_related("initiative"):
            by_name[(kpi.initiative_id, kpi.name.strip().lower())] = kpi
    candidates: list[tuple[int, Kpi, date, Decimal, str]] = []
    today = timezone.localdate()
    for row in rows:
        number = int(row["row"])
        errors = FieldErrors()
        kpi_key = _as_id(row.get("kpi_id"))
        kpi = None
        if kpi_key is not None:
            kpi = by_id.get(kpi_key)
        elif row.get("kpi_name"):
            kpi = by_name.get(
                (_as_id(row.get("initiative_id")), str(row.get("kpi_name")).strip().lower())
            )
        if kpi is None:
            errors.add("kpi_id", _("Unknown KPI, or not one of your initiatives' KPIs."))
        measured_on = errors.check(a_date, "date", row.get("date"))
        errors.check(not_in_future, "date", measured_on, today=today)
        value = errors.check(kpi_value, "value", row.get("value"))
        note = str(row.get("note") or "").strip()
        if len(note) > 500:
            errors.add("note", _("Keep the note under 500 characters."))
        for field_name, messages in errors.messages.items():
            result.errors.extend(RowError(number, field_name, message) for message in messages)
        if not errors.messages:
            assert kpi is not None and measured_on is not None and value is not None
            candidates.append((number, kpi, measured_on, value, note))
    existing = set(
        Measurement.objects.filter(
            kpi_id__in={kpi.pk for _n, kpi, *_rest in candidates},
            measured_on__in={on for _n, _k, on, *_rest in candidates},
        ).values_list("kpi_id", "measured_on")
    )
    seen: dict[tuple[int, date], int] = {}
    valid: list[Measurement] = []
    for number, kpi, measured_on, value, note in candidates:
        key = (kpi.pk, measured_on)
        if key in existing:
            result.errors.append(
                RowError(number, "date", _("This KPI already has a measurement on this date."))
            )
            continue
        if key in seen:
            result.errors.append(
                RowError(
                    number,
                    "date",
                    _("Duplicate of row %(row)d: same KPI and date.") % {"row": seen[key]},
                )
            )
            continue
        seen[key] = number
        valid.append(Measurement(kpi=kpi, value=value, measured_on=measured_on, note=note))
        if len(result.preview) < preview_limit:
            result.preview.append(
                {"row": number, "kpi": kpi, "date": measured_on, "value": value, "note": note}
            )
    result.errors.sort(key=lambda error: error.row)
    result.valid = len(valid)
    return result, valid


def measurement_import(
    *,
    actor: Any,
    rows: list[dict[str, Any]],
    dry_run: bool,
    source: str = MeasurementSource.IMPORT,
    on_written: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check rows and, unless dry_run or any row fails, save them all in one transaction.

    on_written(done, total) is called after each batch written, inside the transaction.
    """
    with transaction.atomic():
        result, valid = measurement_rows_check(actor=actor, rows=rows)
        if dry_run or result.errors or not valid:
            return result
        for measurement in valid:
            measurement.logged_by = actor
            measurement.source = source
        try:
            with transaction.atomic():
                for start in range(0, len(valid), WRITE_BATCH):
                    batch = valid[start : start + WRITE_BATCH]
                    bulk_create_with_history(
                        batch, Measurement, batch_size=WRITE_BATCH, default_user=actor
                    )
                    if on_written is not None:
                        on_written(start + len(batch), len(valid))
        except IntegrityError:
            # Someone logged one of these dates between our check and our insert.
            result.errors.append(
                RowError(0, "date", _("Some measurements were logged meanwhile; check again."))
            )
            return result
        for initiative_id in {measurement.kpi.initiative_id for measurement in valid}:
            roi_mark_dirty(initiative_id=initiative_id)
        result.created = len(valid)
        result.committed = True
        return result


# --- The commit as a background job ------------------------------------------------------------


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
        result = measurement_import(
            actor=actor,
            rows=rows,
            dry_run=False,
            source=job.params.get("source") or MeasurementSource.IMPORT,
            on_written=written,
        )
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
