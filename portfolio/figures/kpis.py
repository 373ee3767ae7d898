"""KPI progress against plan: the stored track of every KPI at the quarter, counted in SQL."""

from __future__ import annotations

from typing import Any

from metrics.selectors import kpi_status_rows, kpi_track_counts
from portfolio.figures.period import QuarterView

ATTENTION_TRACKS = ("off_track", "at_risk")


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def kpi_row(row: dict[str, Any]) -> dict[str, Any]:
    """One KPI's stored status at the quarter as plain JSON."""
    return {
        "initiative_id": row["initiative_id"],
        "kpi_id": row["kpi_id"],
        "name": row["kpi__name"],
        "unit": row["kpi__unit"],
        "latest_value": _optional(row["latest_value"]),
        "latest_on": row["latest_on"].isoformat() if row["latest_on"] else None,
        "planned_value": _optional(row["planned_value"]),
        "target_value": _optional(row["target_value"]),
        "progress": _optional(row["progress"]),
        "track": row["track"],
    }


def kpi_counts(view: QuarterView) -> dict[str, int]:
    """KPIs per track at the quarter (one query)."""
    return kpi_track_counts(view.period.start, view.scope)


def kpi_rows(
    view: QuarterView,
    *,
    tracks: tuple[str, ...] | None = None,
    limit: int | None = None,
    worst_first: bool = False,
) -> list[dict[str, Any]]:
    """KPIs at the quarter, off track first, then at risk: each by name (one query), or
    furthest behind plan first (`worst_first`, one query per track)."""
    rows = kpi_status_rows(
        view.period.start, view.scope, tracks=tracks, limit=limit, worst_first=worst_first
    )
    return [kpi_row(row) for row in rows]
