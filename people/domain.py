"""Pure rules of the people app: translators, the training budget guide, AI-literacy coverage.

Plain values in, results out: no ORM, no settings, no today() (the caller passes the date).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from people.choices import Skill, SkillLevel, TrainingStatus

# Skills that count as the technical half of a translator.
TECHNICAL_SKILLS = frozenset(
    {Skill.API_INTEGRATION, Skill.WORKFLOW_AUTOMATION, Skill.ML_LLM_BASICS, Skill.DATA_QUALITY}
)
TRANSLATOR_LEVEL = SkillLevel.SKILLED

# Training whose spend is committed or made: it is a cost; a merely planned one is a budget.
SPEND_COMMITTED = (TrainingStatus.BOOKED, TrainingStatus.COMPLETED)
# A person's training budget is what their plans hold, cancelled ones left out.
NOT_BUDGETED = (TrainingStatus.CANCELLED,)

# The source material's guide for thorough training, per person.
BUDGET_GUIDE_LOW = Decimal("2000")
BUDGET_GUIDE_HIGH = Decimal("5000")


class InvalidLevel(ValueError):
    """A skill level outside 1–4."""


def check_level(value: object) -> int:
    """The level as an int, or InvalidLevel when it is not one of 1–4."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in SkillLevel.values:
        raise InvalidLevel(value)
    return value


def is_translator(levels: Mapping[str, int]) -> bool:
    """A translator combines business-process knowledge with a technical skill, both at skilled
    or above: they carry a use case between the department and the builders."""
    process = levels.get(Skill.BUSINESS_PROCESS, 0)
    technical = max((levels.get(skill, 0) for skill in TECHNICAL_SKILLS), default=0)
    return process >= TRANSLATOR_LEVEL and technical >= TRANSLATOR_LEVEL


class BudgetHint(StrEnum):
    """How a person's training budget compares with the 2,000–5,000 EUR guide."""

    NONE = "none"
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


def budget_hint(total: Decimal) -> BudgetHint:
    """Compare one person's training budget (cancelled plans left out) with the guide."""
    if total <= 0:
        return BudgetHint.NONE
    if total < BUDGET_GUIDE_LOW:
        return BudgetHint.BELOW
    if total > BUDGET_GUIDE_HIGH:
        return BudgetHint.ABOVE
    return BudgetHint.WITHIN


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def refresh_due(given_on: datetime.date, refresh_months: int | None) -> datetime.date | None:
    """When a literacy measure must be given again; None if it needs no refresh."""
    return add_months(given_on, refresh_months) if refresh_months else None


def measure_is_current(
    given_on: datetime.date, refresh_months: int | None, today: datetime.date
) -> bool:
    """A measure counts from the day it was given until the day its refresh falls due."""
    if given_on > today:
        return False
    due = refresh_due(given_on, refresh_months)
    return due is None or today < due


@dataclass(frozen=True)
class MeasureGiven:
    """One literacy measure a person took part in: when, and how often it is refreshed."""

    given_on: datetime.date
    refresh_months: int | None


@dataclass(frozen=True)
class Coverage:
    """How many of a system's users received a current literacy measure for it."""

    trained: int
    users: int

    @property
    def complete(self) -> bool:
        """Every user trained (a system without users is not called complete)."""
        return self.users > 0 and self.trained == self.users


def literacy_coverage(
    users: Iterable[int],
    received: Mapping[int, Iterable[MeasureGiven]],
    today: datetime.date,
) -> Coverage:
    """Users of a system who received a current measure for it, out of all its users.

    `received` maps a person to the measures for this system they took part in; a measure past
    its refresh no longer counts (EU AI Act Art. 4 asks for literacy that is kept up).
    """
    people = set(users)
    trained = sum(
        1
        for person in people
        if any(
            measure_is_current(m.given_on, m.refresh_months, today)
            for m in received.get(person, ())
        )
    )
    return Coverage(trained=trained, users=len(people))
