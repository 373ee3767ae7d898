"""Pages of the risks: the list with its heatmap, a risk with its history, the risk form."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance import rules, selectors, services
from governance.domain import risk as risk_domain
from governance.filters import RiskFilterSet
from governance.forms import RiskForm
from governance.history import history_entries
from governance.models import Risk
from governance.views.common import PAGE_SIZE, part_form_page, require_editor, require_reader


def _heatmap_chart(heatmap: risk_domain.Heatmap) -> dict[str, Any]:
    """Plotly figure of the heatmap for charts.js: rows likelihood 1–5, columns impact 1–5."""
    likelihood, impact, count = _("Likelihood"), _("Impact"), _("Open risks")
    return {
        "data": [
            {
                "type": "heatmap",
                "z": [list(row) for row in heatmap.counts],
                "x": [1, 2, 3, 4, 5],
                "y": [1, 2, 3, 4, 5],
                "colorscale": [[0, "#f4f6f9"], [0.5, "#e0a100"], [1, "#a3231f"]],
                "hovertemplate": f"{likelihood} %{{y}} · {impact} %{{x}}: %{{z}}<extra></extra>",
                "colorbar": {"title": {"text": count}},
                "texttemplate": "%{z}",
                # Gaps make Plotly draw each cell as a block: no smoothing between counts.
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
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
