"""Projected cost at full scale from a pilot's fixed and variable costs, and its budget multiple.

The source material notes that budgets typically jump 3 to 5 times from pilot to production, so
the estimate reports the multiple of the pilot budget and where it sits against that range. A
multiple below 3 is not wrong, but it is the usual sign that support, training or governance
costs at scale were left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from core.money import TENTH, to_decimal

TYPICAL_MULTIPLE_LOW = Decimal(3)
TYPICAL_MULTIPLE_HIGH = Decimal(5)


class ScalingBasis(StrEnum):
    """What the variable part of the cost grows with."""

    SEATS = "seats"
    USAGE = "usage"


class MultipleBand(StrEnum):
    """Where a pilot-to-scale multiple sits against the typical 3–5 times."""

    BELOW_TYPICAL = "below_typical"
    TYPICAL = "typical"
    ABOVE_TYPICAL = "above_typical"


def _amount(value: Decimal, name: str) -> Decimal:
    """Coerce to Decimal and refuse negatives."""
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"{name} must not be negative, got {amount}")
    return amount


@dataclass(frozen=True)
class PilotCosts:
    """A pilot's costs for one budget period, split into a fixed and a variable part.

    fixed does not grow with use (platform, integration, project team); variable is the total
    that did grow with use during the pilot (licences per seat, or per-call / per-token usage);
    units is the pilot's seat count or usage volume over the same period. All amounts must cover
    the same period length (for example one year) so that they can be compared.
    """

    fixed: Decimal
    variable: Decimal
    units: Decimal
    basis: ScalingBasis = ScalingBasis.SEATS

    def __post_init__(self) -> None:
        """Validate amounts and require a positive unit count to derive a unit cost from."""
        object.__setattr__(self, "fixed", _amount(self.fixed, "fixed"))
        object.__setattr__(self, "variable", _amount(self.variable, "variable"))
        object.__setattr__(self, "units", _amount(self.units, "units"))
        object.__setattr__(self, "basis", ScalingBasis(self.basis))
        if self.units == 0:
            raise ValueError("units must be above zero to derive a cost per seat or per usage unit")

    @property
    def total(self) -> Decimal:
        """The pilot budget: fixed plus variable."""
        return self.fixed + self.variable

    @property
    def unit_cost(self) -> Decimal:
        """Variable cost per seat or per usage unit during the pilot."""
        return self.variable / self.units


@dataclass(frozen=True)
class ScalingEstimate:
    """Projected cost at full scale and its multiple of the pilot budget."""

    pilot: PilotCosts
    units: Decimal
    fixed: Decimal
    variable: Decimal
    multiple: Decimal | None
    band: MultipleBand | None

    @property
    def total(self) -> Decimal:
        """Projected budget at full scale: fixed plus variable."""
        return self.fixed + self.variable


def estimate_scaling_cost(
    pilot: PilotCosts,
    units: Decimal,
    *,
    fixed_at_scale: Decimal | None = None,
    unit_cost_at_scale: Decimal | None = None,
) -> ScalingEstimate:
    """Project the cost at `units` seats or usage volume, in the pilot's basis and period.

    Variable cost scales linearly: pilot variable × units ÷ pilot units, unless a negotiated
    unit_cost_at_scale is given. The fixed part stays the pilot's unless fixed_at_scale is given
    (support, training and governance owners usually make it grow). multiple = projected total
    ÷ pilot total with one decimal, None (and no band) when the pilot cost nothing.
    """
    target_units = _amount(units, "units")
    fixed = pilot.fixed if fixed_at_scale is None else _amount(fixed_at_scale, "fixed_at_scale")
    if unit_cost_at_scale is None:
        # Multiply before dividing so the only inexact step is one division.
        variable = pilot.variable * target_units / pilot.units
    else:
        variable = _amount(unit_cost_at_scale, "unit_cost_at_scale") * target_units
    multiple: Decimal | None = None
    band: MultipleBand | None = None
    if pilot.total > 0:
        exact = (fixed + variable) / pilot.total
        multiple = exact.quantize(TENTH, rounding=ROUND_HALF_UP)
        if exact < TYPICAL_MULTIPLE_LOW:
            band = MultipleBand.BELOW_TYPICAL
        elif exact > TYPICAL_MULTIPLE_HIGH:
            band = MultipleBand.ABOVE_TYPICAL
        else:
            band = MultipleBand.TYPICAL
    return ScalingEstimate(pilot, target_units, fixed, variable, multiple, band)
