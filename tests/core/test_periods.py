"""Tests for calendar periods and inclusive date ranges."""

from datetime import date, datetime

import pytest

from core.periods import (
    Period,
    PeriodKind,
    check_range,
    overlap_days,
    periods_between,
    range_days,
)


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "label"),
    [
        ("month", date(2026, 1, 15), date(2026, 1, 1), date(2026, 1, 31), "2026-01"),
        ("month", date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
        ("quarter", date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31), "2026-Q1"),
        ("quarter", date(2026, 11, 1), date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
        ("year", date(2026, 7, 4), date(2026, 1, 1), date(2026, 12, 31), "2026"),
        # ISO weeks run Monday to Sunday; 15 January 2026 is a Thursday.
        ("week", date(2026, 1, 15), date(2026, 1, 12), date(2026, 1, 18), "2026-W03"),
        # A week that starts in December belongs to the ISO year of its Thursday.
        ("week", date(2025, 12, 29), date(2025, 12, 29), date(2026, 1, 4), "2026-W01"),
        ("week", date(2027, 1, 1), date(2026, 12, 28), date(2027, 1, 3), "2026-W53"),
    ],
)
def test_containing_and_label(kind: str, day: date, start: date, end: date, label: str) -> None:
    period = Period.containing(kind, day)
    assert (period.kind, period.start, period.end) == (PeriodKind(kind), start, end)
    assert period.label == label
    assert str(period) == label
    assert Period.parse(label) == period


@pytest.mark.parametrize(
    ("label", "days"),
    [
        ("2026-02", 28),
        ("2028-02", 29),
        ("2026-01", 31),
        ("2026-04", 30),
        ("2026-Q1", 90),
        ("2028-Q1", 91),
        ("2026", 365),
        ("2028", 366),
        ("2026-W03", 7),
    ],
)
def test_days_in_period(label: str, days: int) -> None:
    assert Period.parse(label).days == days


@pytest.mark.parametrize(
    ("label", "following"),
    [
        ("2026-12", "2027-01"),
        ("2026-Q4", "2027-Q1"),
        ("2026", "2027"),
        ("2026-W53", "2027-W01"),
        ("2028-01", "2028-02"),
    ],
)
def test_next_and_previous(label: str, following: str) -> None:
    assert Period.parse(label).next() == Period.parse(following)
    assert Period.parse(following).previous() == Period.parse(label)


@pytest.mark.parametrize("label", ["2026-13", "2026-00", "2026-Q5", "2025-W53", "Jan 2026", ""])
def test_parse_refuses_bad_labels(label: str) -> None:
    with pytest.raises(ValueError, match="not a period label"):
        Period.parse(label)


def test_period_refuses_bounds_that_are_not_a_calendar_period() -> None:
    with pytest.raises(ValueError, match="not a calendar month"):
        Period(PeriodKind.MONTH, date(2026, 1, 2), date(2026, 1, 31))
    with pytest.raises(ValueError, match="not a calendar quarter"):
        Period(PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 4, 30))


def test_period_accepts_kind_as_string_and_refuses_unknown_kinds() -> None:
    assert Period("month", date(2026, 1, 1), date(2026, 1, 31)).kind is PeriodKind.MONTH  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Period.containing("decade", date(2026, 1, 1))


def test_datetimes_are_refused() -> None:
    with pytest.raises(TypeError, match="must be a date"):
        Period.containing(PeriodKind.MONTH, datetime(2026, 1, 1, 12, 0))


def test_contains_counts_both_ends() -> None:
    q1 = Period.parse("2026-Q1")
    assert q1.contains(date(2026, 1, 1))
    assert q1.contains(date(2026, 3, 31))
    assert not q1.contains(date(2026, 4, 1))
    assert not q1.contains(date(2025, 12, 31))


@pytest.mark.parametrize(
    ("label", "days"),
    [("2026-01", 17), ("2026-02", 28), ("2026-04", 14), ("2026-05", 0), ("2026-Q1", 76)],
)
def test_overlap_days_with_15_january_to_14_april(label: str, days: int) -> None:
    assert Period.parse(label).overlap_days(date(2026, 1, 15), date(2026, 4, 14)) == days


def test_overlap_days_of_plain_ranges() -> None:
    assert overlap_days(date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1)) == 1
    assert overlap_days(date(2026, 1, 1), date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 9)) == 0
    assert range_days(date(2028, 2, 1), date(2028, 3, 1)) == 30


def test_periods_between_covers_every_touched_period() -> None:
    months = periods_between(PeriodKind.MONTH, date(2026, 1, 15), date(2026, 4, 14))
    assert [p.label for p in months] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    quarters = periods_between("quarter", date(2026, 3, 31), date(2026, 4, 1))
    assert [p.label for p in quarters] == ["2026-Q1", "2026-Q2"]
    assert periods_between("year", date(2026, 5, 5), date(2026, 5, 5)) == [Period.parse("2026")]
    weeks = periods_between("week", date(2025, 12, 31), date(2026, 1, 5))
    assert [p.label for p in weeks] == ["2026-W01", "2026-W02"]


def test_range_with_start_after_end_is_rejected() -> None:
    message = "start date 2026-02-01 is after end date 2026-01-31"
    with pytest.raises(ValueError, match=message):
        periods_between(PeriodKind.MONTH, date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(ValueError, match=message):
        check_range(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(ValueError, match=message):
        Period.parse("2026-01").overlap_days(date(2026, 2, 1), date(2026, 1, 31))


def test_periods_sort_by_start() -> None:
    labels = ["2026-03", "2025-12", "2026-01"]
    assert [p.label for p in sorted(Period.parse(x) for x in labels)] == [
        "2025-12",
        "2026-01",
        "2026-03",
    ]
