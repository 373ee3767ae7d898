"""The dashboard's figures for a request: one computation for the page and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from core.roles import Cap, has_capability
from portfolio.dashboard.filters import DashboardFilters
from portfolio.figures import QuarterView, money_sections
from portfolio.figures.kpis import ATTENTION_TRACKS, kpi_counts, kpi_rows
from portfolio.figures.money import initiatives_section
from portfolio.figures.sections import governance_section, scaling_section

TOP_INITIATIVES = 15
KPI_ATTENTION = 25

MONEY_SECTIONS = ("summary", "quarters", "departments", "initiatives")


@dataclass(frozen=True)
class DashboardFigures:
    """The filters, the figures they give, and what the person may see of them."""

    filters: DashboardFilters
    snapshot: dict[str, Any]
    whole_register: bool
    sees_money: bool


def dashboard_snapshot(
    request: HttpRequest, *, filters: DashboardFilters | None = None
) -> DashboardFigures:
    """Every figure of the dashboard for the filters in the request's query string."""
    filters = filters or DashboardFilters.from_request(request)
    year, quarter = filters.year_quarter
    register_scope = filters.register_scope(request.user)
    view = QuarterView.of(year, quarter, scope=filters.figures_scope(request.user))
    counts = kpi_counts(view)
    # The figures of the report for this quarter, but only the rows the page shows: the
    # largest net benefits and the KPIs needing attention, sorted and cut in the database.
    snapshot = {
        **money_sections(view),
        "top": initiatives_section(view, order="net", limit=TOP_INITIATIVES),
        "kpi_attention": kpi_rows(
            view, tracks=ATTENTION_TRACKS, limit=KPI_ATTENTION, worst_first=True
        ),
        "kpi_attention_total": sum(counts[track] for track in ATTENTION_TRACKS),
        "kpi_tracks": counts,
        "scaling": scaling_section(actor=request.user, on=filters.as_of),
        "governance": governance_section(on=filters.as_of, initiatives=register_scope),
    }
    return DashboardFigures(
        filters=filters,
        snapshot=snapshot,
        whole_register=register_scope is None,
        sees_money=has_capability(request.user, Cap.VIEW_FINANCIALS),
    )


def dashboard_figures(request: HttpRequest) -> dict[str, Any]:
    """The figures as the API gives them: money only to roles with a financial view."""
    figures = dashboard_snapshot(request)
    snapshot = figures.snapshot
    data: dict[str, Any] = {
        "period": snapshot["period"],
        "whole_register": figures.whole_register,
        "kpi_tracks": snapshot["kpi_tracks"],
        "governance": snapshot["governance"],
        "scaling": snapshot["scaling"],
    }
    if figures.sees_money:
        data.update({key: snapshot[key] for key in ("summary", "quarters", "departments")})
    else:
        # Verdict counts and the number of initiatives carry no money.
        data["summary"] = {
            key: snapshot["summary"][key]
            for key in ("paid_off", "on_track", "needs_adjustment", "initiatives")
        }
    return data
