"""The one formatting layer: money, percentages, numbers and dates in en, nl, sv and de."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from core import formatting

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "€2,500,000.00"),
        ("nl", f"€{NBSP}2.500.000,00"),
        ("sv", f"2{NBSP}500{NBSP}000,00{NBSP}€"),
        ("de", f"2.500.000,00{NBSP}€"),
    ],
)
def test_exact_money_groups_once_and_keeps_cents(language, expected):
    # The bug this replaces wrote "2,500,000,00" in Dutch: grouping applied twice.
    assert formatting.money(Decimal("2500000"), language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "−€890,896.96"),
        ("nl", f"€{NBSP}−890.896,96"),
        ("sv", f"−890{NBSP}896,96{NBSP}€"),
        ("de", f"−890.896,96{NBSP}€"),
    ],
)
def test_negative_money_has_a_real_minus_sign(language, expected):
    assert formatting.money("-890896.96", language=language) == expected


def test_money_rounds_half_up_once_at_display():
    assert formatting.money(Decimal("4.175"), language="en") == "€4.18"
    assert formatting.money(Decimal("-0.004"), language="en") == "€0.00"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        ("3993343.64", "en", f"€3.99{NBSP}M"),
        ("-890896.96", "en", f"−€890.9{NBSP}k"),
        ("12400000", "en", f"€12.4{NBSP}M"),
        ("1250000000", "en", f"€1.25{NBSP}bn"),
        ("999999", "en", f"€1{NBSP}M"),
        ("412.40", "en", "€412"),
        ("3993343.64", "nl", f"€{NBSP}3,99{NBSP}mln."),
        ("3993343.64", "sv", f"3,99{NBSP}mn{NBSP}€"),
        ("-890896.96", "de", f"−890,9{NBSP}Tsd.{NBSP}€"),
        ("3993343.64", "de", f"3,99{NBSP}Mio.{NBSP}€"),
    ],
)
def test_compact_money_for_tiles(value, language, expected):
    assert formatting.money_compact(value, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "−22.3%"), ("nl", "−22,3%"), ("sv", f"−22,3{NBSP}%"),
                               ("de", f"−22,3{NBSP}%")],
)  # fmt: skip
def test_percent_with_one_decimal(language, expected):
    assert formatting.percent("-22.3", language=language) == expected


def test_undefined_figures_are_a_dash_never_zero():
    for func in (formatting.money, formatting.money_compact, formatting.percent, formatting.number):
        assert func(None, language="de") == "—"
    assert formatting.date(None) == "—"


def test_numbers_drop_trailing_zeros_unless_places_are_fixed():
    # The dashboard once showed "4.17000000000000 EUR (Plan 2.9000)".
    assert formatting.number(Decimal("4.17000000000000"), language="en") == "4.17"
    assert formatting.number(Decimal("2.9000"), language="nl") == "2,9"
    assert formatting.number(Decimal("7464000.00"), language="de", places=2) == "7.464.000,00"
    assert formatting.number(Decimal("1234567"), language="sv") == f"1{NBSP}234{NBSP}567"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "24 Aug 2026"), ("nl", "24 aug 2026"), ("sv", "24 aug. 2026"), ("de", "24.08.2026")],
)
def test_dates_cannot_be_misread(language, expected):
    assert formatting.date(datetime.date(2026, 8, 24), language=language) == expected


def test_date_and_time_to_the_minute_without_am_pm():
    moment = datetime.datetime(2026, 8, 24, 14, 5)
    assert formatting.datetime_local(moment, language="en") == "24 Aug 2026, 14:05"


@pytest.mark.parametrize(
    ("language", "separators", "prefix", "suffix"),
    [("en", ".,", "€", ""), ("nl", ",.", f"€{NBSP}", ""), ("sv", f",{NBSP}", "", f"{NBSP}€"),
     ("de", ",.", "", f"{NBSP}€")],
)  # fmt: skip
def test_chart_axes_follow_the_language(language, separators, prefix, suffix):
    chart = formatting.chart_format(language=language)
    assert (chart.separators, chart.tick_prefix, chart.tick_suffix) == (separators, prefix, suffix)
