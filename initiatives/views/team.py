"""The initiatives' cross-functional teams: put a person in a role, take them out again, and
find who holds which role across the initiatives (with an export)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import selectors, services
from initiatives.choices import TEAM_ROLE_IN_SENTENCE, TeamRoleKind
from initiatives.forms import TeamRoleForm
from initiatives.views.common import get_editable_initiative
from initiatives.views.initiatives import render_detail
from people import exports


@require_POST
def team_role_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person in a role; bad input shows the initiative page again with field errors."""
    initiative = get_editable_initiative(request, pk)
    form = TeamRoleForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            team_role = services.team_role_add(
                actor=request.user,
                initiative=initiative,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(person)s was added to the team as %(role)s.")
                % {
                    "person": team_role.person.name,
                    "role": TEAM_ROLE_IN_SENTENCE[TeamRoleKind(team_role.role)],
                },
            )
            return redirect(_team_url(pk))
    detail = selectors.initiative_detail_get(user=request.user, pk=pk)
    return render_detail(request, detail, team_form=form, status=400)


@require_POST
def team_role_remove_view(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    """Take a person out of a role of the team."""
    initiative = get_editable_initiative(request, pk)
    team_role = selectors.team_role_get(user=request.user, initiative=initiative, pk=role_pk)
    services.team_role_remove(actor=request.user, team_role=team_role)
    messages.success(
        request,
        _("%(person)s is no longer on the team as %(role)s.")
        % {
            "person": team_role.person.name,
            "role": TEAM_ROLE_IN_SENTENCE[TeamRoleKind(team_role.role)],
        },
    )
    return redirect(_team_url(pk))


def _team_url(pk: int) -> str:
    return reverse("initiatives:initiative-detail", args=[pk]) + "#team-title"


TEAM_PAGE_SIZE = 50


def _team_role_filters(request: HttpRequest) -> tuple[str, str]:
    query = " ".join(request.GET.get("q", "").split())[:200]
    role = request.GET.get("role", "")
    return query, role if role in TeamRoleKind.values else ""


def team_role_list_view(request: HttpRequest) -> HttpResponse:
    """Who holds which role on which initiative, across the initiatives the person sees."""
    query, role = _team_role_filters(request)
    rows = selectors.team_role_search(user=request.user, query=query, role=role)
    page = Paginator(rows, TEAM_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "initiatives/team_roles.html",
        {
            "page_obj": page,
            "q": query,
            "role": role,
            "roles": TeamRoleKind.choices,
            "query": params.urlencode(),
            "export_formats": exports.EXPORT_FORMATS,
        },
    )


def team_role_export_view(request: HttpRequest) -> HttpResponse:
    """The team roles found, as CSV or XLSX (formula-safe)."""
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.EXPORT_FORMATS:
        return HttpResponse(_("Unknown export format or filter."), status=400)
    query, role = _team_role_filters(request)
    rows = selectors.team_role_search(user=request.user, query=query, role=role)
    header = ["initiative_id", "initiative", "department", "role", "person", "email", "note"]
    table = [
        [
            row.initiative_id,
            row.initiative.title,
            row.initiative.department.name if row.initiative.department else "",
            row.role,
            row.person.name,
            row.person.email,
            row.note,
        ]
        for row in rows
    ]
    return exports.export_response(
        header,
        table,
        stem="team-roles",
        sheet="Team roles",
        export_format=export_format,
        today=datetime.date.today(),
    )
