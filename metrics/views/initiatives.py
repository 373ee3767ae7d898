"""An initiative's metrics page and the fragments it refreshes: KPI quick entry, scaling estimate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import require
from core.http import is_htmx
from initiatives.models import Initiative
from metrics import panels, rules, selectors, services
from metrics.domain.scaling_cost import PilotCosts, ScalingEstimate, estimate_scaling_cost
from metrics.forms import MeasurementForm, ScalingCostForm


def _panel_page_context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return {
        "initiative": initiative,
        "kpi_panel": panels.kpi_panel_context(request, initiative),
        "financial_panel": panels.financial_panel_context(request, initiative),
        "scaling_panel": panels.scaling_panel_context(request, initiative),
    }


def initiative_metrics_view(request: HttpRequest, pk: int) -> HttpResponse:
    """KPIs, costs, ROI and scaling estimate of one initiative, as on the initiative page."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    return render(
        request, "metrics/initiative_metrics.html", _panel_page_context(request, initiative)
    )


@require_POST
def measurement_quick_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a quick-entry row and answer with the refreshed KPI panel (or go back without htmx)."""
    kpi = selectors.kpi_get(user=request.user, pk=pk)
    initiative = kpi.initiative
    require(rules.can_log_measurements(request.user, initiative))
    form = MeasurementForm(request.POST, prefix=f"kpi{kpi.pk}")
    saved = False
    if form.is_valid():
        try:
            services.measurement_create(actor=request.user, kpi=kpi, data=form.cleaned_data)
            saved = True
        except ValidationError as error:
            form.add_service_errors(error)
    if not is_htmx(request):
        if saved:
            messages.success(request, _("Measurement saved."))
        else:
            messages.error(request, "; ".join(str(m) for ms in form.errors.values() for m in ms))
        # `next` comes from the form: only a path on this site, never another host.
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("metrics:kpi-detail", args=[kpi.pk])
        return redirect(back)
    context = panels.kpi_panel_context(request, initiative, bound=None if saved else (kpi.pk, form))
    context = {**(context or {}), "saved_kpi": kpi.pk if saved else None}
    return render(
        request,
        "metrics/panels/kpis.html",
        {"panel": context, "initiative": initiative},
        status=200,
    )


def scaling_estimate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The scaling cost estimate for the numbers in the form (an htmx fragment)."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    selectors.require_financial_view(request.user)
    form = ScalingCostForm(request.GET or None, auto_id="scaling_%s")
    estimate = _scaling_estimate(form) if form.is_valid() else None
    split = selectors.pilot_cost_split(initiative=initiative)
    context = {"form": form, "estimate": estimate, "split": split}
    template = (
        "metrics/partials/scaling_result.html" if is_htmx(request) else "metrics/scaling_cost.html"
    )
    return render(request, template, {"panel": context, "initiative": initiative})


def _scaling_estimate(form: ScalingCostForm) -> ScalingEstimate | None:
    """The domain's scaling estimate for a valid ScalingCostForm."""
    data = form.cleaned_data
    try:
        pilot = PilotCosts(
            fixed=data["fixed"],
            variable=data["variable"],
            units=data["pilot_units"],
            basis=data["basis"],
        )
        return estimate_scaling_cost(
            pilot, data["target_units"], fixed_at_scale=data.get("fixed_at_scale")
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return None
