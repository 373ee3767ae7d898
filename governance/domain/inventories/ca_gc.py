"""Government of Canada AI Register (minimum viable product, bilingual English/French CSV).

Keys (KeyPolicy.STRICT). `ai_register_id` (`2526-<INSTITUTION>-<nnn>`) is unique by
construction; a blank or repeated id is a row error.

Language. English columns feed the record (French only where the English cell is blank); every
French column stays in extra. `government_organization` holds "English / French"; the English
part is the organisation and the bilingual text stays in extra.
"""

from __future__ import annotations

from collections.abc import Sequence

from governance.domain.inventories.base import (
    InventoryFormat,
    MappedRow,
    RowReader,
    require_columns,
    unique_names,
)
from governance.domain.inventories.keys import KeyPolicy
from governance.domain.inventories.normalise import clean_block, clean_line, option_key
from governance.domain.inventories.records import Status

FORMAT_ID = "ca_gc"

STATUSES = {
    "in development": Status.IN_DEVELOPMENT,
    "in production": Status.IN_USE,
    "retired": Status.RETIRED,
    "en cours de développement": Status.IN_DEVELOPMENT,
    "en production": Status.IN_USE,
    "mis hors service": Status.RETIRED,
}
PUBLIC_USERS = frozenset({"members of public", "both employees and public"})


def resolve_columns(header: Sequence[str]) -> list[str]:
    """Keep the register's column names."""
    names = unique_names([clean_line(cell).casefold() for cell in header])
    require_columns(
        names,
        ("ai_register_id", "name_ai_system_en", "government_organization"),
        "Government of Canada AI Register",
    )
    return names


def english_part(bilingual: str) -> str:
    """The English half of an 'English / French' cell (the first ' / ' splits it)."""
    return clean_line(bilingual.split(" / ", 1)[0])


def map_row(row: RowReader) -> MappedRow:
    """Map one register entry."""
    name = row.text("name_ai_system_en") or row.peek("name_ai_system_fr")
    status_column = "ai_system_status_en"
    if not row.peek(status_column) and row.peek("ai_system_status_fr"):
        status_column = "ai_system_status_fr"
    status, status_raw = row.status(status_column, STATUSES)
    dates = {}
    if found := row.date("status_date"):
        dates["status"] = found
    users = row.peek("ai_system_primary_users_en")
    flags = ("public_facing",) if option_key(users) in PUBLIC_USERS else ()
    return MappedRow(
        row.peek("ai_register_id"),
        {
            "name": name,
            "organisation": english_part(row.raw("government_organization")),
            "description": row.block("description_ai_system_en")
            or clean_block(row.raw("description_ai_system_fr")),
            "benefits": row.block("ai_system_results_en"),
            "data_sources": row.block("data_sources_en"),
            "status": status,
            "status_raw": status_raw,
            "vendor": row.text("vendor_information"),
            "dates": dates,
            "personal_data": row.yes_no("involves_personal_information"),
            "risk_flags": flags,
        },
    )


CA_GC = InventoryFormat(
    id=FORMAT_ID,
    label="Government of Canada AI Register",
    extensions=(".csv",),
    key_policy=KeyPolicy.STRICT,
    resolve_columns=resolve_columns,
    map_row=map_row,
    key_rule="ai_register_id",
)
