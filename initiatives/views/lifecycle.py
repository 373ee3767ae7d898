"""Stage changes and the stage gate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.roles import Cap, has_capability
from initiatives import selectors, services
from initiatives.choices import Stage
from initiatives.forms import (
    GateDecisionForm,
    TransitionForm,
)
from initiatives.views.initiatives import render_detail


@require_POST
def initiative_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the initiative; an illegal jump answers 409 with the reason on the page."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    # Any stage parses, so an illegal one is refused with its reason (409), not "invalid choice".
    form = TransitionForm(request.POST, stages=list(Stage.values))
    if not form.is_valid():
        detail = selectors.initiative_detail_get(user=request.user, pk=pk)
        return render_detail(request, detail, transition_form=form, status=400)
    try:
        services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            target=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
        )
    except services.StageChangeRefused as exc:
        detail = selectors.initiative_detail_get(user=request.user, pk=pk)
        return render_detail(
            request, detail, refusal=exc.message, status=409 if exc.conflict else 403
        )
    messages.success(
        request,
        _("The initiative moved to %(stage)s.")
        % {"stage": dict(Stage.choices)[form.cleaned_data["stage"]]},
    )
    return redirect("initiatives:initiative-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def gate_decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The stage gate: the evidence, and leadership's go, no-go or needs-work."""
    initiative = selectors.initiative_detail_get(user=request.user, pk=pk)
    evidence = selectors.gate_evidence_for(initiative=initiative)
    may_decide = has_capability(request.user, Cap.DECIDE_GATES)
    form = GateDecisionForm(request.POST or None)
    refusal = ""
    status = 200
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.gate_decide(
                    actor=request.user,
                    initiative=initiative,
                    outcome=form.cleaned_data["outcome"],
                    rationale=form.cleaned_data["rationale"],
                    evidence=_evidence_snapshot(evidence),
                )
            except services.StageChangeRefused as exc:
                refusal, status = exc.message, 409
            else:
                messages.success(request, _("The gate decision was recorded."))
                return redirect("initiatives:initiative-detail", pk=pk)
        else:
            status = 400
    return render(
        request,
        "initiatives/gate_decision.html",
        {
            "initiative": initiative,
            "evidence": evidence,
            "form": form,
            "may_decide": may_decide and initiative.stage == Stage.PILOT,
            "open_request": selectors.open_gate_request(initiative=initiative),
            "optional_readiness": selectors.optional_readiness_items(initiative=initiative),
            "refusal": refusal,
        },
        status=status,
    )


def _evidence_snapshot(evidence: list[Any]) -> dict[str, Any]:
    """Freeze what the decider saw, in plain JSON."""
    return {
        "items": [
            {
                "label": str(item.label),
                "value": str(item.value),
                "tone": item.tone,
                "detail": str(item.detail),
                "data": item.data,
            }
            for item in evidence
        ]
    }
