"""Reading an uploaded CSV or XLSX file of measurements into rows keyed by column name.

Every upload is bounded before it is parsed (core.uploads): its size, an XLSX file's archive
(entities, declared sheet size, what it inflates to), and while reading, the rows, columns and
cell lengths. A refusal is an ImportFileError with the reason, like any file that cannot be read.
"""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from core.uploads import (
    DEFAULT_LIMITS,
    BoundedCsvReader,
    UploadLimits,
    UploadRefused,
    bounded_rows,
    check_size,
    check_xlsx,
    upload_limits,
)

COLUMNS = ("kpi_id", "initiative_id", "kpi_name", "date", "value", "note")
REQUIRED_COLUMNS = ("date", "value")
# What a person fills in; a row with none of them (a template row left as it was) is skipped.
FILL_COLUMNS = ("date", "value", "note")
# The template adds the initiative's title, the unit and the last value logged for the reader;
# the import ignores them.
TEMPLATE_COLUMNS = (
    "kpi_id",
    "initiative_id",
    "initiative",
    "kpi_name",
    "unit",
    "last_value",
    "last_date",
    "date",
    "value",
    "note",
)
MAX_ROWS = DEFAULT_LIMITS.max_rows
# Text starting with one of these could run as a formula when the file is opened (OWASP).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(ValueError):
    """The upload cannot be read at all (wrong type, too large, beyond a bound, no header)."""


def _clean_header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def read_upload(upload: BinaryIO, name: str, size: int | None = None) -> list[dict[str, Any]]:
    """Rows of a CSV or XLSX upload as dicts keyed by column name, each with its row number."""
    limits = upload_limits()
    lower = name.lower()
    if not lower.endswith((".csv", ".xlsx")):
        raise ImportFileError(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    try:
        if size is not None:
            check_size(size, limits)
        data = upload.read(limits.max_bytes + 1)
        check_size(data, limits)
        rows = _read_xlsx(data, limits) if lower.endswith(".xlsx") else _read_csv(data, limits)
    except UploadRefused as exc:
        raise ImportFileError(exc.message) from exc
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [_clean_header(cell) for cell in rows[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing or not ({"kpi_id", "kpi_name"} & set(header)):
        raise ImportFileError(
            _("The first row must name the columns %(columns)s; download the template.")
            % {"columns": ", ".join(COLUMNS)}
        )
    result = []
    for number, cells in enumerate(rows[1:], start=2):
        if all(_blank(cell) for cell in cells):
            continue
        record = {column: (cells[i] if i < len(cells) else None) for i, column in enumerate(header)}
        if all(_blank(record.get(column)) for column in FILL_COLUMNS):
            continue
        record["row"] = number
        result.append(record)
    return result


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def template_cell(value: Any) -> Any:
    """A cell of the template, safe to open in a spreadsheet: text never starts a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def _read_csv(data: bytes, limits: UploadLimits) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
    dialect: type[csv.Dialect]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(BoundedCsvReader(text, dialect=dialect, limits=limits))


def _read_xlsx(data: bytes, limits: UploadLimits) -> list[list[Any]]:
    from openpyxl import load_workbook

    check_xlsx(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise ImportFileError(_("This Excel file cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in bounded_rows(sheet.iter_rows(values_only=True), limits)]
    except UploadRefused:
        raise
    except Exception as exc:  # a sheet's XML is only parsed while its rows are read
        raise ImportFileError(_("This Excel file cannot be read.")) from exc
    finally:
        workbook.close()
