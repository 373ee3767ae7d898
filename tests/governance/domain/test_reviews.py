"""Tests for review cadence, due dates, status and once-only reminders."""

from datetime import date

import pytest

from governance.domain.classification import RiskClass
from governance.domain.reviews import (
    ReminderStage,
    ReviewKind,
    ReviewStatus,
    add_months,
    cadence_months,
    cadence_table,
    next_due_date,
    reminder_date,
    reminders_to_send,
    review_status,
)

R = ReminderStage
DUE = date(2026, 6, 30)


# --- cadence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk_class", "kind", "months"),
    [
        (RiskClass.HIGH, ReviewKind.BIAS_FAIRNESS_AUDIT, 6),
        (RiskClass.HIGH, ReviewKind.SECURITY, 6),
        (RiskClass.LIMITED, ReviewKind.COMPLIANCE, 12),
        (RiskClass.MINIMAL, ReviewKind.PERFORMANCE, 24),
        (RiskClass.MINIMAL, ReviewKind.BIAS_FAIRNESS_AUDIT, None),
        (RiskClass.PROHIBITED, ReviewKind.COMPLIANCE, 0),
        (RiskClass.PROHIBITED, ReviewKind.PERFORMANCE, None),
    ],
)
def test_default_cadence(risk_class: RiskClass, kind: ReviewKind, months: int | None) -> None:
    assert cadence_months(risk_class, kind) == months


def test_cadence_overrides_from_settings_use_plain_strings() -> None:
    overrides = {"high": {"performance": 3}, "minimal": {"bias_fairness_audit": 36}}
    assert cadence_months("high", "performance", overrides) == 3
    assert cadence_months("high", "security", overrides) == 6
    assert cadence_months("minimal", "bias_fairness_audit", overrides) == 36
    assert cadence_table(overrides)[RiskClass.LIMITED][ReviewKind.COMPLIANCE] == 12


def test_a_kind_can_be_switched_off() -> None:
    assert (
        cadence_months("limited", "bias_fairness_audit", {"limited": {"bias_fairness_audit": None}})
        is None
    )


@pytest.mark.parametrize(
    "overrides",
    [{"high": {"performance": -1}}, {"high": {"performance": 1.5}}, {"severe": {"security": 6}}],
)
def test_bad_overrides_are_rejected(overrides: dict[str, dict[str, object]]) -> None:
    with pytest.raises(ValueError):
        cadence_table(overrides)  # type: ignore[arg-type]


# --- due dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_next_due_counts_from_the_last_completed_review() -> None:
    assert next_due_date(
        last_completed=date(2026, 8, 31), cadence=6, registered_on=date(2025, 1, 1)
    ) == date(2027, 2, 28)


def test_first_review_counts_from_registration() -> None:
    assert next_due_date(last_completed=None, cadence=12, registered_on=date(2026, 2, 10)) == date(
        2027, 2, 10
    )


def test_prohibited_system_is_due_at_once_and_unscheduled_kinds_never() -> None:
    registered = date(2026, 3, 1)
    assert next_due_date(last_completed=None, cadence=0, registered_on=registered) == registered
    assert next_due_date(last_completed=None, cadence=None, registered_on=registered) is None


# --- status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 5, 30), ReviewStatus.OK),
        (date(2026, 5, 31), ReviewStatus.DUE_SOON),
        (date(2026, 6, 30), ReviewStatus.DUE_SOON),
        (date(2026, 7, 1), ReviewStatus.OVERDUE),
    ],
)
def test_status_around_the_due_date(today: date, status: ReviewStatus) -> None:
    assert review_status(DUE, today) == status


def test_status_window_is_configurable_and_unscheduled_is_its_own_status() -> None:
    assert review_status(DUE, date(2026, 6, 20), due_soon_days=7) == ReviewStatus.OK
    assert review_status(DUE, date(2026, 6, 23), due_soon_days=7) == ReviewStatus.DUE_SOON
    assert review_status(None, DUE) == ReviewStatus.NOT_SCHEDULED


# --- reminders -------------------------------------------------------------------------------


def test_reminder_dates() -> None:
    assert [reminder_date(DUE, stage) for stage in ReminderStage] == [
        date(2026, 5, 31),
        date(2026, 6, 23),
        date(2026, 6, 30),
        date(2026, 7, 7),
        date(2026, 7, 30),
    ]


def test_a_daily_job_sends_each_stage_once() -> None:
    handled: set[ReminderStage] = set()
    sent: list[tuple[date, ReminderStage]] = []
    day = date(2026, 5, 1)
    while day <= date(2026, 8, 31):
        for _run in range(2):  # the job runs twice a day; the second run must send nothing
            plan = reminders_to_send(DUE, day, handled)
            sent.extend((day, stage) for stage in plan.send)
            assert plan.skipped == ()
            handled.update(plan.handled)
        day = date.fromordinal(day.toordinal() + 1)
    assert sent == [
        (date(2026, 5, 31), R.DAYS_30_BEFORE),
        (date(2026, 6, 23), R.DAYS_7_BEFORE),
        (date(2026, 6, 30), R.DUE),
        (date(2026, 7, 7), R.OVERDUE_7),
        (date(2026, 7, 30), R.OVERDUE_30),
    ]


def test_nothing_before_the_first_stage() -> None:
    plan = reminders_to_send(DUE, date(2026, 5, 30), set())
    assert (plan.send, plan.skipped) == ((), ())


def test_after_a_gap_only_the_most_advanced_stage_is_sent() -> None:
    # The job last ran on 1 June and sent the 30-day reminder; it runs again on 10 July.
    plan = reminders_to_send(DUE, date(2026, 7, 10), {"30_days_before"})
    assert plan.send == (R.OVERDUE_7,)
    assert plan.skipped == (R.DAYS_7_BEFORE, R.DUE)
    assert plan.handled == (R.DAYS_7_BEFORE, R.DUE, R.OVERDUE_7)
    again = reminders_to_send(DUE, date(2026, 7, 10), {"30_days_before", *plan.handled})
    assert (again.send, again.skipped) == ((), ())


def test_a_review_created_already_overdue_gets_one_overdue_mail() -> None:
    plan = reminders_to_send(DUE, date(2026, 9, 1), set())
    assert plan.send == (R.OVERDUE_30,)
    assert plan.skipped == (R.DAYS_30_BEFORE, R.DAYS_7_BEFORE, R.DUE, R.OVERDUE_7)


def test_an_earlier_stage_never_follows_a_later_one() -> None:
    plan = reminders_to_send(DUE, date(2026, 7, 8), {"overdue_7"})
    assert (plan.send, plan.skipped) == ((), ())


def test_unscheduled_reviews_send_nothing_and_unknown_stages_are_rejected() -> None:
    assert reminders_to_send(None, DUE, set()).send == ()
    with pytest.raises(ValueError):
        reminders_to_send(DUE, DUE, {"60_days_before"})
