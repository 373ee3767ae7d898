"""Money sections: the summary tiles, the quarterly series, departments and every initiative.

All figures come from the ROI snapshots that `metrics` computed and stored (rounded to cents
once, when stored), so the dashboard, the report and the metrics pages agree to the cent.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from core.money import ZERO, roi_percent, round_money
from initiatives.models import Initiative
from metrics.domain.progress import InvestmentFigures, judge_investment
from metrics.selectors import (
    roi_initiatives_with_figures,
    roi_latest_per_initiative,
    roi_quarter_rows,
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
    full = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
    return full or row["owner__username"]


def summary_section(view: QuarterView) -> dict[str, Any]:
    """Invested, realised benefits, net and ROI: this quarter, this year and in total."""
    start = view.period.start
    q_costs, q_benefits = roi_totals(start, start, view.scope)
    y_costs, y_benefits = roi_totals(datetime.date(view.year, 1, 1), start, view.scope)
    realised = roi_latest_per_initiative("realised", start, view.scope)
    all_costs = sum((r.cumulative_costs for r in realised.values()), ZERO)
    all_benefits = sum((r.cumulative_benefits for r in realised.values()), ZERO)
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
    }


def quarters_section(view: QuarterView) -> list[dict[str, Any]]:
    """Realised costs and benefits of the quarters the charts show, oldest first."""
    quarters = view.series()
    series = roi_quarterly_series(quarters[0].start, view.period.start, view.scope)
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


def initiatives_section(
    view: QuarterView, *, kpis_off_track: dict[int, list[str]]
) -> list[dict[str, Any]]:
    """Every initiative with figures: this quarter, cumulative, planned, payback and verdict."""
    start, end = view.period.start, view.period.end
    realised = roi_latest_per_initiative("realised", start, view.scope)
    planned = roi_latest_per_initiative("planned", start, view.scope)
    with_figures = roi_initiatives_with_figures(start, view.scope)
    columns = ("pk", "title", "stage", "department__name", "owner__first_name",
               "owner__last_name", "owner__username")  # fmt: skip
    initiatives = {
        row["pk"]: row for row in Initiative.objects.filter(pk__in=with_figures).values(*columns)
    }
    in_quarter = roi_quarter_rows(start, view.scope)
    rows = []
    for pk in sorted(set(realised) | set(planned)):
        initiative = initiatives[pk]
        real, plan = realised.get(pk), planned.get(pk)
        quarter_row = in_quarter.get(pk, {"costs": ZERO, "benefits": ZERO, "net": ZERO})
        cum_costs = real.cumulative_costs if real else ZERO
        cum_benefits = real.cumulative_benefits if real else ZERO
        judgement = judge_investment(
            InvestmentFigures(
                realised_costs=cum_costs,
                realised_benefits=cum_benefits,
                planned_benefits=plan.cumulative_benefits if plan else None,
                quarter_net=quarter_row["net"],
                kpis_off_track=tuple(kpis_off_track.get(pk, ())),
            )
        )
        rows.append(
            {
                "id": pk,
                "title": initiative["title"],
                "department": initiative["department__name"],
                "stage": initiative["stage"],
                "owner": _person(initiative),
                "quarter": {
                    "costs": money(quarter_row["costs"]),
                    "benefits": money(quarter_row["benefits"]),
                    "net": money(quarter_row["net"]),
                    "roi": roi(quarter_row["benefits"], quarter_row["costs"]),
                },
                "cumulative": {
                    "costs": money(cum_costs),
                    "benefits": money(cum_benefits),
                    "net": money(cum_benefits - cum_costs),
                    "roi": roi(cum_benefits, cum_costs),
                    "planned_benefits": money(plan.cumulative_benefits) if plan else None,
                    "planned_roi": roi(plan.cumulative_benefits, plan.cumulative_costs)
                    if plan
                    else None,
                },
                "payback_month": real.payback_month.isoformat()
                if real and real.payback_month and real.payback_month <= end
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
    return rows


def departments_section(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cumulative costs, benefits, net and ROI per department, from the initiative rows."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"costs": ZERO, "benefits": ZERO})
    for row in rows:
        department = totals[row["department"]]
        department["costs"] += Decimal(row["cumulative"]["costs"])
        department["benefits"] += Decimal(row["cumulative"]["benefits"])
    return [
        {
            "name": name,
            "costs": money(values["costs"]),
            "benefits": money(values["benefits"]),
            "net": money(values["benefits"] - values["costs"]),
            "roi": roi(values["benefits"], values["costs"]),
        }
        for name, values in sorted(totals.items())
    ]
