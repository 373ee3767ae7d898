"""UK Algorithmic Transparency Recording Standard: GOV.UK record metadata (CSV or search JSON).

Keys (KeyPolicy.STRICT). `link`, the GOV.UK base path of the record, is unique by construction;
a blank or repeated link is a row error.

Names. Titles read "<Organisation>: <tool>"; the tool part is the name and the organisation part
the department, because the GOV.UK `organisation` slug is the publisher, which is not always the
body that uses the tool (two Newcastle City Council tools are filed under DSIT). The full title
stays in extra.
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
from governance.domain.inventories.normalise import clean_line
from governance.domain.inventories.records import Status

FORMAT_ID = "uk_atrs"
GOV_UK = "https://www.gov.uk"
# The GOV.UK search API prefixes every ATRS field; the flattened CSV drops the prefix.
_PREFIX = "algorithmic_transparency_record_"
_TITLE = re.compile(r"^(?P<owner>[^:]{2,80}?)\s*:\s+(?P<name>.+)$")

PHASES = {
    # ATRS "pre-deployment" is design and development before any use.
    "pre-deployment": Status.IN_DEVELOPMENT,
    # Betas and pilots process real cases, so the obligations of a system in use already apply.
    "beta-pilot": Status.IN_USE,
    "private-beta": Status.IN_USE,
    "public-beta": Status.IN_USE,
    "production": Status.IN_USE,
    "retired": Status.RETIRED,
}


def resolve_columns(header: Sequence[str]) -> list[str]:
    """Strip the search API's field prefix so CSV and JSON share column names."""
    names = []
    for cell in header:
        name = clean_line(cell)
        names.append(name[len(_PREFIX) :] if name.startswith(_PREFIX) else name)
    names = unique_names(names)
    require_columns(names, ("link", "title", "organisation", "phase"), "UK ATRS records")
    return names


def split_title(title: str) -> tuple[str, str]:
    """(organisation part, tool name) of a record title; no organisation part when absent."""
    match = _TITLE.match(title)
    if not match:
        return "", title
    return match.group("owner").strip(), match.group("name").strip()


def map_row(row: RowReader) -> MappedRow:
    """Map one ATRS record."""
    link = row.peek("link")
    owner, name = split_title(row.peek("title"))
    status, status_raw = row.status("phase", PHASES)
    dates = {}
    if found := row.date("date_published"):
        dates["published"] = found
    url = row.peek("url") or (GOV_UK + link if link.startswith("/") else "")
    row.consume("url")
    return MappedRow(
        link,
        {
            "name": name,
            "organisation": row.text("organisation"),
            "department": owner,
            "description": row.block("description"),
            "status": status,
            "status_raw": status_raw,
            "dates": dates,
            "url": url,
        },
    )


UK_ATRS = InventoryFormat(
    id=FORMAT_ID,
    label="UK Algorithmic Transparency Recording Standard (records)",
    extensions=(".csv", ".json"),
    key_policy=KeyPolicy.STRICT,
    resolve_columns=resolve_columns,
    map_row=map_row,
    key_rule="link (GOV.UK base path of the record)",
    day_first=True,
)
