"""The pure rules of the people app: translators, the budget guide, literacy coverage."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from people import domain
from people.choices import Skill
from people.domain import BudgetHint, Coverage, MeasureGiven

TODAY = datetime.date(2026, 6, 15)


def test_process_knowledge_and_a_technical_skill_at_skilled_make_a_translator():
    assert domain.is_translator({Skill.BUSINESS_PROCESS: 3, Skill.API_INTEGRATION: 3})
    assert domain.is_translator({Skill.BUSINESS_PROCESS: 4, Skill.DATA_QUALITY: 4})


def test_no_translator_without_both_halves_at_skilled():
    assert not domain.is_translator({Skill.BUSINESS_PROCESS: 4})
    assert not domain.is_translator({Skill.BUSINESS_PROCESS: 2, Skill.ML_LLM_BASICS: 4})
    assert not domain.is_translator({Skill.BUSINESS_PROCESS: 3, Skill.WORKFLOW_AUTOMATION: 2})
    # Prompt engineering is not one of the technical skills of a translator.
    assert not domain.is_translator({Skill.BUSINESS_PROCESS: 4, Skill.PROMPT_ENGINEERING: 4})
    assert not domain.is_translator({})


@pytest.mark.parametrize(
    ("total", "hint"),
    [
        (Decimal("0"), BudgetHint.NONE),
        (Decimal("1999.99"), BudgetHint.BELOW),
        (Decimal("2000"), BudgetHint.WITHIN),
        (Decimal("5000"), BudgetHint.WITHIN),
        (Decimal("5000.01"), BudgetHint.ABOVE),
    ],
)
def test_a_budget_against_the_guide_of_2000_to_5000(total, hint):
    assert domain.budget_hint(total) is hint


def test_levels_outside_1_to_4_are_refused():
    assert domain.check_level(4) == 4
    for value in (0, 5, "3", True, None):
        with pytest.raises(domain.InvalidLevel):
            domain.check_level(value)


def test_a_measure_counts_until_its_refresh_falls_due():
    given = datetime.date(2025, 6, 15)
    assert domain.refresh_due(given, 12) == datetime.date(2026, 6, 15)
    assert domain.measure_is_current(given, 12, datetime.date(2026, 6, 14))
    assert not domain.measure_is_current(given, 12, datetime.date(2026, 6, 15))
    assert domain.measure_is_current(given, None, datetime.date(2040, 1, 1))
    # A measure planned for later does not count yet.
    assert not domain.measure_is_current(datetime.date(2026, 7, 1), 12, TODAY)


def test_the_refresh_of_a_measure_given_on_the_31st_falls_on_the_last_day_of_a_short_month():
    assert domain.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert domain.add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)


def test_coverage_counts_users_with_a_current_measure_and_not_one_past_its_refresh():
    recent = MeasureGiven(datetime.date(2026, 3, 1), 12)
    lapsed = MeasureGiven(datetime.date(2024, 3, 1), 12)
    users = range(1, 25)  # 24 users
    received = {person: [recent] for person in range(1, 18)}  # 17 trained recently
    received[18] = [lapsed, recent]  # refreshed: counts
    received[19] = [lapsed]  # past its refresh: does not count
    received[99] = [recent]  # took part but is not a user of the system: does not count
    coverage = domain.literacy_coverage(users, received, TODAY)
    assert coverage == Coverage(trained=18, users=24)
    assert not coverage.complete


def test_a_system_without_users_has_no_coverage_and_is_not_complete():
    assert domain.literacy_coverage([], {}, TODAY) == Coverage(trained=0, users=0)
    assert not Coverage(trained=0, users=0).complete
    assert Coverage(trained=3, users=3).complete
