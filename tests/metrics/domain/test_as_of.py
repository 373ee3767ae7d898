"""Realised figures of an unfinished period count only what has happened up to the as-of day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.money import round_money
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Direction, Frequency, Kpi, Measurement
from metrics.domain.roi import Grain, compare_planned_realised, compute_roi

LICENCE = RecurringCost(Decimal(3100), date(2026, 1, 1), None)  # 100 a day in December


def _quarter(result):  # type: ignore[no-untyped-def]
    return result.rows[-1]


def test_on_2_december_the_quarter_counts_two_december_days_of_a_recurring_cost():
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 2),
        costs=[LICENCE], benefits=[], as_of=date(2026, 12, 2),
    )  # fmt: skip
    # October and November in full, 2 of December's 31 days.
    assert round_money(_quarter(result).costs) == Decimal("6400.00")


def test_without_as_of_the_quarter_counts_in_full_as_planned_figures_do():
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 2),
        costs=[LICENCE], benefits=[],
    )  # fmt: skip
    assert _quarter(result).costs == Decimal(9300)


def test_a_one_time_cost_dated_after_the_as_of_day_does_not_count_yet():
    costs = [
        OneTimeCost(Decimal(500), date(2026, 12, 20)),
        OneTimeCost(Decimal(80), date(2026, 12, 2)),
    ]
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 2),
        costs=costs, benefits=[], as_of=date(2026, 12, 2),
    )  # fmt: skip
    assert _quarter(result).costs == Decimal(80)


def test_a_benefit_spread_past_the_as_of_day_counts_its_days_so_far():
    spread = SpreadBenefit(Decimal(3650), date(2026, 1, 1), date(2026, 12, 31))  # 10 a day
    later = DirectBenefit(Decimal(999), date(2026, 12, 3))
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 2),
        costs=[], benefits=[spread, later], as_of=date(2026, 12, 2),
    )  # fmt: skip
    # 1 Oct to 2 Dec is 63 days.
    assert round_money(_quarter(result).benefits) == Decimal("630.00")
    assert round_money(_quarter(result).cumulative_benefits) == Decimal("3360.00")


def test_on_a_quarter_s_first_day_only_that_day_counts():
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 10, 1),
        costs=[LICENCE], benefits=[], as_of=date(2026, 10, 1),
    )  # fmt: skip
    assert _quarter(result).costs == Decimal(100)


def test_on_a_quarter_s_last_day_the_quarter_is_complete():
    result = compute_roi(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 31),
        costs=[LICENCE], benefits=[], as_of=date(2026, 12, 31),
    )  # fmt: skip
    assert _quarter(result).costs == Decimal(9300)


def test_kpi_benefits_from_logged_measurements_count_and_planned_figures_look_ahead():
    kpi = Kpi(
        direction=Direction.LOWER, baseline_value=Decimal(20), baseline_date=date(2026, 1, 1),
        target_value=Decimal(10), target_date=date(2026, 12, 31), frequency=Frequency.MONTH,
        value_per_unit=Decimal(100), measurements=[Measurement(Decimal(15), date(2026, 12, 1))],
    )  # fmt: skip
    comparison = compare_planned_realised(
        grain=Grain.QUARTER, start=date(2026, 10, 1), end=date(2026, 12, 2),
        costs=[LICENCE], benefits=[], kpis=[kpi], as_of=date(2026, 12, 2),
    )  # fmt: skip
    realised, planned = comparison.realised.rows[-1], comparison.planned.rows[-1]
    # The December measurement is dated at the month's end and counts in the quarter so far.
    assert realised.benefits == Decimal(500)
    assert round_money(realised.costs) == Decimal("6400.00")
    # Planned figures may look ahead to the end of the quarter: the full quarter's costs.
    assert planned.costs == Decimal(9300)
