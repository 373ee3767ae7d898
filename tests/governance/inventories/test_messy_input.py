"""Messy input in small synthetic files: every row is accounted for, nothing is dropped silently."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from governance.domain.inventories import InventoryFileError, ParseResult, Status, parse

NL_HEADER = [
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
]
US_HEADER = [
    "agency",
    "agency_name",
    "id",
    "use_case_name",
    "agency_bureau",
    "development_stage",
    "is_high_impact",
    "operational_date",
    "has_pii",
]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    """A CSV file as bytes."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


def nl_row(key: str, title: str = "Zivver", status: str = "in_gebruik", **cells: str) -> list[str]:
    """One row of the Dutch listing with sensible defaults."""
    values = {
        "id": key,
        "title": title,
        "organisatie": "Gemeente Delft",
        "status": status,
        "doel": "Veilig mailen.",
        "juridische_basis": "",
        "impactassessment": "Onbekend",
        "geregistreerd": "2026-04-07",
        "toegevoegd": "2026-05-13",
        "url": f"https://algoritmes.overheid.nl/nl/algoritme/{key}",
        **cells,
    }
    return [values[column] for column in NL_HEADER]


def us_row(
    use_case_id: str, name: str, bureau: str = "OCIO", stage: str = "Deployed", **cells: str
) -> list[str]:
    """One row of the US 2025 inventory with sensible defaults."""
    values = {
        "agency": "DOE",
        "agency_name": "Department of Energy",
        "id": use_case_id,
        "use_case_name": name,
        "agency_bureau": bureau,
        "development_stage": stage,
        "is_high_impact": "Not High-impact",
        "operational_date": "1/30/2026",
        "has_pii": "No",
        **cells,
    }
    return [values[column] for column in US_HEADER]


def nl(rows: list[list[str]], **kwargs: str) -> ParseResult:
    """Parse a synthetic Dutch listing."""
    return parse("nl_algoritmeregister", csv_bytes([NL_HEADER, *rows], **kwargs), "listing.csv")


def us(rows: list[list[str]]) -> ParseResult:
    """Parse a synthetic US 2025 inventory."""
    return parse("us_2025", csv_bytes([US_HEADER, *rows]), "inventory.csv")


class TestStrictKeys:
    """Sources with a published id: blank or conflicting ids are row errors."""

    def test_blank_key_is_a_row_error(self) -> None:
        result = nl([nl_row("1"), nl_row("  "), nl_row("3")])
        assert [r.source_key for r in result.records] == ["1", "3"]
        assert [(e.row_number, e.line_number, e.code) for e in result.row_errors] == [
            (2, 3, "blank_key")
        ]
        assert (result.counts.rows_in_file, result.counts.errors) == (3, 1)

    def test_repeated_key_with_different_content_rejects_every_row(self) -> None:
        result = nl([nl_row("7", "A"), nl_row("8"), nl_row("7", "B")])
        assert [r.source_key for r in result.records] == ["8"]
        assert [(e.row_number, e.code, e.params["rows"]) for e in result.row_errors] == [
            (1, "repeated_key", "1, 3"),
            (3, "repeated_key", "1, 3"),
        ]
        assert result.counts.reconciles

    def test_exact_duplicate_row_is_reported_and_imported_once(self) -> None:
        result = nl([nl_row("7"), nl_row("8"), nl_row("7")])
        assert [r.source_key for r in result.records] == ["7", "8"]
        assert [(d.row_number, d.code, d.params["first_row"]) for d in result.duplicates] == [
            (3, "duplicate_row", "1")
        ]
        counts = result.counts
        assert (counts.rows_in_file, counts.records, counts.errors, counts.duplicates) == (
            3,
            2,
            0,
            1,
        )


class TestDerivedKeys:
    """The US inventories: keys derived from content, repeats kept under a suffixed key."""

    def test_same_id_in_two_bureaus_gets_order_independent_keys(self) -> None:
        first = us([us_row("DOE-1", "Chat", "OCIO"), us_row("DOE-1", "Chat", "NNSA")])
        second = us([us_row("DOE-1", "Chat", "NNSA"), us_row("DOE-1", "Chat", "OCIO")])
        assert len(first.records) == 2
        by_bureau = {r.department: r.source_key for r in first.records}
        assert by_bureau == {r.department: r.source_key for r in second.records}
        assert all(key.startswith("DOE:DOE-1~") for key in by_bureau.values())
        assert [w.code for w in first.warnings] == ["repeated_key", "repeated_key"]

    def test_rows_that_cannot_be_told_apart_get_an_occurrence_suffix(self) -> None:
        result = us(
            [
                us_row("", "Text generation", stage="Pilot"),
                us_row("", "Text generation", stage="Retired"),
            ]
        )
        first, second = result.records
        assert second.source_key == first.source_key + "#2"
        assert (first.status, second.status) == (Status.IN_USE, Status.RETIRED)
        warning = result.warnings[0]
        assert (warning.code, warning.row_number, warning.params["first_row"]) == (
            "repeated_key",
            2,
            "1",
        )

    def test_placeholder_id_is_not_a_key(self) -> None:
        result = us([us_row("TBD", "Copilot for Appian"), us_row("TBD", "RelativityOne")])
        assert len({r.source_key for r in result.records}) == 2
        assert [w.code for w in result.warnings] == ["placeholder_id", "placeholder_id"]

    def test_exact_duplicate_is_not_a_second_record(self) -> None:
        result = us([us_row("", "Chatbot"), us_row("", "Chatbot")])
        assert (result.counts.records, result.counts.duplicates) == (1, 1)


class TestCells:
    """Encodings, line breaks, dates, categories and formula prefixes."""

    def test_multi_line_cells_keep_record_index_and_physical_line(self) -> None:
        result = nl(
            [
                nl_row("1", doel="Regel een\nregel twee\nregel drie"),
                nl_row("2", doel="Eén regel"),
                nl_row("3", title="Naam\r\nmet breuk"),
            ]
        )
        assert [(r.row_number, r.line_number) for r in result.records] == [(1, 2), (2, 5), (3, 6)]
        assert result.records[0].purpose == "Regel een\nregel twee\nregel drie"
        assert result.records[2].name == "Naam met breuk"

    def test_cp1252_file_is_read_and_reported(self) -> None:
        data = csv_bytes([NL_HEADER, nl_row("1", title="Café’s – beleid")], encoding="cp1252")
        result = parse("nl_algoritmeregister", data, "listing.csv")
        assert result.encoding == "cp1252"
        assert result.records[0].name == "Café’s – beleid"
        assert [w.code for w in result.warnings] == ["encoding_fallback"]

    def test_utf8_with_bom_is_not_a_fallback(self) -> None:
        data = b"\xef\xbb\xbf" + csv_bytes([NL_HEADER, nl_row("1", title="Café")])
        result = parse("nl_algoritmeregister", data, "listing.csv")
        assert (result.encoding, result.records[0].name, result.warnings) == (
            "utf-8-sig",
            "Café",
            (),
        )

    def test_bytes_that_are_no_known_encoding_fail_the_file(self) -> None:
        with pytest.raises(InventoryFileError) as caught:
            parse("nl_algoritmeregister", b"id,title\n1,\x81\x8d\xff\n", "listing.csv")
        assert caught.value.code == "undecodable"

    def test_bad_date_keeps_its_text_and_warns(self) -> None:
        result = us([us_row("DOE-1", "A", operational_date="13/32/2024")])
        record = result.records[0]
        assert record.dates["start"].raw == "13/32/2024"
        assert record.dates["start"].value is None
        warning = result.warnings[0]
        assert (warning.code, warning.params["value"], warning.field) == (
            "unparseable_date",
            "13/32/2024",
            "operational_date",
        )
        assert "13/32/2024" in warning.message

    def test_us_dates_are_month_first_and_dutch_dates_day_first(self) -> None:
        us_result = us([us_row("DOE-1", "A", operational_date="03/04/2025 12:00:00 AM")])
        nl_result = nl([nl_row("1", geregistreerd="03/04/2025")])
        assert us_result.records[0].date_value("start") == date(2025, 3, 4)
        assert nl_result.records[0].date_value("published") == date(2025, 4, 3)

    def test_category_values_with_trailing_spaces_and_line_breaks(self) -> None:
        result = us(
            [
                us_row("DOE-1", "A", stage="Deployed \n", is_high_impact=" High-impact\n"),
                us_row("DOE-2", "B", stage="b) Pilot – The use case has been deployed in a test."),
                us_row("DOE-3", "C", stage="Sunset"),
            ]
        )
        first, second, third = result.records
        assert (first.status, first.status_raw, first.high_risk) == (
            Status.IN_USE,
            "Deployed",
            True,
        )
        assert second.status is Status.IN_USE
        assert (third.status, third.status_raw) == (None, "Sunset")
        assert [(w.code, w.row_number) for w in result.warnings] == [("unmapped_value", 3)]

    def test_formula_prefix_written_by_our_exports_is_removed(self) -> None:
        result = nl([nl_row("1", doel="'=HYPERLINK(x)"), nl_row("2", doel="'tis fine")])
        assert [r.purpose for r in result.records] == ["=HYPERLINK(x)", "'tis fine"]

    def test_unmapped_columns_are_kept_in_extra(self) -> None:
        result = us([us_row("DOE-1", "A")])
        extra = result.records[0].extra
        assert extra == {
            "agency": "DOE",
            "id": "DOE-1",
            "is_high_impact": "Not High-impact",
            "has_pii": "No",
        }


class TestRowShapes:
    """Rows with too few or too many cells, and blank rows."""

    def test_short_row_is_padded_with_a_warning(self) -> None:
        result = nl([nl_row("1")[:4]])
        assert result.records[0].purpose == ""
        assert [w.code for w in result.warnings] == ["short_row"]

    def test_row_with_extra_filled_cells_is_an_error(self) -> None:
        result = nl([[*nl_row("1"), "", ""], [*nl_row("2"), "surprise"]])
        assert [r.source_key for r in result.records] == ["1"]
        assert [(e.row_number, e.code) for e in result.row_errors] == [(2, "too_many_cells")]

    def test_blank_rows_inside_are_counted_and_trailing_ones_ignored(self) -> None:
        blank = [""] * len(NL_HEADER)
        result = nl([nl_row("1"), blank, nl_row("2"), blank, blank])
        assert [r.row_number for r in result.records] == [1, 3]
        assert result.counts.blank_rows == 1
        assert [w.code for w in result.warnings] == ["blank_rows"]
        assert result.counts.rows_in_file == 2


class TestWholeFile:
    """Problems that concern the file, not a row."""

    def test_unknown_format(self) -> None:
        with pytest.raises(InventoryFileError) as caught:
            parse("fr_registre", b"a,b\n", "x.csv")
        assert caught.value.code == "unknown_format"

    def test_missing_columns_name_them(self) -> None:
        with pytest.raises(InventoryFileError) as caught:
            parse("ca_gc", b"ai_register_id,name\n1,x\n", "ca.csv")
        assert caught.value.code == "missing_columns"
        assert "government_organization" in caught.value.params["columns"]

    def test_file_type_the_format_does_not_offer(self) -> None:
        with pytest.raises(InventoryFileError) as caught:
            parse("ca_gc", b"PK\x03\x04rest", "register.xlsx")
        assert caught.value.code == "unsupported_file_type"

    def test_json_count_that_does_not_match_is_a_warning(self) -> None:
        rows = [dict(zip(NL_HEADER, nl_row(str(n)), strict=True)) for n in (1, 2)]
        data = json.dumps({"algoritmes": rows, "count": 3}).encode()
        result = parse("nl_algoritmeregister", data, "algoritmes.json")
        assert result.counts.records == 2
        assert [(w.code, w.params["declared"]) for w in result.warnings] == [
            ("count_mismatch", "3")
        ]

    def test_json_entry_that_is_no_object_is_a_row_error(self) -> None:
        rows: list[object] = [dict(zip(NL_HEADER, nl_row("1"), strict=True)), "oops"]
        result = parse("nl_algoritmeregister", json.dumps(rows).encode(), "algoritmes.json")
        assert [r.source_key for r in result.records] == ["1"]
        assert [(e.row_number, e.code) for e in result.row_errors] == [(2, "not_an_object")]
        assert result.counts.reconciles
