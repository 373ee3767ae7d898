"""Tests for risk scores, bands, residual risk and the heatmap."""

import pytest

from governance.domain.risk import (
    InvalidRiskLevel,
    RiskBand,
    RiskCategory,
    assess,
    band,
    heatmap,
    heatmap_counted,
    score,
)


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected_score", "expected_band"),
    [
        (1, 1, 1, RiskBand.LOW),
        (2, 2, 4, RiskBand.LOW),
        (1, 4, 4, RiskBand.LOW),
        (5, 1, 5, RiskBand.MEDIUM),
        (3, 3, 9, RiskBand.MEDIUM),
        (2, 5, 10, RiskBand.HIGH),
        (5, 3, 15, RiskBand.HIGH),
        (4, 4, 16, RiskBand.HIGH),
        (4, 5, 20, RiskBand.CRITICAL),
        (5, 5, 25, RiskBand.CRITICAL),
    ],
)
def test_score_and_band(
    likelihood: int, impact: int, expected_score: int, expected_band: RiskBand
) -> None:
    assert score(likelihood, impact) == expected_score
    assert band(expected_score) == expected_band


def test_every_possible_score_has_a_band_and_critical_is_the_corner() -> None:
    critical = {
        (lk, im)
        for lk in range(1, 6)
        for im in range(1, 6)
        if band(score(lk, im)) == RiskBand.CRITICAL
    }
    assert critical == {(4, 5), (5, 4), (5, 5)}


def test_residual_risk_after_mitigation() -> None:
    # A biased hiring model: likely (4) and severe (5); after a fairness audit and human review
    # it becomes unlikely (2) and less severe (4).
    result = assess(4, 5, residual_likelihood=2, residual_impact=4)
    assert (result.score, result.band) == (20, RiskBand.CRITICAL)
    assert (result.residual_score, result.residual_band) == (8, RiskBand.MEDIUM)
    assert result.reduction == 12


def test_residual_is_optional() -> None:
    result = assess(3, 3)
    assert result.residual_score is None
    assert result.residual_band is None
    assert result.reduction is None


def test_residual_needs_both_levels() -> None:
    with pytest.raises(InvalidRiskLevel) as caught:
        assess(3, 3, residual_likelihood=2)
    assert caught.value.field == "residual_impact"


def test_mitigation_cannot_raise_a_level() -> None:
    with pytest.raises(InvalidRiskLevel) as caught:
        assess(2, 3, residual_likelihood=3, residual_impact=1)
    assert caught.value.field == "residual_likelihood"
    assert "cannot exceed" in str(caught.value)


@pytest.mark.parametrize(
    ("likelihood", "impact", "field"),
    [(0, 3, "likelihood"), (6, 3, "likelihood"), (3, 0, "impact"), (3, 2.5, "impact")],
)
def test_levels_outside_one_to_five_are_rejected(likelihood: int, impact: int, field: str) -> None:
    with pytest.raises(InvalidRiskLevel) as caught:
        score(likelihood, impact)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("bad", [0, 26, True])
def test_band_rejects_impossible_scores(bad: int) -> None:
    with pytest.raises(InvalidRiskLevel):
        band(bad)


def test_heatmap_counts_each_cell() -> None:
    pairs = [(1, 1), (5, 5), (5, 5), (2, 4), (4, 2), (4, 2), (4, 2)]
    result = heatmap(pairs)
    assert result.total == 7
    assert result.count(5, 5) == 2
    assert result.count(4, 2) == 3
    assert result.count(2, 4) == 1
    assert result.count(3, 3) == 0
    assert result.counts[3][1] == 3  # [likelihood - 1][impact - 1]
    assert result.by_band() == {
        RiskBand.LOW: 1,
        RiskBand.MEDIUM: 4,
        RiskBand.HIGH: 0,
        RiskBand.CRITICAL: 2,
    }


def test_a_heatmap_of_counted_cells_equals_the_heatmap_of_the_pairs() -> None:
    pairs = [(1, 1), (5, 5), (5, 5), (2, 4), (4, 2), (4, 2), (4, 2)]
    assert heatmap_counted([(1, 1, 1), (5, 5, 2), (2, 4, 1), (4, 2, 3)]) == heatmap(pairs)
    assert heatmap_counted([]).total == 0
    with pytest.raises(InvalidRiskLevel):
        heatmap_counted([(0, 3, 2)])


def test_heatmap_rows_for_display_start_with_the_most_likely() -> None:
    rows = heatmap([(5, 1), (1, 5)]).rows_for_display()
    assert [likelihood for likelihood, _ in rows] == [5, 4, 3, 2, 1]
    top_likelihood, top_cells = rows[0]
    assert top_likelihood == 5
    assert top_cells[0] == (1, 1, RiskBand.MEDIUM)
    assert top_cells[4] == (5, 0, RiskBand.CRITICAL)
    assert rows[4][1][4] == (5, 1, RiskBand.MEDIUM)


def test_empty_heatmap_and_bad_pairs() -> None:
    assert heatmap([]).total == 0
    with pytest.raises(InvalidRiskLevel):
        heatmap([(1, 6)])


def test_categories_mirror_the_design() -> None:
    assert [c.value for c in RiskCategory] == ["technical", "legal", "organisational"]
