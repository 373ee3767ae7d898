"""Tests for direct benefits and how they fall into periods."""

from datetime import date
from decimal import Decimal

import pytest

from core.money import round_money
from core.periods import Period
from metrics.domain.benefits import (
    BenefitItem,
    DirectBenefit,
    SpreadBenefit,
    benefit_between,
    benefits_between,
    benefits_in_period,
    first_benefit_date,
)
from metrics.domain.kpi import KpiBenefit

# 9,000 over 15 January to 14 April 2026: 90 days, so 100 a day.
SPREAD = SpreadBenefit(Decimal(9000), date(2026, 1, 15), date(2026, 4, 14))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2026-01", 1700),
        ("2026-02", 2800),
        ("2026-03", 3100),
        ("2026-04", 1400),
        ("2026-05", 0),
        ("2026-Q1", 7600),
        ("2026", 9000),
        ("2026-W03", 400),  # 15 to 18 January: 4 days
    ],
)
def test_spread_benefit_is_even_per_day(label: str, expected: int) -> None:
    assert benefits_in_period([SPREAD], Period.parse(label)) == expected


def test_spread_benefit_pieces_round_back_to_the_total() -> None:
    spread = SpreadBenefit(Decimal(1000), date(2026, 1, 1), date(2026, 1, 3))
    pieces = [benefit_between(spread, date(2026, 1, d), date(2026, 1, d)) for d in (1, 2, 3)]
    assert round_money(pieces[0]) == Decimal("333.33")
    assert round_money(sum(pieces, Decimal(0))) == Decimal("1000.00")


def test_spread_benefit_over_leap_february() -> None:
    spread = SpreadBenefit(Decimal(2900), date(2028, 2, 1), date(2028, 2, 29))
    assert benefits_in_period([spread], Period.parse("2028-02")) == 2900
    assert benefits_between([spread], date(2028, 2, 29), date(2028, 3, 31)) == 100


@pytest.mark.parametrize(
    ("on", "in_period", "not_in_period"),
    [
        (date(2026, 1, 1), "2026-01", "2025-12"),
        (date(2026, 1, 31), "2026-01", "2026-02"),
        (date(2026, 6, 30), "2026-Q2", "2026-Q3"),
    ],
)
def test_direct_benefit_counts_in_the_period_of_its_date(
    on: date, in_period: str, not_in_period: str
) -> None:
    benefit = DirectBenefit(Decimal("750.25"), on)
    assert benefits_in_period([benefit], Period.parse(in_period)) == Decimal("750.25")
    assert benefits_in_period([benefit], Period.parse(not_in_period)) == 0


def test_negative_direct_benefit_is_a_correction() -> None:
    items = [
        DirectBenefit(Decimal(1000), date(2026, 1, 5)),
        DirectBenefit(Decimal(-200), date(2026, 1, 9)),
    ]
    assert benefits_in_period(items, Period.parse("2026-01")) == 800


def test_kpi_benefits_count_on_their_period_end() -> None:
    kpi_benefit = KpiBenefit(Period.parse("2026-01"), Decimal(15), Decimal(8000))
    assert benefits_in_period([kpi_benefit], Period.parse("2026-01")) == 8000
    assert benefits_between([kpi_benefit], date(2026, 1, 1), date(2026, 1, 30)) == 0


def test_validation() -> None:
    with pytest.raises(ValueError, match="start date 2026-02-01 is after end date 2026-01-01"):
        SpreadBenefit(Decimal(1), date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(TypeError):
        DirectBenefit(1.5, date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is after end date"):
        benefits_between([SPREAD], date(2026, 2, 1), date(2026, 1, 1))


def test_first_benefit_date() -> None:
    assert first_benefit_date([]) is None
    items: list[BenefitItem] = [DirectBenefit(Decimal(1), date(2026, 3, 1)), SPREAD]
    assert first_benefit_date(items) == date(2026, 1, 15)
