"""Pure exports: US inventory CSV rows, Dutch publication-standard JSON, EU database (Annex VIII)
fields, and formula-safe CSV/XLSX writing.

Exports take InventoryRecord, the shape every import produces; the register layer turns its own
entries into records before exporting. A record imported from the same format is written back
from its source values (kept in `extra`), so exporting and re-importing gives the same record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from governance.domain.inventories.nl_algoritmeregister import (
    LISTING_FORMAT_ID,
    PUBLICATION_COLUMNS,
    PUBLICATION_FORMAT_ID,
)
from governance.domain.inventories.normalise import FORMULA_TRIGGERS, format_date
from governance.domain.inventories.records import InventoryRecord, Status
from governance.domain.inventories.us_2025 import COLUMNS as US_2025_COLUMNS
from governance.domain.inventories.us_2025 import FORMAT_ID as US_2025_FORMAT_ID

Cell = str | int | float | Decimal | bool | None


def sanitize_cell(value: Cell) -> Cell:
    """Make a text cell safe to open in a spreadsheet (OWASP CSV injection).

    Text starting with = + - @ tab or carriage return could run as a formula, so it gets a
    leading apostrophe; numbers and other non-text values are left alone because a negative
    number is data, not a formula. The importers remove that apostrophe again.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def sanitize_row(row: Iterable[Cell]) -> list[Cell]:
    """sanitize_cell applied to every cell of a row."""
    return [sanitize_cell(value) for value in row]


def to_csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A formula-safe CSV document (UTF-8 text, CRLF line ends as RFC 4180 asks)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sanitize_row(header))
    for row in rows:
        writer.writerow(["" if value is None else value for value in sanitize_row(row)])
    return buffer.getvalue()


def to_xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], sheet_title: str = "Export"
) -> bytes:
    """A formula-safe single-sheet XLSX workbook."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(sanitize_row(header))
    for row in rows:
        sheet.append(sanitize_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- US federal AI use case inventory (2025 columns) ------------------------------------------

US_STAGES = {
    Status.PLANNED: "Pre-deployment",
    Status.IN_DEVELOPMENT: "Pre-deployment",
    Status.IN_USE: "Deployed",
    Status.RETIRED: "Retired",
}


def _yes_no(value: bool | None) -> str:
    """Yes, No or blank."""
    if value is None:
        return ""
    return "Yes" if value else "No"


def _high_impact(value: bool | None) -> str:
    """OMB's shorthand answer to "Is the AI use case high-impact?"."""
    if value is None:
        return ""
    return "High-impact" if value else "Not High-impact"


def us_inventory_row(record: InventoryRecord) -> dict[str, str]:
    """One record as a row of the US 2025 inventory CSV (OMB's short column names)."""
    same_source = record.source == US_2025_FORMAT_ID
    start = record.dates.get("start")
    if same_source:
        # Written back from the source values, so a re-import yields the same record.
        row = {column: record.extra.get(column, "") for column in US_2025_COLUMNS}
        stage = record.status_raw
        operational = start.raw if start else ""
    else:
        row = dict.fromkeys(US_2025_COLUMNS, "")
        row["id"] = record.source_key
        row["is_high_impact"] = _high_impact(record.high_risk)
        row["has_pii"] = _yes_no(record.personal_data)
        row["hi_assessment_completed"] = _yes_no(record.impact_assessment)
        stage = US_STAGES[record.status] if record.status else ""
        operational = format_date(start, style="us")
    row.update(
        {
            "agency_name": record.organisation,
            "use_case_name": record.name,
            "agency_bureau": record.department,
            "contact_email": record.contact,
            "development_stage": stage,
            "problem_solved": record.purpose if same_source else record.summary,
            "benefits": record.benefits,
            "operational_date": operational,
            "vendor_name": record.vendor,
            "data_description": record.data_sources,
        }
    )
    return row


def us_inventory_rows(records: Iterable[InventoryRecord]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a US 2025 inventory CSV for the records."""
    header = list(US_2025_COLUMNS)
    rows = []
    for record in records:
        values = us_inventory_row(record)
        rows.append([values[column] for column in header])
    return header, rows


# --- Dutch Algoritmeregister publication standard ---------------------------------------------

DUTCH_STATUSES = {
    Status.PLANNED: "In ontwikkeling",
    Status.IN_DEVELOPMENT: "In ontwikkeling",
    Status.IN_USE: "In gebruik",
    Status.RETIRED: "Buiten gebruik",
}
PUBLICATION_STANDARD_VERSION = "0.4.0"
_BOOLEAN_FIELDS = ("published", "released")


def _json_value(column: str, text: str) -> str | bool | None:
    """The standard's JSON value: null when not filled, booleans for the bookkeeping flags."""
    if not text:
        return None
    if column in _BOOLEAN_FIELDS and text in ("True", "False"):
        return text == "True"
    return text


def dutch_publication_record(record: InventoryRecord) -> dict[str, str | bool | None]:
    """One record as an object of the Algoritmeregister publication standard (field names of v0.4)."""
    if record.source == PUBLICATION_FORMAT_ID:
        # Written back from the source values, so a re-import yields the same record.
        same_source = True
        values = {column: record.extra.get(column, "") for column in PUBLICATION_COLUMNS}
        if not record.source_key.startswith("source_id:"):
            values["lars"] = record.source_key
        status = record.status_raw
    else:
        same_source = False
        values = dict.fromkeys(PUBLICATION_COLUMNS, "")
        values["standard_version"] = PUBLICATION_STANDARD_VERSION
        if record.source == LISTING_FORMAT_ID:
            values["lars"] = record.source_key
            values["lawful_basis"] = record.extra.get("juridische_basis", "")
        else:
            # Not published in the register, so no LARS id: the owner's own id identifies it.
            values["source_id"] = record.source_key
        if record.impact_assessment:
            # Which assessment was done is not known, only that one was.
            values["impacttoetsen"] = '{"Impact assessment"}'
        elif record.impact_assessment is False:
            values["iama"] = values["dpia"] = "Nee"
        status = DUTCH_STATUSES[record.status] if record.status else ""
    values.update(
        {
            "name": record.name,
            "organization": record.organisation,
            "department": record.department,
            "description_short": record.description,
            "status": status,
            "goal": record.purpose,
            "source_data": record.data_sources,
            "provider": record.vendor,
            "contact_email": record.contact,
            "website": record.url,
        }
    )
    for kind, column, style in (
        ("published", "create_dt", "iso"),
        ("start", "begin_date", "nl"),
        ("end", "end_date", "nl"),
        ("review", "revision_date", "iso"),
    ):
        found = record.dates.get(kind)
        if found is not None:
            values[column] = found.raw if same_source else format_date(found, style=style)
    return {column: _json_value(column, values[column]) for column in PUBLICATION_COLUMNS}


def dutch_publication_json(
    records: Iterable[InventoryRecord],
) -> list[dict[str, str | bool | None]]:
    """A JSON-ready list in the Algoritmeregister publication standard (dump with json.dumps)."""
    return [dutch_publication_record(record) for record in records]


# --- EU database, AI Act Annex VIII ------------------------------------------------------------

Section = Literal["A", "B", "C"]


@dataclass(frozen=True)
class EuDatabaseFacts:
    """What the EU database asks about a system (Regulation (EU) 2024/1689, Annex VIII).

    Empty strings mean "not known yet"; the export lists every field so gaps are visible.
    """

    system_name: str
    provider_name: str = ""
    provider_address: str = ""
    provider_contact: str = ""
    submitter_name: str = ""
    submitter_address: str = ""
    submitter_contact: str = ""
    representative_name: str = ""
    representative_address: str = ""
    representative_contact: str = ""
    reference: str = ""
    intended_purpose: str = ""
    components_and_functions: str = ""
    data_and_logic: str = ""
    market_status: str = ""
    certificate: str = ""
    certificate_copy: str = ""
    member_states: tuple[str, ...] = ()
    declaration_of_conformity: str = ""
    instructions_for_use: str = ""
    # Annex III points 1, 6 and 7 (biometrics, law enforcement, migration) omit instructions.
    annex_iii_point: int | None = None
    more_information_url: str = ""
    not_high_risk_conditions: str = ""
    not_high_risk_grounds: str = ""
    deployer_name: str = ""
    deployer_address: str = ""
    deployer_contact: str = ""
    provider_database_url: str = ""
    fria_summary: str = ""
    dpia_summary: str = ""


@dataclass(frozen=True, slots=True)
class EuDatabaseField:
    """One numbered point of Annex VIII with its value."""

    number: str
    label: str
    value: str


def _contact(name: str, address: str, contact: str) -> str:
    """Name, address and contact details on one line."""
    return "; ".join(part for part in (name, address, contact) if part)


def eu_database_section(
    *, role: str, high_risk: bool, exempt_under_6_3: bool = False
) -> Section | None:
    """Which Annex VIII section applies: A for providers of high-risk systems, B for providers
    that concluded under Article 6(3) that an Annex III system is not high-risk, C for deployers
    that must register (public authorities) their use of a high-risk system; None otherwise."""
    if role == "provider":
        if high_risk:
            return "A"
        return "B" if exempt_under_6_3 else None
    if role == "deployer" and high_risk:
        return "C"
    return None


def eu_database_fields(facts: EuDatabaseFacts, section: Section) -> list[EuDatabaseField]:
    """The numbered Annex VIII points of one section, filled from the facts."""
    provider = _contact(facts.provider_name, facts.provider_address, facts.provider_contact)
    submitter = _contact(facts.submitter_name, facts.submitter_address, facts.submitter_contact)
    representative = _contact(
        facts.representative_name, facts.representative_address, facts.representative_contact
    )
    trade_name = " / ".join(part for part in (facts.system_name, facts.reference) if part)
    states = ", ".join(facts.member_states)
    if section == "A":
        instructions = (
            "not to be provided (Annex III point 1, 6 or 7)"
            if facts.annex_iii_point in (1, 6, 7)
            else facts.instructions_for_use
        )
        purpose = "\n".join(
            p for p in (facts.intended_purpose, facts.components_and_functions) if p
        )
        items = [
            ("Provider: name, address and contact details", provider),
            ("Person submitting on behalf of the provider", submitter),
            ("Authorised representative, where applicable", representative),
            ("AI system trade name and unambiguous reference", trade_name),
            ("Intended purpose, components and functions", purpose),
            (
                "Information used by the system (data, inputs) and operating logic",
                facts.data_and_logic,
            ),
            ("Status (on the market / in service / no longer / recalled)", facts.market_status),
            ("Notified body certificate: type, number, expiry, body", facts.certificate),
            ("Scanned copy of the certificate, where applicable", facts.certificate_copy),
            ("Member States where placed on the market, in service or available", states),
            ("EU declaration of conformity (Article 47)", facts.declaration_of_conformity),
            ("Electronic instructions for use", instructions),
            ("URL for additional information (optional)", facts.more_information_url),
        ]
    elif section == "B":
        items = [
            ("Provider: name, address and contact details", provider),
            ("Person submitting on behalf of the provider", submitter),
            ("Authorised representative, where applicable", representative),
            ("AI system trade name and unambiguous reference", trade_name),
            ("Intended purpose", facts.intended_purpose),
            ("Article 6(3) condition(s) for not being high-risk", facts.not_high_risk_conditions),
            ("Summary of the grounds for not being high-risk", facts.not_high_risk_grounds),
            ("Status (on the market / in service / no longer / recalled)", facts.market_status),
            ("Member States where placed on the market, in service or available", states),
        ]
    else:
        items = [
            (
                "Deployer: name, address and contact details",
                _contact(facts.deployer_name, facts.deployer_address, facts.deployer_contact),
            ),
            ("Person submitting on behalf of the deployer", submitter),
            ("URL of the provider's entry in the EU database", facts.provider_database_url),
            (
                "Summary of the fundamental rights impact assessment (Article 27)",
                facts.fria_summary,
            ),
            (
                "Summary of the data protection impact assessment, where applicable",
                facts.dpia_summary,
            ),
        ]
    return [
        EuDatabaseField(f"{section}.{number}", label, value)
        for number, (label, value) in enumerate(items, start=1)
    ]


def eu_database_facts_from_record(record: InventoryRecord) -> EuDatabaseFacts:
    """Prefill Annex VIII facts from an inventory record; add the rest with dataclasses.replace."""
    return EuDatabaseFacts(
        system_name=record.name,
        provider_name=record.vendor,
        deployer_name=record.organisation,
        deployer_contact=record.contact,
        intended_purpose=record.summary,
        data_and_logic=record.data_sources,
        more_information_url=record.url,
    )
