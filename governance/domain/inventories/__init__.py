"""Import and export of public AI inventories (US, Dutch, UK, Canadian) as pure Python.

Parse a file with `parse(format_id, file)`, compare it with what was imported before with
`diff(existing, result.records)`, and write exports with the functions in `exports`.
"""

from governance.domain.inventories.diff import ImportPlan, diff, record_fingerprint
from governance.domain.inventories.records import (
    InventoryFileError,
    InventoryRecord,
    Issue,
    ParseCounts,
    ParseResult,
    SourceDate,
    Status,
)
from governance.domain.inventories.registry import FORMATS, detect_format, get_format, parse

__all__ = [
    "FORMATS",
    "ImportPlan",
    "InventoryFileError",
    "InventoryRecord",
    "Issue",
    "ParseCounts",
    "ParseResult",
    "SourceDate",
    "Status",
    "detect_format",
    "diff",
    "get_format",
    "parse",
    "record_fingerprint",
]
