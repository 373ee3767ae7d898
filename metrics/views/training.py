"""The pages where finance books training spend as costs of the initiatives it serves, or as
training spend of the organisation as a whole."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from core.history import history_entries
from core.http import id_param
from initiatives.models import Initiative
from metrics.models import TrainingCost
from metrics.rules import can_edit_financials
from metrics.selectors.scope import initiative_list
from metrics.selectors.training import (
    initiative_choices,
    organisation_training_spend,
    training_cost_plans,
    training_cost_row,
    training_cost_rows_of,
)
from metrics.services.financials import _finance_only
from metrics.services.training import training_cost_remove, training_cost_sync
from metrics.views.common import PAGE_SIZE
from people import exports
from people.models import TrainingPlan
from people.selectors import training_plan_list

# The value of the choice "the organisation as a whole" in the booking forms.
ORGANISATION = "organisation"


def _book(request: HttpRequest, plan: TrainingPlan) -> str | None:
    """Book `plan` on the initiative or the organisation chosen in the POST; the error if not."""
    choice = request.POST.get("initiative", "").strip()
    initiative: Initiative | None = None
    if choice != ORGANISATION:
        initiative_id = id_param(choice)
        initiative = (
            initiative_list(user=request.user).filter(pk=initiative_id).first()
            if initiative_id is not None
            else None
        )
        if initiative is None:
            return _("Choose the initiative the training serves, or the organisation.")
    try:
        training_cost_sync(
            actor=request.user, plan=plan, initiative=initiative, today=timezone.localdate()
        )
    except ValidationError as exc:
        return " ".join(exc.messages)
    if initiative is None:
        messages.success(
            request,
            _("%(title)s is booked as training spend of the organisation.") % {"title": plan.title},
        )
    else:
        messages.success(
            request,
            _("%(title)s is booked as a training cost of %(initiative)s.")
            % {"title": plan.title, "initiative": initiative.title},
        )
    return None


@require_http_methods(["GET", "POST"])
def training_costs_view(request: HttpRequest) -> HttpResponse:
    """Booked and completed training with its booking, searchable and paged, and the
    organisation's own training spend per quarter."""
    require(can_edit_financials(request.user), _finance_only())
    status = 200
    if request.method == "POST":
        # Any plan finance can read: one not booked or completed yet is refused by the service
        # with its reason, not with a 404.
        plan = get_object_or_404(
            training_plan_list(user=request.user), pk=id_param(request.POST.get("plan")) or 0
        )
        error = _book(request, plan)
        if error is None:
            return redirect("metrics:training-costs")
        messages.error(request, error)
        status = 400
    query = request.GET.get("q", "")
    page = Paginator(training_cost_plans(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    return render(
        request,
        "metrics/training_costs.html",
        {
            "rows": training_cost_rows_of(page.object_list),
            "page_obj": page,
            "query": " ".join(query.split()),
            "export_formats": exports.EXPORT_FORMATS,
            "organisation": organisation_training_spend(
                user=request.user, year=today.year, today=today
            ),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def training_cost_book_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Book one training: search the initiative it serves (or choose the organisation), book it
    again after the plan changed, or take it off the costs."""
    require(can_edit_financials(request.user), _finance_only())
    row = training_cost_row(user=request.user, pk=pk)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            if row.link is None:
                messages.error(request, _("The training is not booked."))
                status = 400
            else:
                training_cost_remove(actor=request.user, link=row.link)
                messages.success(
                    request,
                    _("%(title)s is no longer booked as a cost. The history keeps the booking.")
                    % {"title": row.plan.title},
                )
                return redirect("metrics:training-costs")
        else:
            error = _book(request, row.plan)
            if error is None:
                return redirect("metrics:training-costs")
            messages.error(request, error)
            status = 400
    query = request.GET.get("q", "")
    current = row.cost.initiative if row.cost is not None else None
    return render(
        request,
        "metrics/training_cost_book.html",
        {
            "row": row,
            "query": " ".join(query.split()),
            "choices": initiative_choices(user=request.user, query=query, current=current),
            "current": current,
            "organisation_value": ORGANISATION,
            # By plan, so a booking taken off the costs still shows who did it and when.
            "history": history_entries(TrainingCost.history.filter(plan_id=row.plan.pk)),
            "cancel_url": reverse("metrics:training-costs"),
        },
        status=status,
    )


def training_costs_export_view(request: HttpRequest) -> HttpResponse:
    """The training costs found (the search of the page) as CSV or XLSX, one row per plan."""
    require(can_edit_financials(request.user), _finance_only())
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.EXPORT_FORMATS:
        return HttpResponse(_("Unknown export format or filter."), status=400)
    rows = training_cost_rows_of(
        training_cost_plans(user=request.user, query=request.GET.get("q", ""))
    )
    header = [
        "plan_id",
        "person",
        "title",
        "status",
        "budget_eur",
        "booked_as",
        "initiative_id",
        "initiative",
        "amount_eur",
        "date",
        "in_line_with_plan",
    ]
    table = [
        [
            row.plan.pk,
            row.plan.person.name,
            row.plan.title,
            row.plan.status,
            row.plan.budget,
            ("initiative" if row.cost else ORGANISATION) if row.link else "",
            row.cost.initiative_id if row.cost else "",
            row.cost.initiative.title if row.cost else "",
            row.booked_amount if row.booked_amount is not None else "",
            row.booked_on.isoformat() if row.booked_on else "",
            ("yes" if row.in_line else "no") if row.link else "",
        ]
        for row in rows
    ]
    return exports.export_response(
        header,
        table,
        stem="training-costs",
        sheet="Training costs",
        export_format=export_format,
        today=timezone.localdate(),
    )
