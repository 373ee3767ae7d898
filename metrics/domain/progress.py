"""Rules of the quarterly report that are not number definitions: how an investment is judged.

An initiative's investment is judged at the end of a quarter from its cumulative figures:

- **paid off**: realised cumulative benefits have reached realised cumulative costs (the payback
  month of DESIGN.md section 3 lies in or before the quarter);
- **on track**: not yet paid off, but realised cumulative benefits are at least 90 % of the
  planned cumulative benefits (from KPI targets), or, without a plan, the quarter's own net
  benefit is not negative and no KPI is off track;
- **needs adjustment**: everything else; the reasons say why (benefits behind plan, KPIs off track,
  a negative quarter without a plan).

An initiative with no costs at all cannot have paid off and is judged on plan and KPIs alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from core.money import percent
from core.periods import Period, PeriodKind, periods_between
from metrics.domain.kpi import Kpi

ON_TRACK_SHARE = Decimal("0.9")


class Verdict(StrEnum):
    """How an investment stands at the end of a quarter."""

    PAID_OFF = "paid_off"
    ON_TRACK = "on_track"
    NEEDS_ADJUSTMENT = "needs_adjustment"


class Reason(StrEnum):
    """Why an investment needs adjustment (codes; the report words them)."""

    BEHIND_PLAN = "behind_plan"
    KPIS_OFF_TRACK = "kpis_off_track"
    NEGATIVE_QUARTER = "negative_quarter"


@dataclass(frozen=True)
class InvestmentFigures:
    """Cumulative figures of one initiative at the end of a quarter."""

    realised_costs: Decimal
    realised_benefits: Decimal
    planned_benefits: Decimal | None
    quarter_net: Decimal
    kpis_off_track: tuple[str, ...] = ()


@dataclass(frozen=True)
class Judgement:
    """The verdict, the reasons behind it and the share of plan reached."""

    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    plan_share: Decimal | None = None
    kpis_off_track: tuple[str, ...] = field(default=())


def judge_investment(figures: InvestmentFigures) -> Judgement:
    """Judge one investment by the rules in the module docstring."""
    plan_share = None
    if figures.planned_benefits is not None and figures.planned_benefits > 0:
        plan_share = figures.realised_benefits / figures.planned_benefits
    if figures.realised_costs > 0 and figures.realised_benefits >= figures.realised_costs:
        return Judgement(Verdict.PAID_OFF, plan_share=plan_share)
    reasons: list[Reason] = []
    if plan_share is not None:
        if plan_share < ON_TRACK_SHARE:
            reasons.append(Reason.BEHIND_PLAN)
    elif figures.quarter_net < 0:
        reasons.append(Reason.NEGATIVE_QUARTER)
    if figures.kpis_off_track:
        reasons.append(Reason.KPIS_OFF_TRACK)
    verdict = Verdict.NEEDS_ADJUSTMENT if reasons else Verdict.ON_TRACK
    return Judgement(verdict, tuple(reasons), plan_share, figures.kpis_off_track)


class KpiTrack(StrEnum):
    """Progress of a KPI against the plan for the date of its latest measurement."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


# Share of the planned improvement reached: from 90 % on track, from 50 % at risk, else off track.
ON_TRACK_KPI_SHARE = Decimal("0.9")
AT_RISK_KPI_SHARE = Decimal("0.5")


def kpi_track(actual_improvement: Decimal | None, planned_improvement: Decimal) -> KpiTrack:
    """Judge a KPI by how much of the improvement planned for its date it has reached.

    Improvements are measured from the baseline in the KPI's good direction, so a worsening is
    negative. While the plan expects no improvement yet, any non-negative result is on track.
    """
    if actual_improvement is None:
        return KpiTrack.NO_DATA
    if planned_improvement <= 0:
        return KpiTrack.ON_TRACK if actual_improvement >= 0 else KpiTrack.OFF_TRACK
    share = actual_improvement / planned_improvement
    if share >= ON_TRACK_KPI_SHARE:
        return KpiTrack.ON_TRACK
    if share >= AT_RISK_KPI_SHARE:
        return KpiTrack.AT_RISK
    return KpiTrack.OFF_TRACK


class QuarterProgress(NamedTuple):
    """A KPI at the end of one quarter (or on the as-of day): latest value, plan and track."""

    quarter: Period
    latest_on: date | None
    latest_value: Decimal | None
    planned_value: Decimal
    progress: Decimal | None
    track: KpiTrack


def kpi_progress_by_quarter(
    kpi: Kpi, latest: Mapping[date, tuple[date, Decimal]], as_of: date
) -> list[QuarterProgress]:
    """The KPI's progress at the end of every quarter up to the one containing as_of.

    `latest` holds the latest measurement (day, value) of every quarter that has one, keyed by
    the quarter's first day; a quarter without one keeps the latest before it. The plan is read
    on the day of that latest measurement (on the quarter's end, or as_of, while there is none),
    so the track compares like with like. The quarters start at the earliest of the baseline,
    as_of and the first quarter with a measurement.
    """
    first = min(kpi.baseline_date, as_of, *latest)
    rows: list[QuarterProgress] = []
    current: tuple[date, Decimal] | None = None
    judged: QuarterProgress | None = None
    # The whole distance to the target, as Kpi.progress_percent measures it.
    distance = kpi.improvement(kpi.target_value)
    for quarter in periods_between(PeriodKind.QUARTER, first, as_of):
        found = latest.get(quarter.start)
        if found is not None and (current is None or found[0] > current[0]):
            current, judged = found, None
        if current is None:
            planned = kpi.planned_value(min(quarter.end, as_of))
            rows.append(QuarterProgress(quarter, None, None, planned, None, KpiTrack.NO_DATA))
            continue
        if judged is None:
            # The plan on the latest measurement's day: the same until a newer one arrives.
            on, value = current
            planned = kpi.planned_value(on)
            reached = kpi.improvement(value)
            track = kpi_track(reached, kpi.improvement(planned))
            judged = QuarterProgress(quarter, on, value, planned, percent(reached, distance), track)
        rows.append(judged if judged.quarter is quarter else judged._replace(quarter=quarter))
    return rows
