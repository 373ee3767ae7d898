"""Tests for the scaling metrics: breadth, depth, diversity, impact, sustainability."""

from datetime import date
from decimal import Decimal

import pytest

from core.periods import Period
from metrics.domain.benefits import BenefitItem, DirectBenefit, SpreadBenefit
from metrics.domain.kpi import KpiBenefit
from metrics.domain.scaling import (
    InitiativeState,
    Ratio,
    Trend,
    breadth,
    depth,
    diversity,
    impact,
    sustainability,
)

STATES = [
    InitiativeState(1, "finance", "pilot"),
    InitiativeState(2, "finance", "production"),
    InitiativeState(3, "hr", "idea"),
    InitiativeState(4, "legal", "scaling"),
    InitiativeState(5, "sales", "retired"),
    InitiativeState(6, None, "production"),
    InitiativeState(7, "closed-unit", "pilot"),
]


def test_breadth_counts_departments_with_an_initiative_in_use() -> None:
    result = breadth(["finance", "hr", "legal", "sales"], STATES)
    assert (result.numerator, result.denominator) == (2, 4)
    assert result.value == Decimal("0.5")
    assert result.percent == Decimal("50.0")


def test_breadth_one_of_three() -> None:
    assert breadth(["finance", "hr", "sales"], STATES).percent == Decimal("33.3")


def test_breadth_with_no_departments_is_undefined() -> None:
    result = breadth([], STATES)
    assert (result.numerator, result.denominator) == (0, 0)
    assert result.value is None
    assert result.percent is None


def test_breadth_with_departments_but_no_initiatives_is_zero() -> None:
    assert breadth(["finance"], []).percent == Decimal("0.0")


def test_depth_per_department() -> None:
    result = depth(
        {"finance": 200, "hr": 0, "legal": 50, "sales": 10}, {"finance": 30, "legal": 60}
    )
    assert {dept: ratio.percent for dept, ratio in result.items()} == {
        "finance": Decimal("15.0"),
        "hr": None,  # headcount 0
        "legal": Decimal("120.0"),  # stale headcount: reported, not capped
        "sales": Decimal("0.0"),  # no adoption record means no active users
    }
    assert result["finance"].value == Decimal("0.15")


def test_ratio_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        Ratio(-1, 10)


def test_diversity_counts_distinct_initiatives_in_production() -> None:
    states = [
        *STATES,
        InitiativeState(2, "finance", "production"),
        InitiativeState(8, "hr", "production"),
    ]
    assert diversity(states) == 3  # 2, 6 and 8
    assert diversity([]) == 0


def test_states_read_grouped_by_department_and_stage_give_the_same_figures() -> None:
    """One state per department and stage with its count, as the dashboard reads them."""
    grouped = [
        InitiativeState(("finance", "pilot"), "finance", "pilot", 3),
        InitiativeState(("finance", "production"), "finance", "production", 2),
        InitiativeState(("hr", "idea"), "hr", "idea", 4),
        InitiativeState(("legal", "production"), "legal", "production", 5),
    ]
    assert diversity(grouped) == 7
    result = breadth(["finance", "hr", "legal"], grouped)
    assert (result.numerator, result.denominator) == (2, 3)


def test_impact_is_the_realised_benefit_of_the_period() -> None:
    benefits: list[BenefitItem] = [
        DirectBenefit(Decimal(1000), date(2026, 1, 15)),
        KpiBenefit(Period.parse("2026-01"), Decimal(15), Decimal(8000)),
        DirectBenefit(Decimal(2000), date(2026, 2, 1)),
        SpreadBenefit(Decimal(3100), date(2026, 3, 1), date(2026, 3, 31)),
    ]
    assert impact(benefits, Period.parse("2026-01")) == 9000
    assert impact(benefits, Period.parse("2026-Q1")) == 14100
    assert impact([], Period.parse("2026-Q1")) == 0


def months(**users: int) -> dict[Period, int]:
    """Active users keyed by month, from keyword arguments like m2026_01=100."""
    return {Period.parse(key[1:].replace("_", "-")): value for key, value in users.items()}


@pytest.mark.parametrize(
    ("january", "march", "trend", "change"),
    [
        (100, 105, Trend.FLAT, Decimal("5.0")),  # +5 % is still flat
        (100, 95, Trend.FLAT, Decimal("-5.0")),  # −5 % is still flat
        (100, 106, Trend.GROWING, Decimal("6.0")),
        (100, 94, Trend.DECLINING, Decimal("-6.0")),
        # 5.04 % shows as 5.0 % but is beyond the band.
        (2500, 2626, Trend.GROWING, Decimal("5.0")),
        (0, 0, Trend.FLAT, None),
        (0, 10, Trend.GROWING, None),
        (40, 0, Trend.DECLINING, Decimal("-100.0")),
    ],
)
def test_sustainability_compares_last_month_with_two_months_earlier(
    january: int, march: int, trend: Trend, change: Decimal | None
) -> None:
    # February is deliberately far off: only the ends of the window decide.
    data = months(m2026_01=january, m2026_02=1000, m2026_03=march)
    result = sustainability(data, Period.parse("2026-03"))
    assert (result.trend, result.earlier_users, result.latest_users) == (trend, january, march)
    assert result.change_percent == change


def test_sustainability_across_a_year_boundary() -> None:
    data = months(m2026_11=200, m2026_12=210, m2027_01=260)
    assert sustainability(data, Period.parse("2027-01")).trend is Trend.GROWING


def test_sustainability_with_a_missing_month_is_unknown() -> None:
    only_two = months(m2026_02=100, m2026_03=150)
    assert sustainability(only_two, Period.parse("2026-03")).trend is Trend.UNKNOWN
    gap = months(m2026_01=100, m2026_03=150)
    result = sustainability(gap, Period.parse("2026-03"))
    assert (result.trend, result.earlier_users, result.latest_users) == (Trend.UNKNOWN, 100, 150)
    assert sustainability({}, Period.parse("2026-03")).trend is Trend.UNKNOWN


def test_sustainability_validation() -> None:
    with pytest.raises(ValueError, match="needs a month"):
        sustainability({}, Period.parse("2026-Q1"))
    with pytest.raises(ValueError, match="keyed by month"):
        sustainability({Period.parse("2026-Q1"): 5}, Period.parse("2026-03"))
    with pytest.raises(ValueError, match="must not be negative"):
        sustainability(months(m2026_01=1, m2026_02=-1, m2026_03=1), Period.parse("2026-03"))
