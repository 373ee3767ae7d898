"""The set-based recompute (measurements reduced in SQL, the engine on monthly sums, rows synced
in bulk) stores exactly what the domain engine gives for each initiative on its raw rows: every
quarter to the cent, every payback month, every KPI status, on varied seeded data; and a
recompute that finds the same figures writes nothing."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from core.money import TENTH, roi_percent, round_money
from core.periods import PeriodKind, periods_between
from initiatives.models import Initiative
from metrics.choices import CostKind, Direction, Frequency
from metrics.domain.benefits import DirectBenefit, SpreadBenefit
from metrics.domain.costs import OneTimeCost, RecurringCost
from metrics.domain.kpi import Kpi as DomainKpi
from metrics.domain.kpi import Measurement as DomainMeasurement
from metrics.domain.progress import InvestmentFigures, KpiTrack, judge_investment, kpi_track
from metrics.domain.roi import RoiComparison, compare_planned_realised
from metrics.models import (
    Benefit,
    CostItem,
    Kpi,
    KpiQuarterStatus,
    Measurement,
    RoiSnapshot,
    RoiState,
)
from metrics.services import roi_live, roi_recompute
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import BenefitFactory, CostItemFactory, KpiFactory

pytestmark = pytest.mark.django_db

D = Decimal
FOUR_PLACES = D("0.0001")


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return D(rng.randint(low * 100, high * 100)) / 100


def seed_portfolio(seed: int, owner: Any, size: int = 14) -> list[Initiative]:
    """Initiatives with every kind of cost, benefit and KPI the engine knows, and their edges:
    partial months, open-ended contracts, spreads across the as-of day, weekly periods across
    month and quarter ends, measurements before the baseline and after the as-of day, several
    per period, worsenings, KPIs without a money value and one the domain refuses."""
    rng = random.Random(seed)
    start, end = datetime.date(2024, 5, 1), datetime.date(2026, 9, 30)
    made = []
    for index in range(size):
        initiative = InitiativeFactory(title=f"Initiative {seed}-{index}", owner=owner)
        made.append(initiative)
        for _ in range(rng.randint(0, 3)):
            CostItemFactory(
                initiative=initiative, amount=_money(rng, 100, 60_000),
                start_date=_day(rng, start, end),
            )  # fmt: skip
        for _ in range(rng.randint(0, 2)):
            begin = _day(rng, start, datetime.date(2026, 6, 30))
            CostItemFactory(
                initiative=initiative, kind=CostKind.RECURRING, amount=_money(rng, 50, 9_000),
                start_date=begin,
                end_date=rng.choice([None, begin + datetime.timedelta(days=rng.randint(0, 700))]),
            )  # fmt: skip
        for _ in range(rng.randint(0, 2)):
            BenefitFactory(
                initiative=initiative, amount=_money(rng, 0, 40_000),
                start_date=_day(rng, start, end),
            )  # fmt: skip
        for _ in range(rng.randint(0, 2)):
            begin = _day(rng, start, end)
            BenefitFactory(
                initiative=initiative, amount=_money(rng, 10, 90_000), start_date=begin,
                end_date=begin + datetime.timedelta(days=rng.randint(0, 400)),
            )  # fmt: skip
        for number in range(rng.randint(0, 3)):
            baseline = _day(rng, datetime.date(2024, 9, 1), datetime.date(2026, 4, 30))
            direction = rng.choice([Direction.HIGHER, Direction.LOWER])
            value = D(rng.randint(1_000, 900_000)) / 10_000
            gain = D(rng.randint(1, 400_000)) / 10_000
            kpi = KpiFactory(
                initiative=initiative, name=f"KPI {number}", direction=direction,
                frequency=rng.choice(list(Frequency)), baseline_value=value,
                baseline_date=baseline,
                target_value=value + gain if direction == Direction.HIGHER else value - gain,
                target_date=baseline + datetime.timedelta(days=rng.randint(1, 600)),
                value_per_unit=rng.choice([None, _money(rng, 1, 3_000), D("0.3333")]),
            )  # fmt: skip
            days = rng.sample(range(-60, 600), rng.randint(0, 30))
            Measurement.objects.bulk_create(
                Measurement(
                    kpi=kpi, logged_by=owner, measured_on=baseline + datetime.timedelta(days=d),
                    value=value + D(rng.randint(-300_000, 500_000)) / 10_000,
                )
                for d in days
            )  # fmt: skip
    # A KPI whose target is worse than its baseline: older data the domain refuses.
    KpiFactory(initiative=made[0], name="Inconsistent", baseline_value=D("10"),
               target_value=D("20"))  # fmt: skip
    return made


def engine_on_raw_rows(initiative: Initiative, grain: str, as_of: datetime.date) -> Any:
    """The per-initiative path: every raw row as a domain object, the engine on the items."""
    costs: list[OneTimeCost | RecurringCost] = [
        OneTimeCost(c.amount, c.start_date)
        if c.kind == CostKind.ONE_TIME
        else RecurringCost(c.amount, c.start_date, c.end_date)
        for c in CostItem.objects.filter(initiative=initiative)
    ]
    benefits: list[DirectBenefit | SpreadBenefit] = [
        DirectBenefit(b.amount, b.start_date)
        if b.end_date is None
        else SpreadBenefit(b.amount, b.start_date, b.end_date)
        for b in Benefit.objects.filter(initiative=initiative)
    ]
    kpis = []
    for kpi in Kpi.objects.filter(initiative=initiative).order_by("name", "id"):
        measured = [
            DomainMeasurement(m.value, m.measured_on) for m in kpi.measurements.order_by("id")
        ]
        try:
            kpis.append((kpi, domain_view(kpi, measured)))
        except ValueError:
            continue
    valued = [model for _kpi, model in kpis if model.value_per_unit is not None]
    days = [c.on if isinstance(c, OneTimeCost) else c.start for c in costs]
    days += [b.on if isinstance(b, DirectBenefit) else b.start for b in benefits]
    days += [model.baseline_date for model in valued]
    first = min(days, default=None)
    comparison = None
    if first is not None:
        comparison = compare_planned_realised(
            grain=grain, start=first, end=max(first, as_of), costs=costs, benefits=benefits,
            kpis=valued, as_of=as_of,
        )  # fmt: skip
    return comparison, kpis


def domain_view(kpi: Kpi, measured: list[DomainMeasurement]) -> DomainKpi:
    return DomainKpi(
        direction=kpi.direction, baseline_value=kpi.baseline_value,
        baseline_date=kpi.baseline_date, target_value=kpi.target_value,
        target_date=kpi.target_date, frequency=kpi.frequency,
        value_per_unit=kpi.value_per_unit, measurements=measured,
    )  # fmt: skip


def expected_statuses(kpi: Kpi, model: DomainKpi, as_of: datetime.date) -> list[tuple[Any, ...]]:
    """Each quarter: the latest measurement up to the quarter's end, the plan on its day."""
    days = [m.on for m in model.measurements]
    first = min([model.baseline_date, as_of, *days])
    rows = []
    for quarter in periods_between(PeriodKind.QUARTER, first, as_of):
        seen = [m for m in model.measurements if m.on <= quarter.end]
        latest = max(seen, key=lambda m: m.on) if seen else None
        planned = model.planned_value(latest.on if latest else min(quarter.end, as_of))
        value = latest.value if latest else None
        track = kpi_track(
            None if value is None else model.improvement(value), model.improvement(planned)
        )
        rows.append((
            kpi.pk, quarter.start, value, latest.on if latest else None,
            planned.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP), model.target_value,
            None if value is None else model.progress_percent(value), track.value,
        ))  # fmt: skip
    return rows


def expected_snapshots(
    comparison: RoiComparison, off_track: dict[datetime.date, list[str]]
) -> list[tuple[Any, ...]]:
    """Rows rounded as DESIGN.md section 3 says: sums to cents, net and ROI from those."""
    rows = []
    planned_cumulative = {}
    for kind, result in (("planned", comparison.planned), ("realised", comparison.realised)):
        payback = result.payback_month
        for row in result.rows:
            costs, benefits = round_money(row.costs), round_money(row.benefits)
            cum_costs = round_money(row.cumulative_costs)
            cum_benefits = round_money(row.cumulative_benefits)
            verdict: tuple[Any, ...] = ("", [], None, [], None, None)
            if kind == "planned":
                planned_cumulative[row.period.start] = (cum_costs, cum_benefits)
            else:
                plan = planned_cumulative[row.period.start]
                judged = judge_investment(
                    InvestmentFigures(cum_costs, cum_benefits, plan[1], benefits - costs,
                                      tuple(off_track.get(row.period.start, ())))
                )  # fmt: skip
                share = judged.plan_share
                verdict = (
                    judged.verdict.value, [r.value for r in judged.reasons],
                    None if share is None else (share * 100).quantize(TENTH, ROUND_HALF_UP),
                    list(judged.kpis_off_track), plan[1], roi_percent(plan[1], plan[0]),
                )  # fmt: skip
            rows.append((
                kind, row.period.start, row.period.label, costs, benefits, benefits - costs,
                roi_percent(benefits, costs), cum_costs, cum_benefits, cum_benefits - cum_costs,
                roi_percent(cum_benefits, cum_costs),
                payback.start if payback and payback.start <= row.period.end else None,
                *verdict,
            ))  # fmt: skip
    return rows


SNAPSHOT_COLUMNS = (
    "kind", "period_start", "period_label", "costs", "benefits", "net", "roi",
    "cumulative_costs", "cumulative_benefits", "cumulative_net", "cumulative_roi",
    "payback_month", "verdict", "verdict_reasons", "plan_share", "kpis_off_track",
    "planned_cumulative_benefits", "planned_cumulative_roi",
)  # fmt: skip
STATUS_COLUMNS = ("kpi_id", "period_start", "latest_value", "latest_on", "planned_value",
                  "target_value", "progress", "track")  # fmt: skip


def rounded(comparison: RoiComparison | None) -> Any:
    """Every figure of every row as shown and stored: money to cents, ROI to a tenth."""
    if comparison is None:
        return None
    return [
        (
            result.payback_month,
            [
                (row.period, *(round_money(getattr(row, name)) for name in (
                    "costs", "benefits", "net", "cumulative_costs", "cumulative_benefits",
                    "cumulative_net")), row.roi, row.cumulative_roi)
                for row in result.rows
            ],
        )
        for result in (comparison.planned, comparison.realised)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("seed", "as_of"),
    [(1, datetime.date(2026, 5, 17)), (2, datetime.date(2026, 6, 30)),
     (3, datetime.date(2025, 11, 2))],
)  # fmt: skip
def test_the_recompute_stores_exactly_what_the_engine_gives_on_the_raw_rows(
    alice, seed: int, as_of: datetime.date
) -> None:
    initiatives = seed_portfolio(seed, alice)
    roi_recompute(initiative_ids=[i.pk for i in initiatives], as_of=as_of)
    compared = 0
    for initiative in initiatives:
        comparison, kpis = engine_on_raw_rows(initiative, "quarter", as_of)
        statuses = []
        off_track: dict[datetime.date, list[str]] = {}
        for kpi, model in kpis:
            for status in expected_statuses(kpi, model, as_of):
                statuses.append(status)
                if status[-1] == KpiTrack.OFF_TRACK:
                    off_track.setdefault(status[1], []).append(kpi.name)
        stored_statuses = list(
            KpiQuarterStatus.objects.filter(initiative=initiative)
            .order_by("kpi__name", "kpi_id", "period_start")
            .values_list(*STATUS_COLUMNS)
        )
        assert stored_statuses == statuses, initiative.title
        stored = list(
            RoiSnapshot.objects.filter(initiative=initiative)
            .order_by("kind", "period_start")
            .values_list(*SNAPSHOT_COLUMNS)
        )
        expected = [] if comparison is None else expected_snapshots(comparison, off_track)
        assert stored == expected, initiative.title
        state = RoiState.objects.get(initiative=initiative)
        paybacks = (None, None)
        if comparison is not None:
            paybacks = tuple(
                result.payback_month.start if result.payback_month else None
                for result in (comparison.planned, comparison.realised)
            )
        assert (state.planned_payback_month, state.realised_payback_month) == paybacks
        compared += len(stored)
    # The seeded data is not trivially empty: quarters of most initiatives were compared.
    assert compared > 100


@pytest.mark.parametrize("grain", ["month", "quarter", "year"])
def test_the_live_figures_at_every_grain_equal_the_engine_on_the_raw_rows(alice, grain) -> None:
    as_of = datetime.date(2026, 5, 17)
    for initiative in seed_portfolio(4, alice, size=10):
        reference, _kpis = engine_on_raw_rows(initiative, grain, as_of)
        live = roi_live(initiative.pk, grain=grain, as_of=as_of)
        assert rounded(live) == rounded(reference), initiative.title


def test_a_recompute_that_finds_the_same_figures_writes_nothing(alice) -> None:
    as_of = datetime.date(2026, 5, 17)
    initiatives = seed_portfolio(5, alice, size=6)
    ids = [i.pk for i in initiatives]
    roi_recompute(initiative_ids=ids, as_of=as_of)

    def stored() -> dict[Any, Any]:
        return {
            (s.initiative_id, s.kind, s.period_start): (s.pk, s.computed_at, s.costs)
            for s in RoiSnapshot.objects.all()
        }

    before = stored()
    statuses = set(KpiQuarterStatus.objects.values_list("pk", "period_start", "track"))
    roi_recompute(initiative_ids=ids, as_of=as_of)
    assert stored() == before
    assert set(KpiQuarterStatus.objects.values_list("pk", "period_start", "track")) == statuses
    assert set(RoiState.objects.filter(initiative_id__in=ids).values_list("runs", flat=True)) == {2}

    # A new cost rewrites only the rows whose figures it changes.
    changed = initiatives[1]
    CostItemFactory(initiative=changed, amount=D("1234.56"), start_date=datetime.date(2026, 4, 2))
    roi_recompute(initiative_ids=ids, as_of=as_of)
    after = stored()
    rewritten = {key for key in after if after[key] != before.get(key)}
    assert rewritten
    assert {initiative_id for initiative_id, _kind, _start in rewritten} == {changed.pk}
    q2 = after[(changed.pk, "realised", datetime.date(2026, 4, 1))]
    assert q2[2] == before.get((changed.pk, "realised", datetime.date(2026, 4, 1)), (0, 0, D(0)))[
        2
    ] + D("1234.56")


def test_a_week_counts_in_the_month_of_its_sunday(initiative) -> None:
    """A weekly KPI's benefit is dated on the Sunday that ends its week (DESIGN.md section 3):
    the week of 26 January to 1 February 2026 counts in February, and so does the payback."""
    CostItemFactory(initiative=initiative, amount=D("50.00"), start_date=datetime.date(2026, 1, 10))
    kpi = KpiFactory(
        initiative=initiative, frequency=Frequency.WEEK, direction=Direction.HIGHER,
        baseline_value=D("100"), baseline_date=datetime.date(2026, 1, 5), target_value=D("200"),
        value_per_unit=D("10"),
    )  # fmt: skip
    Measurement.objects.create(
        kpi=kpi, logged_by=initiative.owner, value=D("110"), measured_on=datetime.date(2026, 1, 29)
    )
    as_of = datetime.date(2026, 3, 31)
    live = roi_live(initiative.pk, grain="month", as_of=as_of)
    assert live is not None
    months = [(row.period.label, row.benefits) for row in live.realised.rows]
    assert months == [("2026-01", D(0)), ("2026-02", D("100")), ("2026-03", D(0))]
    roi_recompute(initiative_ids=[initiative.pk], as_of=as_of)
    state = RoiState.objects.get(initiative=initiative)
    assert state.realised_payback_month == datetime.date(2026, 2, 1)
