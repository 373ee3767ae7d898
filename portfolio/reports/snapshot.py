"""The frozen numbers of a quarterly report, read once from the stored ROI snapshots.

Every figure comes from `metrics` snapshots (computed by the ROI engine, rounded when stored), so
the report and the dashboards agree to the cent. Money is written as strings of Decimals so the
JSON keeps them exact; ROI as a string with one decimal, or null when costs are zero.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.money import ZERO, roi_percent, round_money
from core.periods import Period, PeriodKind
from initiatives.models import Initiative
from metrics.models import Kpi, Measurement, RoiSnapshot
from metrics.services.roi import domain_kpi
from portfolio.domain.reporting import InvestmentFigures, KpiTrack, judge_investment, kpi_track

SNAPSHOT_SCHEMA = 1
QUARTERS_SHOWN = 8


def quarter_period(year: int, quarter: int) -> Period:
    """The calendar quarter `quarter` (1–4) of `year`."""
    return Period.containing(PeriodKind.QUARTER, datetime.date(year, 3 * quarter - 2, 1))


def _person(row: dict[str, Any]) -> str:
    """A person's name as the User model shows it, from the values of a row."""
    full = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
    return full or row["owner__username"]


def _money(value: Decimal | None) -> str:
    return str(round_money(value if value is not None else ZERO))


def _roi(benefits: Decimal, costs: Decimal) -> str | None:
    value = roi_percent(benefits, costs)
    return None if value is None else str(value)


def _snapshots(scope: QuerySet[Initiative] | None) -> QuerySet[RoiSnapshot]:
    rows = RoiSnapshot.objects.all()
    return rows if scope is None else rows.filter(initiative__in=scope.values("pk"))


class _Figures:
    """The cumulative figures of one stored snapshot row (plain values, no model instance)."""

    __slots__ = ("cumulative_benefits", "cumulative_costs", "payback_month")

    def __init__(self, row: dict[str, Any]) -> None:
        self.cumulative_costs = row["cumulative_costs"]
        self.cumulative_benefits = row["cumulative_benefits"]
        self.payback_month = row["payback_month"]


def _latest_per_initiative(
    kind: str, until: datetime.date, scope: QuerySet[Initiative] | None
) -> dict[int, _Figures]:
    """Each initiative's latest snapshot of a kind on or before a quarter start (one query).

    A window function ranks each initiative's quarters; the database keeps the newest.
    """
    rows = (
        _snapshots(scope)
        .filter(kind=kind, period_start__lte=until)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("initiative_id")], order_by=F("period_start").desc()
            )
        )
        .filter(rank=1)
        .values("initiative_id", "cumulative_costs", "cumulative_benefits", "payback_month")
    )
    return {row["initiative_id"]: _Figures(row) for row in rows}


def kpi_tracks(initiatives: QuerySet[Any], on: datetime.date) -> list[dict[str, Any]]:
    """Every KPI of the initiatives with its progress against plan on a date (one query)."""
    latest = Measurement.objects.filter(kpi=OuterRef("pk"), measured_on__lte=on).order_by(
        "-measured_on", "-id"
    )
    kpis = (
        Kpi.objects.filter(initiative__in=initiatives)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by("initiative_id", "name")
    )
    rows = []
    for kpi in kpis:
        model = domain_kpi(kpi)
        actual = model.improvement(kpi.latest_value) if kpi.latest_value is not None else None
        planned = model.improvement(model.planned_value(kpi.latest_on or on))
        track = kpi_track(actual, planned)
        rows.append(
            {
                "initiative_id": kpi.initiative_id,
                "kpi_id": kpi.pk,
                "name": kpi.name,
                "unit": kpi.unit,
                "latest_value": str(kpi.latest_value) if kpi.latest_value is not None else None,
                "latest_on": kpi.latest_on.isoformat() if kpi.latest_on else None,
                "planned_value": str(model.planned_value(kpi.latest_on or on)),
                "target_value": str(kpi.target_value),
                "progress": str(model.progress_percent(kpi.latest_value))
                if kpi.latest_value is not None
                and model.progress_percent(kpi.latest_value) is not None
                else None,
                "track": track.value,
            }
        )
    return rows


def build_snapshot(
    *,
    year: int,
    quarter: int,
    scope: QuerySet[Initiative] | None = None,
    scaling: dict[str, Any] | None = None,
    governance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every number of the report (or dashboard) for one quarter, as plain JSON.

    `scope` limits the figures to some initiatives (a person's view, a department's filter);
    None means the whole portfolio, as in the quarterly report.
    """
    period = quarter_period(year, quarter)
    year_start = datetime.date(year, 1, 1)
    realised = _latest_per_initiative("realised", period.start, scope)
    planned = _latest_per_initiative("planned", period.start, scope)
    ids = sorted(set(realised) | set(planned))
    # The initiatives with figures, as a subquery: thousands of ids never travel as a list.
    with_figures = _snapshots(scope).filter(period_start__lte=period.start).values("initiative_id")
    columns = ("pk", "title", "stage", "department__name", "owner__first_name",
               "owner__last_name", "owner__username")  # fmt: skip
    initiatives = {
        row["pk"]: row for row in Initiative.objects.filter(pk__in=with_figures).values(*columns)
    }
    in_quarter = {
        row["initiative_id"]: row
        for row in _snapshots(scope)
        .filter(kind="realised", period_start=period.start)
        .values("initiative_id", "costs", "benefits", "net")
    }
    # Every KPI of the initiatives in view, joined by primary key: a plan that stays cheap even
    # before the database has statistics about freshly loaded rows.
    kpis = kpi_tracks(scope if scope is not None else Initiative.objects.all(), period.end)
    off_track: dict[int, list[str]] = defaultdict(list)
    for kpi in kpis:
        if kpi["track"] == KpiTrack.OFF_TRACK:
            off_track[kpi["initiative_id"]].append(kpi["name"])

    rows = []
    by_department: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: {"costs": ZERO, "benefits": ZERO}
    )
    for pk in ids:
        initiative = initiatives[pk]
        real = realised.get(pk)
        plan = planned.get(pk)
        quarter_row = in_quarter.get(pk, {"costs": ZERO, "benefits": ZERO, "net": ZERO})
        cum_costs = real.cumulative_costs if real else ZERO
        cum_benefits = real.cumulative_benefits if real else ZERO
        judgement = judge_investment(
            InvestmentFigures(
                realised_costs=cum_costs,
                realised_benefits=cum_benefits,
                planned_benefits=plan.cumulative_benefits if plan else None,
                quarter_net=quarter_row["net"],
                kpis_off_track=tuple(off_track.get(pk, ())),
            )
        )
        department = by_department[initiative["department__name"]]
        department["costs"] += cum_costs
        department["benefits"] += cum_benefits
        rows.append(
            {
                "id": pk,
                "title": initiative["title"],
                "department": initiative["department__name"],
                "stage": initiative["stage"],
                "owner": _person(initiative),
                "quarter": {
                    "costs": _money(quarter_row["costs"]),
                    "benefits": _money(quarter_row["benefits"]),
                    "net": _money(quarter_row["net"]),
                    "roi": _roi(quarter_row["benefits"], quarter_row["costs"]),
                },
                "cumulative": {
                    "costs": _money(cum_costs),
                    "benefits": _money(cum_benefits),
                    "net": _money(cum_benefits - cum_costs),
                    "roi": _roi(cum_benefits, cum_costs),
                    "planned_benefits": _money(plan.cumulative_benefits) if plan else None,
                    "planned_roi": _roi(plan.cumulative_benefits, plan.cumulative_costs)
                    if plan
                    else None,
                },
                "payback_month": real.payback_month.isoformat()
                if real and real.payback_month and real.payback_month <= period.end
                else None,
                "verdict": judgement.verdict.value,
                "reasons": [reason.value for reason in judgement.reasons],
                "plan_share": str(round(judgement.plan_share * 100, 1))
                if judgement.plan_share is not None
                else None,
                "kpis_off_track": list(judgement.kpis_off_track),
            }
        )
    rows.sort(key=lambda row: (row["department"], row["title"]))

    def totals(start: datetime.date, end: datetime.date) -> tuple[Decimal, Decimal]:
        agg = (
            _snapshots(scope)
            .filter(kind="realised", period_start__gte=start, period_start__lte=end)
            .aggregate(costs=Sum("costs"), benefits=Sum("benefits"))
        )
        return agg["costs"] or ZERO, agg["benefits"] or ZERO

    q_costs, q_benefits = totals(period.start, period.start)
    y_costs, y_benefits = totals(year_start, period.start)
    all_costs = sum((r.cumulative_costs for r in realised.values()), ZERO)
    all_benefits = sum((r.cumulative_benefits for r in realised.values()), ZERO)

    first_series_quarter = period
    for _ in range(QUARTERS_SHOWN - 1):
        first_series_quarter = first_series_quarter.previous()
    series = {
        row["period_start"]: row
        for row in _snapshots(scope)
        .filter(
            kind="realised",
            period_start__gte=first_series_quarter.start,
            period_start__lte=period.start,
        )
        .values("period_start")
        .annotate(costs=Sum("costs"), benefits=Sum("benefits"))
        .order_by("period_start")
    }
    quarters = []
    current = first_series_quarter
    while current.start <= period.start:
        row = series.get(current.start, {"costs": ZERO, "benefits": ZERO})
        quarters.append(
            {
                "label": current.label,
                "costs": _money(row["costs"]),
                "benefits": _money(row["benefits"]),
            }
        )
        current = current.next()

    verdict_counts: dict[str, int] = defaultdict(int)
    for row in rows:
        verdict_counts[row["verdict"]] += 1
    return {
        "schema": SNAPSHOT_SCHEMA,
        "period": {
            "year": year,
            "quarter": quarter,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "generated_at": timezone.now().isoformat(),
        "summary": {
            "invested_quarter": _money(q_costs),
            "invested_year": _money(y_costs),
            "invested_total": _money(all_costs),
            "benefits_quarter": _money(q_benefits),
            "benefits_year": _money(y_benefits),
            "benefits_total": _money(all_benefits),
            "net_total": _money(all_benefits - all_costs),
            "roi_quarter": _roi(q_benefits, q_costs),
            "roi_year": _roi(y_benefits, y_costs),
            "roi_total": _roi(all_benefits, all_costs),
            "paid_off": verdict_counts["paid_off"],
            "on_track": verdict_counts["on_track"],
            "needs_adjustment": verdict_counts["needs_adjustment"],
            "initiatives": len(rows),
        },
        "quarters": quarters,
        "departments": [
            {
                "name": name,
                "costs": _money(values["costs"]),
                "benefits": _money(values["benefits"]),
                "net": _money(values["benefits"] - values["costs"]),
                "roi": _roi(values["benefits"], values["costs"]),
            }
            for name, values in sorted(by_department.items())
        ],
        "initiatives": rows,
        "kpis": kpis,
        "kpi_tracks": {
            track.value: sum(1 for kpi in kpis if kpi["track"] == track.value) for track in KpiTrack
        },
        "scaling": scaling or {},
        "governance": governance or {},
    }
