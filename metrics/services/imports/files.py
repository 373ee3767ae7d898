"""Reading an uploaded CSV or XLSX file of measurements into rows keyed by column name."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

COLUMNS = ("kpi_id", "initiative_id", "kpi_name", "date", "value", "note")
REQUIRED_COLUMNS = ("date", "value")
MAX_ROWS = 50_000
TEMPLATE_EXAMPLE = ("12", "", "", "2026-01-31", "15.5", "January close")
TEMPLATE_EXAMPLE_BY_NAME = ("", "3", "Minutes per invoice", "2026-02-28", "14", "")


class ImportFileError(ValueError):
    """The upload cannot be read at all (wrong type, too large, no header)."""


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
