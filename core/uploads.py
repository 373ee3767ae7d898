"""Bounds on every uploaded file and JSON body, checked before anything is parsed.

A hostile upload must get a clear 400 within a second and allocate little: a JSON body nested
tens of thousands of levels deep (RecursionError), a CSV field longer than the csv module allows,
an XLSX with a DOCTYPE (entity expansion), one whose sheet declares a million rows, or a zip bomb
that inflates a few kilobytes into gigabytes. Each check here reads the bytes once, cheaply, and
raises UploadRefused with a message for the person; the importers then parse what passed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Characters PostgreSQL refuses in text (NUL) or that no person types into a cell (C0 controls
# other than tab, line feed and carriage return).
_FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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


def check_size(data: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a file larger than the limit."""
    if len(data) > limits.max_bytes:
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
    inflated = 0
    with archive:
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


def csv_rows(text: str, *, dialect: type[csv.Dialect] | csv.Dialect = csv.excel,
             limits: UploadLimits = DEFAULT_LIMITS) -> Iterator[list[str]]:  # fmt: skip
    """Rows of CSV text, refusing overlong fields and too many rows or columns."""
    previous = csv.field_size_limit(limits.max_cell_chars)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        count = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise UploadRefused(
                    _("Line %(line)d cannot be read as CSV: a cell is longer than %(chars)d "
                      "characters or a quote is not closed.")
                    % {"line": reader.line_num, "chars": limits.max_cell_chars}
                ) from exc  # fmt: skip
            count += 1
            if count > limits.max_rows + 1:
                raise UploadRefused(
                    _("The file has more than %(max)d rows; split it.") % {"max": limits.max_rows}
                )
            if len(row) > limits.max_columns:
                raise UploadRefused(
                    _("Line %(line)d has more than %(max)d columns.")
                    % {"line": reader.line_num, "max": limits.max_columns}
                )
            yield row
    finally:
        csv.field_size_limit(previous)


def cell_problem(value: object) -> str | None:
    """Why a cell's text cannot be stored (a NUL byte or another control character), or None."""
    if isinstance(value, str) and _FORBIDDEN_CHARACTERS.search(value):
        return _(
            "The text contains a control character (such as a NUL byte) that cannot be stored."
        )
    return None
