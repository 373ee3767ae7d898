"""One chart definition for the screen and for paper, as plain Plotly figure dictionaries.

The dashboard sends these figures to plotly.js as JSON; the PDF gets the same figures as static
SVG from Kaleido, which drives a Chromium kept open once per worker process. Without Chromium the
report still renders, with tables, and says that charts were unavailable.

Figures are plain dictionaries (building plotly.graph_objects validates every attribute and
costs tens of milliseconds a chart). Numbers follow the person's language through core.formatting:
the axes use its decimal and thousands marks and euro placement, the hover text shows the exact
amount exactly as the tables do. Only bar traces are used, so a small plotly.js bundle suffices.
"""

from __future__ import annotations

import logging
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import formatting

logger = logging.getLogger(__name__)

# Black-and-white printers must tell series apart: dark/light fills plus hatching.
COST_COLOUR = "#3b3f45"
BENEFIT_COLOUR = "#9db4d3"
STAGE_COLOUR = "#1f4f8f"
FONT = {"family": "DejaVu Sans, sans-serif", "size": 12, "color": "#1b1f24"}

_export_lock = threading.Lock()
_export_state: dict[str, Any] = {"started": False, "failed": False}

Figure = dict[str, Any]


def _language() -> str:
    return (get_language() or "en")[:2]


def _currency() -> str:
    return str(getattr(settings, "PORTFOLIO_CURRENCY", "EUR"))


def _money_axis(title: str) -> dict[str, Any]:
    """An axis of amounts: grouped whole units; the currency stands in the axis title.

    (A tick prefix would read "€−50,000" for negative values, so the sign goes in the title.)
    """
    symbol = formatting.currency_symbol(language=_language(), currency=_currency())
    return {
        "title": {"text": f"{title} ({symbol})"},
        "tickformat": ",.0f",
        "automargin": True,
        "zeroline": True,
        "zerolinecolor": "#1b1f24",
    }


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": FONT,
        "separators": formatting.chart_format(language=_language()).separators,
        "margin": {"t": 30, "r": 10, "b": 50, "l": 70},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.25},
    }
    layout.update(extra)
    return layout


def _exact(values: list[Any]) -> list[str]:
    """Hover texts: the exact amount in the person's format."""
    return [formatting.money(v, language=_language(), currency=_currency()) for v in values]


def _number(value: Any) -> float:
    # Plotly needs JSON numbers; the exact amount travels as text beside it (hover, tables).
    return float(Decimal(value))


def costs_vs_benefits(quarters: list[dict[str, Any]]) -> Figure:
    """Costs against realised benefits per quarter."""
    labels = [q["label"] for q in quarters]
    costs = [q["costs"] for q in quarters]
    benefits = [q["benefits"] for q in quarters]
    hover = "%{x}: %{customdata}<extra>%{fullData.name}</extra>"
    return {
        "data": [
            {
                "type": "bar",
                "name": _("Costs"),
                "x": labels,
                "y": [_number(v) for v in costs],
                "customdata": _exact(costs),
                "hovertemplate": hover,
                "marker": {"color": COST_COLOUR},
            },
            {
                "type": "bar",
                "name": _("Realised benefits"),
                "x": labels,
                "y": [_number(v) for v in benefits],
                "customdata": _exact(benefits),
                "hovertemplate": hover,
                "marker": {
                    "color": BENEFIT_COLOUR,
                    "pattern": {"shape": "/", "fgcolor": "#1b1f24"},
                },
            },
        ],
        "layout": _layout(
            barmode="group",
            xaxis={"title": {"text": _("Quarter")}, "type": "category"},
            yaxis=_money_axis(_("Amount")),
        ),
    }


def net_by_department(departments: list[dict[str, Any]]) -> Figure:
    """Cumulative net benefit per department (negative bars are dark and hatched)."""
    names = [d["name"] for d in departments]
    nets = [d["net"] for d in departments]
    negative = [Decimal(v) < 0 for v in nets]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Net benefit"),
                "x": [_number(v) for v in nets],
                "y": names,
                "customdata": _exact(nets),
                "hovertemplate": "%{y}: %{customdata}<extra></extra>",
                "marker": {
                    "color": [COST_COLOUR if n else BENEFIT_COLOUR for n in negative],
                    "pattern": {"shape": ["x" if n else "" for n in negative]},
                },
            }
        ],
        "layout": _layout(
            xaxis=_money_axis(_("Cumulative net benefit")),
            yaxis={"title": {"text": _("Department")}, "automargin": True, "autorange": "reversed"},
            margin={"t": 20, "r": 10, "b": 50, "l": 10},
            showlegend=False,
        ),
    }


def stage_funnel(counts: list[tuple[str, int]]) -> Figure:
    """Initiatives per forward stage, from idea at the top to production at the bottom."""
    top = max((count for _label, count in counts), default=0)
    # Counts are whole: over a small range the automatic ticks would fall between them.
    whole = {"tick0": 0, "dtick": 1} if top <= 5 else {}
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [count for _label, count in counts],
                "y": [label for label, _count in counts],
                "text": [str(count) for _label, count in counts],
                "textposition": "auto",
                "hovertemplate": "%{y}: %{x}<extra></extra>",
                "marker": {"color": STAGE_COLOUR},
                "name": _("Initiatives"),
            }
        ],
        "layout": _layout(
            xaxis={
                "title": {"text": _("Initiatives")},
                "tickformat": ",d",
                "rangemode": "tozero",
                **whole,
            },
            yaxis={"title": {"text": _("Stage")}, "automargin": True, "autorange": "reversed"},
            margin={"t": 10, "r": 10, "b": 50, "l": 10},
            showlegend=False,
        ),
    }


# The bar-only bundle the dashboard loads: Kaleido reloads its page after every chart, and
# parsing the full plotly.js bundle each time costs more than drawing the chart.
PLOTLY_BUNDLE = "vendor/plotly/plotly-cartesian.min.js"


def _plotly_bundle() -> str | None:
    """The path of the small plotly.js bundle, or None for the full one that plotly ships."""
    from django.contrib.staticfiles import finders

    found = finders.find(PLOTLY_BUNDLE)
    if isinstance(found, str):
        return found
    collected = Path(settings.STATIC_ROOT) / PLOTLY_BUNDLE
    return str(collected) if collected.is_file() else None


def _start_export() -> bool:
    """Start Kaleido's browser once per process; remember a failure so we do not retry forever."""
    with _export_lock:
        if _export_state["started"]:
            return True
        if _export_state["failed"]:
            return False
        try:
            import kaleido
            import plotly.io as pio

            pio.defaults.headers = None
            kaleido.start_sync_server(n=1, mathjax=False, plotlyjs=_plotly_bundle())
        except Exception:
            logger.warning(
                "chart export unavailable: Kaleido could not start Chromium", exc_info=True
            )
            _export_state["failed"] = True
            return False
        _export_state["started"] = True
        return True


def to_svg(figure: Figure, *, width: int = 900, height: int = 380) -> str | None:
    """The figure as SVG text, or None when charts cannot be exported here."""
    if not _start_export():
        return None
    try:
        import plotly.io as pio

        svg = pio.to_image(figure, format="svg", width=width, height=height, validate=False)
    except Exception:
        logger.warning("chart export failed", exc_info=True)
        return None
    return svg.decode() if isinstance(svg, bytes) else str(svg)
