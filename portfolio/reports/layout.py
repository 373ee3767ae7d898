"""What the quarterly report shows where: summaries up front, exact figures in the appendix.

A board reads the first pages; finance checks the appendix. Verdict sections list the largest
investments of each verdict (compact money) and say how many more there are; the appendix lists
every initiative with exact money in a landscape table, up to PORTFOLIO_REPORT_APPENDIX_ROWS
rows (the largest investments first when there are more), and always states the totals of all
initiatives, so the totals are exact whatever the size of the portfolio; beyond the limit the
totals table shows the listed rows and the others together above them, so each column adds up.
Every row of every initiative is in the CSV and JSON of the same version.

The limit keeps the PDF a document to read and quick to make: WeasyPrint takes some 10 to 25 ms
an appendix row on two cores, so 500 rows are about 28 landscape pages and 5 to 12 seconds,
where all 10,000 initiatives of a large portfolio would be some 550 pages and several minutes.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.money import ZERO, roi_percent
from governance.definitions import FIGURES as GOVERNANCE_FIGURES
from metrics.definitions import FIGURES as METRICS_FIGURES

VERDICT_TITLES = (
    ("paid_off", _("Investments that paid off")),
    ("on_track", _("Investments on track")),
    ("needs_adjustment", _("Where adjustments are needed, and why")),
)
ROWS_PER_VERDICT = 15
KPIS_LISTED = 25


def _investment(row: dict[str, Any]) -> Decimal:
    return Decimal(row["cumulative"]["costs"])


def verdict_sections(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per verdict: its largest investments (by cumulative costs), and how many are not shown."""
    sections = []
    for verdict, title in VERDICT_TITLES:
        matching = [row for row in rows if row["verdict"] == verdict]
        matching.sort(key=_investment, reverse=True)
        sections.append(
            {
                "verdict": verdict,
                "title": title,
                "rows": matching[:ROWS_PER_VERDICT],
                "total": len(matching),
                "more": max(0, len(matching) - ROWS_PER_VERDICT),
            }
        )
    return sections


def appendix(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The appendix rows (by department and title) and the totals of every initiative."""
    limit = int(getattr(settings, "PORTFOLIO_REPORT_APPENDIX_ROWS", 500))
    shown, hidden = rows, []
    if len(rows) > limit:
        keep = {row["id"] for row in sorted(rows, key=_investment, reverse=True)[:limit]}
        shown = [row for row in rows if row["id"] in keep]
        hidden = [row for row in rows if row["id"] not in keep]

    def total(part: list[dict[str, Any]], section: str, key: str) -> Decimal:
        return sum((Decimal(row[section][key]) for row in part), ZERO)

    def sums(part: list[dict[str, Any]]) -> dict[str, Any]:
        costs, benefits = total(part, "cumulative", "costs"), total(part, "cumulative", "benefits")
        return {
            "quarter_costs": total(part, "quarter", "costs"),
            "quarter_benefits": total(part, "quarter", "benefits"),
            "costs": costs,
            "benefits": benefits,
            "net": total(part, "cumulative", "net"),
            "roi": roi_percent(benefits, costs) if costs > 0 else None,
        }

    return {
        "rows": shown,
        "limit": limit,
        "count": len(rows),
        "hidden": len(hidden),
        "hidden_costs": total(hidden, "cumulative", "costs"),
        "hidden_benefits": total(hidden, "cumulative", "benefits"),
        # The listed rows and the others side by side above the totals: each column adds up.
        "listed": sums(shown),
        "others": sums(hidden),
        "totals": sums(rows),
    }


def kpis_off_track(kpis: list[dict[str, Any]]) -> dict[str, Any]:
    """The KPIs off track, then at risk, by name: the first KPIS_LISTED and the count of all."""
    attention = [k for k in kpis if k["track"] in ("off_track", "at_risk")]
    attention.sort(key=lambda k: (k["track"] != "off_track", k["name"]))
    return {"rows": attention[:KPIS_LISTED], "more": max(0, len(attention) - KPIS_LISTED)}


def definitions() -> list[Any]:
    """Every figure's definition, for the methods page."""
    return [*METRICS_FIGURES.values(), *GOVERNANCE_FIGURES.values()]


def as_of(snapshot: dict[str, Any]) -> datetime.date | None:
    """The day the realised figures count to (older reports: the quarter's end)."""
    period = snapshot.get("period", {})
    text = period.get("as_of") or period.get("end")
    return datetime.date.fromisoformat(text) if text else None
