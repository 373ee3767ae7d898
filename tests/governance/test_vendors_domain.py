"""The figures of a vendor evaluation, worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from governance.domain.vendors import (
    CostLine,
    DecisionProblem,
    Standing,
    decision_problems,
    ranking,
    three_year_tco,
    weighted_score,
)


def test_the_weighted_score_divides_by_the_weights_of_the_scored_criteria() -> None:
    # (3×4 + 2×5 + 1×2) / (3 + 2 + 1) = 24 / 6 = 4.0
    result = weighted_score([(3, 4), (2, 5), (1, 2)])
    assert result.score == Decimal("4.0")
    assert (result.scored, result.unscored) == (3, 0)


def test_the_weighted_score_rounds_half_up_to_one_decimal() -> None:
    # (1×4 + 1×5 + 2×3) / 4 = 15 / 4 = 3.75 → 3.8
    assert weighted_score([(1, 4), (1, 5), (2, 3)]).score == Decimal("3.8")
    # (2×5 + 1×4) / 3 = 14 / 3 = 4.666… → 4.7
    assert weighted_score([(2, 5), (1, 4)]).score == Decimal("4.7")


def test_unscored_criteria_are_counted_and_left_out_of_the_score() -> None:
    # Only the first two count: (5×2 + 1×4) / 6 = 14 / 6 = 2.33 → 2.3; two still unscored.
    result = weighted_score([(5, 2), (1, 4), (3, None), (1, None)])
    assert result.score == Decimal("2.3")
    assert (result.scored, result.unscored) == (2, 2)


def test_a_criterion_weighted_zero_counts_neither_as_scored_nor_as_missing() -> None:
    # Weight 0 with a score of 1 would pull 5.0 down if it counted.
    result = weighted_score([(2, 5), (0, 1), (0, None)])
    assert result.score == Decimal("5.0")
    assert (result.scored, result.unscored) == (1, 0)


def test_nothing_scored_gives_no_score() -> None:
    result = weighted_score([(1, None), (2, None)])
    assert result.score is None
    assert (result.scored, result.unscored) == (0, 2)
    assert weighted_score([]).score is None


def test_three_year_tco_counts_one_time_once_monthly_twelve_and_yearly_once_a_year() -> None:
    tco = three_year_tco(
        [
            CostLine("one_time", Decimal("15000.00")),  # set-up, year 1 only
            CostLine("monthly", Decimal("1250.50")),  # 15,006 a year
            CostLine("yearly", Decimal("4000")),  # training every year
        ]
    )
    assert tco.years == (Decimal("34006.00"), Decimal("19006.00"), Decimal("19006.00"))
    assert tco.total == Decimal("72018.00")
    assert (tco.year_1, tco.year_2, tco.year_3) == tco.years


def test_a_candidate_without_cost_lines_costs_nothing() -> None:
    tco = three_year_tco([])
    assert tco.years == (Decimal("0.00"),) * 3
    assert tco.total == Decimal("0.00")


def test_an_unknown_recurrence_is_refused() -> None:
    with pytest.raises(ValueError):
        three_year_tco([CostLine("weekly", Decimal(1))])


def test_the_ranking_goes_by_score_then_by_lower_tco() -> None:
    ranks = ranking(
        [
            Standing("a", Decimal("3.9"), Decimal("50000")),
            Standing("b", Decimal("4.2"), Decimal("90000")),
            Standing("c", Decimal("3.9"), Decimal("40000")),
            Standing("d", None, Decimal("10000")),
        ]
    )
    assert ranks == {"b": 1, "c": 2, "a": 3, "d": 4}


def test_equal_candidates_share_a_rank_and_a_missing_tco_comes_after_a_known_one() -> None:
    ranks = ranking(
        [
            Standing("a", Decimal("4.0")),
            Standing("b", Decimal("4.0")),
            Standing("c", Decimal("3.0")),
        ]
    )
    assert ranks == {"a": 1, "b": 1, "c": 3}
    ranks = ranking([Standing("a", Decimal("4.0")), Standing("b", Decimal("4.0"), Decimal(1))])
    assert ranks == {"b": 1, "a": 2}


def test_a_decision_needs_an_open_evaluation_one_of_its_candidates_and_a_rationale() -> None:
    assert decision_problems(is_open=True, chosen=2, candidates=[1, 2], rationale="Cheapest") == []
    assert decision_problems(is_open=True, chosen=3, candidates=[1, 2], rationale="Best") == [
        DecisionProblem.NOT_A_CANDIDATE
    ]
    assert decision_problems(is_open=False, chosen=None, candidates=[1], rationale="  ") == [
        DecisionProblem.NOT_OPEN,
        DecisionProblem.NO_CANDIDATE,
        DecisionProblem.NO_RATIONALE,
    ]
