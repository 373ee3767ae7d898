"""The dashboard page: parse the filters, build the panels, render."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from core.http import htmx_target
from governance.definitions import FIGURES as GOVERNANCE_FIGURES
from governance.selectors import CURRENT_SYSTEMS_QUERY
from metrics.definitions import FIGURES as METRICS_FIGURES
from portfolio.dashboard import cache, panels
from portfolio.dashboard.figures import dashboard_snapshot
from portfolio.dashboard.filters import DashboardFilters

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
    """Funnel, matrix, ROI, costs against benefits, KPIs, scaling and governance at a glance.

    The panels are rendered once per scope, filters, language and data version and then read
    from the cache (portfolio.dashboard.cache); any write to the data makes a new version.
    """
    filters = DashboardFilters.from_request(request)
    body = cache.get_or_render(request, filters, lambda: _render_body(request, filters))
    if htmx_target(request) == "dashboard-body":
        # The filter fields come along out of band, so their messages follow the new values.
        fields = render_to_string(
            "portfolio/partials/dashboard_filter_fields.html",
            {"form": filters.form, "oob": True},
            request=request,
        )
        response = HttpResponse(body + fields)
        # The address bar shows the view's own address (valid filters only), to reload or share.
        response["HX-Push-Url"] = _address(filters)
        return response
    return render(request, "portfolio/dashboard.html", {"form": filters.form, "body": body})


def _address(filters: DashboardFilters) -> str:
    query = urlencode(filters.query)
    return reverse("dashboard") + (f"?{query}" if query else "")


def _render_body(request: HttpRequest, filters: DashboardFilters) -> str:
    figures = dashboard_snapshot(request, filters=filters)
    snapshot, sees_money = figures.snapshot, figures.sees_money
    period = filters.period
    funnel = panels.funnel_panel(filters)
    attention, attention_more = panels.kpi_attention(snapshot)
    query = urlencode(filters.department_query)
    list_url = reverse("initiatives:initiative-list") + "?" + query
    high_risk_url = reverse("governance:system-list") + "?risk_class=high&" + CURRENT_SYSTEMS_QUERY
    # Every figure is formatted here in one language; the template only places the text.
    fmt = panels.Formats(get_language(), settings.PORTFOLIO_CURRENCY)
    rows = panels.table_rows(snapshot, funnel, attention, fmt)
    context = {
        "period": period,
        "snapshot": snapshot,
        "funnel": funnel,
        "top": snapshot["top"],
        "kpi_attention": attention,
        "kpi_attention_more": attention_more,
        "rows": rows,
        "html": panels.table_html(rows, verdict_title=str(DEFINITIONS["verdict"].definition)),
        "money_tiles": panels.money_tiles(snapshot, DEFINITIONS, fmt, list_url=list_url),
        "kpi_tiles": panels.kpi_tiles(snapshot, DEFINITIONS, fmt),
        "scaling_tiles": panels.scaling_tiles(snapshot, DEFINITIONS, fmt, sees_money=sees_money),
        "governance_tiles": panels.governance_tiles(
            snapshot, DEFINITIONS, fmt, high_risk_url=high_risk_url
        ),
        "figures": panels.chart_figures(funnel, snapshot, sees_money=sees_money),
        "sees_money": sees_money,
        "as_of": snapshot["period"]["as_of"],
        "whole_register": figures.whole_register,
        "definitions": DEFINITIONS,
        "money_definitions": [DEFINITIONS[key] for key in MONEY_KEYS],
        "governance_definitions": [DEFINITIONS[key] for key in GOVERNANCE_KEYS],
        "matrix_url": reverse("initiatives:initiative-matrix") + "?" + query,
        "list_url": list_url,
    }
    # The body needs nothing of the request (no form, no person, no nonce): rendered without
    # it, the context processors of the page around it do not run a second time.
    return render_to_string("portfolio/partials/dashboard_body.html", context)
