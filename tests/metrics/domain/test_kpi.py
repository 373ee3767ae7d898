"""Tests for KPI-derived benefits, realised and planned."""

from datetime import date
from decimal import Decimal

import pytest

from core.money import round_money
from metrics.domain.kpi import (
    Direction,
    Frequency,
    Kpi,
    KpiBenefit,
    Measurement,
    planned_kpi_benefits,
    realised_kpi_benefits,
)

EXAMPLE_MEASUREMENTS = (
    Measurement(Decimal(15), date(2026, 1, 31)),
    Measurement(Decimal(14), date(2026, 2, 10)),
    Measurement(Decimal(12), date(2026, 2, 25)),
)


def minutes_per_invoice(
    *measurements: Measurement, value_per_unit: Decimal | None = Decimal(1600)
) -> Kpi:
    """The DESIGN.md example KPI: lower is better, baseline 20, target 10 sixty days later."""
    return Kpi(
        direction=Direction.LOWER,
        baseline_value=Decimal(20),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(10),
        target_date=date(2026, 3, 2),
        frequency=Frequency.MONTH,
        value_per_unit=value_per_unit,
        measurements=measurements,
    )


def as_rows(benefits: list[KpiBenefit]) -> list[tuple[str, date, Decimal]]:
    """Label, date and amount of each benefit, for compact assertions."""
    return [(b.period.label, b.on, b.amount) for b in benefits]


def test_design_example_realised_benefits() -> None:
    benefits = realised_kpi_benefits(minutes_per_invoice(*EXAMPLE_MEASUREMENTS))
    assert as_rows(benefits) == [
        ("2026-01", date(2026, 1, 31), Decimal(8000)),
        ("2026-02", date(2026, 2, 28), Decimal(12800)),
    ]
    assert [b.value for b in benefits] == [Decimal(15), Decimal(12)]


def test_latest_measurement_wins_whatever_the_input_order() -> None:
    shuffled = tuple(reversed(EXAMPLE_MEASUREMENTS))
    assert as_rows(realised_kpi_benefits(minutes_per_invoice(*shuffled))) == as_rows(
        realised_kpi_benefits(minutes_per_invoice(*EXAMPLE_MEASUREMENTS))
    )


def test_same_day_measurements_the_last_logged_wins() -> None:
    kpi = minutes_per_invoice(
        Measurement(Decimal(14), date(2026, 2, 25)), Measurement(Decimal(13), date(2026, 2, 25))
    )
    assert as_rows(realised_kpi_benefits(kpi)) == [("2026-02", date(2026, 2, 28), Decimal(11200))]


def test_worsening_is_a_negative_benefit() -> None:
    kpi = minutes_per_invoice(Measurement(Decimal(22), date(2026, 3, 12)))
    assert as_rows(realised_kpi_benefits(kpi)) == [("2026-03", date(2026, 3, 31), Decimal(-3200))]


def test_higher_is_better() -> None:
    kpi = Kpi(
        direction=Direction.HIGHER,
        baseline_value=Decimal(80),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(95),
        target_date=date(2026, 12, 31),
        frequency=Frequency.MONTH,
        value_per_unit=Decimal(100),
        measurements=[
            Measurement(Decimal("85.5"), date(2026, 4, 2)),
            Measurement(Decimal(78), date(2026, 5, 2)),
        ],
    )
    assert [b.amount for b in realised_kpi_benefits(kpi)] == [Decimal(550), Decimal(-200)]


def test_period_without_measurement_yields_nothing() -> None:
    kpi = minutes_per_invoice(
        Measurement(Decimal(15), date(2026, 1, 20)), Measurement(Decimal(11), date(2026, 3, 3))
    )
    assert [label for label, _, _ in as_rows(realised_kpi_benefits(kpi))] == ["2026-01", "2026-03"]
    assert realised_kpi_benefits(minutes_per_invoice()) == []


def test_measurements_before_the_baseline_date_are_ignored() -> None:
    kpi = minutes_per_invoice(Measurement(Decimal(25), date(2025, 12, 20)))
    assert realised_kpi_benefits(kpi) == []


def test_kpi_without_value_per_unit_yields_no_money() -> None:
    kpi = minutes_per_invoice(*EXAMPLE_MEASUREMENTS, value_per_unit=None)
    assert realised_kpi_benefits(kpi) == []
    assert planned_kpi_benefits(kpi, date(2026, 12, 31)) == []


def test_weekly_kpi_is_dated_on_sunday() -> None:
    kpi = Kpi(
        direction="lower",  # type: ignore[arg-type]
        baseline_value=Decimal(20),
        baseline_date=date(2026, 1, 5),
        target_value=Decimal(10),
        target_date=date(2026, 6, 30),
        frequency="week",  # type: ignore[arg-type]
        value_per_unit=Decimal(400),
        measurements=[
            Measurement(Decimal(18), date(2026, 1, 13)),  # Tuesday of 2026-W03
            Measurement(Decimal(17), date(2026, 1, 18)),  # Sunday of 2026-W03
            Measurement(Decimal(16), date(2026, 1, 19)),  # Monday of 2026-W04
        ],
    )
    assert as_rows(realised_kpi_benefits(kpi)) == [
        ("2026-W03", date(2026, 1, 18), Decimal(1200)),
        ("2026-W04", date(2026, 1, 25), Decimal(1600)),
    ]


def test_quarterly_kpi_is_dated_on_the_quarter_end() -> None:
    kpi = Kpi(
        direction=Direction.HIGHER,
        baseline_value=Decimal(40),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(60),
        target_date=date(2026, 12, 31),
        frequency=Frequency.QUARTER,
        value_per_unit=Decimal(1000),
        measurements=[Measurement(Decimal(45), date(2026, 2, 15))],
    )
    assert as_rows(realised_kpi_benefits(kpi)) == [("2026-Q1", date(2026, 3, 31), Decimal(5000))]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2025, 12, 31), Decimal(20)),
        (date(2026, 1, 1), Decimal(20)),
        (date(2026, 1, 31), Decimal(15)),  # 30 of 60 days
        (date(2026, 2, 28), Decimal(20) - Decimal(10) * 58 / 60),
        (date(2026, 3, 2), Decimal(10)),
        (date(2026, 6, 30), Decimal(10)),
    ],
)
def test_planned_value_is_linear_then_held(on: date, expected: Decimal) -> None:
    assert minutes_per_invoice().planned_value(on) == expected


def test_planned_benefits_until_a_date_inside_a_month() -> None:
    kpi = minutes_per_invoice(value_per_unit=Decimal(100))
    benefits = planned_kpi_benefits(kpi, date(2026, 4, 15))
    assert [(b.period.label, b.on, round_money(b.amount)) for b in benefits] == [
        ("2026-01", date(2026, 1, 31), Decimal("500.00")),
        ("2026-02", date(2026, 2, 28), Decimal("966.67")),  # (20 − 10.333…) × 100
        ("2026-03", date(2026, 3, 31), Decimal("1000.00")),
        ("2026-04", date(2026, 4, 30), Decimal("1000.00")),
    ]


def test_planned_benefits_before_the_baseline_date_are_empty() -> None:
    assert planned_kpi_benefits(minutes_per_invoice(), date(2025, 12, 31)) == []


def test_progress_percent() -> None:
    kpi = minutes_per_invoice()
    assert kpi.progress_percent(Decimal(15)) == Decimal("50.0")
    assert kpi.progress_percent(Decimal(12)) == Decimal("80.0")
    assert kpi.progress_percent(Decimal(22)) == Decimal("-20.0")
    flat = Kpi(
        Direction.HIGHER,
        Decimal(5),
        date(2026, 1, 1),
        Decimal(5),
        date(2026, 2, 1),
        Frequency.MONTH,
    )
    assert flat.progress_percent(Decimal(6)) is None


def test_validation() -> None:
    with pytest.raises(
        ValueError, match="target date 2026-01-01 must be after baseline date 2026-01-01"
    ):
        Kpi(
            Direction.LOWER,
            Decimal(20),
            date(2026, 1, 1),
            Decimal(10),
            date(2026, 1, 1),
            Frequency.MONTH,
        )
    with pytest.raises(
        ValueError, match="target 25 is worse than baseline 20 for a KPI where lower is better"
    ):
        Kpi(
            Direction.LOWER,
            Decimal(20),
            date(2026, 1, 1),
            Decimal(25),
            date(2026, 6, 1),
            Frequency.MONTH,
        )
    with pytest.raises(ValueError):
        Kpi(
            "sideways",  # type: ignore[arg-type]
            Decimal(20),
            date(2026, 1, 1),
            Decimal(25),
            date(2026, 6, 1),
            Frequency.MONTH,
        )
    with pytest.raises(ValueError):
        Kpi(
            Direction.LOWER,
            Decimal(20),
            date(2026, 1, 1),
            Decimal(10),
            date(2026, 6, 1),
            "year",  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError):
        Measurement(12.5, date(2026, 1, 1))  # type: ignore[arg-type]
