"""Pages of KPIs and their measurements: define, show, change and delete."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from metrics import rules, selectors, services
from metrics.forms import KpiForm, MeasurementForm
from metrics.services.kpis import MEASUREMENT_FIELDS
from metrics.views.common import PAGE_SIZE, confirm_delete, form_page


@require_http_methods(["GET", "POST"])
def kpi_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Define a KPI for an initiative."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    require(rules.can_manage_kpis(request.user, initiative))
    form = KpiForm(request.POST or None, team=selectors.kpi_owner_candidates(initiative=initiative))
    back = reverse("metrics:initiative-metrics", args=[initiative.pk])
    return form_page(
        request,
        form=form,
        title=_("New KPI for %(title)s") % {"title": initiative.title},
        save=lambda data: services.kpi_create(actor=request.user, initiative=initiative, data=data),
        success_url=back,
        cancel_url=back,
        success_message=_("KPI defined."),
    )


def kpi_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One KPI: definition, chart, measurements with edit and delete, history."""
    kpi = selectors.kpi_get(user=request.user, pk=pk)
    page = Paginator(selectors.measurement_list(user=request.user, kpi=kpi), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "kpi": kpi,
        "status": selectors.kpi_status(user=request.user, kpi=kpi),
        "page_obj": page,
        "chart": selectors.kpi_charts(kpis=[kpi])[kpi.pk],
        "chart_id": f"kpi-chart-{kpi.pk}",
        "can_manage": rules.can_manage_kpis(request.user, kpi.initiative),
        "can_log": rules.can_log_measurements(request.user, kpi.initiative),
        "quick_form": MeasurementForm(prefix=f"kpi{kpi.pk}"),
        "kpi_history": selectors.kpi_history(kpi=kpi),
        "measurement_history": selectors.measurement_history(kpi=kpi),
    }
    return render(request, "metrics/kpi_detail.html", context)


@require_http_methods(["GET", "POST"])
def kpi_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a KPI's definition."""
    kpi = selectors.kpi_get(user=request.user, pk=pk)
    require(rules.can_manage_kpis(request.user, kpi.initiative))
    form = KpiForm(
        request.POST or None,
        initial={field: getattr(kpi, field) for field in KpiForm.base_fields},
        team=selectors.kpi_owner_candidates(initiative=kpi.initiative),
    )
    back = reverse("metrics:kpi-detail", args=[kpi.pk])
    return form_page(
        request,
        form=form,
        title=_("Change KPI %(name)s") % {"name": kpi.name},
        save=lambda data: services.kpi_update(actor=request.user, kpi=kpi, data=data),
        success_url=back,
        cancel_url=back,
        success_message=_("KPI changed."),
    )


@require_http_methods(["GET", "POST"])
def kpi_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a KPI and its measurements."""
    kpi = selectors.kpi_get(user=request.user, pk=pk)
    require(rules.can_manage_kpis(request.user, kpi.initiative))
    return confirm_delete(
        request,
        title=_("Delete KPI"),
        what=_("the KPI %(name)s and its %(count)d measurements")
        % {"name": kpi.name, "count": kpi.measurement_count},
        delete=lambda: services.kpi_delete(actor=request.user, kpi=kpi),
        success_url=reverse("metrics:initiative-metrics", args=[kpi.initiative_id]),
    )


@require_http_methods(["GET", "POST"])
def measurement_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one's own measurement."""
    measurement = selectors.measurement_get(user=request.user, pk=pk)
    require(rules.can_change_measurement(request.user, measurement))
    form = MeasurementForm(
        request.POST or None,
        initial={field: getattr(measurement, field) for field in MEASUREMENT_FIELDS},
    )
    back = reverse("metrics:kpi-detail", args=[measurement.kpi_id])
    return form_page(
        request,
        form=form,
        title=_("Correct measurement of %(name)s") % {"name": measurement.kpi.name},
        save=lambda data: services.measurement_update(
            actor=request.user, measurement=measurement, data=data
        ),
        success_url=back,
        cancel_url=back,
        success_message=_("Measurement corrected."),
    )


@require_http_methods(["GET", "POST"])
def measurement_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one's own measurement."""
    measurement = selectors.measurement_get(user=request.user, pk=pk)
    require(rules.can_change_measurement(request.user, measurement))
    return confirm_delete(
        request,
        title=_("Delete measurement"),
        what=_("the value %(value)s of %(day)s")
        % {"value": measurement.value, "day": measurement.measured_on.isoformat()},
        delete=lambda: services.measurement_delete(actor=request.user, measurement=measurement),
        success_url=reverse("metrics:kpi-detail", args=[measurement.kpi_id]),
    )
