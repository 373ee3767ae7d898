"""How investments are judged in the quarterly report (no database)."""

from __future__ import annotations

from decimal import Decimal as D

from metrics.domain.progress import InvestmentFigures, Reason, Verdict, judge_investment


def figures(costs: str, benefits: str, planned: str | None, quarter_net: str = "0", off=()):
    return InvestmentFigures(
        D(costs), D(benefits), D(planned) if planned else None, D(quarter_net), tuple(off)
    )


def test_benefits_reaching_costs_means_paid_off() -> None:
    judgement = judge_investment(figures("2500000", "2500000.00", "3000000"))
    assert judgement.verdict == Verdict.PAID_OFF
    assert judgement.plan_share == D("2500000") / D("3000000")


def test_ninety_percent_of_plan_is_on_track() -> None:
    assert judge_investment(figures("100000", "45000", "50000")).verdict == Verdict.ON_TRACK


def test_below_ninety_percent_of_plan_needs_adjustment() -> None:
    judgement = judge_investment(figures("100000", "44999.99", "50000"))
    assert judgement.verdict == Verdict.NEEDS_ADJUSTMENT
    assert judgement.reasons == (Reason.BEHIND_PLAN,)


def test_off_track_kpis_need_adjustment_even_on_plan() -> None:
    judgement = judge_investment(figures("100000", "60000", "50000", off=["Minutes per invoice"]))
    assert judgement.verdict == Verdict.NEEDS_ADJUSTMENT
    assert judgement.reasons == (Reason.KPIS_OFF_TRACK,)
    assert judgement.kpis_off_track == ("Minutes per invoice",)


def test_without_a_plan_a_negative_quarter_needs_adjustment() -> None:
    assert judge_investment(figures("100", "0", None, quarter_net="-100")).reasons == (
        Reason.NEGATIVE_QUARTER,
    )
    assert judge_investment(figures("100", "0", None, quarter_net="0")).verdict == Verdict.ON_TRACK


def test_no_costs_cannot_have_paid_off() -> None:
    assert judge_investment(figures("0", "500", None)).verdict == Verdict.ON_TRACK


def test_kpi_track_against_the_plan_for_its_date() -> None:
    from metrics.domain.progress import KpiTrack, kpi_track

    # Minutes per invoice: baseline 20, plan at that date 14 (6 better), measured 15 (5 better).
    assert kpi_track(D("5"), D("6")) == KpiTrack.AT_RISK  # 83 %
    assert kpi_track(D("5.4"), D("6")) == KpiTrack.ON_TRACK  # exactly 90 %
    assert kpi_track(D("2.9"), D("6")) == KpiTrack.OFF_TRACK  # 48 %
    assert kpi_track(D("-1"), D("0")) == KpiTrack.OFF_TRACK  # worse while the plan holds still
    assert kpi_track(None, D("6")) == KpiTrack.NO_DATA
