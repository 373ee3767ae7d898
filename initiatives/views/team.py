"""The initiative's cross-functional team: put a person in a role, take them out again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import selectors, services
from initiatives.choices import TEAM_ROLE_IN_SENTENCE, TeamRoleKind
from initiatives.forms import TeamRoleForm
from initiatives.views.common import get_editable_initiative
from initiatives.views.initiatives import render_detail


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
