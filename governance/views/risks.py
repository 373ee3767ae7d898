"""Pages of the risks: the list with its heatmap, a risk with its history, the risk form."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pages import with_choice_labels
from governance import rules, selectors, services
from governance.domain import risk as risk_domain
from governance.filters import RiskFilterSet
from governance.forms import RiskForm
from governance.history import history_entries
from governance.models import Risk
from governance.views.common import PAGE_SIZE, part_form_page, require_editor, require_reader

# Severity bands (likelihood × impact) as colours, light to dark, distinct in grey scale too.
_BAND_ORDER = (
    risk_domain.RiskBand.LOW,
    risk_domain.RiskBand.MEDIUM,
    risk_domain.RiskBand.HIGH,
    risk_domain.RiskBand.CRITICAL,
)
_BAND_COLOURS = ("#e8efe6", "#f2d27a", "#e07b39", "#a3231f")


def _heatmap_chart(heatmap: risk_domain.Heatmap) -> dict[str, Any]:
    """Plotly heatmap: each cell coloured by its severity band, labelled with its open risks."""
    likelihood, impact, count = _("Likelihood"), _("Impact"), _("Open risks")
    band_names = {
        risk_domain.RiskBand.LOW: _("Low"),
        risk_domain.RiskBand.MEDIUM: _("Medium"),
        risk_domain.RiskBand.HIGH: _("High"),
        risk_domain.RiskBand.CRITICAL: _("Critical"),
    }
    levels = range(1, 6)
    bands = [[risk_domain.band(row * col) for col in levels] for row in levels]
    # A discrete colour scale: band index 0–3 maps to one flat colour each.
    scale = []
    for index, colour in enumerate(_BAND_COLOURS):
        scale += [[index / 4, colour], [(index + 1) / 4, colour]]
    return {
        "data": [
            {
                "type": "heatmap",
                "z": [[_BAND_ORDER.index(b) + 0.5 for b in row] for row in bands],
                "zmin": 0,
                "zmax": 4,
                "x": list(levels),
                "y": list(levels),
                "text": [[str(n) for n in row] for row in heatmap.counts],
                "customdata": [[str(band_names[b]) for b in row] for row in bands],
                "colorscale": scale,
                "showscale": False,
                "hovertemplate": f"{likelihood} %{{y}} · {impact} %{{x}} · %{{customdata}}: "
                f"%{{text}} {count.lower()}<extra></extra>",
                "texttemplate": "%{text}",
                "xgap": 2,
                "ygap": 2,
            }
        ],
        "layout": {
            "margin": {"t": 20, "r": 10, "b": 50, "l": 60},
            "xaxis": {"title": {"text": impact}, "dtick": 1},
            "yaxis": {"title": {"text": likelihood}, "dtick": 1},
            "height": 380,
        },
    }


def risk_list_view(request: HttpRequest) -> HttpResponse:
    """All risks in scope, with a heatmap of the open ones (and the same as a table)."""
    require_reader(request)
    filterset = RiskFilterSet(request.GET, queryset=selectors.risk_list(user=request.user))
    page = with_choice_labels(
        Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")), "category", "status"
    )
    heatmap = selectors.risk_heatmap(risks=filterset.qs)
    return render(
        request,
        "governance/risk_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "heatmap": heatmap,
            "heatmap_rows": heatmap.rows_for_display(),
            "chart": _heatmap_chart(heatmap),
        },
    )


def risk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One risk with its scores and history."""
    require_reader(request)
    risk = selectors.risk_get(user=request.user, pk=pk)
    return render(
        request,
        "governance/risk_detail.html",
        {
            "risk": risk,
            "band": risk_domain.band(risk.score),
            "residual_band": risk_domain.band(risk.residual_score) if risk.residual_score else None,
            "history": history_entries(Risk, risk.history.all()),
            "can_edit": rules.can_edit_risk(request.user, risk),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_edit_view(
    request: HttpRequest, pk: int | None = None, system_pk: int | None = None
) -> HttpResponse:
    """Add a risk to a system, or change one."""
    require_editor(request)
    return part_form_page(
        request,
        name="risk",
        pk=pk,
        system_pk=system_pk,
        get=selectors.risk_get,
        form_class=RiskForm,
        create=services.risk_create,
        update=services.risk_update,
        saved=_("The risk was saved."),
    )
