"""Tests for ROI rows, cumulative figures, payback and planned against realised."""

from datetime import date
from decimal import Decimal

import pytest

from core.money import round_money
from core.periods import Period
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Direction, Frequency, Kpi, Measurement
from metrics.domain.roi import Grain, compare_planned_realised, compute_roi, payback_month

LICENCE = RecurringCost(Decimal(1000), date(2026, 1, 15), date(2026, 4, 14))
REFERENCE_COSTS = (
    OneTimeCost(Decimal(1_500_000), date(2026, 1, 5)),  # development
    OneTimeCost(Decimal(1_000_000), date(2026, 1, 20)),  # implementation
)
REFERENCE_SAVINGS = SpreadBenefit(Decimal(10_000_000), date(2026, 1, 1), date(2026, 12, 31))


def test_reference_case_first_year_roi_is_300_percent() -> None:
    result = compute_roi(
        grain=Grain.YEAR,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        costs=REFERENCE_COSTS,
        benefits=[REFERENCE_SAVINGS],
    )
    [row] = result.rows
    assert row.period == Period.parse("2026")
    assert (row.costs, row.benefits, row.net) == (2_500_000, 10_000_000, 7_500_000)
    assert str(row.roi) == "300.0"
    assert str(row.cumulative_roi) == "300.0"
    assert str(result.total_roi) == "300.0"


def test_reference_case_by_month() -> None:
    result = compute_roi(
        grain="month",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        costs=REFERENCE_COSTS,
        benefits=[REFERENCE_SAVINGS],
    )
    january, february = result.rows[0], result.rows[1]
    # January: 31/365 of 10 million = 849,315.07 against 2.5 million.
    assert round_money(january.benefits) == Decimal("849315.07")
    assert january.roi == Decimal("-66.0")
    # February has no costs of its own: its ROI is undefined, the cumulative one is not.
    assert february.costs == 0
    assert february.roi is None
    assert round_money(february.cumulative_benefits) == Decimal("1616438.36")  # 59 days
    assert february.cumulative_roi == Decimal("-35.3")
    # 31 March is day 90 (2,465,753.42 < 2.5 million); 30 April is day 120.
    assert result.payback_month == Period.parse("2026-04")
    assert result.rows[-1].cumulative_roi == Decimal("300.0")
    assert len(result.rows) == 12


def test_design_cost_example_at_three_grains() -> None:
    def figures(grain: Grain) -> list[tuple[str, Decimal, Decimal]]:
        result = compute_roi(
            grain=grain, start=date(2026, 1, 1), end=date(2026, 4, 30), costs=[LICENCE], benefits=[]
        )
        return [
            (r.period.label, round_money(r.costs), round_money(r.cumulative_costs))
            for r in result.rows
        ]

    assert figures(Grain.MONTH) == [
        ("2026-01", Decimal("548.39"), Decimal("548.39")),
        ("2026-02", Decimal("1000.00"), Decimal("1548.39")),
        ("2026-03", Decimal("1000.00"), Decimal("2548.39")),
        ("2026-04", Decimal("466.67"), Decimal("3015.05")),
    ]
    assert figures(Grain.QUARTER) == [
        ("2026-Q1", Decimal("2548.39"), Decimal("2548.39")),
        ("2026-Q2", Decimal("466.67"), Decimal("3015.05")),
    ]
    assert figures(Grain.YEAR) == [("2026", Decimal("3015.05"), Decimal("3015.05"))]


def test_costs_without_benefits_give_minus_100_and_no_payback() -> None:
    result = compute_roi(
        grain=Grain.QUARTER,
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        costs=[LICENCE],
        benefits=[],
    )
    assert [r.roi for r in result.rows] == [Decimal("-100.0"), Decimal("-100.0")]
    assert result.payback_month is None


def test_zero_costs_give_no_roi_and_no_payback() -> None:
    result = compute_roi(
        grain=Grain.MONTH,
        start=date(2026, 1, 1),
        end=date(2026, 2, 28),
        costs=[],
        benefits=[DirectBenefit(Decimal(500), date(2026, 1, 10))],
    )
    january = result.rows[0]
    assert (january.costs, january.benefits, january.net) == (0, 500, 500)
    assert january.roi is None
    assert january.cumulative_roi is None
    assert result.rows[1].cumulative_net == 500
    assert result.payback_month is None
    assert result.total_roi is None


def test_no_items_at_all() -> None:
    result = compute_roi(
        grain=Grain.YEAR, start=date(2026, 1, 1), end=date(2027, 12, 31), costs=[], benefits=[]
    )
    assert [(r.costs, r.benefits, r.roi, r.cumulative_roi) for r in result.rows] == [
        (0, 0, None, None),
        (0, 0, None, None),
    ]
    assert result.payback_month is None


def test_cumulative_includes_everything_before_the_range() -> None:
    costs = [OneTimeCost(Decimal(1000), date(2025, 11, 10))]
    benefits = [
        DirectBenefit(Decimal(600), date(2026, 2, 10)),
        DirectBenefit(Decimal(500), date(2026, 3, 5)),
    ]
    result = compute_roi(
        grain=Grain.MONTH,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        costs=costs,
        benefits=benefits,
    )
    assert [
        (
            r.period.label,
            r.costs,
            r.cumulative_costs,
            r.cumulative_benefits,
            r.cumulative_net,
            r.cumulative_roi,
        )
        for r in result.rows
    ] == [
        ("2026-01", 0, 1000, 0, -1000, Decimal("-100.0")),
        ("2026-02", 0, 1000, 600, -400, Decimal("-40.0")),
        ("2026-03", 0, 1000, 1100, 100, Decimal("10.0")),
    ]
    assert result.payback_month == Period.parse("2026-03")
    # The range's own totals leave the earlier cost out.
    assert (result.total_costs, result.total_benefits, result.total_roi) == (0, 1100, None)


def test_cumulative_with_recurring_cost_started_before_the_range() -> None:
    result = compute_roi(
        grain=Grain.QUARTER,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        costs=[LICENCE],
        benefits=[],
    )
    [q2] = result.rows
    assert round_money(q2.costs) == Decimal("466.67")
    assert round_money(q2.cumulative_costs) == Decimal("3015.05")


def test_range_starting_mid_period_covers_whole_periods() -> None:
    result = compute_roi(
        grain=Grain.QUARTER,
        start=date(2026, 1, 15),
        end=date(2026, 4, 14),
        costs=[LICENCE],
        benefits=[],
    )
    assert [r.period.label for r in result.rows] == ["2026-Q1", "2026-Q2"]
    assert round_money(result.rows[0].costs) == Decimal("2548.39")


def test_payback_month_may_lie_before_the_range() -> None:
    costs = [OneTimeCost(Decimal(1000), date(2025, 1, 20))]
    benefits = [DirectBenefit(Decimal(1500), date(2025, 2, 3))]
    result = compute_roi(
        grain=Grain.YEAR,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        costs=costs,
        benefits=benefits,
    )
    assert result.payback_month == Period.parse("2025-02")
    assert result.rows[0].cumulative_roi == Decimal("50.0")


def test_payback_when_benefits_exactly_reach_costs() -> None:
    costs = [OneTimeCost(Decimal(1000), date(2026, 1, 31))]
    benefits = [
        DirectBenefit(Decimal("999.99"), date(2026, 2, 1)),
        DirectBenefit(Decimal("0.01"), date(2026, 3, 31)),
    ]
    assert payback_month(costs, benefits, date(2026, 12, 31)) == Period.parse("2026-03")
    # The search stops with the month that contains until.
    assert payback_month(costs, benefits, date(2026, 3, 1)) == Period.parse("2026-03")
    assert payback_month(costs, benefits, date(2026, 2, 28)) is None


def test_benefits_before_the_first_cost_do_not_make_an_early_payback() -> None:
    costs = [OneTimeCost(Decimal(400), date(2026, 2, 10))]
    benefits = [DirectBenefit(Decimal(500), date(2026, 1, 10))]
    assert payback_month(costs, benefits, date(2026, 12, 31)) == Period.parse("2026-02")


def test_payback_is_the_first_month_even_if_later_costs_undo_it() -> None:
    costs = [
        OneTimeCost(Decimal(100), date(2026, 1, 5)),
        OneTimeCost(Decimal(1000), date(2026, 3, 5)),
    ]
    benefits = [DirectBenefit(Decimal(150), date(2026, 2, 5))]
    result = compute_roi(
        grain=Grain.MONTH,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        costs=costs,
        benefits=benefits,
    )
    assert result.payback_month == Period.parse("2026-02")
    assert result.rows[-1].cumulative_net == -950


def test_leap_year_february_in_roi_rows() -> None:
    cost = RecurringCost(Decimal(2900), date(2028, 2, 15), date(2028, 3, 14))
    result = compute_roi(
        grain=Grain.MONTH, start=date(2028, 2, 1), end=date(2028, 3, 31), costs=[cost], benefits=[]
    )
    assert [round_money(r.costs) for r in result.rows] == [Decimal("1500.00"), Decimal("1309.68")]
    quarter = compute_roi(
        grain=Grain.QUARTER,
        start=date(2028, 1, 1),
        end=date(2028, 3, 31),
        costs=[cost],
        benefits=[],
    )
    assert round_money(quarter.rows[0].costs) == Decimal("2809.68")


def test_range_with_start_after_end_is_rejected() -> None:
    with pytest.raises(ValueError, match="start date 2026-12-31 is after end date 2026-01-01"):
        compute_roi(
            grain=Grain.MONTH, start=date(2026, 12, 31), end=date(2026, 1, 1), costs=[], benefits=[]
        )


def test_week_is_not_a_grain() -> None:
    with pytest.raises(ValueError):
        compute_roi(
            grain="week", start=date(2026, 1, 1), end=date(2026, 1, 31), costs=[], benefits=[]
        )


def example_kpi(*measurements: Measurement) -> Kpi:
    """Minutes per invoice: baseline 20 on 1 January 2026, target 10 on 2 March (60 days later)."""
    return Kpi(
        direction=Direction.LOWER,
        baseline_value=Decimal(20),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(10),
        target_date=date(2026, 3, 2),
        frequency=Frequency.MONTH,
        value_per_unit=Decimal(1600),
        measurements=measurements,
    )


def test_planned_and_realised_side_by_side() -> None:
    kpi = example_kpi(
        Measurement(Decimal(15), date(2026, 1, 31)),
        Measurement(Decimal(14), date(2026, 2, 10)),
        Measurement(Decimal(12), date(2026, 2, 25)),
    )
    comparison = compare_planned_realised(
        grain=Grain.MONTH,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        costs=[LICENCE],
        benefits=[DirectBenefit(Decimal(1000), date(2026, 3, 15))],
        kpis=[kpi],
    )
    rows = [
        (p.period.label, round_money(p.benefits), p.roi, round_money(r.benefits), r.roi)
        for p, r in comparison.pairs
    ]
    assert rows == [
        # Planned January: 15 minutes (half way) × 1,600; ROI 8,000 ÷ (17,000/31) − 1.
        ("2026-01", Decimal("8000.00"), Decimal("1358.8"), Decimal("8000.00"), Decimal("1358.8")),
        # Planned February: (20 − 10.333…) × 1,600 = 15,466.67; realised 12 minutes.
        ("2026-02", Decimal("15466.67"), Decimal("1446.7"), Decimal("12800.00"), Decimal("1180.0")),
        # March: target reached in the plan; no measurement, so only the direct benefit is realised.
        ("2026-03", Decimal("17000.00"), Decimal("1600.0"), Decimal("1000.00"), Decimal("0.0")),
    ]
    realised_march = comparison.realised.rows[-1]
    assert round_money(realised_march.cumulative_costs) == Decimal("2548.39")
    assert realised_march.cumulative_benefits == 21800
    assert realised_march.cumulative_roi == Decimal("755.4")
    assert comparison.realised.payback_month == Period.parse("2026-01")
    assert comparison.planned.payback_month == Period.parse("2026-01")


def test_planned_horizon_is_the_end_of_the_last_row() -> None:
    comparison = compare_planned_realised(
        grain=Grain.QUARTER,
        start=date(2026, 1, 15),
        end=date(2026, 2, 10),
        costs=[],
        benefits=[],
        kpis=[example_kpi()],
    )
    [(planned, realised)] = comparison.pairs
    # January 8,000 + February 15,466.67 + March 16,000, all inside the first quarter.
    assert round_money(planned.benefits) == Decimal("39466.67")
    assert realised.benefits == 0
    assert planned.roi is None
