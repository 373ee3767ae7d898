"""One Plotly figure definition for the screen and for paper.

The dashboard sends these figures to plotly.js as JSON; the PDF gets the same figures as static
SVG from Kaleido, which drives a Chromium kept open once per worker process. Without Chromium the
report still renders, with tables, and says that charts were unavailable.
"""

from __future__ import annotations

import logging
import threading
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Black-and-white printers must tell series apart: dark/light fills plus hatching.
COST_COLOUR = "#3b3f45"
BENEFIT_COLOUR = "#9db4d3"
FONT = {"family": "DejaVu Sans, sans-serif", "size": 12, "color": "#1b1f24"}

# Decimal and thousands separators per language, for numbers inside charts.
SEPARATORS = {"en": ".,", "nl": ",.", "de": ",.", "sv": ", "}

_export_lock = threading.Lock()
_export_state: dict[str, Any] = {"started": False, "failed": False}


def separators(language: str | None = None) -> str:
    """Plotly's `separators` for the active language."""
    return SEPARATORS.get((language or get_language() or "en")[:2], ".,")


def _base_layout(**extra: Any) -> dict[str, Any]:
    layout = {
        "font": FONT,
        "separators": separators(),
        "margin": {"t": 30, "r": 10, "b": 50, "l": 70},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2},
    }
    layout.update(extra)
    return layout


def costs_vs_benefits(quarters: list[dict[str, Any]], currency: str) -> go.Figure:
    """Costs against realised benefits per quarter."""
    labels = [q["label"] for q in quarters]
    figure = go.Figure(
        [
            go.Bar(
                name=_("Costs"),
                x=labels,
                y=[Decimal(q["costs"]) for q in quarters],
                marker={"color": COST_COLOUR},
            ),
            go.Bar(
                name=_("Benefits"),
                x=labels,
                y=[Decimal(q["benefits"]) for q in quarters],
                marker={"color": BENEFIT_COLOUR, "pattern": {"shape": "/", "fgcolor": "#1b1f24"}},
            ),
        ]
    )
    figure.update_layout(
        **_base_layout(barmode="group", yaxis={"title": {"text": currency}, "tickformat": ",.0f"})
    )
    return figure


def net_by_department(departments: list[dict[str, Any]], currency: str) -> go.Figure:
    """Cumulative net benefit per department (negative bars are hatched)."""
    names = [d["name"] for d in departments]
    values = [Decimal(d["net"]) for d in departments]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker={
                "color": [BENEFIT_COLOUR if v >= 0 else COST_COLOUR for v in values],
                "pattern": {"shape": ["" if v >= 0 else "x" for v in values]},
            },
            name=_("Net benefit"),
        )
    )
    figure.update_layout(
        **_base_layout(
            xaxis={"title": {"text": currency}, "tickformat": ",.0f"},
            margin={"t": 20, "r": 10, "b": 50, "l": 180},
            showlegend=False,
        )
    )
    return figure


def stage_funnel(counts: list[tuple[str, int]]) -> go.Figure:
    """Initiatives per lifecycle stage."""
    figure = go.Figure(
        go.Funnel(
            y=[label for label, _count in counts],
            x=[count for _label, count in counts],
            marker={"color": "#1f4f8f"},
            textinfo="value",
        )
    )
    figure.update_layout(**_base_layout(margin={"t": 10, "r": 10, "b": 10, "l": 150}))
    return figure


def to_json(figure: go.Figure) -> dict[str, Any]:
    """The figure as plotly.js expects it (data and layout), through Plotly's own encoder."""
    import json

    import plotly.io as pio

    return json.loads(pio.to_json(figure, validate=False))


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
            kaleido.start_sync_server(n=1, mathjax=False)
        except Exception:
            logger.warning(
                "chart export unavailable: Kaleido could not start Chromium", exc_info=True
            )
            _export_state["failed"] = True
            return False
        _export_state["started"] = True
        return True


def to_svg(figure: go.Figure, *, width: int = 900, height: int = 380) -> str | None:
    """The figure as SVG text, or None when charts cannot be exported here."""
    if not _start_export():
        return None
    try:
        import plotly.io as pio

        svg = pio.to_image(figure, format="svg", width=width, height=height)
    except Exception:
        logger.warning("chart export failed", exc_info=True)
        return None
    return svg.decode() if isinstance(svg, bytes) else str(svg)
