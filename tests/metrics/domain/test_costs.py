"""Tests for cost items and the cost of a period (DESIGN.md section 3)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from core.money import round_money
from core.periods import Period
from metrics.domain.costs import (
    CostItem,
    OneTimeCost,
    RecurringCost,
    cost_between,
    costs_between,
    costs_in_period,
    first_cost_date,
)

# The worked example of DESIGN.md: 1,000 per month from 15 January to 14 April 2026.
LICENCE = RecurringCost(Decimal(1000), date(2026, 1, 15), date(2026, 4, 14))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2026-01", "548.39"),  # 17 of 31 days
        ("2026-02", "1000.00"),
        ("2026-03", "1000.00"),
        ("2026-04", "466.67"),  # 14 of 30 days
        ("2026-05", "0.00"),
        ("2025-12", "0.00"),
        ("2026-Q1", "2548.39"),
        ("2026-Q2", "466.67"),
        ("2026", "3015.05"),
    ],
)
def test_design_example_recurring_cost(label: str, expected: str) -> None:
    assert str(round_money(costs_in_period([LICENCE], Period.parse(label)))) == expected


def test_partial_month_is_exact_until_rounded() -> None:
    assert costs_in_period([LICENCE], Period.parse("2026-01")) == Decimal(17000) / 31
    # The quarter is the exact sum of its months, not a sum of rounded months.
    assert costs_in_period([LICENCE], Period.parse("2026-Q1")) == Decimal(17000) / 31 + 2000


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2028, "1500.00"),  # leap year: 15 of 29 days of 2,900
        (2027, "1450.00"),  # 14 of 28 days of 2,900
    ],
)
def test_partial_february_in_leap_and_common_year(year: int, expected: str) -> None:
    cost = RecurringCost(Decimal(2900), date(year, 2, 15), date(year, 3, 31))
    assert str(round_money(costs_in_period([cost], Period.parse(f"{year}-02")))) == expected
    assert costs_in_period([cost], Period.parse(f"{year}-03")) == 2900


def test_recurring_cost_partial_at_both_ends_of_one_month() -> None:
    cost = RecurringCost(Decimal(3100), date(2026, 1, 10), date(2026, 1, 20))
    assert costs_in_period([cost], Period.parse("2026-01")) == 1100  # 11 days × 100


def test_recurring_cost_across_a_year_boundary() -> None:
    cost = RecurringCost(Decimal(1200), date(2026, 12, 16), date(2027, 1, 15))
    in_2026 = costs_in_period([cost], Period.parse("2026"))
    in_2027 = costs_in_period([cost], Period.parse("2027"))
    assert round_money(in_2026) == Decimal("619.35")  # 16 of 31 days
    assert round_money(in_2027) == Decimal("580.65")  # 15 of 31 days
    assert round_money(in_2026 + in_2027) == Decimal("1200.00")
    assert round_money(costs_in_period([cost], Period.parse("2026-Q4"))) == Decimal("619.35")


def test_ongoing_recurring_cost_counts_up_to_the_period_end() -> None:
    cost = RecurringCost(Decimal(1000), date(2026, 3, 1))
    assert costs_in_period([cost], Period.parse("2026")) == 10000
    assert costs_in_period([cost], Period.parse("2030-Q2")) == 3000


def test_recurring_cost_in_a_week_is_pro_rata_per_day_of_its_months() -> None:
    cost = RecurringCost(Decimal(3100), date(2026, 1, 1), date(2026, 12, 31))
    assert costs_in_period([cost], Period.parse("2026-W03")) == 700
    # 2026-W05 runs 26 January to 1 February: 6 January days and 1 February day.
    expected = Decimal(3100) * 6 / 31 + Decimal(3100) / 28
    assert costs_in_period([cost], Period.parse("2026-W05")) == expected
    assert round_money(expected) == Decimal("710.71")


@pytest.mark.parametrize(
    ("on", "in_period", "not_in_period"),
    [
        (date(2026, 4, 1), "2026-Q2", "2026-Q1"),
        (date(2026, 3, 31), "2026-Q1", "2026-Q2"),
        (date(2026, 3, 31), "2026-03", "2026-04"),
        (date(2026, 1, 1), "2026", "2025"),
        (date(2026, 12, 31), "2026", "2027"),
    ],
)
def test_one_time_cost_on_first_or_last_day(on: date, in_period: str, not_in_period: str) -> None:
    cost = OneTimeCost(Decimal("500.00"), on)
    assert costs_in_period([cost], Period.parse(in_period)) == Decimal("500.00")
    assert costs_in_period([cost], Period.parse(not_in_period)) == 0


def test_no_costs_is_a_decimal_zero() -> None:
    total = costs_in_period([], Period.parse("2026-Q1"))
    assert isinstance(total, Decimal)
    assert total == 0


def test_costs_add_up_over_items() -> None:
    items: list[CostItem] = [LICENCE, OneTimeCost(Decimal(2000), date(2026, 2, 3))]
    assert round_money(costs_in_period(items, Period.parse("2026-Q1"))) == Decimal("4548.39")


def test_amounts_are_coerced_and_validated() -> None:
    assert OneTimeCost(250, date(2026, 1, 1)).amount == Decimal(250)  # type: ignore[arg-type]
    assert OneTimeCost("12.50", date(2026, 1, 1)).amount == Decimal("12.50")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="amount must not be negative"):
        OneTimeCost(Decimal(-1), date(2026, 1, 1))
    with pytest.raises(ValueError, match="monthly_amount must not be negative"):
        RecurringCost(Decimal(-1), date(2026, 1, 1), date(2026, 2, 1))
    with pytest.raises(TypeError):
        OneTimeCost(12.5, date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a date"):
        OneTimeCost(Decimal(1), datetime(2026, 1, 1))


def test_recurring_cost_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(ValueError, match="start date 2026-04-14 is after end date 2026-01-15"):
        RecurringCost(Decimal(1000), date(2026, 4, 14), date(2026, 1, 15))


def test_cost_between_rejects_a_reversed_range() -> None:
    with pytest.raises(ValueError, match="is after end date"):
        cost_between(LICENCE, date(2026, 3, 1), date(2026, 2, 1))


def test_cost_between_arbitrary_range() -> None:
    # 1 to 14 April: 14 of 30 days; 15 to 31 January: 17 of 31 days.
    assert round_money(costs_between([LICENCE], date(2026, 4, 1), date(2026, 12, 31))) == Decimal(
        "466.67"
    )
    assert costs_between([LICENCE], date(2026, 2, 10), date(2026, 2, 10)) == Decimal(1000) / 28


def test_first_cost_date() -> None:
    assert first_cost_date([]) is None
    assert first_cost_date([LICENCE, OneTimeCost(Decimal(1), date(2026, 2, 1))]) == date(
        2026, 1, 15
    )
