"""Writes of an initiative's cross-functional team: a named person added to or removed from a role."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.history import as_actor
from initiatives.choices import TEAM_ROLE_IN_SENTENCE, TeamRoleKind
from initiatives.models import Initiative, TeamRole
from initiatives.services.common import require_edit

NOTE_MAX_LENGTH = 300


def _already_in_role(person: Any, role: str) -> ValidationError:
    return ValidationError(
        {
            "person": _("%(person)s is already on the team as %(role)s.")
            % {"person": person.name, "role": TEAM_ROLE_IN_SENTENCE[TeamRoleKind(role)]}
        }
    )


@transaction.atomic
def team_role_add(
    *, actor: Any, initiative: Initiative, person: Any, role: str, note: str = ""
) -> TeamRole:
    """Put a person in a role of the initiative's team; whoever may edit the initiative does.

    403 unless the actor may edit the initiative; a field error for an unknown role, an overlong
    note, or a person who already holds that role on this initiative.
    """
    require_edit(initiative, actor)
    if role not in TeamRoleKind.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note under %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH}}
        )
    if TeamRole.objects.filter(initiative=initiative, person=person, role=role).exists():
        raise _already_in_role(person, role)
    team_role = TeamRole(initiative=initiative, person=person, role=role, note=note)
    try:
        with transaction.atomic():
            as_actor(team_role, actor).save()
    except IntegrityError as exc:  # the same person added twice at the same moment
        raise _already_in_role(person, role) from exc
    return team_role


@transaction.atomic
def team_role_remove(*, actor: Any, team_role: TeamRole) -> None:
    """Take a person out of a role of the initiative's team (kept in the history)."""
    require_edit(team_role.initiative, actor)
    as_actor(team_role, actor).delete()
