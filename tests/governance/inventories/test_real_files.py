"""Every import format against the real published files, with counts computed independently.

The expected numbers were counted from the raw files with the standard library only (csv.reader,
json, openpyxl in read-only mode), not with the importer, and checked against each dataset's
README: data rows = non-blank records after the header; exact duplicates = rows whose every
cell equals an earlier row's; statuses = the raw status column of the de-duplicated rows,
grouped as the mapping in each format module documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pytest

from governance.domain.inventories import InventoryRecord, ParseResult, Status

US25 = "us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases"
US25_COTS = "us-fed-ai-inventory-2025/2025_consolidated_COTS_AI_use_cases"
US24 = "us-fed-ai-inventory-2024/2024_consolidated_ai_inventory_raw"
NL = "nl-algoritmeregister"
UK = "uk-atrs"
CA = "ca-gc-ai-register/gc-ai-register-mvp-registre-de-lia-du-gc-pmv.csv"

Parsed = Callable[[str, str], ParseResult]


def statuses(records: Iterable[InventoryRecord]) -> dict[Status | None, int]:
    """How many records have each mapped status."""
    return dict(Counter(record.status for record in records))


def codes(issues: Iterable[object]) -> dict[str, int]:
    """How many issues carry each code."""
    return dict(Counter(issue.code for issue in issues))  # type: ignore[attr-defined]


def counts(result: ParseResult) -> tuple[int, int, int, int]:
    """(rows in file, records, errors, duplicates)."""
    c = result.counts
    assert c.reconciles
    return c.rows_in_file, c.records, c.errors, c.duplicates


def record_starts(result: ParseResult) -> list[int]:
    """Start lines of every row that was read: records, duplicates and errors."""
    lines = [r.line_number for r in result.records]
    lines += [issue.line_number for issue in (*result.duplicates, *result.row_errors)]
    return sorted(line for line in lines if line is not None)


def multi_line_rows(result: ParseResult, physical_lines: int) -> int:
    """Rows that span more than one physical line, from the start lines of consecutive rows."""
    starts = record_starts(result)
    ends = [*starts[1:], physical_lines + 1]
    spans = [after - before for before, after in zip(starts, ends, strict=True)]
    assert sum(spans) == physical_lines - 1  # every line after the header belongs to one row
    return sum(1 for span in spans if span > 1)


class TestUs2025:
    """OMB's 2025 inventory: 3,611 rows, 2 exact duplicates, ids blank or repeated."""

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xlsx.csv"])
    def test_counts_in_every_published_form(self, parsed: Parsed, suffix: str) -> None:
        result = parsed("us_2025", US25 + suffix)
        # 3,611 data rows (README); two are exact copies of an earlier row (DOJ-0357 and HHS
        # "Chatbot", found with Counter over the row tuples), so 3,609 records.
        assert counts(result) == (3611, 3609, 0, 2)
        # Keys: (agency, id) repeats once with different content (DOJ-0160, both rows warned);
        # without an id, (agency, bureau, name) repeats in 4 ED pairs (one warning each);
        # STB's two "TBD" ids are placeholders; DOI-0015 has no name.
        assert codes(result.warnings) == {"repeated_key": 6, "placeholder_id": 2, "blank_name": 1}
        # development_stage over de-duplicated rows: Pre-deployment 1478, Deployed 1040 +
        # Pilot 440, Retired 313 (one retired row is the DOJ-0357 copy), blank 338.
        assert statuses(result.records) == {
            Status.IN_DEVELOPMENT: 1478,
            Status.IN_USE: 1480,
            Status.RETIRED: 313,
            None: 338,
        }
        # is_high_impact: High-impact 445 (the OMB README's number), Not 2629 + Presumed 109,
        # blank 426; has_pii: Yes 360, No 1151, blank 2098.
        assert Counter(r.high_risk for r in result.records) == {True: 445, False: 2738, None: 426}
        assert sum("presumed_high_impact" in r.risk_flags for r in result.records) == 109
        assert Counter(r.personal_data for r in result.records) == {
            True: 360,
            False: 1151,
            None: 2098,
        }

    def test_csv_rows_keep_their_physical_lines(self, parsed: Parsed) -> None:
        result = parsed("us_2025", US25 + ".csv")
        # 5,207 physical lines; README: 346 rows contain line breaks inside quoted cells.
        assert multi_line_rows(result, 5207) == 346
        # DOI-0015 (no name) is data row 838; its line was counted in the raw bytes:
        # b"\nDOI,Department of the Interior,DOI-0015," is preceded by 1,063 newlines.
        unnamed = result.by_key()["DOI:DOI-0015"]
        assert (unnamed.row_number, unnamed.line_number, unnamed.name) == (838, 1065, "")
        assert [(d.row_number, d.params["first_row"]) for d in result.duplicates] == [
            (1167, "1160"),
            (1781, "1780"),
        ]

    def test_repeated_id_is_told_apart_by_bureau_in_any_row_order(self, parsed: Parsed) -> None:
        by_csv = parsed("us_2025", US25 + ".csv").by_key()
        by_xlsx = parsed("us_2025", US25 + ".xlsx").by_key()
        pair = sorted(key for key in by_csv if key.startswith("DOJ:DOJ-0160"))
        assert len(pair) == 2
        assert "DOJ:DOJ-0160" not in by_csv
        for key in pair:
            assert by_csv[key].department == by_xlsx[key].department
            assert by_csv[key].high_risk == by_xlsx[key].high_risk

    def test_xlsx_maps_to_the_same_register_fields_as_csv(self, parsed: Parsed) -> None:
        by_csv = parsed("us_2025", US25 + ".csv").by_key()
        by_xlsx = parsed("us_2025", US25 + ".xlsx").by_key()
        assert set(by_csv) == set(by_xlsx)
        fields = ("name", "organisation", "department", "status", "high_risk", "personal_data")
        different = [
            key
            for key in by_csv
            if any(getattr(by_csv[key], f) != getattr(by_xlsx[key], f) for f in fields)
            or by_csv[key].date_value("start") != by_xlsx[key].date_value("start")
        ]
        assert different == []
        # The workbook's header is on sheet row 2 (row 1 is empty), so data starts on row 3.
        assert min(r.line_number or 0 for r in by_xlsx.values()) == 3

    def test_operational_dates_in_many_formats(self, parsed: Parsed) -> None:
        result = parsed("us_2025", US25 + ".csv")
        # 24 patterns (README), all understood. Digits replaced by 9 over the de-duplicated
        # rows: 1,402 non-blank; "99/9999" and "Jan-99"-like patterns are months (484),
        # "9999" years (36), the rest (ISO and m/d/Y, with or without time) days (882).
        dated = [r.dates["start"] for r in result.records if "start" in r.dates]
        assert len(dated) == 1402
        assert all(found.value is not None for found in dated)
        assert Counter(found.precision for found in dated) == {"day": 882, "month": 484, "year": 36}


class TestUs2025Cots:
    """The COTS table: one row per agency and standard task."""

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_counts(self, parsed: Parsed, suffix: str) -> None:
        result = parsed("us_2025_cots", US25_COTS + suffix)
        # 45 agencies x 20 tasks = 900 rows, 900 distinct (agency, cleaned task) pairs.
        assert counts(result) == (900, 900, 0, 0)
        assert result.warnings == ()
        # Agency Use (Y/N)?: Y 468, N 416, blank 16.
        assert statuses(result.records) == {Status.IN_USE: 468, None: 432}


class TestUs2024:
    """OMB's 2024 inventory in its three published files."""

    @pytest.mark.parametrize(
        ("suffix", "encoding", "extra_warnings"),
        [("_v2.csv", "cp1252", {"encoding_fallback": 1}), ("_v2.utf8.csv", "utf-8", {})],
    )
    def test_v2_counts(
        self, parsed: Parsed, suffix: str, encoding: str, extra_warnings: dict[str, int]
    ) -> None:
        result = parsed("us_2024", US24 + suffix)
        assert result.encoding == encoding
        # 2,133 rows, 3 exact duplicate rows (all DOI), so 2,130 records.
        assert counts(result) == (2133, 2130, 0, 3)
        # No id column: (abbreviation, bureau, name) repeats with different content in 47 rows.
        # 104 date cells are not dates: "24-Nov" (day-month, no year), "Pre-2021", "Q4FY25",
        # "Ongoing", notes like "N/A -Consolidated …" (counted with strptime over the four date
        # columns, treating blank, N/A, NA, TBD, Unknown as no date). One impact answer is
        # "Case-by-case assessment".
        assert codes(result.warnings) == {
            "repeated_key": 47,
            "unparseable_date": 104,
            "unmapped_value": 1,
            **extra_warnings,
        }
        # Stage of development, de-duplicated: Initiated 370 + Planned 20 + Ideation 9;
        # Acquisition/Development 402; O&M 874 + Implementation 286 + In production 14 +
        # In mission 4; Retired 142 + "Research or Administrative Action Complete" 5; blank 4.
        assert statuses(result.records) == {
            Status.PLANNED: 399,
            Status.IN_DEVELOPMENT: 402,
            Status.IN_USE: 1178,
            Status.RETIRED: 147,
            None: 4,
        }
        # Rights- and/or safety-impacting = Both 195 + Rights 131 + Safety 25 = 351, the OMB
        # README's figure; Neither 1,719; blank 39, "too new to assess" 20, case-by-case 1.
        assert Counter(r.high_risk for r in result.records) == {True: 351, False: 1719, None: 60}

    def test_v2_cp1252_and_utf8_give_identical_records(self, parsed: Parsed) -> None:
        cp1252 = parsed("us_2024", US24 + "_v2.csv")
        utf8 = parsed("us_2024", US24 + "_v2.utf8.csv")
        assert [r.source_key for r in cp1252.records] == [r.source_key for r in utf8.records]
        assert [r.purpose for r in cp1252.records] == [r.purpose for r in utf8.records]
        assert any("’" in r.purpose for r in cp1252.records)  # 0x92 decoded, not mangled

    def test_v2_physical_lines(self, parsed: Parsed) -> None:
        # 4,652 physical lines for 2,133 rows (README); 873 rows span several lines.
        assert multi_line_rows(parsed("us_2024", US24 + "_v2.csv"), 4652) == 873

    def test_first_release_with_coded_headers(self, parsed: Parsed) -> None:
        result = parsed("us_2024", US24 + ".csv")
        # 1,757 rows, the same 3 DOI duplicates; 12 repeated keys; the same 104 non-dates.
        assert counts(result) == (1757, 1754, 0, 3)
        assert codes(result.warnings) == {"repeated_key": 12, "unparseable_date": 104}

    def test_reimport_of_v2_over_the_first_release(self, parsed: Parsed) -> None:
        from governance.domain.inventories import diff

        first = parsed("us_2024", US24 + ".csv")
        plan = diff(first.by_key(), parsed("us_2024", US24 + "_v2.csv").records)
        # Counted as multisets of (abbreviation, bureau, name) over de-duplicated rows: v2 adds
        # DOJ 240 + DOT 66 + ED 54 + NCUA 16 = 376 and removes none; pairing equal keys in
        # order, 22 rows differ in some cell (purpose 8, public info 8, HISP support 3,
        # outputs 2, topic 1), compared whitespace-insensitively.
        assert plan.counts == {"added": 376, "changed": 22, "removed": 0, "unchanged": 1732}


class TestDutchRegister:
    """Algoritmeregister listing (two scrapes) and publication-standard data."""

    @pytest.mark.parametrize("suffix", [".csv", ".json"])
    def test_listing_2026_08_08(self, parsed: Parsed, suffix: str) -> None:
        result = parsed("nl_algoritmeregister", f"{NL}/algoritmes_2026-08-08{suffix}")
        # 1,530 rows, 1,530 distinct ids; the JSON's own "count" says 1530 too.
        assert counts(result) == (1530, 1530, 0, 0)
        assert result.warnings == ()
        # status: in_gebruik 1392, ontwikkeling 73, buiten_gebruik 65;
        # impactassessment: Ja 623, Nee 22, Onbekend 885.
        assert statuses(result.records) == {
            Status.IN_USE: 1392,
            Status.IN_DEVELOPMENT: 73,
            Status.RETIRED: 65,
        }
        assert Counter(r.impact_assessment for r in result.records) == {
            True: 623,
            False: 22,
            None: 885,
        }

    @pytest.mark.parametrize("suffix", [".csv", ".json"])
    def test_listing_2026_05_13(self, parsed: Parsed, suffix: str) -> None:
        result = parsed("nl_algoritmeregister", f"{NL}/algoritmes_2026-05-13{suffix}")
        # 1,431 rows: in_gebruik 1302, ontwikkeling 71, buiten_gebruik 58; no "Nee" yet.
        assert counts(result) == (1431, 1431, 0, 0)
        assert statuses(result.records) == {
            Status.IN_USE: 1302,
            Status.IN_DEVELOPMENT: 71,
            Status.RETIRED: 58,
        }
        record = result.by_key()["11234933"]
        # The first scrape's URL has an organisation segment; the record URL is canonical.
        assert record.url == "https://algoritmes.overheid.nl/nl/algoritme/11234933"
        assert record.extra["url"] == "https://algoritmes.overheid.nl/nl/algoritme/gm0503/11234933"
        assert record.date_value("published") is not None

    @pytest.mark.parametrize("suffix", [".csv", ".json"])
    def test_publication_standard_2023(self, parsed: Parsed, suffix: str) -> None:
        result = parsed("nl_algoritmeregister_publication", f"{NL}/pub_data_2023-06{suffix}")
        # 130 records, 130 distinct lars ids.
        assert counts(result) == (130, 130, 0, 0)
        # Free-text statuses: In gebruik 43 + Actief 20 + in gebruik 3 + In werking 2 +
        # In productie 1 + pilot 1 + "In gebruik sinds 18-12-2020" 1 = 71; In ontwikkeling 4;
        # Gestopt 3 + Buiten gebruik 2 = 5; blank 47 + 3 paragraphs = 50.
        assert statuses(result.records) == {
            Status.IN_USE: 71,
            Status.IN_DEVELOPMENT: 4,
            Status.RETIRED: 5,
            None: 50,
        }
        # 3 status paragraphs and 5 DPIA sentences are not recognised; 3 revision dates are
        # text ("Wordt vervolgd", "Mogelijk 2023", a sentence).
        assert codes(result.warnings) == {"unmapped_value": 8, "unparseable_date": 3}

    def test_publication_csv_physical_lines(self, parsed: Parsed) -> None:
        result = parsed("nl_algoritmeregister_publication", f"{NL}/pub_data_2023-06.csv")
        # 1,637 physical lines for 130 rows (213 cells with line breaks in 60 rows).
        assert multi_line_rows(result, 1637) == 60


class TestUkAtrs:
    """GOV.UK ATRS records, flattened CSV and the search API JSON."""

    @pytest.mark.parametrize(
        "name", ["atrs_records_2026-08-17.csv", "atrs_metadata_2026-08-17.json"]
    )
    def test_counts(self, parsed: Parsed, name: str) -> None:
        result = parsed("uk_atrs", f"{UK}/{name}")
        # 142 records with 142 distinct links; phases: production 88, beta-pilot 22,
        # private-beta 11, public-beta 9 (all in use), pre-deployment 8, retired 4.
        assert counts(result) == (142, 142, 0, 0)
        assert result.warnings == ()
        assert statuses(result.records) == {
            Status.IN_USE: 130,
            Status.IN_DEVELOPMENT: 8,
            Status.RETIRED: 4,
        }

    def test_title_is_split_into_body_and_tool(self, parsed: Parsed) -> None:
        result = parsed("uk_atrs", f"{UK}/atrs_records_2026-08-17.csv")
        record = next(r for r in result.records if r.extra["title"].startswith("Newcastle"))
        assert record.department == "Newcastle City Council"
        assert record.name == "AWS Contact Centre Services (Amazon Q and Contact Lens)"
        assert record.organisation == "department-for-science-innovation-and-technology"
        # 4 titles have no "Organisation: " prefix (README); they keep the whole title.
        assert sum(1 for r in result.records if not r.department) == 4


class TestCanadianRegister:
    """Government of Canada AI Register (bilingual, UTF-8 with BOM, CRLF)."""

    def test_counts(self, parsed: Parsed) -> None:
        result = parsed("ca_gc", CA)
        assert result.encoding == "utf-8-sig"
        # 409 rows with 409 distinct ai_register_id values.
        assert counts(result) == (409, 409, 0, 0)
        assert result.warnings == ()
        # ai_system_status_en trimmed and case-folded: in development 179, in production 160,
        # retired 28, blank 42 (README; 18 raw values had trailing spaces or lower case).
        assert statuses(result.records) == {
            Status.IN_DEVELOPMENT: 179,
            Status.IN_USE: 160,
            Status.RETIRED: 28,
            None: 42,
        }
        # involves_personal_information: Y 87, N 222, blank 100; public-facing users:
        # "Members of public" 23 + "Both employees and public" 25.
        assert Counter(r.personal_data for r in result.records) == {True: 87, False: 222, None: 100}
        assert sum("public_facing" in r.risk_flags for r in result.records) == 48

    def test_bilingual_cells(self, parsed: Parsed) -> None:
        record = parsed("ca_gc", CA).by_key()["2526-ATSSC-SCDATA-001"]
        assert record.organisation == "Administrative Tribunals Support Service of Canada"
        assert " / " in record.extra["government_organization"]
        assert record.extra["name_ai_system_fr"] == "Westlaw AI"
        assert record.date_value("status") is not None

    def test_physical_lines(self, parsed: Parsed) -> None:
        # 646 physical lines (CRLF); README: 73 records contain line breaks in quoted cells.
        assert multi_line_rows(parsed("ca_gc", CA), 646) == 73


def test_every_key_fits_a_database_column(parsed: Parsed) -> None:
    files = [
        ("us_2025", US25 + ".csv"),
        ("us_2025_cots", US25_COTS + ".csv"),
        ("us_2024", US24 + "_v2.csv"),
        ("nl_algoritmeregister", f"{NL}/algoritmes_2026-08-08.csv"),
        ("uk_atrs", f"{UK}/atrs_records_2026-08-17.csv"),
        ("ca_gc", CA),
    ]
    longest = max(len(r.source_key) for f, p in files for r in parsed(f, p).records)
    assert longest <= 255
