"""The estate's rules: readiness labels, the lowest-rating quality, three of four yes."""

from __future__ import annotations

import pytest

from governance.domain.estate import (
    InfrastructureAnswers,
    InvalidRating,
    Readiness,
    data_quality,
    infrastructure_result,
    readiness,
    suits_early_integration,
)


@pytest.mark.parametrize(
    ("rating", "label"),
    [
        (1, Readiness.NOT_SUITED),
        (2, Readiness.NOT_YET_SUITED),
        (3, Readiness.PARTLY_SUITED),
        (4, Readiness.SUITED),
        (5, Readiness.WELL_SUITED),
    ],
)
def test_each_readiness_rating_has_its_meaning(rating, label):
    assert readiness(rating) is label


def test_only_systems_rated_4_or_5_suit_early_integration():
    assert [suits_early_integration(r) for r in range(1, 6)] == [False, False, False, True, True]


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, None, True, "3"])
def test_a_rating_outside_1_to_5_is_refused(bad):
    with pytest.raises(InvalidRating) as caught:
        readiness(bad)
    assert caught.value.field == "readiness"


def test_quality_is_the_lowest_of_the_three_ratings_not_the_mean():
    assert data_quality(5, 5, 1) == 1
    assert data_quality(4, 3, 4) == 3
    assert data_quality(5, 5, 5) == 5


def test_quality_names_the_rating_that_is_wrong():
    with pytest.raises(InvalidRating) as caught:
        data_quality(4, 6, 4)
    assert caught.value.field == "timeliness"
    assert caught.value.value == 6


def _answers(*yes: bool) -> InfrastructureAnswers:
    return InfrastructureAnswers(*yes)


def test_three_of_four_yes_is_ready_in_principle():
    result = infrastructure_result(_answers(True, True, False, True))
    assert (result.yes_count, result.ready) == (3, True)


def test_two_of_four_yes_is_not_ready():
    result = infrastructure_result(_answers(True, False, False, True))
    assert (result.yes_count, result.ready) == (2, False)


def test_four_yes_and_none_yes():
    assert infrastructure_result(_answers(True, True, True, True)).ready is True
    none = infrastructure_result(_answers(False, False, False, False))
    assert (none.yes_count, none.ready) == (0, False)
