"""Risk scoring: likelihood × impact on a 5 × 5 matrix, bands, residual risk and the heatmap.

Score = likelihood × impact, each 1–5, so 1–25. Bands:

    low       1–4    (e.g. 2 × 2)
    medium    5–9    (e.g. 3 × 3, 5 × 1)
    high     10–16   (e.g. 4 × 4, 5 × 3)
    critical 17–25   (only 4 × 5, 5 × 4 and 5 × 5 reach it)

Critical is kept to the corner of the matrix on purpose: it means "act now", and it loses that
meaning if merely likely-and-serious risks (4 × 4, 5 × 3) land in it too.

The residual score is the same product after mitigation. A mitigation can lower likelihood, impact
or both but never raise them; a residual above the inherent value means the inherent assessment
is out of date, so it is rejected rather than stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

LEVEL_MIN = 1
LEVEL_MAX = 5
MEDIUM_FROM = 5
HIGH_FROM = 10
CRITICAL_FROM = 17


class RiskCategory(StrEnum):
    """What kind of risk it is."""

    TECHNICAL = "technical"
    LEGAL = "legal"
    ORGANISATIONAL = "organisational"


class RiskBand(StrEnum):
    """Band of a 1–25 risk score."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class InvalidRiskLevel(ValueError):
    """A likelihood or impact is not a whole number from 1 to 5, or a residual exceeds it."""

    def __init__(self, field: str, value: object, message: str | None = None) -> None:
        self.field = field
        self.value = value
        super().__init__(
            message
            or f"{field} must be a whole number from {LEVEL_MIN} to {LEVEL_MAX}, got {value!r}."
        )


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """Inherent and, when assessed, residual score and band of one risk."""

    likelihood: int
    impact: int
    score: int
    band: RiskBand
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    residual_band: RiskBand | None

    @property
    def reduction(self) -> int | None:
        """Points taken off by mitigation, or None when no residual was assessed."""
        return None if self.residual_score is None else self.score - self.residual_score


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Counts of risks per (likelihood, impact) cell of the 5 × 5 matrix."""

    counts: tuple[tuple[int, ...], ...]

    def count(self, likelihood: int, impact: int) -> int:
        """Risks in one cell."""
        _level("likelihood", likelihood)
        _level("impact", impact)
        return self.counts[likelihood - 1][impact - 1]

    @property
    def total(self) -> int:
        """Risks on the map."""
        return sum(sum(row) for row in self.counts)

    def rows_for_display(self) -> list[tuple[int, list[tuple[int, int, RiskBand]]]]:
        """Rows from likelihood 5 down to 1, each cell as (impact, count, band), impact 1 to 5."""
        return [
            (
                likelihood,
                [
                    (impact, self.counts[likelihood - 1][impact - 1], band(likelihood * impact))
                    for impact in range(LEVEL_MIN, LEVEL_MAX + 1)
                ],
            )
            for likelihood in range(LEVEL_MAX, LEVEL_MIN - 1, -1)
        ]

    def by_band(self) -> dict[RiskBand, int]:
        """Risks per band, every band present."""
        totals = dict.fromkeys(RiskBand, 0)
        for likelihood in range(LEVEL_MIN, LEVEL_MAX + 1):
            for impact in range(LEVEL_MIN, LEVEL_MAX + 1):
                totals[band(likelihood * impact)] += self.counts[likelihood - 1][impact - 1]
        return totals


def _level(field: str, value: object) -> int:
    """Return a 1..5 level or raise InvalidRiskLevel naming the field."""
    # bool is an int subclass; True would silently count as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRiskLevel(field, value)
    if not LEVEL_MIN <= value <= LEVEL_MAX:
        raise InvalidRiskLevel(field, value)
    return value


def score(likelihood: int, impact: int) -> int:
    """Risk score 1–25: likelihood × impact."""
    return _level("likelihood", likelihood) * _level("impact", impact)


def band(risk_score: int) -> RiskBand:
    """Band of a 1–25 score."""
    if isinstance(risk_score, bool) or not isinstance(risk_score, int):
        raise InvalidRiskLevel(
            "score", risk_score, f"score must be an integer, got {risk_score!r}."
        )
    if not LEVEL_MIN <= risk_score <= LEVEL_MAX * LEVEL_MAX:
        raise InvalidRiskLevel("score", risk_score, f"score must be 1–25, got {risk_score!r}.")
    if risk_score >= CRITICAL_FROM:
        return RiskBand.CRITICAL
    if risk_score >= HIGH_FROM:
        return RiskBand.HIGH
    if risk_score >= MEDIUM_FROM:
        return RiskBand.MEDIUM
    return RiskBand.LOW


def assess(
    likelihood: int,
    impact: int,
    *,
    residual_likelihood: int | None = None,
    residual_impact: int | None = None,
) -> RiskAssessment:
    """Score and band a risk, and its residual when both residual levels are given."""
    inherent = score(likelihood, impact)
    if (residual_likelihood is None) != (residual_impact is None):
        missing = "residual_impact" if residual_impact is None else "residual_likelihood"
        raise InvalidRiskLevel(
            missing, None, "Give both residual likelihood and residual impact, or neither."
        )
    residual: int | None = None
    if residual_likelihood is not None and residual_impact is not None:
        residual = score(residual_likelihood, residual_impact)
        for field, after, before in (
            ("residual_likelihood", residual_likelihood, likelihood),
            ("residual_impact", residual_impact, impact),
        ):
            if after > before:
                raise InvalidRiskLevel(
                    field,
                    after,
                    f"{field} ({after}) cannot exceed the level before mitigation ({before}).",
                )
    return RiskAssessment(
        likelihood=likelihood,
        impact=impact,
        score=inherent,
        band=band(inherent),
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        residual_score=residual,
        residual_band=None if residual is None else band(residual),
    )


def heatmap(pairs: Iterable[tuple[int, int]]) -> Heatmap:
    """Count (likelihood, impact) pairs into a 5 × 5 matrix indexed [likelihood − 1][impact − 1]."""
    counts = [[0] * LEVEL_MAX for _ in range(LEVEL_MAX)]
    for likelihood, impact in pairs:
        counts[_level("likelihood", likelihood) - 1][_level("impact", impact) - 1] += 1
    return Heatmap(counts=tuple(tuple(row) for row in counts))


def heatmap_counted(cells: Iterable[tuple[int, int, int]]) -> Heatmap:
    """The heatmap of risks the database has counted: (likelihood, impact, how many) per cell."""
    counts = [[0] * LEVEL_MAX for _ in range(LEVEL_MAX)]
    for likelihood, impact, n in cells:
        counts[_level("likelihood", likelihood) - 1][_level("impact", impact) - 1] += n
    return Heatmap(counts=tuple(tuple(row) for row in counts))
