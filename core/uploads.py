"""Bounds on every uploaded file and JSON body, checked before anything is parsed.

A hostile upload must get a clear 400 within a second and allocate little: a JSON body nested
tens of thousands of levels deep (RecursionError), a CSV field longer than the csv module allows,
an XLSX with a DOCTYPE (entity expansion), one whose sheet declares a million rows, or a zip bomb
that inflates a few kilobytes into gigabytes. Each check here reads the bytes once, cheaply, and
raises UploadRefused with a message for the person; the importers then parse what passed, through
the bounded readers here (csv_rows, BoundedCsvReader, bounded_rows, json_document).

XML entities are never expanded: check_xlsx refuses any DOCTYPE, and openpyxl parses with
defusedxml (a dependency; the system check core.E001 refuses to start without it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

# Characters PostgreSQL refuses in text (NUL) or that no person types into a cell (C0 controls
# other than tab, line feed and carriage return).
_FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Half of a UTF-16 pair on its own (JSON can write "\\ud800"): no UTF-8 text can hold it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UploadRefused(ValueError):
    """The upload is refused before parsing; `message` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold; the defaults fit every real inventory we import."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 50_000
    max_columns: int = 500
    max_cell_chars: int = 100_000
    # XLSX is a zip archive: what its parts may inflate to, and how much more than the file.
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 200
    max_archive_members: int = 2_000
    max_json_depth: int = 64


DEFAULT_LIMITS = UploadLimits()


def upload_limits() -> UploadLimits:
    """The limits of an import upload under the settings: never more than a request may carry."""
    request_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # None: Django sets no limit
    return replace(
        DEFAULT_LIMITS,
        max_bytes=min(DEFAULT_LIMITS.max_bytes, request_limit or DEFAULT_LIMITS.max_bytes),
        max_json_depth=settings.PORTFOLIO_MAX_JSON_DEPTH,
    )


def check_size(data: bytes | int, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a file (its bytes, or its size in bytes) larger than the limit."""
    if (data if isinstance(data, int) else len(data)) > limits.max_bytes:
        raise UploadRefused(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": limits.max_bytes // (1024 * 1024)}
        )


def check_json_depth(data: bytes | str, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Refuse JSON nested deeper than the limit, by counting brackets outside strings."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limits.max_json_depth:
                raise UploadRefused(
                    _("The JSON is nested more than %(depth)d levels deep.")
                    % {"depth": limits.max_json_depth}
                )
        elif char in "]}":
            depth -= 1


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - ord("A") + 1)
    return number


def check_xlsx(data: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Refuse an XLSX that is no zip, inflates too far, declares a DOCTYPE or a huge sheet."""
    check_size(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(_("This is not an Excel (.xlsx) file.")) from exc
    if len(members) > limits.max_archive_members:
        raise UploadRefused(_("This Excel file has too many parts to be a spreadsheet."))
    declared = sum(member.file_size for member in members)
    if (
        declared > limits.max_uncompressed_bytes
        or declared > max(len(data), 1) * limits.max_compression_ratio + 1024 * 1024
    ):
        raise UploadRefused(
            _(
                "This Excel file unpacks to more than %(mb)d MB; save it without blank rows or split it."
            )
            % {"mb": limits.max_uncompressed_bytes // (1024 * 1024)}
        )
    try:
        with archive:
            _check_members(archive, members, limits)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # A bad checksum or deflate stream, an encrypted part or an unknown compression method.
        raise UploadRefused(_("This Excel file is damaged; save it again from Excel.")) from exc


def _check_members(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: UploadLimits
) -> None:
    """Inflate the XML parts in bounded chunks, refusing entities, bombs and huge sheets."""
    inflated = 0
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(member) as stream:
            # Read in bounded chunks: the declared size of a member can lie.
            head = b""
            while chunk := stream.read(1 << 16):
                inflated += len(chunk)
                if inflated > limits.max_uncompressed_bytes:
                    raise UploadRefused(
                        _(
                            "This Excel file unpacks to more than %(mb)d MB; save it "
                            "without blank rows or split it."
                        )
                        % {"mb": limits.max_uncompressed_bytes // (1024 * 1024)}
                    )
                if _DOCTYPE.search(head[-16:] + chunk):
                    raise UploadRefused(
                        _("This Excel file declares XML entities; save it again from Excel.")
                    )
                if member.filename.startswith("xl/worksheets/") and not head:
                    _check_dimension(chunk, limits)
                head = chunk


def _check_dimension(chunk: bytes, limits: UploadLimits) -> None:
    """Refuse a sheet whose declared size is beyond the row or column limits."""
    match = _DIMENSION.search(chunk)
    if not match:
        return
    last_column, last_row = match.group(3), match.group(4)
    if last_row and int(last_row) > limits.max_rows + 1:
        raise UploadRefused(
            _("The sheet declares %(rows)s rows; the limit is %(max)d. Split the file.")
            % {"rows": last_row.decode(), "max": limits.max_rows}
        )
    if last_column and _column_number(last_column) > limits.max_columns:
        raise UploadRefused(
            _("The sheet declares more than %(max)d columns.") % {"max": limits.max_columns}
        )


class BoundedCsvReader:
    """A csv.reader over text that refuses overlong fields and too many rows or columns.

    Iterate it for rows; `line_num` is the csv module's (the physical line last read). The csv
    module's field limit is process-wide, so it is lowered only while one row is read.
    """

    def __init__(
        self,
        text: str,
        *,
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel,
        delimiter: str | None = None,
        limits: UploadLimits = DEFAULT_LIMITS,
    ) -> None:
        stream = io.StringIO(text, newline="")
        self._reader = (
            csv.reader(stream, dialect, delimiter=delimiter)
            if delimiter
            else csv.reader(stream, dialect)
        )
        self._limits = limits
        self._count = 0

    @property
    def line_num(self) -> int:
        """The physical line the last row ended on."""
        return self._reader.line_num

    def __iter__(self) -> BoundedCsvReader:
        return self

    def __next__(self) -> list[str]:
        limits = self._limits
        previous = csv.field_size_limit(limits.max_cell_chars)
        try:
            row = next(self._reader)
        except csv.Error as exc:
            raise UploadRefused(
                _("Line %(line)d cannot be read as CSV: a cell is longer than %(chars)d "
                  "characters or a quote is not closed.")
                % {"line": self._reader.line_num, "chars": limits.max_cell_chars}
            ) from exc  # fmt: skip
        finally:
            csv.field_size_limit(previous)
        self._count += 1
        if self._count > limits.max_rows + 1:
            raise UploadRefused(
                _("The file has more than %(max)d rows; split it.") % {"max": limits.max_rows}
            )
        if len(row) > limits.max_columns:
            raise UploadRefused(
                _("Line %(line)d has more than %(max)d columns.")
                % {"line": self._reader.line_num, "max": limits.max_columns}
            )
        return row


def csv_rows(text: str, *, dialect: type[csv.Dialect] | csv.Dialect = csv.excel,
             limits: UploadLimits = DEFAULT_LIMITS) -> Iterator[list[str]]:  # fmt: skip
    """Rows of CSV text, refusing overlong fields and too many rows or columns."""
    yield from BoundedCsvReader(text, dialect=dialect, limits=limits)


def bounded_rows(
    rows: Iterable[Sequence[Any]], limits: UploadLimits = DEFAULT_LIMITS, *, start: int = 1
) -> Iterator[Sequence[Any]]:
    """Rows of a sheet or the entries of a JSON list, bounded as csv_rows bounds a CSV file.

    Rows are numbered from `start` in the messages. Empty cells at the end of a row do not count
    as columns: spreadsheets carry formatted, empty cells far to the right.
    """
    for number, row in enumerate(rows, start=start):
        if number - start >= limits.max_rows + 1:
            raise UploadRefused(
                _("The file has more than %(max)d rows; split it.") % {"max": limits.max_rows}
            )
        width = len(row)
        while width and row[width - 1] in (None, ""):
            width -= 1
        if width > limits.max_columns:
            raise UploadRefused(
                _("Row %(row)d has more than %(max)d columns.")
                % {"row": number, "max": limits.max_columns}
            )
        if any(isinstance(cell, str) and len(cell) > limits.max_cell_chars for cell in row):
            raise UploadRefused(
                _("Row %(row)d has a cell longer than %(chars)d characters.")
                % {"row": number, "chars": limits.max_cell_chars}
            )
        yield row


def _refuse_constant(name: str) -> Any:
    raise UploadRefused(
        _("The JSON holds %(value)s, which is not a number JSON allows.") % {"value": name}
    )


def json_document(data: bytes | str, limits: UploadLimits = DEFAULT_LIMITS) -> Any:
    """JSON text parsed after check_json_depth; NaN and Infinity are refused, as they are no JSON.

    A syntax error stays json.JSONDecodeError, for the caller to word with its line.
    """
    check_json_depth(data, limits)
    return json.loads(data, parse_constant=_refuse_constant)


def cell_problem(value: object) -> str | None:
    """Why a cell's text cannot be stored (a NUL byte or another control character), or None."""
    if not isinstance(value, str):
        return None
    if _FORBIDDEN_CHARACTERS.search(value):
        return _(
            "The text contains a control character (such as a NUL byte) that cannot be stored."
        )
    if _LONE_SURROGATE.search(value):
        return _(
            "The text contains a broken character (half of a UTF-16 pair) that cannot be stored."
        )
    return None


def printable(text: str) -> str:
    """The text with every character cell_problem refuses replaced by U+FFFD, for messages."""
    return _LONE_SURROGATE.sub("\ufffd", _FORBIDDEN_CHARACTERS.sub("\ufffd", text))
