"""Pages of the initiatives app: parse input, call one selector or service, render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.extensions import initiative_panels
from core.history import history_entries
from core.http import htmx_target, is_htmx
from core.roles import Cap, has_capability
from initiatives import rules, selectors, services
from initiatives.choices import Stage
from initiatives.domain.priority import FACTORS, HIGH_THRESHOLD, MEDIUM_THRESHOLD, derive_priority
from initiatives.filters import InitiativeFilterSet
from initiatives.forms import (
    DuplicateCheckForm,
    GateDecisionForm,
    InitiativeForm,
    ParticipantFormSet,
    PilotForm,
    ReadinessItemForm,
    TransitionForm,
)
from initiatives.models import Initiative, Pilot, ReadinessItem

PAGE_SIZE = 25
MATRIX_TABLE_ROWS = 100

# Stage colours of the matrix: distinguishable in grey scale too (lightness steps).
STAGE_COLOURS = {
    Stage.IDEA: "#9aa5b1",
    Stage.ASSESSMENT: "#6c8ebf",
    Stage.PROOF_OF_CONCEPT: "#3d6fb6",
    Stage.PILOT: "#e0a100",
    Stage.SCALING: "#2e8540",
    Stage.PRODUCTION: "#14532d",
    Stage.RETIRED: "#5b616b",
    Stage.ON_HOLD: "#c05600",
    Stage.STOPPED: "#a3231f",
}


def _require(request: HttpRequest, cap: Cap) -> None:
    if not has_capability(request.user, cap):
        raise PermissionDenied


def _get_editable_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative if the person may see it (else 404) and edit it (else 403)."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not rules.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    return initiative


def _priority_formula() -> dict[str, Any]:
    """The documented priority formula, for the explanation on list and detail pages."""
    return {"factors": FACTORS, "high": HIGH_THRESHOLD, "medium": MEDIUM_THRESHOLD}


def initiative_list_view(request: HttpRequest) -> HttpResponse:
    """The portfolio as a filterable, sortable, paginated list (the table alone for htmx)."""
    _require(request, Cap.VIEW_PORTFOLIO)
    filterset = InitiativeFilterSet(
        request.GET, queryset=selectors.initiative_list(user=request.user)
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page,
        "formula": _priority_formula(),
        "can_propose": has_capability(request.user, Cap.PROPOSE_INITIATIVE),
    }
    template = "initiatives/initiative_list.html"
    if htmx_target(request) == "initiative-results":
        template = "initiatives/partials/initiative_table.html"
    return render(request, template, context)


def initiative_matrix_view(request: HttpRequest) -> HttpResponse:
    """Value against feasibility, bubble size by effort, colour by stage, click to open."""
    _require(request, Cap.VIEW_PORTFOLIO)
    filterset = InitiativeFilterSet(
        request.GET, queryset=selectors.initiative_list(user=request.user)
    )
    points = selectors.initiative_matrix_points(queryset=filterset.qs)
    labels = {value: str(label) for value, label in Stage.choices}
    # One reverse() for all points: thousands of bubbles must not cost thousands of lookups.
    url_pattern = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    for point in points:
        point["url"] = url_pattern.format(point["pk"])
        point["stage_label"] = labels[point["stage"]]
    chart = {
        "points": points,
        "colours": {str(k): v for k, v in STAGE_COLOURS.items()},
        "stage_labels": labels,
        "axis": {
            "x": _("Technical feasibility (1–5)"),
            "y": _("Business value (1–5)"),
            "size": _("Implementation effort"),
        },
    }
    # The table view lists the highest priorities; the list page has them all.
    table = sorted(points, key=lambda p: (-p["priority_score"], p["title"]))[:MATRIX_TABLE_ROWS]
    template = "initiatives/initiative_matrix.html"
    if htmx_target(request) == "matrix-results":
        template = "initiatives/partials/matrix.html"
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "points": points,
            "table": table,
            "list_url": f"{reverse('initiatives:initiative-list')}?{request.GET.urlencode()}",
            "chart": chart,
            "chart_json": json.dumps(chart),
        },
    )


@require_http_methods(["GET", "POST"])
def initiative_create_view(request: HttpRequest) -> HttpResponse:
    """A team lead proposes a use case in a guided form."""
    _require(request, Cap.PROPOSE_INITIATIVE)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user,
                data=form.cleaned_data,
                members=form.cleaned_data.get("members") or (),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your use case was added to the portfolio as an idea."))
            return redirect("initiatives:initiative-detail", pk=initiative.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "is_new": True, "scales": True},
        status=status,
    )


@require_POST
def initiative_duplicates_view(request: HttpRequest) -> HttpResponse:
    """htmx: likely duplicates of what is being typed into the proposal form."""
    _require(request, Cap.VIEW_PORTFOLIO)
    form = DuplicateCheckForm(request.POST)
    matches = []
    if form.is_valid():
        exclude = request.POST.get("exclude")
        matches = selectors.possible_duplicates(
            title=form.cleaned_data["title"],
            problem=form.cleaned_data["problem"],
            exclude_pk=int(exclude) if exclude and exclude.isdigit() else None,
        )
    return render(request, "initiatives/partials/duplicates.html", {"matches": matches})


def initiative_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one initiative, with the panels other apps add."""
    initiative = selectors.initiative_detail_get(user=request.user, pk=pk)
    return _render_detail(request, initiative)


def _render_detail(
    request: HttpRequest,
    initiative: Initiative,
    *,
    transition_form: TransitionForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    stages = services.available_transitions(initiative, request.user)
    if transition_form is None:
        transition_form = TransitionForm(stages=stages)
    priority = derive_priority(
        business_value=initiative.business_value,
        technical_feasibility=initiative.technical_feasibility,
        implementation_effort=initiative.implementation_effort,
        strategic_alignment=initiative.strategic_alignment,
    )
    panels = []
    for panel in initiative_panels():
        extra = panel.context(request, initiative)
        if extra is not None:
            panels.append({"template": panel.template_name, "context": extra, "key": panel.key})
    context = {
        "initiative": initiative,
        "priority": priority,
        "formula": _priority_formula(),
        "transition_form": transition_form,
        "can_transition": bool(stages),
        "refusal": refusal,
        "can_edit": rules.can_edit_initiative(request.user, initiative),
        "can_edit_readiness": rules.can_edit_readiness(request.user, initiative),
        "can_decide": has_capability(request.user, Cap.DECIDE_GATES)
        and initiative.stage == Stage.PILOT,
        "readiness": selectors.readiness_summary(initiative=initiative),
        "panels": panels,
        "history": history_entries(initiative.history.all()),
    }
    return render(request, "initiatives/initiative_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def initiative_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Owners and members edit the description and scores."""
    initiative = _get_editable_initiative(request, pk)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user,
                initiative=initiative,
                data=form.cleaned_data,
                members=form.cleaned_data.get("members"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("initiatives:initiative-detail", pk=initiative.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "initiative": initiative, "is_new": False},
        status=status,
    )


@require_POST
def initiative_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the initiative; an illegal jump answers 409 with the reason on the page."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    stages = services.available_transitions(initiative, request.user)
    all_stages = list(Stage.values)
    form = TransitionForm(request.POST, stages=all_stages)
    if not form.is_valid():
        detail = selectors.initiative_detail_get(user=request.user, pk=pk)
        stage_field: Any = form.fields["stage"]
        stage_field.choices = [(s, dict(Stage.choices)[s]) for s in stages]
        return _render_detail(request, detail, transition_form=form, status=400)
    try:
        services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            target=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
        )
    except services.StageChangeRefused as exc:
        detail = selectors.initiative_detail_get(user=request.user, pk=pk)
        return _render_detail(
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


@require_http_methods(["GET", "POST"])
def pilot_edit_view(request: HttpRequest, pk: int, pilot_pk: int | None = None) -> HttpResponse:
    """Create or update a pilot's documentation with its participants."""
    initiative = _get_editable_initiative(request, pk)
    pilot = get_object_or_404(Pilot, pk=pilot_pk, initiative=initiative) if pilot_pk else None
    initial_participants = (
        [
            {
                "name": p.name,
                "department": p.department_id,
                "role": p.role,
                "is_sceptic": p.is_sceptic,
            }
            for p in pilot.participants.all()
        ]
        if pilot
        else []
    )
    form = PilotForm(request.POST or None, instance=pilot)
    formset = ParticipantFormSet(
        request.POST or None, initial=initial_participants, prefix="participants"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        participants = [
            services.ParticipantData(
                name=row.get("name") or "",
                department=row.get("department"),
                role=row.get("role") or "",
                is_sceptic=bool(row.get("is_sceptic")),
            )
            for row in formset.cleaned_data
            if row.get("name")
        ]
        data = {k: v for k, v in form.cleaned_data.items() if k != "departments"}
        try:
            if pilot is None:
                services.pilot_create(
                    actor=request.user,
                    initiative=initiative,
                    data=data,
                    departments=form.cleaned_data["departments"],
                    participants=participants,
                )
            else:
                services.pilot_update(
                    actor=request.user,
                    pilot=pilot,
                    data=data,
                    departments=form.cleaned_data["departments"],
                    participants=participants,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The pilot was saved."))
            return redirect("initiatives:initiative-detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "initiatives/pilot_form.html",
        {"initiative": initiative, "pilot": pilot, "form": form, "formset": formset},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def readiness_item_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """htmx: edit one checklist row in place (a full page without JavaScript)."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    item = get_object_or_404(
        ReadinessItem.objects.select_related("owner"), pk=item_pk, initiative=initiative
    )
    if not rules.can_edit_readiness(request.user, initiative):
        raise PermissionDenied
    form = ReadinessItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.readiness_item_update(actor=request.user, item=item, data=form.cleaned_data)
        if is_htmx(request):
            return render(
                request,
                "initiatives/partials/readiness_row.html",
                {"item": item, "initiative": initiative, "can_edit_readiness": True},
            )
        return redirect("initiatives:initiative-detail", pk=pk)
    template = (
        "initiatives/partials/readiness_form_row.html"
        if is_htmx(request)
        else "initiatives/readiness_item_form.html"
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request, template, {"item": item, "initiative": initiative, "form": form}, status=status
    )


def department_list_view(request: HttpRequest) -> HttpResponse:
    """Departments with headcount, AI champions and visible initiatives."""
    page = Paginator(selectors.department_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "initiatives/department_list.html", {"page_obj": page})


def department_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One department: its champions and the initiatives the person may see."""
    department = selectors.department_get(user=request.user, pk=pk)
    initiatives = selectors.initiative_list(user=request.user).filter(department=department)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/department_detail.html",
        {"department": department, "page_obj": page},
    )
