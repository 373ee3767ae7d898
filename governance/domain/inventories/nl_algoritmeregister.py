"""Dutch Algoritmeregister: the register listing (2026 scrape) and the publication-standard records.

Keys (KeyPolicy.STRICT). The listing's `id` and the publication data's `lars` are the register's
stable LARS id, unique by construction, so a blank or repeated id is a row error. Records we
export ourselves may carry no LARS id (they were never published); they are keyed by
`source_id:<source_id>` instead, the standard's "id in the owner's own register".

URLs. The listing changed its URL scheme between scrapes (an organisation segment was dropped),
so the record URL is the canonical `…/nl/algoritme/<id>` and the published text stays in extra;
both `extra.url` and the scraper's bookkeeping date `extra.toegevoegd` are ignored by the diff.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from governance.domain.inventories.base import (
    InventoryFormat,
    MappedRow,
    RowReader,
    require_columns,
    unique_names,
)
from governance.domain.inventories.keys import KeyPolicy
from governance.domain.inventories.normalise import clean_line, option_key
from governance.domain.inventories.records import Status

LISTING_FORMAT_ID = "nl_algoritmeregister"
PUBLICATION_FORMAT_ID = "nl_algoritmeregister_publication"
REGISTER_URL = "https://algoritmes.overheid.nl/nl/algoritme/"
_REGISTER_PAGE = re.compile(
    r"^https?://algoritmes\.overheid\.nl/[a-z]{2}/algoritme/(?:[^/]+/)?(\d+)/?$"
)

LISTING_COLUMNS = (
    "id",
    "title",
    "organisatie",
    "status",
    "doel",
    "juridische_basis",
    "impactassessment",
    "geregistreerd",
    "toegevoegd",
    "url",
)
LISTING_STATUSES = {
    "in_gebruik": Status.IN_USE,
    "in gebruik": Status.IN_USE,
    "ontwikkeling": Status.IN_DEVELOPMENT,
    "in ontwikkeling": Status.IN_DEVELOPMENT,
    "in_ontwikkeling": Status.IN_DEVELOPMENT,
    "buiten_gebruik": Status.RETIRED,
    "buiten gebruik": Status.RETIRED,
}

# Field names of the publication standard as used by the register (v0.1.0 … v0.4.0).
PUBLICATION_COLUMNS = (
    "name",
    "organization",
    "department",
    "description_short",
    "type",
    "category",
    "website",
    "status",
    "goal",
    "impact",
    "proportionality",
    "decision_making_process",
    "documentation",
    "competent_authority",
    "lawful_basis",
    "iama",
    "iama_description",
    "dpia",
    "dpia_description",
    "objection_procedure",
    "standard_version",
    "uuid",
    "url",
    "contact_email",
    "area",
    "lang",
    "revision_date",
    "description",
    "application_url",
    "publiccode",
    "mprd",
    "source_data",
    "methods_and_models",
    "monitoring",
    "human_intervention",
    "risks",
    "performance_standard",
    "provider",
    "process_index_url",
    "tags",
    "source_id",
    "begin_date",
    "end_date",
    "lawful_basis_link",
    "impacttoetsen",
    "source_data_link",
    "published",
    "released",
    "create_dt",
    "lars",
    "owner",
)
# Free-text statuses of the early publication data, by their normalised spelling.
PUBLICATION_STATUSES = {
    "in gebruik": Status.IN_USE,
    "actief": Status.IN_USE,
    "in werking": Status.IN_USE,
    "in productie": Status.IN_USE,
    # A pilot processes real cases, so the obligations of a system in use already apply.
    "pilot": Status.IN_USE,
    "in ontwikkeling": Status.IN_DEVELOPMENT,
    "ontwikkeling": Status.IN_DEVELOPMENT,
    "gepland": Status.PLANNED,
    "buiten gebruik": Status.RETIRED,
    "gestopt": Status.RETIRED,
}
_STATUS_PREFIXES = (("in gebruik sinds", Status.IN_USE), ("buiten gebruik sinds", Status.RETIRED))
ASSESSMENT_FLAGS: dict[str, bool | None] = {"ja": True, "nee": False, "onbekend": None}


def canonical_url(raw: str, lars: str) -> str:
    """The register's current URL for a LARS id when the given URL points at the register."""
    match = _REGISTER_PAGE.match(clean_line(raw))
    if match and match.group(1) == lars:
        return REGISTER_URL + lars
    return clean_line(raw)


def resolve_listing_columns(header: Sequence[str]) -> list[str]:
    """Keep the listing's column names (the 2026-05 file has laatst_gewijzigd, 2026-08 geregistreerd)."""
    names = unique_names([clean_line(cell).casefold() for cell in header])
    require_columns(names, ("id", "title", "organisatie", "status"), "Algoritmeregister listing")
    return names


def map_listing_row(row: RowReader) -> MappedRow:
    """Map one record of the register listing."""
    lars = row.peek("id")
    status, status_raw = row.status("status", LISTING_STATUSES)
    dates = {}
    # The first scrape calls create_dt "laatst_gewijzigd"; it is the same registration date.
    for column in ("geregistreerd", "laatst_gewijzigd"):
        if row.has(column) and (found := row.date(column)):
            dates["published"] = found
            break
    return MappedRow(
        lars,
        {
            "name": row.text("title"),
            "organisation": row.text("organisatie"),
            "purpose": row.block("doel"),
            "status": status,
            "status_raw": status_raw,
            "dates": dates,
            "impact_assessment": row.yes_no("impactassessment", ASSESSMENT_FLAGS),
            "url": canonical_url(row.raw("url"), lars) if row.raw("url") else "",
        },
    )


LISTING = InventoryFormat(
    id=LISTING_FORMAT_ID,
    label="Dutch Algoritmeregister (register listing)",
    extensions=(".csv", ".json"),
    key_policy=KeyPolicy.STRICT,
    resolve_columns=resolve_listing_columns,
    map_row=map_listing_row,
    key_rule="id (LARS id of the register)",
    volatile_fields=frozenset({"extra.url", "extra.toegevoegd"}),
    day_first=True,
)


def resolve_publication_columns(header: Sequence[str]) -> list[str]:
    """Keep the standard's field names."""
    names = unique_names([clean_line(cell) for cell in header])
    require_columns(
        names,
        ("name", "organization", "description_short", "lars"),
        "Algoritmeregister publication-standard",
    )
    return names


def map_publication_row(row: RowReader) -> MappedRow:
    """Map one record in the publication standard."""
    lars = row.peek("lars")
    source_id = row.peek("source_id")
    key = lars or (f"source_id:{source_id}" if source_id else "")
    status, status_raw = _publication_status(row)
    dates = {}
    for kind, column in (
        ("published", "create_dt"),
        ("start", "begin_date"),
        ("end", "end_date"),
        ("review", "revision_date"),
    ):
        if found := row.date(column):
            dates[kind] = found
    return MappedRow(
        key,
        {
            "name": row.text("name"),
            "organisation": row.text("organization"),
            "department": row.text("department"),
            "description": row.block("description_short"),
            "purpose": row.block("goal"),
            "data_sources": row.block("source_data"),
            "status": status,
            "status_raw": status_raw,
            "vendor": row.text("provider"),
            "contact": row.text("contact_email"),
            "url": row.text("website"),
            "dates": dates,
            "impact_assessment": _assessment(row),
        },
    )


def _publication_status(row: RowReader) -> tuple[Status | None, str]:
    """Map the free-text status, allowing 'in gebruik sinds <date>' and similar prefixes."""
    raw = row.text("status")
    if not raw:
        return None, ""
    key = option_key(raw)
    for prefix, status in _STATUS_PREFIXES:
        if key.startswith(prefix):
            return status, raw
    found = PUBLICATION_STATUSES.get(key.rstrip("."))
    if found is None:
        row.unmapped("status", raw)
    return found, raw


def _assessment(row: RowReader) -> bool | None:
    """Whether an IAMA or DPIA was done: yes if any says yes, no if all that answer say no."""
    answers = []
    for column in ("iama", "dpia"):
        if clean_line(row.raw(column)):
            answers.append(row.yes_no(column))
    if clean_line(row.raw("impacttoetsen")).strip("{}"):
        answers.append(True)
    if any(answer is True for answer in answers):
        return True
    if answers and all(answer is False for answer in answers):
        return False
    return None


PUBLICATION = InventoryFormat(
    id=PUBLICATION_FORMAT_ID,
    label="Dutch Algoritmeregister (publication standard)",
    extensions=(".json", ".csv"),
    key_policy=KeyPolicy.STRICT,
    resolve_columns=resolve_publication_columns,
    map_row=map_publication_row,
    key_rule="lars (LARS id), or source_id:<id> for records never published in the register",
    day_first=True,
)
