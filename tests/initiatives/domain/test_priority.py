"""Tests for the derived priority: hand-worked numbers, bands, terms and score validation."""

import pytest

from initiatives.domain.priority import (
    InvalidScore,
    PriorityBand,
    ScoreField,
    band_for,
    derive_priority,
)


def _priority(value: int, feasibility: int, effort: int, alignment: int) -> int:
    return derive_priority(
        business_value=value,
        technical_feasibility=feasibility,
        implementation_effort=effort,
        strategic_alignment=alignment,
    ).score


@pytest.mark.parametrize(
    ("value", "feasibility", "effort", "alignment", "expected"),
    [
        # 9×4 + 6×4 + 5×4 + 5×(5−1) = 36 + 24 + 20 + 20
        (5, 5, 1, 5, 100),
        # the weakest possible initiative: every term is zero
        (1, 1, 5, 1, 0),
        # 9×2 + 6×2 + 5×2 + 5×2 = 18 + 12 + 10 + 10
        (3, 3, 3, 3, 50),
        # 9×3 + 6×3 + 5×3 + 5×3 = 27 + 18 + 15 + 15
        (4, 4, 2, 4, 75),
        # high value but hard: 9×4 + 6×1 + 5×2 + 5×1 = 36 + 6 + 10 + 5
        (5, 2, 4, 3, 57),
        # quick win of little value: 9×1 + 6×4 + 5×1 + 5×4 = 9 + 24 + 5 + 20
        (2, 5, 1, 2, 58),
        # 9×1 + 6×1 + 5×1 + 5×1
        (2, 2, 4, 2, 25),
    ],
)
def test_hand_worked_priorities(
    value: int, feasibility: int, effort: int, alignment: int, expected: int
) -> None:
    assert _priority(value, feasibility, effort, alignment) == expected


def test_more_effort_lowers_priority_by_five_points_a_step() -> None:
    scores = [_priority(4, 4, effort, 4) for effort in range(1, 6)]
    assert scores == [80, 75, 70, 65, 60]


def test_terms_explain_the_number_in_page_order() -> None:
    result = derive_priority(
        business_value=5, technical_feasibility=2, implementation_effort=4, strategic_alignment=3
    )
    rows = [(t.field, t.score, t.factor, t.inverted, t.points, t.max_points) for t in result.terms]
    assert rows == [
        (ScoreField.BUSINESS_VALUE, 5, 9, False, 36, 36),
        (ScoreField.TECHNICAL_FEASIBILITY, 2, 6, False, 6, 24),
        (ScoreField.STRATEGIC_ALIGNMENT, 3, 5, False, 10, 20),
        (ScoreField.IMPLEMENTATION_EFFORT, 4, 5, True, 5, 20),
    ]
    assert sum(t.points for t in result.terms) == result.score == 57
    assert sum(t.weight_percent for t in result.terms) == 100
    assert result.band == PriorityBand.MEDIUM


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, PriorityBand.HIGH),
        (70, PriorityBand.HIGH),
        (69, PriorityBand.MEDIUM),
        (40, PriorityBand.MEDIUM),
        (39, PriorityBand.LOW),
        (0, PriorityBand.LOW),
    ],
)
def test_band_thresholds(score: int, band: PriorityBand) -> None:
    assert band_for(score) == band


def test_hand_worked_bands() -> None:
    assert (
        derive_priority(
            business_value=4,
            technical_feasibility=4,
            implementation_effort=2,
            strategic_alignment=4,
        ).band
        == PriorityBand.HIGH
    )
    assert (
        derive_priority(
            business_value=2,
            technical_feasibility=2,
            implementation_effort=4,
            strategic_alignment=2,
        ).band
        == PriorityBand.LOW
    )


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("business_value", 0),
        ("technical_feasibility", 6),
        ("implementation_effort", -1),
        ("strategic_alignment", 3.5),
        ("business_value", None),
        ("technical_feasibility", "4"),
        ("implementation_effort", True),
    ],
)
def test_invalid_score_names_the_field(field: str, bad: object) -> None:
    scores: dict[str, object] = {
        "business_value": 3,
        "technical_feasibility": 3,
        "implementation_effort": 3,
        "strategic_alignment": 3,
    }
    scores[field] = bad
    with pytest.raises(InvalidScore) as caught:
        derive_priority(**scores)  # type: ignore[arg-type]
    assert caught.value.field == ScoreField(field)
    assert caught.value.value == bad
    assert field in str(caught.value)
    assert isinstance(caught.value, ValueError)
