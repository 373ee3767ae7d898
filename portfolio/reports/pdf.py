"""Render the quarterly report to PDF with WeasyPrint, charts as SVG data URIs."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from portfolio.reports import charts


@dataclass(frozen=True)
class RenderedReport:
    """The PDF bytes, how many pages it has and whether the charts made it in."""

    pdf: bytes
    pages: int
    charts_included: bool


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_charts(snapshot: dict[str, Any]) -> dict[str, str] | None:
    """The report's charts as data URIs, or None when they cannot be exported here."""
    currency = settings.PORTFOLIO_CURRENCY
    figures = {
        "costs_vs_benefits": charts.costs_vs_benefits(snapshot["quarters"], currency),
        "net_by_department": charts.net_by_department(snapshot["departments"], currency),
    }
    rendered = {}
    for name, figure in figures.items():
        height = 380 if name == "costs_vs_benefits" else max(220, 45 * len(snapshot["departments"]))
        svg = charts.to_svg(figure, width=900, height=height)
        if svg is None:
            return None
        rendered[name] = _data_uri(svg)
    return rendered


def report_html(context: dict[str, Any], *, with_charts: bool = True) -> tuple[str, bool]:
    """The report as print HTML, and whether the charts made it in."""
    chart_uris = report_charts(context["snapshot"]) if with_charts else None
    titles = [
        ("paid_off", _("Investments that paid off")),
        ("on_track", _("Investments on track")),
        ("needs_adjustment", _("Where adjustments are needed, and why")),
    ]
    rows = context["snapshot"]["initiatives"]
    verdict_sections = [
        (verdict, title, [row for row in rows if row["verdict"] == verdict])
        for verdict, title in titles
    ]
    html = render_to_string(
        "reports/quarterly.html",
        {
            **context,
            "charts": chart_uris,
            "currency": settings.PORTFOLIO_CURRENCY,
            "verdict_sections": verdict_sections,
        },
    )
    return html, chart_uris is not None


def render_report(context: dict[str, Any], *, with_charts: bool = True) -> RenderedReport:
    """Lay out the report as HTML and let WeasyPrint paginate it."""
    from weasyprint import HTML

    html, charts_included = report_html(context, with_charts=with_charts)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return RenderedReport(
        pdf=document.write_pdf(), pages=len(document.pages), charts_included=charts_included
    )
