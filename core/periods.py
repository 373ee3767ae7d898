"""Calendar periods (ISO weeks, months, quarters, years) and inclusive date-range arithmetic."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

ONE_DAY = timedelta(days=1)


class PeriodKind(StrEnum):
    """The kinds of calendar period; weeks are ISO weeks running Monday to Sunday."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def check_date(value: object, name: str = "date") -> date:
    """Return value if it is a plain date; datetimes are refused because they compare unsafely."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, got {type(value).__name__}")
    return value


def check_range(start: date, end: date) -> None:
    """Raise ValueError when an inclusive date range starts after it ends."""
    check_date(start, "start")
    check_date(end, "end")
    if start > end:
        raise ValueError(f"start date {start.isoformat()} is after end date {end.isoformat()}")


def range_days(start: date, end: date) -> int:
    """Number of days in an inclusive date range."""
    check_range(start, end)
    return (end - start).days + 1


def overlap_days(start: date, end: date, other_start: date, other_end: date) -> int:
    """Number of days two inclusive date ranges have in common (0 when they do not meet)."""
    check_range(start, end)
    check_range(other_start, other_end)
    return max(0, (min(end, other_end) - max(start, other_start)).days + 1)


def _bounds(kind: PeriodKind, day: date) -> tuple[date, date]:
    """First and last day of the period of the given kind that contains day."""
    if kind is PeriodKind.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if kind is PeriodKind.MONTH:
        first_month = last_month = day.month
    elif kind is PeriodKind.QUARTER:
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(day.year, last_month)[1]
    return date(day.year, first_month, 1), date(day.year, last_month, last_day)


_LABELS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    (PeriodKind.WEEK, re.compile(r"(\d{4})-W(\d{2})")),
    (PeriodKind.MONTH, re.compile(r"(\d{4})-(\d{2})")),
    (PeriodKind.QUARTER, re.compile(r"(\d{4})-Q([1-4])")),
    (PeriodKind.YEAR, re.compile(r"(\d{4})")),
)


@dataclass(frozen=True, order=True)
class Period:
    """One calendar period; build it with Period.containing() or Period.parse()."""

    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        """Accept the kind as a plain string and refuse bounds that are not a calendar period."""
        kind = PeriodKind(self.kind)
        object.__setattr__(self, "kind", kind)
        check_date(self.start, "start")
        check_date(self.end, "end")
        if _bounds(kind, self.start) != (self.start, self.end):
            raise ValueError(
                f"{self.start.isoformat()}..{self.end.isoformat()} is not a calendar {kind}"
            )

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: date) -> Period:
        """The period of the given kind that contains day."""
        return _containing(PeriodKind(kind), check_date(day, "day"))

    @classmethod
    def parse(cls, label: str) -> Period:
        """The period named by a label such as 2026-W03, 2026-01, 2026-Q1 or 2026."""
        for kind, pattern in _LABELS:
            match = pattern.fullmatch(label.strip())
            if not match:
                continue
            year = int(match.group(1))
            number = int(match.group(2)) if pattern.groups > 1 else 1
            try:
                if kind is PeriodKind.WEEK:
                    day = date.fromisocalendar(year, number, 1)
                elif kind is PeriodKind.QUARTER:
                    day = date(year, 3 * number - 2, 1)
                else:
                    day = date(year, number, 1)
            except ValueError:
                break
            return cls.containing(kind, day)
        raise ValueError(
            f"{label!r} is not a period label such as 2026-W03, 2026-01, 2026-Q1, 2026"
        )

    @property
    def label(self) -> str:
        """Short name: 2026-W03 (ISO year and week), 2026-01, 2026-Q1 or 2026."""
        if self.kind is PeriodKind.WEEK:
            iso = self.start.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def next(self) -> Period:
        """The period of the same kind that follows this one."""
        return Period.containing(self.kind, self.end + ONE_DAY)

    def previous(self) -> Period:
        """The period of the same kind that precedes this one."""
        return Period.containing(self.kind, self.start - ONE_DAY)

    def contains(self, day: date) -> bool:
        """Whether day falls inside the period."""
        return self.start <= check_date(day, "day") <= self.end

    def overlap_days(self, start: date, end: date) -> int:
        """Number of days of the inclusive range start..end that fall inside the period."""
        return overlap_days(start, end, self.start, self.end)

    def __str__(self) -> str:
        """The label, so that a period reads naturally in messages and templates."""
        return self.label


@functools.lru_cache(maxsize=32_768)
def _containing(kind: PeriodKind, day: date) -> Period:
    """Periods are immutable values: the ROI engine asks for the same weeks and months often."""
    start, end = _bounds(kind, day)
    return Period(kind, start, end)


def periods_between(kind: PeriodKind | str, start: date, end: date) -> list[Period]:
    """Every period of the given kind that touches the inclusive range start..end, in order."""
    check_range(start, end)
    kind = PeriodKind(kind)
    return list(_periods_from(kind, _containing(kind, start), _containing(kind, end).start))


@functools.lru_cache(maxsize=4_096)
def _periods_from(kind: PeriodKind, first: Period, last_start: date) -> tuple[Period, ...]:
    """The ROI engine asks for the same runs of quarters for thousands of initiatives and KPIs."""
    period = first
    periods = [period]
    while period.start < last_start:
        period = _containing(kind, period.end + ONE_DAY)
        periods.append(period)
    return tuple(periods)
