"""When a KPI's next measurement is due, and whether it is overdue."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from core.periods import check_date
from metrics.domain.kpi import Frequency

_MONTHS = {Frequency.MONTH: 1, Frequency.QUARTER: 3}


def add_interval(day: date, frequency: Frequency | str) -> date:
    """The day one measurement interval after day; month ends clamp (31 Jan + 1 month = 28 Feb)."""
    check_date(day, "day")
    frequency = Frequency(frequency)
    if frequency is Frequency.WEEK:
        return day + timedelta(days=7)
    months = day.month - 1 + _MONTHS[frequency]
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(frequency: Frequency | str, baseline_date: date, last_measured: date | None) -> date:
    """The last day by which the next measurement is expected.

    One interval after the latest measurement, or after the baseline date while there is none.
    """
    return add_interval(last_measured or baseline_date, frequency)


def is_overdue(
    frequency: Frequency | str, baseline_date: date, last_measured: date | None, today: date
) -> bool:
    """Whether today lies after the due date of the next measurement."""
    return today > next_due(frequency, baseline_date, last_measured)


def _minus_interval(day: date, frequency: Frequency) -> date:
    """The day one measurement interval before day; month ends clamp like add_interval."""
    if frequency is Frequency.WEEK:
        return day - timedelta(days=7)
    months = day.month - 1 - _MONTHS[frequency]
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_start_due_by(frequency: Frequency | str, day: date) -> date:
    """The latest last-measured (or baseline) date whose next measurement is due by `day`.

    next_due grows with its start date, so "due on or before day" is "start on or before
    this date": a condition a database can answer from a column, whatever the frequency.
    """
    check_date(day, "day")
    frequency = Frequency(frequency)
    start = _minus_interval(day, frequency)
    # Month ends clamp: 29, 30 and 31 January are all due on 28 February.
    while add_interval(start + timedelta(days=1), frequency) <= day:
        start += timedelta(days=1)
    return start
