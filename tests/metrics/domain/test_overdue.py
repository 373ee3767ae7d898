"""When a KPI measurement is due and when it is overdue."""

from __future__ import annotations

from datetime import date

from metrics.domain.overdue import add_interval, is_overdue, next_due


def test_intervals_clamp_to_month_ends() -> None:
    assert add_interval(date(2026, 1, 31), "month") == date(2026, 2, 28)
    assert add_interval(date(2026, 11, 30), "quarter") == date(2027, 2, 28)
    assert add_interval(date(2026, 12, 29), "week") == date(2027, 1, 5)


def test_due_one_interval_after_the_last_measurement_or_the_baseline() -> None:
    assert next_due("month", date(2026, 1, 1), None) == date(2026, 2, 1)
    assert next_due("month", date(2026, 1, 1), date(2026, 3, 15)) == date(2026, 4, 15)
    assert not is_overdue("month", date(2026, 1, 1), date(2026, 3, 15), date(2026, 4, 15))
    assert is_overdue("month", date(2026, 1, 1), date(2026, 3, 15), date(2026, 4, 16))
