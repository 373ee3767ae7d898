"""Initiative pages: list, matrix, proposal, duplicates, detail and edit."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.extensions import feasibility_notes, initiative_panels
from core.history import history_entries
from core.http import htmx_target
from core.pages import with_choice_labels
from core.roles import Cap, has_capability
from initiatives import rules, selectors, services
from initiatives.choices import Stage
from initiatives.domain.lifecycle import next_forward_stage
from initiatives.domain.priority import derive_priority
from initiatives.filters import InitiativeFilterSet
from initiatives.forms import (
    DuplicateCheckForm,
    InitiativeForm,
    TeamRoleForm,
    TransitionForm,
)
from initiatives.models import Initiative
from initiatives.views.common import (
    PAGE_SIZE,
    get_editable_initiative,
    priority_formula,
    require_capability,
)

MATRIX_TABLE_ROWS = 100
# Above this many initiatives the matrix groups those that share a bubble.
MATRIX_GROUP_ABOVE = 400
# What Django's json_script escapes, for the matrix data serialised once in the view.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

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


def initiative_list_view(request: HttpRequest) -> HttpResponse:
    """The portfolio as a filterable, sortable, paginated list (the table alone for htmx)."""
    require_capability(request, Cap.VIEW_PORTFOLIO)
    filterset = InitiativeFilterSet(
        request.GET, queryset=selectors.initiative_list(user=request.user)
    )
    page = with_choice_labels(
        Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "stage",
        "priority_band",
    )
    context = {
        "filterset": filterset,
        "page_obj": page,
        "formula": priority_formula(),
        "can_propose": has_capability(request.user, Cap.PROPOSE_INITIATIVE),
    }
    template = "initiatives/initiative_list.html"
    if htmx_target(request) == "initiative-results":
        template = "initiatives/partials/initiative_table.html"
    return render(request, template, context)


@require_GET
def owner_suggestions_view(request: HttpRequest) -> HttpResponse:
    """Owners of the initiatives the person sees, matching the typed `owner` (for the filter)."""
    require_capability(request, Cap.VIEW_PORTFOLIO)
    people = selectors.owner_suggestion_list(user=request.user, term=request.GET.get("owner", ""))
    return render(request, "components/person_suggestions.html", {"people": people})


def initiative_matrix_view(request: HttpRequest) -> HttpResponse:
    """Value against feasibility, bubble size by effort, colour by stage, click to open."""
    require_capability(request, Cap.VIEW_PORTFOLIO)
    filterset = InitiativeFilterSet(
        request.GET, queryset=selectors.initiative_list(user=request.user)
    )
    queryset = filterset.qs
    labels = {value: str(label) for value, label in Stage.choices}
    # One reverse() for all points: thousands of bubbles must not cost thousands of lookups.
    url_pattern = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    # The groups count the initiatives too: no separate COUNT over the portfolio.
    points = selectors.initiative_matrix_groups(queryset=queryset)
    total = sum(point["count"] for point in points)
    grouped = total > MATRIX_GROUP_ABOVE
    if grouped:
        # A large portfolio: one bubble per position and stage; a bubble of several opens the
        # list of exactly those initiatives, so the page stays small at any size.
        base = request.GET.copy()
        for name in ("page", "stage", *selectors.MATRIX_AXES[1:]):
            base.pop(name, None)
        # The browser adds a bubble's stage and position to this address (static/js/charts.js).
        group_url = f"{reverse('initiatives:initiative-list')}?{base.urlencode()}"
        titles = selectors.initiative_matrix_titles(
            queryset=queryset, pks=[point["pk"] for point in points if point["count"] == 1]
        )
        # A thousand bubbles share a few dozen counts: translate each count once.
        group_titles: dict[int, str] = {}
        for point in points:
            count = point["count"]
            if count == 1:
                point["title"] = titles.get(point["pk"], "")
                point["url"] = url_pattern.format(point["pk"])
            else:
                if count not in group_titles:
                    group_titles[count] = ngettext(
                        "%(count)d initiative", "%(count)d initiatives", count
                    ) % {"count": count}
                point["title"] = group_titles[count]
    else:
        points = selectors.initiative_matrix_points(queryset=queryset)
        group_url = ""
        for point in points:
            point["url"] = url_pattern.format(point["pk"])
    chart = {
        "points": points,
        "group_url": group_url,
        "colours": {str(k): v for k, v in STAGE_COLOURS.items()},
        "stage_labels": labels,
        "axis": {
            "x": _("Technical feasibility (1–5)"),
            "y": _("Business value (1–5)"),
            "size": _("Implementation effort"),
        },
    }
    # The table view lists the highest priorities; the list page has them all.
    table = selectors.initiative_priority_rows(queryset=queryset, limit=MATRIX_TABLE_ROWS)
    for row in table:
        row["url"] = url_pattern.format(row["pk"])
        row["stage_label"] = labels[row["stage"]]
    # Serialised once, compactly: a thousand bubbles are most of the page's bytes.
    chart_json = json.dumps(chart, separators=(",", ":"))
    template = "initiatives/initiative_matrix.html"
    if htmx_target(request) == "matrix-results":
        template = "initiatives/partials/matrix.html"
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "points": points,
            "total": total,
            "grouped": grouped,
            "table": table,
            "list_url": f"{reverse('initiatives:initiative-list')}?{request.GET.urlencode()}",
            "chart": chart,
            "chart_json": chart_json,
            # Escaped as json_script escapes, so the data can never close its script element.
            "chart_script": mark_safe(chart_json.translate(_JSON_SCRIPT_ESCAPES)),
        },
    )


@require_http_methods(["GET", "POST"])
def initiative_create_view(request: HttpRequest) -> HttpResponse:
    """A team lead proposes a use case in a guided form."""
    require_capability(request, Cap.PROPOSE_INITIATIVE)
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
    require_capability(request, Cap.VIEW_PORTFOLIO)
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
    return render_detail(request, initiative)


def render_detail(
    request: HttpRequest,
    initiative: Initiative,
    *,
    transition_form: TransitionForm | None = None,
    team_form: TeamRoleForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    stages = services.available_transitions(initiative, request.user)
    suggested = next_forward_stage(initiative.stage, stages, initiative.held_in_stage or None)
    if transition_form is None:
        transition_form = TransitionForm(stages=stages, suggested=suggested)
    else:
        # A re-shown form lists only the stages this person may choose.
        transition_form.offer(stages, suggested)
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
    can_edit = rules.can_edit_initiative(request.user, initiative)
    if team_form is None and can_edit:
        team_form = TeamRoleForm(user=request.user)
    context = {
        "initiative": initiative,
        "priority": priority,
        "feasibility_notes": feasibility_notes(request, initiative),
        "formula": priority_formula(),
        "transition_form": transition_form,
        "can_transition": bool(stages),
        "refusal": refusal,
        "can_edit": can_edit,
        "team": selectors.team_summary(initiative=initiative),
        "team_form": team_form,
        "can_edit_readiness": rules.can_edit_readiness(request.user, initiative),
        "can_decide": has_capability(request.user, Cap.DECIDE_GATES)
        and initiative.stage == Stage.PILOT,
        "readiness": selectors.readiness_summary(initiative=initiative),
        "optional_readiness": selectors.optional_readiness_items(initiative=initiative),
        "open_gate_request": selectors.open_gate_request(initiative=initiative),
        "can_request_gate": rules.can_request_gate(request.user, initiative),
        "panels": panels,
        "history": history_entries(initiative.history.all()),
    }
    return render(request, "initiatives/initiative_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def initiative_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Owners and members edit the description and scores."""
    initiative = get_editable_initiative(request, pk)
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
