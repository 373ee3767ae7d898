"""Tests for the Decimal money helpers."""

from decimal import Decimal

import pytest

from core.money import percent, roi_percent, round_money, sum_money, to_decimal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.56", Decimal("1234.56")),
        ("  12 ", Decimal("12")),
        ("-3.5", Decimal("-3.5")),
        ("+7", Decimal("7")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        (7, Decimal("7")),
        (Decimal("0.10"), Decimal("0.10")),
    ],
)
def test_to_decimal_accepts_plain_numbers(raw: str | int | Decimal, expected: Decimal) -> None:
    assert to_decimal(raw) == expected
    assert isinstance(to_decimal(raw), Decimal)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "abc",
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "1,000.00",
        "1.000,00",
        "1e3",
        "€5",
        "1 000",
        "١٢",
    ],
)
def test_to_decimal_refuses_text_that_is_not_a_plain_number(raw: str) -> None:
    with pytest.raises(ValueError, match="plain decimal number"):
        to_decimal(raw)


@pytest.mark.parametrize("raw", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_to_decimal_refuses_non_finite_decimals(raw: Decimal) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        to_decimal(raw)


@pytest.mark.parametrize("raw", [1.5, 0.1, True, None, [1]])
def test_to_decimal_refuses_floats_bools_and_other_types(raw: object) -> None:
    with pytest.raises(TypeError):
        to_decimal(raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(17000) / 31, "548.39"),
        (Decimal("0.005"), "0.01"),
        # Half up, not banker's rounding: 0.015 goes up to 0.02, 0.025 to 0.03.
        (Decimal("0.015"), "0.02"),
        (Decimal("0.025"), "0.03"),
        # The classic float trap: 2.675 as a float rounds to 2.67.
        (Decimal("2.675"), "2.68"),
        (Decimal("-0.005"), "-0.01"),
        (Decimal("-0.004"), "0.00"),
        (Decimal("1200"), "1200.00"),
    ],
)
def test_round_money_rounds_half_up_to_cents(value: Decimal, expected: str) -> None:
    assert str(round_money(value)) == expected


def test_round_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        round_money(2.675)  # type: ignore[arg-type]


def test_sum_money_is_exact_and_decimal_when_empty() -> None:
    assert sum_money([Decimal("0.1")] * 3) == Decimal("0.3")
    empty = sum_money([])
    assert isinstance(empty, Decimal)
    assert empty == 0


@pytest.mark.parametrize(
    ("benefits", "costs", "expected"),
    [
        ("10000000", "2500000", "300.0"),
        ("100", "100", "0.0"),
        ("0", "100", "-100.0"),
        ("1", "3", "-66.7"),
        ("2", "3", "-33.3"),
        # 0.05 % rounds half up to 0.1 %.
        ("1.0005", "1", "0.1"),
        ("-50", "100", "-150.0"),
    ],
)
def test_roi_percent_has_one_decimal(benefits: str, costs: str, expected: str) -> None:
    assert str(roi_percent(Decimal(benefits), Decimal(costs))) == expected


@pytest.mark.parametrize("benefits", ["0", "500", "-20"])
def test_roi_percent_is_none_without_costs(benefits: str) -> None:
    assert roi_percent(Decimal(benefits), Decimal(0)) is None


def test_roi_percent_refuses_negative_costs() -> None:
    with pytest.raises(ValueError, match="costs must not be negative"):
        roi_percent(Decimal(100), Decimal(-1))


def test_percent() -> None:
    assert percent(Decimal(1), Decimal(8)) == Decimal("12.5")
    assert percent(Decimal(1), Decimal(0)) is None
    assert str(percent(Decimal("-0.01"), Decimal(1000))) == "0.0"
