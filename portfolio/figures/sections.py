"""Scaling and governance sections, read from the metrics and governance selectors."""

from __future__ import annotations

import datetime
from typing import Any

from governance.selectors import register_status
from metrics.selectors import scaling_overview


def _ratio(part: int, whole: int) -> str | None:
    return None if whole == 0 else str(round(part * 100 / whole, 1))


def scaling_section(*, actor: Any, on: datetime.date) -> dict[str, Any]:
    """Breadth, depth, diversity and sustainability as plain JSON (impact is the money
    section's realised benefits, so it is not read here)."""
    overview = scaling_overview(user=actor, today=on, with_impact=False)
    return {
        "month": overview.month.label if overview.month else None,
        "breadth": {
            "departments_using": overview.breadth.numerator,
            "departments": overview.breadth.denominator,
            "percent": _ratio(overview.breadth.numerator, overview.breadth.denominator),
        },
        "diversity": overview.diversity,
        "departments": [
            {
                "name": row.department.name,
                "headcount": row.department.headcount,
                "active_users": row.depth.numerator,
                "depth_percent": _ratio(row.depth.numerator, row.depth.denominator),
                "trend": str(row.trend.trend),
                "change_percent": str(row.trend.change_percent)
                if row.trend.change_percent is not None
                else None,
            }
            for row in overview.departments
        ],
    }


def governance_section(*, on: datetime.date, initiatives: Any = None) -> dict[str, Any]:
    """Register coverage, high-risk systems, overdue reviews and open high risks on a date."""
    status = register_status(on=on, initiatives=initiatives)
    coverage = status["register_coverage"]
    coverage["percent"] = _ratio(coverage["registered"], coverage["initiatives"])
    return status
