"""The dashboard's panels, each built from the figures of portfolio.figures."""

from __future__ import annotations

from typing import Any, TypedDict

from django.urls import reverse
from django.utils.http import urlencode

from initiatives.choices import FORWARD_STAGES, SIDE_STAGES
from initiatives.selectors import stage_counts
from portfolio.dashboard.filters import DashboardFilters
from portfolio.reports import charts


class FunnelStage(TypedDict):
    """One stage of the funnel, with the link to its initiatives."""

    stage: str
    label: str
    count: int
    url: str
    forward: bool


def funnel_panel(filters: DashboardFilters) -> list[FunnelStage]:
    """Initiatives per stage in the chosen department, each linking to its list.

    The forward stages come first, in order (the funnel); on hold, stopped and retired follow,
    shown beside the funnel rather than below production as if they were later stages.
    """
    counts = stage_counts(queryset=filters.in_department)
    list_url = reverse("initiatives:initiative-list")
    return [
        {
            "stage": stage.value,
            "label": str(stage.label),
            "count": counts[stage.value],
            "url": list_url + "?" + urlencode({**filters.department_query, "stage": stage.value}),
            "forward": stage in FORWARD_STAGES,
        }
        for stage in (*FORWARD_STAGES, *SIDE_STAGES)
    ]


def kpi_attention(snapshot: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The KPIs off track, then at risk, with links; and how many more there are."""
    detail_url = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    shown = [
        {**kpi, "url": detail_url.format(kpi["initiative_id"])} for kpi in snapshot["kpi_attention"]
    ]
    return shown, max(0, snapshot["kpi_attention_total"] - len(shown))


def chart_figures(
    funnel: list[FunnelStage], snapshot: dict[str, Any], *, sees_money: bool
) -> dict[str, Any]:
    """The panels' charts as plotly.js figures; money charts only for those who see money."""
    figures = {
        "funnel": charts.stage_funnel(
            [(row["label"], row["count"]) for row in funnel if row["forward"]]
        )
    }
    if sees_money:
        figures["costs_vs_benefits"] = charts.costs_vs_benefits(snapshot["quarters"])
        figures["net_by_department"] = charts.net_by_department(snapshot["departments"])
    return figures
