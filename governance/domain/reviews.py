"""Periodic reviews of AI systems: cadence by risk class, due dates, status and reminders.

Cadence. Months between reviews per risk class and review kind (DEFAULT_CADENCE_MONTHS), each
entry overridable by the installation. None means the kind is not scheduled for that class;
0 means due at once (a prohibited system gets one compliance review, to confirm it is withdrawn).

Due dates. The next review is due `cadence` calendar months after the last completed one; a system
never reviewed is due `cadence` months after it was registered. Month arithmetic clamps to the
month's end: 31 August + 6 months is 28 February (29 in a leap year).

Status on a date. Overdue after the due date, due soon from `due_soon_days` (default 30) days
before it up to and including the due date, otherwise ok.

Reminders. Stages, each a number of days from the due date: 30 days before, 7 days before, on the
due date, 7 and 30 days overdue. A daily job asks `reminders_to_send` with the stages already
handled for this review; it sends what comes back in `send` and records both `send` and `skipped`
as handled, so a second run the same day sends nothing. When several stages became due at once
(the job did not run for a while, or the review was created late), only the most advanced one is
sent and the earlier ones are skipped: a "due in 30 days" mail that arrives after the due date is
wrong, and several mails at once are noise. A stage earlier than one already handled never comes
back.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from governance.domain.classification import RiskClass

DEFAULT_DUE_SOON_DAYS = 30


class ReviewKind(StrEnum):
    """What a review examines."""

    BIAS_FAIRNESS_AUDIT = "bias_fairness_audit"
    COMPLIANCE = "compliance"
    PERFORMANCE = "performance"
    SECURITY = "security"


class ReviewStatus(StrEnum):
    """Where a review stands on a given date."""

    NOT_SCHEDULED = "not_scheduled"
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class ReminderStage(StrEnum):
    """Reminder mails around a due date, in the order they are sent."""

    DAYS_30_BEFORE = "30_days_before"
    DAYS_7_BEFORE = "7_days_before"
    DUE = "due"
    OVERDUE_7 = "overdue_7"
    OVERDUE_30 = "overdue_30"


REMINDER_OFFSETS: dict[ReminderStage, int] = {
    ReminderStage.DAYS_30_BEFORE: -30,
    ReminderStage.DAYS_7_BEFORE: -7,
    ReminderStage.DUE: 0,
    ReminderStage.OVERDUE_7: 7,
    ReminderStage.OVERDUE_30: 30,
}
_STAGE_ORDER: tuple[ReminderStage, ...] = tuple(REMINDER_OFFSETS)

DEFAULT_CADENCE_MONTHS: dict[RiskClass, dict[ReviewKind, int | None]] = {
    # Art. 5: a prohibited system must be withdrawn; one compliance review confirms it, at once.
    RiskClass.PROHIBITED: {
        ReviewKind.BIAS_FAIRNESS_AUDIT: None,
        ReviewKind.COMPLIANCE: 0,
        ReviewKind.PERFORMANCE: None,
        ReviewKind.SECURITY: None,
    },
    # Art. 9 and Art. 72 ask for continuous risk management and post-market monitoring; twice a
    # year is the floor we set for checking that they happen.
    RiskClass.HIGH: {
        ReviewKind.BIAS_FAIRNESS_AUDIT: 6,
        ReviewKind.COMPLIANCE: 6,
        ReviewKind.PERFORMANCE: 6,
        ReviewKind.SECURITY: 6,
    },
    RiskClass.LIMITED: {
        ReviewKind.BIAS_FAIRNESS_AUDIT: 12,
        ReviewKind.COMPLIANCE: 12,
        ReviewKind.PERFORMANCE: 12,
        ReviewKind.SECURITY: 12,
    },
    # The AI Act asks for bias examination only of high-risk systems (Art. 10(2)(f)); for minimal
    # risk an audit is scheduled only where the installation configures one.
    RiskClass.MINIMAL: {
        ReviewKind.BIAS_FAIRNESS_AUDIT: None,
        ReviewKind.COMPLIANCE: 24,
        ReviewKind.PERFORMANCE: 24,
        ReviewKind.SECURITY: 24,
    },
}


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """What a reminder run does for one review: stages to send now and stages passed over."""

    send: tuple[ReminderStage, ...]
    skipped: tuple[ReminderStage, ...]

    @property
    def handled(self) -> tuple[ReminderStage, ...]:
        """Stages to record as handled after this run, in stage order."""
        return tuple(sorted(self.send + self.skipped, key=_STAGE_ORDER.index))


def _checked_cadence(value: object, where: str) -> int | None:
    """A cadence must be None or a whole number of months, 0 or more."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Cadence for {where} must be None or months >= 0, got {value!r}.")
    return value


def cadence_months(
    risk_class: RiskClass | str,
    kind: ReviewKind | str,
    overrides: Mapping[str, Mapping[str, int | None]] | None = None,
) -> int | None:
    """Months between reviews of this kind for this class; None when the kind is not scheduled."""
    risk_class = RiskClass(risk_class)
    kind = ReviewKind(kind)
    table = cadence_table(overrides)
    return table[risk_class][kind]


def cadence_table(
    overrides: Mapping[str, Mapping[str, int | None]] | None = None,
) -> dict[RiskClass, dict[ReviewKind, int | None]]:
    """The defaults with `overrides` ({class: {kind: months or None}}) applied and checked."""
    table = {risk_class: dict(kinds) for risk_class, kinds in DEFAULT_CADENCE_MONTHS.items()}
    for class_key, kinds in (overrides or {}).items():
        risk_class = RiskClass(class_key)
        for kind_key, months in kinds.items():
            kind = ReviewKind(kind_key)
            table[risk_class][kind] = _checked_cadence(months, f"{risk_class}/{kind}")
    return table


def add_months(start: date, months: int) -> date:
    """`start` plus whole calendar months, clamped to the last day of the target month."""
    index = start.month - 1 + months
    year = start.year + index // 12
    month = index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def next_due_date(
    *,
    last_completed: date | None,
    cadence: int | None,
    registered_on: date,
) -> date | None:
    """When the next review is due: cadence months after the last one, or after registration."""
    if cadence is None:
        return None
    _checked_cadence(cadence, "next_due_date")
    return add_months(last_completed or registered_on, cadence)


def review_status(
    due: date | None,
    today: date,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> ReviewStatus:
    """Status of a review on `today`; a review due today is due soon, not yet overdue."""
    if due_soon_days < 0:
        raise ValueError(f"due_soon_days must be 0 or more, got {due_soon_days!r}.")
    if due is None:
        return ReviewStatus.NOT_SCHEDULED
    if today > due:
        return ReviewStatus.OVERDUE
    if (due - today).days <= due_soon_days:
        return ReviewStatus.DUE_SOON
    return ReviewStatus.OK


def reminder_date(due: date, stage: ReminderStage | str) -> date:
    """The date from which a reminder stage is due."""
    return due + timedelta(days=REMINDER_OFFSETS[ReminderStage(stage)])


def reminders_to_send(
    due: date | None,
    today: date,
    handled: Collection[ReminderStage | str],
) -> ReminderPlan:
    """Stages to send today for a review due on `due`, given the stages already handled."""
    if due is None:
        return ReminderPlan(send=(), skipped=())
    done = {ReminderStage(stage) for stage in handled}
    last_done = max((_STAGE_ORDER.index(stage) for stage in done), default=-1)
    eligible = [
        stage
        for index, stage in enumerate(_STAGE_ORDER)
        if index > last_done and today >= reminder_date(due, stage)
    ]
    if not eligible:
        return ReminderPlan(send=(), skipped=())
    return ReminderPlan(send=(eligible[-1],), skipped=tuple(eligible[:-1]))
