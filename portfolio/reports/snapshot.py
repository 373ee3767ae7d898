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

from django.db.models import QuerySet
from django.utils import timezone

from core.money import ZERO, roi_percent, round_money
from core.periods import Period, PeriodKind
from initiatives.models import Initiative
from metrics.domain.progress import InvestmentFigures, KpiTrack, judge_investment
from metrics.selectors import (
    kpi_tracks,
    roi_initiatives_with_figures,
    roi_latest_per_initiative,
    roi_quarter_rows,
    roi_quarterly_series,
    roi_totals,
)

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
    realised = roi_latest_per_initiative("realised", period.start, scope)
    planned = roi_latest_per_initiative("planned", period.start, scope)
    ids = sorted(set(realised) | set(planned))
    # The initiatives with figures, as a subquery: thousands of ids never travel as a list.
    with_figures = roi_initiatives_with_figures(period.start, scope)
    columns = ("pk", "title", "stage", "department__name", "owner__first_name",
               "owner__last_name", "owner__username")  # fmt: skip
    initiatives = {
        row["pk"]: row for row in Initiative.objects.filter(pk__in=with_figures).values(*columns)
    }
    in_quarter = roi_quarter_rows(period.start, scope)
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
        return roi_totals(start, end, scope)

    q_costs, q_benefits = totals(period.start, period.start)
    y_costs, y_benefits = totals(year_start, period.start)
    all_costs = sum((r.cumulative_costs for r in realised.values()), ZERO)
    all_benefits = sum((r.cumulative_benefits for r in realised.values()), ZERO)

    first_series_quarter = period
    for _ in range(QUARTERS_SHOWN - 1):
        first_series_quarter = first_series_quarter.previous()
    series = roi_quarterly_series(first_series_quarter.start, period.start, scope)
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
