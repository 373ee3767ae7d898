"""Pages of the metrics app: thin views that parse input, call a selector or service, render."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import require
from core.history import history_entries
from core.http import is_htmx
from core.roles import Cap, has_capability
from initiatives.models import Initiative
from metrics import panels, rules, scaling, selectors, services
from metrics.forms import (
    AdoptionForm,
    BenefitForm,
    CostForm,
    ImportForm,
    KpiForm,
    MeasurementForm,
    ScalingCostForm,
    ServiceForm,
)
from metrics.services import imports
from metrics.services.imports import COLUMNS, TEMPLATE_EXAMPLE, TEMPLATE_EXAMPLE_BY_NAME

PAGE_SIZE = 25


def _form_page(
    request: HttpRequest,
    *,
    form: ServiceForm,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success_url: str,
    cancel_url: str,
    success_message: str,
) -> HttpResponse:
    """Render a form; on a valid POST call the service and show its errors next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    status = 400 if form.errors else 200
    return render(
        request,
        "metrics/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=status,
    )


def _confirm_delete(
    request: HttpRequest, *, title: str, what: str, delete: Callable[[], Any], success_url: str
) -> HttpResponse:
    """Ask before deleting; the history keeps the deleted record."""
    if request.method == "POST":
        delete()
        messages.success(request, _("Deleted. The change history keeps a record of it."))
        return redirect(success_url)
    return render(
        request,
        "metrics/confirm_delete.html",
        {"title": title, "what": what, "cancel_url": success_url},
    )


def _team(initiative: Initiative) -> Any:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(Q(pk=initiative.owner_id) | Q(member_initiatives=initiative))
        .distinct()
        .order_by("username")
    )


# --- Initiative metrics page and panels -------------------------------------------------------


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
    estimate = scaling.estimate_from_form(form) if form.is_valid() else None
    context = {"form": form, "estimate": estimate, "split": panels.pilot_cost_split(initiative)}
    template = (
        "metrics/partials/scaling_result.html" if is_htmx(request) else "metrics/scaling_cost.html"
    )
    return render(request, template, {"panel": context, "initiative": initiative})


# --- KPIs and measurements --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def kpi_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Define a KPI for an initiative."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    require(rules.can_manage_kpis(request.user, initiative))
    form = KpiForm(request.POST or None, team=_team(initiative))
    back = reverse("metrics:initiative-metrics", args=[initiative.pk])
    return _form_page(
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
    from metrics.models import Kpi

    kpi = selectors.kpi_get(user=request.user, pk=pk)
    page = Paginator(selectors.measurement_list(user=request.user, kpi=kpi), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    status = next(
        s
        for s in selectors.kpi_statuses(user=request.user, initiative=kpi.initiative)
        if s.kpi.pk == kpi.pk
    )
    context = {
        "kpi": kpi,
        "status": status,
        "page_obj": page,
        "chart": selectors.kpi_charts(kpis=[kpi])[kpi.pk],
        "chart_id": f"kpi-chart-{kpi.pk}",
        "can_manage": rules.can_manage_kpis(request.user, kpi.initiative),
        "can_log": rules.can_log_measurements(request.user, kpi.initiative),
        "quick_form": MeasurementForm(prefix=f"kpi{kpi.pk}"),
        "kpi_history": history_entries(Kpi.history.filter(id=kpi.pk)),
        "measurement_history": selectors.measurement_history(kpi=kpi),
    }
    return render(request, "metrics/kpi_detail.html", context)


@require_http_methods(["GET", "POST"])
def kpi_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a KPI's definition."""
    kpi = selectors.kpi_get(user=request.user, pk=pk)
    require(rules.can_manage_kpis(request.user, kpi.initiative))
    fields = list(KpiForm.base_fields)
    form = KpiForm(
        request.POST or None,
        initial={field: getattr(kpi, field) for field in fields},
        team=_team(kpi.initiative),
    )
    back = reverse("metrics:kpi-detail", args=[kpi.pk])
    return _form_page(
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
    return _confirm_delete(
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
        initial={
            "value": measurement.value,
            "measured_on": measurement.measured_on,
            "note": measurement.note,
        },
    )
    back = reverse("metrics:kpi-detail", args=[measurement.kpi_id])
    return _form_page(
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
    return _confirm_delete(
        request,
        title=_("Delete measurement"),
        what=_("the value %(value)s of %(day)s")
        % {"value": measurement.value, "day": measurement.measured_on.isoformat()},
        delete=lambda: services.measurement_delete(actor=request.user, measurement=measurement),
        success_url=reverse("metrics:kpi-detail", args=[measurement.kpi_id]),
    )


# --- Costs and benefits -----------------------------------------------------------------------


def financial_overview_view(request: HttpRequest) -> HttpResponse:
    """Every initiative the person may see with its costs and realised ROI to date."""
    page = Paginator(selectors.financial_overview(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "metrics/financial_overview.html", {"page_obj": page})


def initiative_financials_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Costs, benefits and ROI per period (planned beside realised) of one initiative."""
    from metrics.models import Benefit, CostItem

    initiative = selectors.initiative_get(user=request.user, pk=pk)
    grain = request.GET.get("grain", "quarter")
    if grain not in ("month", "quarter", "year"):
        grain = "quarter"
    costs = selectors.cost_list(user=request.user, initiative=initiative).order_by(
        "start_date", "id"
    )
    context = {
        "initiative": initiative,
        "costs": costs,
        "benefits": selectors.benefit_list(user=request.user, initiative=initiative).order_by(
            "start_date", "id"
        ),
        "roi": selectors.roi_table(user=request.user, initiative=initiative, grain=grain),
        "grain": grain,
        "can_edit": rules.can_edit_financials(request.user),
        "cost_history": selectors.records_history(
            CostItem.history.filter(initiative_id=initiative.pk)
        ),
        "benefit_history": selectors.records_history(
            Benefit.history.filter(initiative_id=initiative.pk)
        ),
    }
    return render(request, "metrics/initiative_financials.html", context)


def _financials_url(initiative_id: int) -> str:
    return reverse("metrics:initiative-financials", args=[initiative_id])


@require_http_methods(["GET", "POST"])
def cost_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a cost."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return _form_page(
        request,
        form=CostForm(request.POST or None),
        title=_("New cost for %(title)s") % {"title": initiative.title},
        save=lambda data: services.cost_create(
            actor=request.user, initiative=initiative, data=data
        ),
        success_url=_financials_url(initiative.pk),
        cancel_url=_financials_url(initiative.pk),
        success_message=_("Cost booked. The ROI is being recomputed."),
    )


@require_http_methods(["GET", "POST"])
def cost_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a cost."""
    cost = selectors.cost_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    initial = {field: getattr(cost, field) for field in CostForm.base_fields}
    return _form_page(
        request,
        form=CostForm(request.POST or None, initial=initial),
        title=_("Change cost"),
        save=lambda data: services.cost_update(actor=request.user, cost=cost, data=data),
        success_url=_financials_url(cost.initiative_id),
        cancel_url=_financials_url(cost.initiative_id),
        success_message=_("Cost changed. The ROI is being recomputed."),
    )


@require_http_methods(["GET", "POST"])
def cost_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a cost."""
    cost = selectors.cost_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return _confirm_delete(
        request,
        title=_("Delete cost"),
        what=str(cost),
        delete=lambda: services.cost_delete(actor=request.user, cost=cost),
        success_url=_financials_url(cost.initiative_id),
    )


@require_http_methods(["GET", "POST"])
def benefit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a direct benefit."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return _form_page(
        request,
        form=BenefitForm(request.POST or None),
        title=_("New benefit for %(title)s") % {"title": initiative.title},
        save=lambda data: services.benefit_create(
            actor=request.user, initiative=initiative, data=data
        ),
        success_url=_financials_url(initiative.pk),
        cancel_url=_financials_url(initiative.pk),
        success_message=_("Benefit recorded. The ROI is being recomputed."),
    )


@require_http_methods(["GET", "POST"])
def benefit_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a direct benefit."""
    benefit = selectors.benefit_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    initial = {field: getattr(benefit, field) for field in BenefitForm.base_fields}
    return _form_page(
        request,
        form=BenefitForm(request.POST or None, initial=initial),
        title=_("Change benefit"),
        save=lambda data: services.benefit_update(actor=request.user, benefit=benefit, data=data),
        success_url=_financials_url(benefit.initiative_id),
        cancel_url=_financials_url(benefit.initiative_id),
        success_message=_("Benefit changed. The ROI is being recomputed."),
    )


@require_http_methods(["GET", "POST"])
def benefit_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a direct benefit."""
    benefit = selectors.benefit_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return _confirm_delete(
        request,
        title=_("Delete benefit"),
        what=str(benefit),
        delete=lambda: services.benefit_delete(actor=request.user, benefit=benefit),
        success_url=_financials_url(benefit.initiative_id),
    )


# --- Import -----------------------------------------------------------------------------------

_IMPORT_SESSION_KEY = "metrics_import_files"


@require_http_methods(["GET", "POST"])
def measurement_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a file and see a preview with row errors; saving runs as a job with progress."""
    require(has_capability(request.user, Cap.LOG_MEASUREMENTS))
    result = None
    token = ""
    form = ImportForm()
    if request.method == "POST" and "token" in request.POST:
        return _import_commit(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = imports.read_upload(upload, upload.name, upload.size)
            except imports.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                result = imports.measurement_import(actor=request.user, rows=rows, dry_run=True)
                if not result.errors and result.valid:
                    token = _keep_upload(request, upload, rows=len(rows))
    return render(
        request,
        "metrics/import.html",
        {"form": form, "result": result, "token": token, "columns": COLUMNS},
        status=400 if form.errors else 200,
    )


def _keep_upload(request: HttpRequest, upload: Any, *, rows: int) -> str:
    """Store the previewed file until the person commits it; the session remembers whose it is.

    One pending preview per session: a new preview discards the file of the previous one.
    """
    upload.seek(0)
    filename = upload.name.rsplit("/", 1)[-1]
    name = imports.import_file_keep(data=upload.read(), filename=filename)
    for pending in request.session.get(_IMPORT_SESSION_KEY, {}).values():
        imports.import_file_discard(pending["file"] if isinstance(pending, dict) else pending)
    token = uuid.uuid4().hex
    request.session[_IMPORT_SESSION_KEY] = {
        token: {"file": name, "filename": filename, "rows": rows}
    }
    return token


def _import_commit(request: HttpRequest) -> HttpResponse:
    files = request.session.get(_IMPORT_SESSION_KEY, {})
    pending = files.pop(request.POST["token"], None)
    request.session[_IMPORT_SESSION_KEY] = files
    if not isinstance(pending, dict) or not default_storage.exists(pending["file"]):
        messages.error(request, _("That preview has expired; upload the file again."))
        return redirect("metrics:measurement-import")
    job = imports.measurement_import_enqueue(
        actor=request.user,
        stored_name=pending["file"],
        filename=pending["filename"],
        rows=pending["rows"],
    )
    return redirect("metrics:measurement-import-job", pk=job.pk)


def measurement_import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The import job's page; the progress fragment polls itself while the job runs."""
    job = imports.measurement_import_job_get(user=request.user, job_id=pk)
    context = {"job": job, "progress": imports.measurement_import_status(job)}
    if is_htmx(request):
        return render(request, "metrics/partials/import_progress.html", context)
    return render(request, "metrics/import_job.html", context)


def import_template_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """A file with the import columns and two example rows, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = [COLUMNS, TEMPLATE_EXAMPLE, TEMPLATE_EXAMPLE_BY_NAME]
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=False)
        sheet = workbook.create_sheet("measurements", 0)
        workbook.remove(workbook.worksheets[1])
        for row in rows:
            sheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measurements-template.{fmt}"'
    return response


# --- Adoption ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def adoption_view(request: HttpRequest) -> HttpResponse:
    """Monthly active users per department and the scaling metrics they give."""
    can_edit = rules.can_edit_adoption(request.user)
    form = AdoptionForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        require(can_edit)
        assert form is not None
        if form.is_valid():
            data = dict(form.cleaned_data)
            department = data.pop("department")
            try:
                services.adoption_record(actor=request.user, department=department, data=data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Adoption figure saved."))
                return redirect("metrics:adoption")
    page = Paginator(selectors.adoption_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page,
        "can_edit": can_edit,
        "metrics": scaling.scaling_overview(user=request.user),
    }
    return render(
        request, "metrics/adoption.html", context, status=400 if form and form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def adoption_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an adoption figure."""
    record = selectors.adoption_get(user=request.user, pk=pk)
    require(rules.can_edit_adoption(request.user))
    return _confirm_delete(
        request,
        title=_("Delete adoption figure"),
        what=f"{record.department} {record.month:%Y-%m}",
        delete=lambda: services.adoption_delete(actor=request.user, record=record),
        success_url=reverse("metrics:adoption"),
    )
