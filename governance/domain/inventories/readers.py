"""Turn the bytes of a CSV, XLSX or JSON file into a header and raw rows, counting every line.

Every reader is bounded (core.uploads): an XLSX archive is checked before openpyxl opens it,
JSON nesting before json parses it, and rows, columns and cell lengths while rows are read. A
bound that is passed raises core.uploads.UploadRefused with the reason for the person.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from core.uploads import (
    DEFAULT_LIMITS,
    BoundedCsvReader,
    UploadLimits,
    UploadRefused,
    bounded_rows,
    check_xlsx,
    json_document,
    printable,
)
from governance.domain.inventories.normalise import unescape_formula
from governance.domain.inventories.records import InventoryFileError

FILE_TYPES = ("csv", "xlsx", "json")
# Where list-shaped payloads sit inside the JSON documents we know (scraper, GOV.UK search, generic).
JSON_ROW_KEYS = ("algoritmes", "results", "records", "items", "data")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row as read: 1-based record index, physical line (or sheet row) and cell texts."""

    row_number: int
    line_number: int | None
    values: tuple[str, ...]
    # Set when the entry cannot be a record at all (a JSON list item that is no object).
    defect: str = ""


@dataclass(frozen=True)
class RawTable:
    """A file read into a header and rows, before any format-specific mapping."""

    file_type: str
    encoding: str
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    blank_rows: int
    header_line: int | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def guess_file_type(filename: str, data: bytes) -> str:
    """csv, xlsx or json from the file name, falling back to the first bytes."""
    lowered = filename.lower()
    for file_type in FILE_TYPES:
        if lowered.endswith("." + file_type):
            return file_type
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    head = data[:64].lstrip(codecs.BOM_UTF8).lstrip()
    if head[:1] in (b"{", b"["):
        return "json"
    return "csv"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text as UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InventoryFileError(
                "undecodable", f"The file is not valid UTF-16: {exc.reason}."
            ) from exc
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data.decode("utf-8-sig"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Several official inventories (US 2024 v2) are exported from Excel in Windows-1252.
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise InventoryFileError(
            "undecodable",
            f"The file is neither UTF-8 nor Windows-1252 text (byte {exc.start}).",
            position=str(exc.start),
        ) from exc


def _sniff_delimiter(text: str) -> str:
    """Comma unless the first line clearly uses semicolons or tabs (European Excel exports)."""
    first = text.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def read_csv(data: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read CSV bytes; each record keeps the physical line on which it starts."""
    text, encoding = decode_text(data)
    reader = BoundedCsvReader(text, delimiter=_sniff_delimiter(text), limits=limits)
    header: tuple[str, ...] | None = None
    header_line: int | None = None
    rows: list[RawRow] = []
    blank = 0
    # Blank lines after the last record are layout, not rows; only inner blank rows are counted.
    pending_blank = 0
    previous_line = 0
    # A field, a row count or a width beyond the limits is refused by the reader (UploadRefused).
    for cells in reader:
        start_line = previous_line + 1
        previous_line = reader.line_num
        values = tuple(unescape_formula(cell) for cell in cells)
        if header is None:
            if any(value.strip() for value in values):
                header, header_line = values, start_line
            continue
        if not any(value.strip() for value in values):
            pending_blank += 1
            continue
        blank += pending_blank
        pending_blank = 0
        rows.append(RawRow(len(rows) + blank + 1, start_line, values))
    if header is None:
        raise InventoryFileError("empty_file", "The file has no header row.")
    return RawTable("csv", encoding, header, tuple(rows), blank, header_line)


def _cell_text(value: object) -> str:
    """A spreadsheet cell as text, dates in ISO form, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape_formula(value)
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(
    data: bytes, max_rows: int | None = None, limits: UploadLimits = DEFAULT_LIMITS
) -> RawTable:
    """Read the first worksheet of an XLSX file in read-only mode; sheet rows are the lines."""
    from openpyxl import load_workbook

    # Entities, a huge declared sheet and a zip bomb are refused before openpyxl opens anything.
    check_xlsx(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _unreadable_xlsx(exc) from exc
    try:
        sheet = workbook.worksheets[0]
        # Some producers write a wrong <dimension>; without this, read-only mode cuts rows off.
        sheet.reset_dimensions()
        header: tuple[str, ...] | None = None
        header_line: int | None = None
        rows: list[RawRow] = []
        blank = 0
        # Excel keeps formatted empty rows below the data; only inner blank rows are counted.
        pending_blank = 0
        sheet_rows = bounded_rows(
            sheet.iter_rows(min_row=1, max_row=max_rows, values_only=True), limits
        )
        for sheet_row, cells in enumerate(_parsed(sheet_rows), start=1):
            values = tuple(_cell_text(cell) for cell in cells)
            if header is None:
                if sum(1 for value in values if value.strip()) >= 2:
                    header, header_line = _trim_header(values), sheet_row
                continue
            # Read-only mode ends a row at its last filled cell; the rest is blank, not missing.
            values += ("",) * (len(header) - len(values))
            if not any(value.strip() for value in values):
                pending_blank += 1
                continue
            blank += pending_blank
            pending_blank = 0
            rows.append(RawRow(len(rows) + blank + 1, sheet_row, values))
    finally:
        workbook.close()
    if header is None:
        raise InventoryFileError("empty_file", "The workbook's first sheet has no header row.")
    return RawTable("xlsx", "xlsx", header, tuple(rows), blank, header_line)


def _unreadable_xlsx(exc: Exception) -> InventoryFileError:
    return InventoryFileError(
        "unreadable_xlsx", f"The file is not a readable XLSX workbook: {printable(str(exc))}."
    )


def _parsed(rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """Sheet rows; a sheet's XML is only parsed while its rows are read, so errors come here."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except UploadRefused:
            raise
        except Exception as exc:  # a damaged sheet: expat, defusedxml or openpyxl errors
            raise _unreadable_xlsx(exc) from exc
        yield row


def _trim_header(header: tuple[str, ...]) -> tuple[str, ...]:
    """Drop empty header cells at the right edge that spreadsheets often carry."""
    end = len(header)
    while end and not header[end - 1].strip():
        end -= 1
    return header[:end]


def _json_text(value: object) -> str:
    """A JSON value as cell text: null empty, booleans True/False, lists joined with '|'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _cell_text(value)
    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return "|".join(_json_text(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def read_json(data: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read a JSON array of objects, or an object holding one (e.g. {"algoritmes": [...]})."""
    text, encoding = decode_text(data)
    try:
        # Nesting beyond the limit, NaN and Infinity are refused before or while parsing.
        document = json_document(text, limits)
    except json.JSONDecodeError as exc:
        raise InventoryFileError(
            "json_syntax",
            f"The JSON file cannot be read at line {exc.lineno}: {exc.msg}.",
            line=str(exc.lineno),
        ) from exc
    notes: dict[str, Any] = {}
    items: object = document
    if isinstance(document, dict):
        items = None
        for key in JSON_ROW_KEYS:
            if isinstance(document.get(key), list):
                items = document[key]
                notes = {k: v for k, v in document.items() if k != key}
                break
    if not isinstance(items, list):
        raise InventoryFileError(
            "json_shape", "The JSON file does not hold a list of records.", expected="list"
        )
    header: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            for key in item:
                if key not in seen:
                    seen.add(key)
                    header.append(key)
    rows: list[RawRow] = []
    blank = 0
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            # A non-object entry cannot be mapped, but it is counted and reported as a row.
            rows.append(RawRow(index, None, (_json_text(item),), defect="not_an_object"))
            continue
        values = tuple(_json_text(item.get(key)) for key in header)
        if not any(value.strip() for value in values):
            blank += 1
            continue
        rows.append(RawRow(index, None, values))
    # Entries are numbered from 1 as in the row errors; the bounds are those of a sheet.
    for _row in bounded_rows((row.values for row in rows), limits):
        pass
    return RawTable("json", encoding, tuple(header), tuple(rows), blank, None, notes)


def read_table(file_type: str, data: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> RawTable:
    """Dispatch to the reader for csv, xlsx or json."""
    if file_type == "csv":
        return read_csv(data, limits)
    if file_type == "xlsx":
        return read_xlsx(data, limits=limits)
    if file_type == "json":
        return read_json(data, limits)
    raise InventoryFileError(
        "unsupported_file_type", f"Files of type '{file_type}' cannot be imported.", type=file_type
    )


def first_csv_record(text: str, limits: UploadLimits = DEFAULT_LIMITS) -> list[str]:
    """The first non-blank record of a (possibly truncated) CSV text, for format detection.

    A first record beyond the bounds (an overlong field, too many columns) is refused.
    """
    reader = BoundedCsvReader(text, delimiter=_sniff_delimiter(text), limits=limits)
    for cells in reader:
        if any(cell.strip() for cell in cells):
            return cells
    return []
