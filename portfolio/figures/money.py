"""Money sections: the summary tiles, the quarterly series, departments and every initiative.

All figures come from the ROI snapshots that `metrics` computed and stored (rounded to cents
once, when stored), so the dashboard, the report and the metrics pages agree to the cent.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from core.money import ZERO, roi_percent, round_money
from metrics.domain.progress import Verdict
from metrics.selectors import (
    roi_department_rows,
    roi_initiative_rows,
    roi_position,
    roi_quarterly_series,
    roi_totals,
)
from portfolio.figures.period import QuarterView


def money(value: Decimal | None) -> str:
    """An amount as the frozen JSON stores it: a string of a Decimal in cents."""
    return str(round_money(value if value is not None else ZERO))


def roi(benefits: Decimal, costs: Decimal) -> str | None:
    """ROI with one decimal as a string, or None when there are no costs."""
    value = roi_percent(benefits, costs)
    return None if value is None else str(value)


def _person(row: dict[str, Any]) -> str:
    """A person's name as the User model shows it, from the values of a row."""
    full = f"{row['initiative__owner__first_name']} {row['initiative__owner__last_name']}".strip()
    return full or row["initiative__owner__username"]


def quarterly_series(view: QuarterView) -> dict[datetime.date, dict[str, Any]]:
    """Realised costs and benefits per quarter the charts show (QUARTERS_SHOWN: the whole year
    to the chosen quarter, and more), in one query."""
    return roi_quarterly_series(view.series()[0].start, view.period.start, view.scope)


def _summed(
    series: dict[datetime.date, dict[str, Any]], start: datetime.date, end: datetime.date
) -> tuple[Decimal, Decimal]:
    rows = [row for quarter, row in series.items() if start <= quarter <= end]
    return (
        sum((row["costs"] or ZERO for row in rows), ZERO),
        sum((row["benefits"] or ZERO for row in rows), ZERO),
    )


def summary_section(
    view: QuarterView, *, series: dict[datetime.date, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Invested, realised benefits, net and ROI (quarter, year, total); initiatives per verdict.

    The quarter's and the year's totals are sums of the quarterly series (`series`, read once
    for the charts too), which spans the year to the chosen quarter.
    """
    start = view.period.start
    year_start = datetime.date(view.year, 1, 1)
    if series is None or view.series()[0].start > year_start:
        q_costs, q_benefits = roi_totals(start, start, view.scope)
        y_costs, y_benefits = roi_totals(year_start, start, view.scope)
    else:
        q_costs, q_benefits = _summed(series, start, start)
        y_costs, y_benefits = _summed(series, year_start, start)
    position = roi_position(start, view.scope)
    all_costs, all_benefits = position["costs"], position["benefits"]
    return {
        "invested_quarter": money(q_costs),
        "invested_year": money(y_costs),
        "invested_total": money(all_costs),
        "benefits_quarter": money(q_benefits),
        "benefits_year": money(y_benefits),
        "benefits_total": money(all_benefits),
        "net_total": money(all_benefits - all_costs),
        "roi_quarter": roi(q_benefits, q_costs),
        "roi_year": roi(y_benefits, y_costs),
        "roi_total": roi(all_benefits, all_costs),
        **{verdict.value: position[verdict.value] for verdict in Verdict},
        "initiatives": position["initiatives"],
    }


def quarters_section(
    view: QuarterView, *, series: dict[datetime.date, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Realised costs and benefits of the quarters the charts show, oldest first."""
    quarters = view.series()
    if series is None:
        series = quarterly_series(view)
    rows = []
    for quarter in quarters:
        row = series.get(quarter.start, {"costs": ZERO, "benefits": ZERO})
        rows.append(
            {
                "label": quarter.label,
                "costs": money(row["costs"]),
                "benefits": money(row["benefits"]),
            }
        )
    return rows


def _optional(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def initiative_row(row: dict[str, Any], view: QuarterView) -> dict[str, Any]:
    """One initiative's stored figures at the quarter as plain JSON."""
    payback = row["payback_month"]
    return {
        "id": row["initiative_id"],
        "title": row["initiative__title"],
        "department": row["initiative__department__name"],
        "stage": row["initiative__stage"],
        "owner": _person(row),
        "quarter": {
            "costs": money(row["costs"]),
            "benefits": money(row["benefits"]),
            "net": money(row["net"]),
            "roi": roi(row["benefits"], row["costs"]),
        },
        "cumulative": {
            "costs": money(row["cumulative_costs"]),
            "benefits": money(row["cumulative_benefits"]),
            "net": money(row["cumulative_net"]),
            "roi": _optional(row["cumulative_roi"]),
            "planned_benefits": _optional(row["planned_cumulative_benefits"]),
            "planned_roi": _optional(row["planned_cumulative_roi"]),
        },
        "payback_month": payback.isoformat() if payback and payback <= view.period.end else None,
        "verdict": row["verdict"] or Verdict.ON_TRACK.value,
        "reasons": list(row["verdict_reasons"]),
        "plan_share": _optional(row["plan_share"]),
        "kpis_off_track": list(row["kpis_off_track"]),
    }


def initiatives_section(
    view: QuarterView, *, order: str = "department", limit: int | None = None
) -> list[dict[str, Any]]:
    """Initiatives with figures at the quarter: this quarter, cumulative, plan, payback, verdict.

    Read from the stored snapshots, sorted and cut in the database (`order`: department, net
    or investment).
    """
    rows = roi_initiative_rows(view.period.start, view.scope, order=order, limit=limit)
    return [initiative_row(row, view) for row in rows]


def departments_section(view: QuarterView) -> list[dict[str, Any]]:
    """Cumulative costs, benefits, net and ROI per department, summed in the database."""
    return [
        {
            "name": row["name"],
            "costs": money(row["costs"]),
            "benefits": money(row["benefits"]),
            "net": money(row["benefits"] - row["costs"]),
            "roi": roi(row["benefits"], row["costs"]),
        }
        for row in roi_department_rows(view.period.start, view.scope)
    ]
