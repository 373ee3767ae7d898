"""The figures of the dashboard and the quarterly report, one small builder per section.

Each builder asks the owning app's selectors for its part (money and KPIs from `metrics`, the
register from `governance`, stages from `initiatives`) and returns plain JSON: money as strings
of Decimals rounded to cents, ROI as a string with one decimal or None. `build_snapshot` puts
the sections together for one quarter; the dashboard calls only the builders it shows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from initiatives.models import Initiative
from portfolio.figures.kpis import kpi_counts, kpi_rows
from portfolio.figures.money import (
    departments_section,
    initiatives_section,
    quarterly_series,
    quarters_section,
    summary_section,
)
from portfolio.figures.period import QuarterView, quarter_period

# 2: the period says as of which day its realised figures count (`as_of`, `to_date`).
SNAPSHOT_SCHEMA = 2

__all__ = ["SNAPSHOT_SCHEMA", "QuarterView", "build_snapshot", "money_sections", "quarter_period"]


def money_sections(view: QuarterView) -> dict[str, Any]:
    """What the report and the dashboard both open with: the period and its money totals."""
    series = quarterly_series(view)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "period": view.as_json(),
        "generated_at": timezone.now().isoformat(),
        "summary": summary_section(view, series=series),
        "quarters": quarters_section(view, series=series),
        "departments": departments_section(view),
    }


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
    view = QuarterView.of(year, quarter, scope=scope)
    return {
        **money_sections(view),
        "initiatives": initiatives_section(view),
        "kpis": kpi_rows(view),
        "kpi_tracks": kpi_counts(view),
        "scaling": scaling or {},
        "governance": governance or {},
    }
