"""Exports: US inventory CSV and Dutch publication JSON re-import to the same records; Annex VIII;
formula-safe cells."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from openpyxl import load_workbook

from governance.domain.inventories import (
    InventoryRecord,
    ParseResult,
    SourceDate,
    Status,
    diff,
    parse,
    record_fingerprint,
)
from governance.domain.inventories.exports import (
    EuDatabaseFacts,
    dutch_publication_json,
    eu_database_facts_from_record,
    eu_database_fields,
    eu_database_section,
    sanitize_cell,
    to_csv_text,
    to_xlsx_bytes,
    us_inventory_rows,
)
from governance.domain.inventories.records import Precision

Parsed = Callable[[str, str], ParseResult]
US25_CSV = "us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases.csv"
US25_XLSX = "us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases.xlsx"
NL_PUB = "nl-algoritmeregister/pub_data_2023-06.json"
NL_LISTING = "nl-algoritmeregister/algoritmes_2026-08-08.csv"


def same_records(before: ParseResult, after: ParseResult) -> None:
    """Same keys in the same order and identical fingerprints."""
    assert [r.source_key for r in after.records] == [r.source_key for r in before.records]
    assert diff(before.by_key(), after.records).counts["unchanged"] == len(before.records)


class TestUsInventoryCsv:
    """US 2025 CSV columns."""

    def test_header_is_omb_2025(self, parsed: Parsed) -> None:
        header, _ = us_inventory_rows([])
        assert header[:4] == ["agency", "agency_name", "id", "use_case_name"]
        assert len(header) == 36

    def test_real_inventory_round_trips_through_csv(self, parsed: Parsed) -> None:
        original = parsed("us_2025", US25_CSV)
        header, rows = us_inventory_rows(original.records)
        text = to_csv_text(header, rows)
        again = parse("us_2025", text.encode("utf-8"), "export.csv")
        same_records(original, again)
        # The two exact duplicates were imported once, so the export holds 3,609 rows.
        assert again.counts.rows_in_file == 3609
        # Every cell that starts with "-" (bulleted free text) left the file with an apostrophe
        # and came back without it, as the equal records above show.
        starting_with_dash = sum(1 for row in rows for cell in row if cell.startswith("-"))
        written = list(csv.reader(io.StringIO(text, newline="")))[1:]
        assert starting_with_dash > 0
        assert (
            sum(1 for row in written for cell in row if cell.startswith("'-")) == starting_with_dash
        )

    def test_records_from_the_workbook_round_trip_too(self, parsed: Parsed) -> None:
        original = parsed("us_2025", US25_XLSX)
        header, rows = us_inventory_rows(original.records)
        again = parse("us_2025", to_xlsx_bytes(header, rows), "export.xlsx")
        same_records(original, again)

    def test_records_of_another_source_map_to_us_answers(self, parsed: Parsed) -> None:
        record = parsed(
            "ca_gc", "ca-gc-ai-register/gc-ai-register-mvp-registre-de-lia-du-gc-pmv.csv"
        ).by_key()["2526-ATSSC-SCDATA-001"]
        header, rows = us_inventory_rows([record])
        row = dict(zip(header, rows[0], strict=True))
        assert row["id"] == "2526-ATSSC-SCDATA-001"
        assert row["use_case_name"] == "Westlaw AI"
        assert row["development_stage"] == "Deployed"
        assert row["has_pii"] == "No"
        assert row["problem_solved"].startswith("Westlaw Edge AI")


class TestDutchPublicationJson:
    """Algoritmeregister publication standard."""

    def test_real_publication_data_round_trips(self, parsed: Parsed) -> None:
        original = parsed("nl_algoritmeregister_publication", NL_PUB)
        document = dutch_publication_json(original.records)
        again = parse(
            "nl_algoritmeregister_publication",
            json.dumps(document, ensure_ascii=False).encode("utf-8"),
            "export.json",
        )
        same_records(original, again)

    def test_objects_use_the_standard_field_names_and_json_types(self, parsed: Parsed) -> None:
        original = parsed("nl_algoritmeregister_publication", NL_PUB)
        first = dutch_publication_json(original.records)[0]
        assert list(first)[:4] == ["name", "organization", "department", "description_short"]
        assert len(first) == 51
        assert first["published"] is True
        assert first["released"] is False
        assert first["type"] is None  # not filled -> null, as in the register's own data
        assert first["lars"] == original.records[0].source_key

    def test_listing_records_export_with_their_lars_id(self, parsed: Parsed) -> None:
        records = parsed("nl_algoritmeregister", NL_LISTING).records
        sample = [
            next(r for r in records if r.impact_assessment is flag) for flag in (True, False, None)
        ]
        exported = dutch_publication_json(sample)
        assert [e["lars"] for e in exported] == [r.source_key for r in sample]
        assert {e["standard_version"] for e in exported} == {"0.4.0"}
        again = parse(
            "nl_algoritmeregister_publication", json.dumps(exported).encode(), "export.json"
        ).records
        assert [(r.source_key, r.name, r.status, r.impact_assessment) for r in again] == [
            (r.source_key, r.name, r.status, r.impact_assessment) for r in sample
        ]

    def test_our_own_entry_without_lars_is_keyed_by_source_id(self) -> None:
        entry = InventoryRecord(
            source="register",
            source_key="ai-system-42",
            row_number=1,
            name="Invoice triage",
            organisation="Gemeente Voorbeeld",
            purpose="Route incoming invoices.",
            status=Status.IN_DEVELOPMENT,
            dates={"start": SourceDate("", date(2026, 3, 1), Precision.MONTH)},
        )
        exported = dutch_publication_json([entry])[0]
        assert (exported["lars"], exported["source_id"], exported["begin_date"]) == (
            None,
            "ai-system-42",
            "03-2026",
        )
        again = parse(
            "nl_algoritmeregister_publication", json.dumps([exported]).encode(), "x.json"
        ).records[0]
        assert again.source_key == "source_id:ai-system-42"
        assert again.date_value("start") == date(2026, 3, 1)
        assert again.purpose == "Route incoming invoices."


class TestEuDatabase:
    """AI Act Annex VIII sections A, B and C."""

    def test_section_choice(self) -> None:
        assert eu_database_section(role="provider", high_risk=True) == "A"
        assert eu_database_section(role="provider", high_risk=False, exempt_under_6_3=True) == "B"
        assert eu_database_section(role="provider", high_risk=False) is None
        assert eu_database_section(role="deployer", high_risk=True) == "C"
        assert eu_database_section(role="deployer", high_risk=False) is None

    def test_section_a_has_thirteen_points(self) -> None:
        facts = EuDatabaseFacts(
            system_name="Fraud Risk Assessment",
            provider_name="Acme AI B.V.",
            provider_address="Damrak 1, Amsterdam",
            member_states=("NL", "BE"),
            instructions_for_use="https://example.org/ifu.pdf",
        )
        fields = eu_database_fields(facts, "A")
        assert [f.number for f in fields] == [f"A.{n}" for n in range(1, 14)]
        assert fields[0].value == "Acme AI B.V.; Damrak 1, Amsterdam"
        assert fields[9].value == "NL, BE"
        assert fields[11].value == "https://example.org/ifu.pdf"

    def test_instructions_are_withheld_for_law_enforcement_and_migration(self) -> None:
        facts = EuDatabaseFacts(system_name="X", instructions_for_use="ifu", annex_iii_point=6)
        assert eu_database_fields(facts, "A")[11].value.startswith("not to be provided")

    def test_sections_b_and_c(self) -> None:
        facts = EuDatabaseFacts(
            system_name="X",
            not_high_risk_conditions="Article 6(3)(a): narrow procedural task",
            deployer_name="Gemeente Delft",
            fria_summary="No significant risks after mitigation.",
        )
        section_b = eu_database_fields(facts, "B")
        section_c = eu_database_fields(facts, "C")
        assert len(section_b) == 9
        assert section_b[5].value == "Article 6(3)(a): narrow procedural task"
        assert [f.number for f in section_c] == ["C.1", "C.2", "C.3", "C.4", "C.5"]
        assert section_c[0].value == "Gemeente Delft"
        assert section_c[3].value == "No significant risks after mitigation."

    def test_prefill_from_a_record(self, parsed: Parsed) -> None:
        record = parsed("us_2025", US25_CSV).by_key()["DOJ:DOJ-0357"]
        facts = replace(eu_database_facts_from_record(record), deployer_address="Washington, DC")
        assert facts.system_name == record.name
        assert facts.deployer_name == "Department of Justice"
        assert eu_database_fields(facts, "C")[0].value.startswith(
            "Department of Justice; Washington"
        )


class TestFormulaSafety:
    """OWASP CSV injection: cells starting with = + - @ tab or CR."""

    def test_dangerous_text_gets_an_apostrophe(self) -> None:
        for value in ("=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"):
            assert sanitize_cell(value) == "'" + value
        assert sanitize_cell("Plain text") == "Plain text"
        assert sanitize_cell(-2) == -2
        assert sanitize_cell(None) is None

    def test_csv_and_xlsx_writers_sanitise_every_cell(self) -> None:
        rows = [['=HYPERLINK("http://x")', -5, None]]
        text = to_csv_text(["name", "amount", "note"], rows)
        assert list(csv.reader(io.StringIO(text))) == [
            ["name", "amount", "note"],
            ['\'=HYPERLINK("http://x")', "-5", ""],
        ]
        workbook = load_workbook(io.BytesIO(to_xlsx_bytes(["name", "amount"], [["=1+1", -5]])))
        sheet = workbook.active
        assert sheet is not None
        assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("'=1+1", "s", -5)

    def test_fingerprint_is_plain_text(self, parsed: Parsed) -> None:
        record = parsed("us_2025", US25_CSV).records[0]
        assert all(isinstance(v, str) for v in record_fingerprint(record).values())
