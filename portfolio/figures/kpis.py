"""KPI progress against plan: every KPI's track in the quarter, and the counts per track."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from metrics.domain.progress import KpiTrack
from metrics.selectors import kpi_tracks
from portfolio.figures.period import QuarterView


def kpi_section(view: QuarterView) -> dict[str, Any]:
    """The KPI rows, their counts per track and the off-track KPI names per initiative."""
    rows = kpi_tracks(view.initiatives, view.period.end)
    off_track: dict[int, list[str]] = defaultdict(list)
    for kpi in rows:
        if kpi["track"] == KpiTrack.OFF_TRACK:
            off_track[kpi["initiative_id"]].append(kpi["name"])
    counts = {
        track.value: sum(1 for kpi in rows if kpi["track"] == track.value) for track in KpiTrack
    }
    return {"rows": rows, "counts": counts, "off_track_by_initiative": dict(off_track)}
