"""When a KPI measurement is due and when it is overdue."""

from __future__ import annotations

from datetime import date, timedelta

from metrics.domain.overdue import add_interval, is_overdue, latest_start_due_by, next_due


def test_intervals_clamp_to_month_ends() -> None:
    assert add_interval(date(2026, 1, 31), "month") == date(2026, 2, 28)
    assert add_interval(date(2026, 11, 30), "quarter") == date(2027, 2, 28)
    assert add_interval(date(2026, 12, 29), "week") == date(2027, 1, 5)


def test_due_one_interval_after_the_last_measurement_or_the_baseline() -> None:
    assert next_due("month", date(2026, 1, 1), None) == date(2026, 2, 1)
    assert next_due("month", date(2026, 1, 1), date(2026, 3, 15)) == date(2026, 4, 15)
    assert not is_overdue("month", date(2026, 1, 1), date(2026, 3, 15), date(2026, 4, 15))
    assert is_overdue("month", date(2026, 1, 1), date(2026, 3, 15), date(2026, 4, 16))


def test_the_latest_start_due_by_a_day_follows_the_month_end_clamp() -> None:
    # 29, 30 and 31 January are all due on 28 February; 1 February only on 1 March.
    assert latest_start_due_by("month", date(2026, 2, 28)) == date(2026, 1, 31)
    assert latest_start_due_by("month", date(2026, 3, 31)) == date(2026, 2, 28)
    assert latest_start_due_by("month", date(2026, 3, 1)) == date(2026, 2, 1)
    assert latest_start_due_by("quarter", date(2027, 2, 28)) == date(2026, 11, 30)
    assert latest_start_due_by("week", date(2027, 1, 5)) == date(2026, 12, 29)


def test_the_latest_start_due_by_a_day_is_exactly_where_next_due_passes_the_day() -> None:
    day = date(2026, 1, 1)
    for frequency in ("week", "month", "quarter"):
        for offset in range(400):
            target = day + timedelta(days=offset)
            start = latest_start_due_by(frequency, target)
            assert add_interval(start, frequency) <= target
            assert add_interval(start + timedelta(days=1), frequency) > target
