"""Render the quarterly report to PDF with WeasyPrint, charts as SVG data URIs."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portfolio.reports import charts, layout


@dataclass(frozen=True)
class RenderedReport:
    """The PDF bytes, how many pages it has and whether the charts made it in."""

    pdf: bytes
    pages: int
    charts_included: bool


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT), *(Path(p) for p in settings.STATICFILES_DIRS)]
    return [root.resolve() for root in roots]


def url_fetcher() -> Any:
    """A WeasyPrint fetcher that reads only data: URIs and our own static files.

    The report's HTML is escaped, but a name such as `<img src="http://...">` that ever slipped
    through must not make the worker fetch from the network or read other files on disk.
    """
    from weasyprint.urls import URLFetcher

    class _OwnFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in _allowed_roots()):
                    return super().fetch(url, headers)
            raise ValueError(f"the report may not load {parts.scheme or 'this'} URL {url[:80]}")

    return _OwnFilesOnly(timeout=5, allowed_protocols=("data", "file"))


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# Charts are 900 px wide across the 180 mm of a portrait page (0.2 mm a pixel). The department
# chart grows with the departments but stops where it would no longer fit on one page below its
# heading: an image taller than the page runs off its bottom edge, axis and all.
CHART_WIDTH = 900
DEPARTMENT_BAR_HEIGHT = 45
DEPARTMENT_CHART_HEIGHT = (220, 1100)


def department_chart_height(departments: int) -> int:
    """The height in pixels of the net-benefit chart for this many departments."""
    low, high = DEPARTMENT_CHART_HEIGHT
    return min(high, max(low, DEPARTMENT_BAR_HEIGHT * departments))


def report_charts(snapshot: dict[str, Any]) -> dict[str, str] | None:
    """The report's charts as data URIs, or None when they cannot be exported here."""
    figures = {
        "costs_vs_benefits": (charts.costs_vs_benefits(snapshot["quarters"]), 380),
        "net_by_department": (
            charts.net_by_department(snapshot["departments"]),
            department_chart_height(len(snapshot["departments"])),
        ),
    }
    rendered = {}
    for name, (figure, height) in figures.items():
        svg = charts.to_svg(figure, width=CHART_WIDTH, height=height)
        if svg is None:
            return None
        rendered[name] = _data_uri(svg)
    return rendered


def report_html(context: dict[str, Any], *, with_charts: bool = True) -> tuple[str, bool]:
    """The report as print HTML, and whether the charts made it in."""
    snapshot = context["snapshot"]
    chart_uris = report_charts(snapshot) if with_charts else None
    generated = snapshot.get("generated_at")
    html = render_to_string(
        "reports/quarterly.html",
        {
            **context,
            "charts": chart_uris,
            "currency": settings.PORTFOLIO_CURRENCY,
            "time_zone": settings.TIME_ZONE,
            "language": translation.get_language() or "en",
            "as_of": layout.as_of(snapshot),
            "period_start": datetime.date.fromisoformat(snapshot["period"]["start"]),
            "period_end": datetime.date.fromisoformat(snapshot["period"]["end"]),
            "generated_at": datetime.datetime.fromisoformat(generated) if generated else None,
            "verdict_sections": layout.verdict_sections(snapshot["initiatives"]),
            "appendix": layout.appendix(snapshot["initiatives"]),
            "kpi_attention": layout.kpis_off_track(snapshot.get("kpis", [])),
            "definitions": layout.definitions(),
        },
    )
    return html, chart_uris is not None


def render_report(context: dict[str, Any], *, with_charts: bool = True) -> RenderedReport:
    """Lay out the report as HTML and let WeasyPrint paginate it."""
    from weasyprint import HTML

    html, charts_included = report_html(context, with_charts=with_charts)
    document = HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=url_fetcher()
    ).render()
    return RenderedReport(
        pdf=document.write_pdf(), pages=len(document.pages), charts_included=charts_included
    )
