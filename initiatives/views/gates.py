"""Gate requests: a team asks for the stage-gate decision; leadership works through the queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import Refused
from core.roles import Cap
from initiatives import rules, selectors, services
from initiatives.choices import Stage
from initiatives.forms import GateRequestForm
from initiatives.models import GateRequest, Initiative
from initiatives.views.common import PAGE_SIZE, require_capability


@require_http_methods(["GET", "POST"])
def gate_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's request for a gate decision, with a note; shows the open request if any."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not rules.can_request_gate(request.user, initiative):
        raise PermissionDenied
    open_request = selectors.open_gate_request(initiative=initiative)
    form = GateRequestForm(request.POST or None)
    refusal = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.gate_request(
                    actor=request.user, initiative=initiative, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            except Refused as exc:
                refusal, status = exc.message, exc.status_code
                open_request = selectors.open_gate_request(initiative=initiative)
            else:
                messages.success(
                    request, _("Your request was sent to everyone who decides stage gates.")
                )
                return redirect("initiatives:initiative-detail", pk=pk)
        else:
            status = 400
    return _request_page(request, initiative, form, open_request, refusal, status)


def _request_page(
    request: HttpRequest,
    initiative: Initiative,
    form: GateRequestForm,
    open_request: GateRequest | None,
    refusal: str,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "initiatives/gate_request.html",
        {
            "initiative": initiative,
            "form": form,
            "open_request": open_request,
            "in_pilot": initiative.stage == Stage.PILOT,
            "refusal": refusal,
        },
        status=status,
    )


@require_POST
def gate_request_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an open gate request; a closed one answers 409 with the reason."""
    gate_request = selectors.gate_request_get(user=request.user, pk=pk)
    try:
        services.gate_request_withdraw(actor=request.user, request=gate_request)
    except Refused as exc:
        initiative = gate_request.initiative
        open_request = selectors.open_gate_request(initiative=initiative)
        return _request_page(
            request, initiative, GateRequestForm(), open_request, exc.message, exc.status_code
        )
    messages.success(request, _("The gate request was withdrawn."))
    return redirect("initiatives:initiative-detail", pk=gate_request.initiative_id)


def gate_queue_view(request: HttpRequest) -> HttpResponse:
    """Leadership's queue: open gate requests, oldest first."""
    require_capability(request, Cap.DECIDE_GATES)
    page = Paginator(selectors.gate_queue(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "initiatives/gate_queue.html", {"page_obj": page})
