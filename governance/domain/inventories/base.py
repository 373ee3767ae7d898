"""The machinery every format shares: the format description, row reading and row accounting."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from core.uploads import cell_problem, printable
from governance.domain.inventories.keys import Candidate, KeyPolicy, resolve_keys, row_issue
from governance.domain.inventories.normalise import (
    clean_block,
    clean_category,
    clean_line,
    is_unknown_marker,
    option_key,
    parse_date,
    parse_yes_no,
)
from governance.domain.inventories.readers import RawRow, RawTable
from governance.domain.inventories.records import (
    InventoryFileError,
    InventoryRecord,
    Issue,
    ParseCounts,
    ParseResult,
    RowError,
    SourceDate,
    Status,
)

T = TypeVar("T")


def match_category(value: str, table: Mapping[str, T]) -> T | None:
    """Look a category up by its cleaned, case-folded text, then by its part before ' - ' or ':'.

    Questionnaire answers often carry an explanation after the label ("Deployed – The use case
    is …"), so the label alone is tried when the whole text is not in the table.
    """
    key = option_key(value)
    if key in table:
        return table[key]
    for separator in (" - ", ": ", " ("):
        head = key.split(separator, 1)[0].strip()
        if head in table:
            return table[head]
    return None


@dataclass
class RowReader:
    """Read cells of one row for a mapping and remember which columns were used and what went wrong.

    Columns read with text/block/date are "consumed"; everything else ends up in the record's
    extra so that no source column is lost.
    """

    cells: Mapping[str, str]
    row_number: int
    line_number: int | None
    day_first: bool = False
    consumed: set[str] = field(default_factory=set)
    warnings: list[Issue] = field(default_factory=list)

    def has(self, column: str) -> bool:
        """True when the file has this column at all."""
        return column in self.cells

    def raw(self, column: str) -> str:
        """The cell as read, without consuming it."""
        return self.cells.get(column, "")

    def peek(self, column: str) -> str:
        """The cell on one cleaned line, without consuming it."""
        return clean_line(self.cells.get(column, ""))

    def text(self, column: str) -> str:
        """A single-line value (names, categories): whitespace collapsed; consumes the column."""
        self.consumed.add(column)
        return clean_category(self.cells.get(column, ""))

    def block(self, column: str) -> str:
        """A free-text value with its line breaks kept; consumes the column."""
        self.consumed.add(column)
        return clean_block(self.cells.get(column, ""))

    def consume(self, *columns: str) -> None:
        """Mark columns as mapped so they do not reappear in extra."""
        self.consumed.update(columns)

    def warn(self, code: str, message: str, field: str = "", **params: str) -> None:
        """Record a warning for this row."""
        self.warnings.append(
            Issue(code, message, self.row_number, self.line_number, field, dict(params))
        )

    def date(self, column: str, *, day_first: bool | None = None) -> SourceDate | None:
        """A date cell parsed; an unreadable one keeps its raw text and adds a warning."""
        self.consumed.add(column)
        raw = self.cells.get(column, "")
        found = parse_date(raw, day_first=self.day_first if day_first is None else day_first)
        if found is None:
            return None
        if found.value is None and not is_unknown_marker(raw):
            text = clean_line(raw)
            self.warn(
                "unparseable_date",
                f"Unparseable date '{text}' in column '{column}'; the text is kept as is.",
                column,
                value=text,
                column=column,
            )
        return found

    def yes_no(
        self, column: str, extra_values: Mapping[str, bool | None] | None = None
    ) -> bool | None:
        """A yes/no cell as True, False or None; an unrecognised answer adds a warning."""
        raw = self.cells.get(column, "")
        if extra_values:
            mapped = match_category(raw, extra_values)
            if mapped is not None or option_key(raw) in extra_values:
                return mapped
        value, recognised = parse_yes_no(raw)
        if not recognised:
            self.unmapped(column, raw)
        return value

    def unmapped(self, column: str, raw: str) -> None:
        """Warn that a category value is not one we know; the raw text stays in the record."""
        text = clean_line(raw)
        self.warn(
            "unmapped_value",
            f"Value '{text[:80]}' in column '{column}' is not recognised; kept as text only.",
            column,
            value=text,
            column=column,
        )

    def status(self, column: str, table: Mapping[str, Status]) -> tuple[Status | None, str]:
        """The mapped status and the cleaned raw status; unknown non-blank values add a warning."""
        raw = self.text(column)
        if not raw:
            return None, ""
        found = match_category(raw, table)
        if found is None:
            self.unmapped(column, raw)
        return found, raw

    def extra(self) -> dict[str, str]:
        """Every non-blank column that no mapped field consumed, as cleaned text."""
        result = {}
        for column, value in self.cells.items():
            if column in self.consumed:
                continue
            cleaned = clean_block(value)
            if cleaned:
                result[column] = cleaned
        return result


@dataclass(frozen=True)
class MappedRow:
    """What a mapping made of one row: its key and the record's fields (without the extras)."""

    key: str
    fields: dict[str, Any]
    # Content that tells rows with the same derived key apart regardless of their order.
    tiebreak: str = ""


ColumnResolver = Callable[[Sequence[str]], list[str]]
RowMapper = Callable[[RowReader], MappedRow]


@dataclass(frozen=True)
class InventoryFormat:
    """One importable inventory format: how to recognise it, read its rows and key them."""

    id: str
    label: str
    extensions: tuple[str, ...]
    key_policy: KeyPolicy
    resolve_columns: ColumnResolver
    map_row: RowMapper
    key_rule: str
    volatile_fields: frozenset[str] = frozenset()
    day_first: bool = False

    def accepts_header(self, header: Sequence[str]) -> bool:
        """True when the header has the columns this format needs."""
        try:
            self.resolve_columns(header)
        except InventoryFileError:
            return False
        return True


def unique_names(names: Sequence[str]) -> list[str]:
    """Make column names unique by numbering repeats, so no repeated header overwrites another."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        base = name or "column"
        count = seen.get(base, 0) + 1
        seen[base] = count
        result.append(base if count == 1 else f"{base} ({count})")
    return result


def require_columns(columns: Sequence[str], required: Sequence[str], label: str) -> None:
    """Raise a file error naming the required columns that are missing."""
    missing = [name for name in required if name not in columns]
    if missing:
        raise InventoryFileError(
            "missing_columns",
            f"This is not a {label} file: missing column(s) {', '.join(missing)}.",
            columns=", ".join(missing),
        )


def _check_header(header: Sequence[str]) -> None:
    """Refuse a header cell that could never be stored as a column name."""
    for number, name in enumerate(header, start=1):
        if cell_problem(name):
            raise InventoryFileError(
                "unstorable_header",
                f"Column {number} of the header holds a character that cannot be stored, "
                "such as a NUL byte or another control character.",
                column=str(number),
            )


def _unstorable_cell(row: RawRow, columns: Sequence[str]) -> Issue | None:
    """A row error for the first cell PostgreSQL could not store (a NUL byte), or None.

    Found here, in the dry run, such a row is listed like any unreadable row; left in, it would
    fail the import job at its insert.
    """
    for index, value in enumerate(row.values):
        if cell_problem(value):
            column = columns[index] if index < len(columns) else f"#{index + 1}"
            return row_issue(
                row,
                "unstorable_character",
                f"Column '{column}' holds a character that cannot be stored, "
                "such as a NUL byte or another control character.",
                column,
                column=column,
            )
    return None


def assemble(fmt: InventoryFormat, table: RawTable, filename: str) -> ParseResult:
    """Map every row of a table to records, accounting for each row exactly once."""
    _check_header(table.header)
    columns = fmt.resolve_columns(table.header)
    width = len(columns)
    errors: list[Issue] = []
    file_warnings: list[Issue] = []
    candidates: list[Candidate] = []
    for row in table.rows:
        if row.defect:
            found = printable(row.values[0][:40])
            errors.append(
                row_issue(
                    row, row.defect, f"Entry {row.row_number} is not a record (found '{found}')."
                )
            )
            continue
        if unstorable := _unstorable_cell(row, columns):
            errors.append(unstorable)
            continue
        values = row.values
        if len(values) > width:
            overflow = [value for value in values[width:] if value.strip()]
            if overflow:
                errors.append(
                    row_issue(
                        row,
                        "too_many_cells",
                        f"The row has {len(values)} cells but the header has {width}; "
                        "the row is probably shifted.",
                        expected=str(width),
                        found=str(len(values)),
                    )
                )
                continue
            values = values[:width]
        reader = RowReader(
            dict(zip(columns, values, strict=False)),
            row.row_number,
            row.line_number,
            fmt.day_first,
        )
        if len(values) < width:
            reader.warn(
                "short_row",
                f"The row has {len(values)} cells but the header has {width}; "
                "the missing cells are read as blank.",
                expected=str(width),
                found=str(len(values)),
            )
            reader.cells = {**dict.fromkeys(columns, ""), **reader.cells}
        try:
            mapped = fmt.map_row(reader)
        except RowError as exc:
            errors.append(row_issue(row, exc.code, exc.message, exc.field, **exc.params))
            continue
        key = clean_line(mapped.key)
        if not key:
            errors.append(
                row_issue(row, "blank_key", "The row has no key, so it cannot be matched.")
            )
            continue
        candidates.append(
            Candidate(row, key, mapped.fields, reader.extra(), reader.warnings, mapped.tiebreak)
        )

    records, duplicates, key_errors, key_warnings = resolve_keys(fmt.key_policy, candidates)
    errors.extend(key_errors)
    warnings = [w for candidate in records for w in candidate.warnings] + key_warnings
    if table.blank_rows:
        file_warnings.append(
            Issue(
                "blank_rows",
                f"{table.blank_rows} empty row(s) inside the data were skipped.",
                params={"count": str(table.blank_rows)},
            )
        )
    if table.encoding == "cp1252":
        file_warnings.append(
            Issue(
                "encoding_fallback",
                "The file is not UTF-8; it was read as Windows-1252 (cp1252).",
                params={"encoding": "cp1252"},
            )
        )
    all_warnings = sorted(warnings, key=_issue_order) + file_warnings
    built = tuple(
        InventoryRecord(
            source=fmt.id,
            source_key=candidate.key,
            row_number=candidate.row.row_number,
            line_number=candidate.row.line_number,
            extra=candidate.extra,
            **candidate.fields,
        )
        for candidate in sorted(records, key=lambda c: c.row.row_number)
    )
    counts = ParseCounts(
        rows_in_file=len(table.rows),
        records=len(built),
        errors=len(errors),
        duplicates=len(duplicates),
        blank_rows=table.blank_rows,
        warnings=len(all_warnings),
    )
    if not counts.reconciles:  # pragma: no cover - a bug in this module, never in the data
        raise AssertionError(f"Row accounting failed for {filename}: {counts}")
    return ParseResult(
        format_id=fmt.id,
        filename=filename,
        file_type=table.file_type,
        encoding=table.encoding,
        records=built,
        row_errors=tuple(sorted(errors, key=_issue_order)),
        warnings=tuple(all_warnings),
        duplicates=tuple(sorted(duplicates, key=_issue_order)),
        counts=counts,
        columns=tuple(columns),
    )


def _issue_order(issue: Issue) -> tuple[int, str]:
    """Sort issues by row, then code."""
    return (issue.row_number or 0, issue.code)
