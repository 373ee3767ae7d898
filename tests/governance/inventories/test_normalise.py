"""Normalisation helpers: the date, yes/no and category shapes seen in the real files."""

from __future__ import annotations

from datetime import date

import pytest

from governance.domain.inventories.normalise import (
    category_key,
    clean_block,
    clean_category,
    format_date,
    option_key,
    parse_date,
    parse_yes_no,
)
from governance.domain.inventories.records import Precision


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("2025-09-08 00:00:00", date(2025, 9, 8), Precision.DAY),  # OMB CSV
        ("2023-08-01T00:00:00", date(2023, 8, 1), Precision.DAY),  # Excel date cell
        ("2023-03-31 08:34:11.986578+00:00", date(2023, 3, 31), Precision.DAY),  # NL create_dt
        ("2026-08-13T14:42:26Z", date(2026, 8, 13), Precision.DAY),  # GOV.UK
        ("1/30/2026", date(2026, 1, 30), Precision.DAY),
        ("09/24/2024 12:00:00 AM", date(2024, 9, 24), Precision.DAY),
        ("9/1/2019 0:00", date(2019, 9, 1), Precision.DAY),
        ("18-12-2020", date(2020, 12, 18), Precision.DAY),
        ("18.12.2020", date(2020, 12, 18), Precision.DAY),
        ("1 March 2024", date(2024, 3, 1), Precision.DAY),
        ("March 1, 2024", date(2024, 3, 1), Precision.DAY),
        ("01/2024", date(2024, 1, 1), Precision.MONTH),
        ("03-2022", date(2022, 3, 1), Precision.MONTH),  # NL begin_date (v0.4)
        ("2022-08", date(2022, 8, 1), Precision.MONTH),
        ("Jul-25", date(2025, 7, 1), Precision.MONTH),  # Excel-mangled month-year
        ("Jan-03", date(2003, 1, 1), Precision.MONTH),
        ("2020", date(2020, 1, 1), Precision.YEAR),
        ("45292", date(2024, 1, 1), Precision.DAY),  # Excel serial number
        (" 2025 \n", date(2025, 1, 1), Precision.YEAR),
    ],
)
def test_dates_that_are_understood(raw: str, expected: date, precision: Precision) -> None:
    found = parse_date(raw)
    assert found is not None
    assert (found.value, found.precision, found.raw) == (expected, precision, raw)


@pytest.mark.parametrize(
    "raw",
    ["13/32/2024", "2/30/2024", "24-Nov", "Q4FY25", "Pre-2021", "10/12023", "N/A", "Mogelijk 2023"],
)
def test_dates_that_are_not_understood_keep_their_text(raw: str) -> None:
    found = parse_date(raw)
    assert found is not None
    assert (found.value, found.precision, found.raw) == (None, None, raw)


def test_blank_date_is_no_date() -> None:
    assert parse_date("  ") is None
    assert parse_date(None) is None


def test_day_first_only_changes_slashed_dates() -> None:
    assert parse_date("03/04/2025", day_first=True).value == date(2025, 4, 3)  # type: ignore[union-attr]
    assert parse_date("2025-03-04", day_first=True).value == date(2025, 3, 4)  # type: ignore[union-attr]


def test_format_date_writes_back_by_precision() -> None:
    assert format_date(parse_date("Jul-25"), style="us") == "07/2025"
    assert format_date(parse_date("Jul-25"), style="nl") == "07-2025"
    assert format_date(parse_date("2025-01-30")) == "2025-01-30"
    assert format_date(parse_date("2025-01-30"), style="us") == "1/30/2025"
    assert format_date(parse_date("TBD")) == "TBD"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Yes", True),
        ("YES", True),
        ("Y", True),
        ("True", True),
        ("Ja", True),
        ("a) Yes", True),
        ("Yes – by the CAIO", True),
        ("No", False),
        ("n", False),
        ("Nee", False),
        ("Nee, want er is geen sprake van persoonsgegevens.", False),
        ("False", False),
        ("", None),
        (" ", None),
        ("N/A", None),
        ("Onbekend", None),
        ("Not Applicable", None),
    ],
)
def test_yes_no_variants(raw: str, expected: bool | None) -> None:
    assert parse_yes_no(raw) == (expected, True)


def test_yes_no_sentences_are_not_guessed() -> None:
    assert parse_yes_no("Er is een DPIA uitgevoerd") == (None, False)
    assert parse_yes_no("Yesterday") == (None, False)


def test_category_cleaning() -> None:
    assert clean_category("Rights-Impacting\n") == "Rights-Impacting"
    assert clean_category(" Mission-Enabling  (internal agency support) ") == (
        "Mission-Enabling (internal agency support)"
    )
    assert clean_category("Research or  Administrative Action Complete") == (
        "Research or Administrative Action Complete"
    )
    assert category_key("Other – Economic & Financial") == "other - economic & financial"
    assert option_key("c) Deployed – The use case is being actively used.") == (
        "deployed - the use case is being actively used."
    )


def test_free_text_keeps_its_lines() -> None:
    assert clean_block("  first  \r\nsecond\t\r\n\r\n") == "first\nsecond"
