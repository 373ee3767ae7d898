"""Import and export of public AI inventories (US, Dutch, UK, Canadian) as pure Python.

Parse a file with `parse(format_id, file)`, tally its organisations and keep the chosen ones
(`selection`), compare them with what was imported before with `diff(existing, records)`, and
write exports with the functions in `exports`.
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
from governance.domain.inventories.selection import (
    NO_ORGANISATION,
    ImportChoice,
    OrganisationTally,
    chosen_counts,
    chosen_records,
    existing_in_scope,
    organisation_of,
    organisation_tallies,
    unknown_organisations,
)

__all__ = [
    "FORMATS",
    "NO_ORGANISATION",
    "ImportChoice",
    "ImportPlan",
    "InventoryFileError",
    "InventoryRecord",
    "Issue",
    "OrganisationTally",
    "ParseCounts",
    "ParseResult",
    "SourceDate",
    "Status",
    "chosen_counts",
    "chosen_records",
    "detect_format",
    "diff",
    "existing_in_scope",
    "get_format",
    "organisation_of",
    "organisation_tallies",
    "parse",
    "record_fingerprint",
    "unknown_organisations",
]
