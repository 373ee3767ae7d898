"""The page where finance books training spend as costs of the initiatives it serves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from core.http import id_param
from initiatives.selectors import initiative_list
from metrics.rules import can_edit_financials
from metrics.selectors.training import training_cost_rows
from metrics.services.financials import _finance_only
from metrics.services.training import training_cost_sync
from people.selectors import training_plan_list


@require_http_methods(["GET", "POST"])
def training_costs_view(request: HttpRequest) -> HttpResponse:
    """Booked and completed training with its cost item; "Book as a cost" of a chosen initiative."""
    require(can_edit_financials(request.user), _finance_only())
    initiatives = list(initiative_list(user=request.user).select_related(None).only("pk", "title"))
    status = 200
    if request.method == "POST":
        plan_id, initiative_id = request.POST.get("plan", ""), request.POST.get("initiative", "")
        plan = get_object_or_404(training_plan_list(user=request.user), pk=id_param(plan_id) or 0)
        initiative = next((i for i in initiatives if str(i.pk) == initiative_id), None)
        if initiative is None:
            messages.error(request, _("Choose the initiative the training serves."))
            status = 400
        else:
            try:
                training_cost_sync(
                    actor=request.user,
                    plan=plan,
                    initiative=initiative,
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
            else:
                messages.success(
                    request,
                    _("%(title)s is booked as a training cost of %(initiative)s.")
                    % {"title": plan.title, "initiative": initiative.title},
                )
                return redirect("metrics:training-costs")
    return render(
        request,
        "metrics/training_costs.html",
        {"rows": training_cost_rows(user=request.user), "initiatives": initiatives},
        status=status,
    )
