"""Plain data shapes shared by every inventory format: records, issues, counts and results."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Register lifecycle status that every source status is mapped onto."""

    PLANNED = "planned"
    IN_DEVELOPMENT = "in_development"
    IN_USE = "in_use"
    RETIRED = "retired"


class Precision(StrEnum):
    """How much of a source date was actually given."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class SourceDate:
    """A date as written in the source file, with its parsed value when it could be read."""

    raw: str
    value: date | None = None
    precision: Precision | None = None

    def fingerprint(self) -> str:
        """Comparable text: the parsed value and precision, or the raw text when unparsed."""
        if self.value is None:
            return f"raw:{self.raw}"
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


# Names of the entries in InventoryRecord.dates; other keys are allowed but these are the common ones.
DATE_KINDS = (
    "initiated",  # purpose or requirements first defined
    "development_started",  # acquisition or development began
    "start",  # operational / implemented / put into use / pilot start
    "end",  # retired or end of use
    "published",  # record created or published in the source register
    "status",  # the date (often only a year) of the current status
    "review",  # next or last review date
)


@dataclass(frozen=True)
class InventoryRecord:
    """One AI system (use case, algorithm) read from a public inventory, in our common shape."""

    source: str
    source_key: str
    row_number: int
    name: str
    line_number: int | None = None
    description: str = ""
    purpose: str = ""
    benefits: str = ""
    data_sources: str = ""
    organisation: str = ""
    department: str = ""
    status: Status | None = None
    status_raw: str = ""
    vendor: str = ""
    deployment: str = ""
    contact: str = ""
    url: str = ""
    dates: Mapping[str, SourceDate] = dataclasses.field(default_factory=dict)
    personal_data: bool | None = None
    high_risk: bool | None = None
    impact_assessment: bool | None = None
    risk_flags: tuple[str, ...] = ()
    extra: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The best single text for the register's purpose field."""
        return self.purpose or self.description

    def date_value(self, kind: str) -> date | None:
        """The parsed date of one kind (see DATE_KINDS), or None."""
        found = self.dates.get(kind)
        return found.value if found else None


@dataclass(frozen=True, slots=True)
class Issue:
    """A row error, warning or duplicate: a stable code for translation plus English text."""

    code: str
    message: str
    row_number: int | None = None
    line_number: int | None = None
    field: str = ""
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        """English one-liner with the location, for logs and plain-text previews."""
        where = []
        if self.row_number is not None:
            where.append(f"row {self.row_number}")
        if self.line_number is not None:
            where.append(f"line {self.line_number}")
        prefix = f"{', '.join(where)}: " if where else ""
        return f"{prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class ParseCounts:
    """What the file held and where each row went; rows_in_file = records + errors + duplicates."""

    rows_in_file: int
    records: int
    errors: int
    duplicates: int
    blank_rows: int = 0
    warnings: int = 0

    @property
    def reconciles(self) -> bool:
        """True when every non-blank row is accounted for exactly once."""
        return self.rows_in_file == self.records + self.errors + self.duplicates


@dataclass(frozen=True)
class ParseResult:
    """Everything read from one file: records, the rows that could not be read, and why."""

    format_id: str
    filename: str
    file_type: str
    encoding: str
    records: tuple[InventoryRecord, ...]
    row_errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    duplicates: tuple[Issue, ...]
    counts: ParseCounts
    columns: tuple[str, ...] = ()

    def by_key(self) -> dict[str, InventoryRecord]:
        """Records indexed by source key (keys are unique within one result)."""
        return {record.source_key: record for record in self.records}


class InventoryFileError(ValueError):
    """The file as a whole cannot be read as the chosen format (wrong columns, encoding, shape)."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        """Keep a stable code and parameters next to the English message."""
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class RowError(Exception):
    """Raised by a row mapping when the row cannot become a record."""

    def __init__(self, code: str, message: str, field: str = "", **params: str) -> None:
        """Keep a stable code and parameters next to the English message."""
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.params = params
