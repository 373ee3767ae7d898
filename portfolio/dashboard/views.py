"""The dashboard page: parse the filters, build the panels, render."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from core.http import htmx_target
from governance.definitions import FIGURES as GOVERNANCE_FIGURES
from governance.selectors import CURRENT_SYSTEMS_QUERY
from metrics.definitions import FIGURES as METRICS_FIGURES
from portfolio.dashboard import panels
from portfolio.dashboard.figures import dashboard_snapshot

DEFINITIONS = {**METRICS_FIGURES, **GOVERNANCE_FIGURES}
MONEY_KEYS = (
    "invested_quarter",
    "invested_total",
    "benefits_quarter",
    "net_total",
    "roi",
    "verdict",
)
GOVERNANCE_KEYS = ("register_coverage", "high_risk_systems", "overdue_reviews", "open_high_risks")


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Funnel, matrix, ROI, costs against benefits, KPIs, scaling and governance at a glance."""
    figures = dashboard_snapshot(request)
    filters, snapshot, sees_money = figures.filters, figures.snapshot, figures.sees_money
    period = filters.period
    funnel = panels.funnel_panel(filters)
    attention, attention_more = panels.kpi_attention(snapshot)
    query = urlencode(filters.department_query)
    context = {
        "form": filters.form,
        "period": period,
        "snapshot": snapshot,
        "funnel": funnel,
        "top": snapshot["top"],
        "kpi_attention": attention,
        "kpi_attention_more": attention_more,
        "figures": panels.chart_figures(funnel, snapshot, sees_money=sees_money),
        "sees_money": sees_money,
        "as_of": snapshot["period"]["as_of"],
        "whole_register": figures.whole_register,
        "high_risk_url": reverse("governance:system-list")
        + "?risk_class=high&"
        + CURRENT_SYSTEMS_QUERY,
        "definitions": DEFINITIONS,
        "money_definitions": [DEFINITIONS[key] for key in MONEY_KEYS],
        "governance_definitions": [DEFINITIONS[key] for key in GOVERNANCE_KEYS],
        "currency": settings.PORTFOLIO_CURRENCY,
        "matrix_url": reverse("initiatives:initiative-matrix") + "?" + query,
        "list_url": reverse("initiatives:initiative-list") + "?" + query,
        # QueryDict.items() gives each key's last value: a str (the stubs allow an empty list).
        "filters_query": urlencode(
            cast("dict[str, str]", {k: v for k, v in request.GET.items() if v})
        ),
    }
    template = "portfolio/dashboard.html"
    if htmx_target(request) == "dashboard-body":
        template = "portfolio/partials/dashboard_body.html"
    return render(request, template, context)
