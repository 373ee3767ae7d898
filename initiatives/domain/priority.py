"""Priority of an initiative, derived from its four scores in this one place.

The formula, which the initiative page shows term by term:

    priority = 9 × (business value − 1)
             + 6 × (technical feasibility − 1)
             + 5 × (strategic alignment − 1)
             + 5 × (5 − implementation effort)

Every score is an integer from 1 to 5. Each term turns its score into points between 0 and
4 × its factor, so the four terms weigh 36 %, 24 %, 20 % and 20 % of a 0–100 scale and the
priority is always a whole number: 0 for the weakest possible initiative, 100 for the strongest.
Effort counts inverted because less effort means the value arrives sooner and cheaper.

Bands: high from 70, medium from 40, low below 40. An initiative scoring 3 on everything lands
at 50 (medium); one scoring 4 on value, feasibility and alignment with effort 2 lands at 75 (high).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCORE_MIN = 1
SCORE_MAX = 5
HIGH_THRESHOLD = 70
MEDIUM_THRESHOLD = 40


class ScoreField(StrEnum):
    """The four scored fields of an initiative."""

    BUSINESS_VALUE = "business_value"
    TECHNICAL_FEASIBILITY = "technical_feasibility"
    IMPLEMENTATION_EFFORT = "implementation_effort"
    STRATEGIC_ALIGNMENT = "strategic_alignment"


class PriorityBand(StrEnum):
    """Coarse priority shown next to the number."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# Points per score step; each factor × 4 steps is the field's weight in percent of 100.
FACTORS: dict[ScoreField, int] = {
    ScoreField.BUSINESS_VALUE: 9,
    ScoreField.TECHNICAL_FEASIBILITY: 6,
    ScoreField.STRATEGIC_ALIGNMENT: 5,
    ScoreField.IMPLEMENTATION_EFFORT: 5,
}

# Higher effort is worse, so its points count down from the maximum score.
INVERTED: frozenset[ScoreField] = frozenset({ScoreField.IMPLEMENTATION_EFFORT})

# The order in which the page lists the terms.
TERM_ORDER: tuple[ScoreField, ...] = (
    ScoreField.BUSINESS_VALUE,
    ScoreField.TECHNICAL_FEASIBILITY,
    ScoreField.STRATEGIC_ALIGNMENT,
    ScoreField.IMPLEMENTATION_EFFORT,
)


class InvalidScore(ValueError):
    """A score is missing, not a whole number, or outside 1..5."""

    def __init__(self, field: ScoreField, value: object) -> None:
        self.field = field
        self.value = value
        super().__init__(
            f"{field.value} must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {value!r}."
        )


@dataclass(frozen=True, slots=True)
class PriorityTerm:
    """One field's contribution to the priority."""

    field: ScoreField
    score: int
    factor: int
    inverted: bool
    points: int
    max_points: int

    @property
    def weight_percent(self) -> int:
        """Share of the 0–100 scale this field can contribute."""
        return self.max_points


@dataclass(frozen=True, slots=True)
class Priority:
    """A derived priority: the number, its band and the terms it was summed from."""

    score: int
    band: PriorityBand
    terms: tuple[PriorityTerm, ...]


def validate_score(field: ScoreField, value: object) -> int:
    """Return the score if it is an integer in 1..5, else raise InvalidScore for that field."""
    # bool is an int subclass; True would silently count as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidScore(field, value)
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise InvalidScore(field, value)
    return value


def band_for(score: int) -> PriorityBand:
    """Band of a 0–100 priority score."""
    if score >= HIGH_THRESHOLD:
        return PriorityBand.HIGH
    if score >= MEDIUM_THRESHOLD:
        return PriorityBand.MEDIUM
    return PriorityBand.LOW


def derive_priority(
    *,
    business_value: int,
    technical_feasibility: int,
    implementation_effort: int,
    strategic_alignment: int,
) -> Priority:
    """Derive the 0–100 priority, its band and the explaining terms from the four 1..5 scores."""
    scores = {
        ScoreField.BUSINESS_VALUE: validate_score(ScoreField.BUSINESS_VALUE, business_value),
        ScoreField.TECHNICAL_FEASIBILITY: validate_score(
            ScoreField.TECHNICAL_FEASIBILITY, technical_feasibility
        ),
        ScoreField.IMPLEMENTATION_EFFORT: validate_score(
            ScoreField.IMPLEMENTATION_EFFORT, implementation_effort
        ),
        ScoreField.STRATEGIC_ALIGNMENT: validate_score(
            ScoreField.STRATEGIC_ALIGNMENT, strategic_alignment
        ),
    }
    terms = []
    for field in TERM_ORDER:
        score = scores[field]
        factor = FACTORS[field]
        inverted = field in INVERTED
        steps = SCORE_MAX - score if inverted else score - SCORE_MIN
        terms.append(
            PriorityTerm(
                field=field,
                score=score,
                factor=factor,
                inverted=inverted,
                points=factor * steps,
                max_points=factor * (SCORE_MAX - SCORE_MIN),
            )
        )
    total = sum(term.points for term in terms)
    return Priority(score=total, band=band_for(total), terms=tuple(terms))
