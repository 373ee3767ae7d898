"""The importable formats, format detection and the parse entry point."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from core.uploads import DEFAULT_LIMITS, UploadLimits, UploadRefused, check_size, json_document
from governance.domain.inventories.base import InventoryFormat, assemble
from governance.domain.inventories.ca_gc import CA_GC
from governance.domain.inventories.nl_algoritmeregister import LISTING, PUBLICATION
from governance.domain.inventories.readers import (
    decode_text,
    first_csv_record,
    guess_file_type,
    read_table,
    read_xlsx,
)
from governance.domain.inventories.records import InventoryFileError, Issue, ParseResult
from governance.domain.inventories.uk_atrs import UK_ATRS
from governance.domain.inventories.us_2024 import US_2024
from governance.domain.inventories.us_2025 import US_2025, US_2025_COTS

# Order matters for detection: the first format whose required columns are present wins.
FORMATS: dict[str, InventoryFormat] = {
    fmt.id: fmt for fmt in (US_2025, US_2025_COTS, US_2024, LISTING, PUBLICATION, UK_ATRS, CA_GC)
}

FileSource = bytes | bytearray | str | os.PathLike[str] | BinaryIO


def _read_source(source: FileSource, filename: str | None) -> tuple[bytes, str]:
    """The bytes and a file name from bytes, a path or an open binary file."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or ""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return path.read_bytes(), filename or path.name
    return source.read(), filename or getattr(source, "name", "") or ""


def get_format(format_id: str) -> InventoryFormat:
    """The format with this id, or a file error naming the known ones."""
    try:
        return FORMATS[format_id]
    except KeyError:
        raise InventoryFileError(
            "unknown_format",
            f"Unknown import format '{format_id}'; known: {', '.join(FORMATS)}.",
            format=format_id,
        ) from None


def parse(
    format_id: str,
    source: FileSource,
    filename: str | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> ParseResult:
    """Read a whole inventory file as the given format.

    Raises InventoryFileError when the file as a whole does not fit (wrong type, columns,
    encoding), and core.uploads.UploadRefused when it passes one of the limits (size, rows,
    columns, cell length, nesting, what an XLSX file inflates to); row-level problems, such as
    a cell holding a NUL byte, come back in the result instead.
    """
    fmt = get_format(format_id)
    data, name = _read_source(source, filename)
    check_size(data, limits)
    file_type = guess_file_type(name, data)
    if "." + file_type not in fmt.extensions:
        raise InventoryFileError(
            "unsupported_file_type",
            f"{fmt.label} files cannot be imported from {file_type.upper()}; "
            f"use {', '.join(ext.lstrip('.').upper() for ext in fmt.extensions)}.",
            type=file_type,
        )
    table = read_table(file_type, data, limits)
    result = assemble(fmt, table, name)
    declared = table.notes.get("count")
    found = len(table.rows) + table.blank_rows
    if isinstance(declared, int) and declared != found:
        notice = Issue(
            "count_mismatch",
            f"The file says it holds {declared} records but contains {found}.",
            params={"declared": str(declared), "found": str(found)},
        )
        return _with_warning(result, notice)
    return result


def _with_warning(result: ParseResult, notice: Issue) -> ParseResult:
    """A copy of the result with one more file-level warning."""
    counts = replace(result.counts, warnings=result.counts.warnings + 1)
    return replace(result, warnings=(*result.warnings, notice), counts=counts)


def _header_from_head(file_type: str, head: bytes, limits: UploadLimits) -> list[str]:
    """Best-effort header of a file from its first bytes (whole file for XLSX).

    A text head beyond the limits (a first record too long or too wide, JSON nested too deep or
    holding NaN) is refused here already; a workbook that cannot be opened falls back to its
    name, and parse() refuses it with the reason.
    """
    if file_type == "xlsx":
        try:
            # The header is on one of the first rows; reading the whole sheet is not needed.
            table = read_xlsx(head, max_rows=10, limits=limits)
        except (InventoryFileError, UploadRefused):
            return []
        return list(table.header)
    try:
        text, _ = decode_text(head)
    except InventoryFileError:
        text = head.decode("utf-8", errors="replace")
    if file_type == "json":
        return _json_keys(text, limits)
    return first_csv_record(text, limits)


def _json_keys(text: str, limits: UploadLimits) -> list[str]:
    """Keys of the first record in a JSON document, even when the text is cut off."""
    try:
        document = json_document(text, limits)
    except json.JSONDecodeError:
        document = None
    if document is not None:
        try:
            table = read_table("json", text.encode("utf-8"), limits)
        except InventoryFileError:
            # Not a list of records: no format's header; parse() says what is wrong.
            return []
        return list(table.header)
    keys: list[str] = []
    decoder = json.JSONDecoder()
    # A truncated head cannot be parsed whole; pick out the "key": tokens in order instead.
    position = 0
    while (position := text.find('"', position)) != -1:
        try:
            token, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            break
        rest = text[end : end + 4].lstrip()
        if isinstance(token, str) and rest.startswith(":") and token not in keys:
            keys.append(token)
        position = end
    return keys


def detect_format(filename: str, head: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> str | None:
    """Suggest the format of a file from its name and first bytes (pass the whole file for XLSX).

    Raises core.uploads.UploadRefused when the head of a text file passes one of the limits.
    """
    file_type = guess_file_type(filename, head)
    header = _header_from_head(file_type, head, limits)
    if header:
        for fmt in FORMATS.values():
            if "." + file_type in fmt.extensions and fmt.accepts_header(header):
                return fmt.id
    if file_type == "xlsx":
        # Only the US 2025 inventory is published as XLSX; a cut-off workbook cannot be opened.
        return US_2025_COTS.id if "cots" in filename.lower() else US_2025.id
    return None
