"""Tests for the pilot-to-full-scale cost estimate."""

from decimal import Decimal

import pytest

from metrics.domain.scaling_cost import (
    MultipleBand,
    PilotCosts,
    ScalingBasis,
    estimate_scaling_cost,
)

# 20,000 fixed and 10,000 of licences for 50 seats: 200 a seat, 30,000 in all.
PILOT = PilotCosts(fixed=Decimal(20000), variable=Decimal(10000), units=Decimal(50))


def test_pilot_totals() -> None:
    assert PILOT.total == 30000
    assert PILOT.unit_cost == 200
    assert PILOT.basis is ScalingBasis.SEATS


@pytest.mark.parametrize(
    ("seats", "total", "multiple", "band"),
    [
        (500, 120000, "4.0", MultipleBand.TYPICAL),
        (100, 40000, "1.3", MultipleBand.BELOW_TYPICAL),
        (350, 90000, "3.0", MultipleBand.TYPICAL),  # lower bound included
        (650, 150000, "5.0", MultipleBand.TYPICAL),  # upper bound included
        (1000, 220000, "7.3", MultipleBand.ABOVE_TYPICAL),
    ],
)
def test_scaling_by_seats(seats: int, total: int, multiple: str, band: MultipleBand) -> None:
    estimate = estimate_scaling_cost(PILOT, Decimal(seats))
    assert estimate.fixed == 20000
    assert estimate.variable == seats * 200
    assert estimate.total == total
    assert str(estimate.multiple) == multiple
    assert estimate.band is band


def test_fixed_part_and_unit_cost_at_scale_can_be_given() -> None:
    estimate = estimate_scaling_cost(
        PILOT, Decimal(500), fixed_at_scale=Decimal(60000), unit_cost_at_scale=Decimal(150)
    )
    assert (estimate.fixed, estimate.variable, estimate.total) == (60000, 75000, 135000)
    assert estimate.multiple == Decimal("4.5")


def test_scaling_by_usage_volume() -> None:
    pilot = PilotCosts(Decimal(5000), Decimal(2000), Decimal(1_000_000), ScalingBasis.USAGE)
    estimate = estimate_scaling_cost(pilot, Decimal(30_000_000))
    assert estimate.variable == 60000
    assert estimate.total == 65000
    assert estimate.multiple == Decimal("9.3")  # 65,000 ÷ 7,000 = 9.29
    assert estimate.band is MultipleBand.ABOVE_TYPICAL


def test_inexact_unit_cost_still_scales_exactly() -> None:
    pilot = PilotCosts(Decimal(0), Decimal(1000), Decimal(3))
    assert estimate_scaling_cost(pilot, Decimal(9)).variable == Decimal(3000)


def test_free_pilot_has_no_multiple() -> None:
    estimate = estimate_scaling_cost(PilotCosts(Decimal(0), Decimal(0), Decimal(10)), Decimal(100))
    assert estimate.total == 0
    assert estimate.multiple is None
    assert estimate.band is None


def test_validation() -> None:
    with pytest.raises(ValueError, match="units must be above zero"):
        PilotCosts(Decimal(1000), Decimal(100), Decimal(0))
    with pytest.raises(ValueError, match="variable must not be negative"):
        PilotCosts(Decimal(1000), Decimal(-100), Decimal(5))
    with pytest.raises(ValueError, match="units must not be negative"):
        estimate_scaling_cost(PILOT, Decimal(-5))
    with pytest.raises(TypeError):
        PilotCosts(1000.0, Decimal(100), Decimal(5))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        PilotCosts(Decimal(1000), Decimal(100), Decimal(5), "licences")  # type: ignore[arg-type]
