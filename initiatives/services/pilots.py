"""Writes of pilots and their participants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import as_actor
from initiatives.models import (
    Department,
    Initiative,
    Pilot,
    PilotParticipant,
)
from initiatives.services.common import assign_fields, require_edit

PILOT_FIELDS = (
    "scope",
    "departments",
    "start_date",
    "end_date",
    "success_criteria",
    "user_feedback",
    "lessons_learned",
    "scaling_playbook",
)
# The fields kept on the pilot row itself; departments and participants are relations.
PILOT_TEXT_FIELDS = tuple(name for name in PILOT_FIELDS if name != "departments")


@dataclass(frozen=True)
class ParticipantData:
    """A pilot participant as entered."""

    name: str
    department: Department | None = None
    role: str = ""
    is_sceptic: bool = False


def _validate_pilot(pilot: Pilot) -> None:
    if pilot.start_date and pilot.end_date and pilot.end_date < pilot.start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    pilot.full_clean(exclude=["initiative"])


@transaction.atomic
def pilot_create(
    *,
    actor: Any,
    initiative: Initiative,
    data: Mapping[str, Any],
    departments: Iterable[Department] = (),
    participants: Iterable[ParticipantData] = (),
) -> Pilot:
    """Start documenting a pilot of an initiative."""
    require_edit(initiative, actor)
    pilot = Pilot(initiative=initiative)
    assign_fields(pilot, data, PILOT_TEXT_FIELDS)
    _validate_pilot(pilot)
    as_actor(pilot, actor).save()
    pilot.departments.set(departments)
    _replace_participants(pilot, participants)
    return pilot


@transaction.atomic
def pilot_update(
    *,
    actor: Any,
    pilot: Pilot,
    data: Mapping[str, Any],
    departments: Iterable[Department] | None = None,
    participants: Iterable[ParticipantData] | None = None,
) -> Pilot:
    """Change a pilot's documentation: feedback and lessons learned grow as it runs."""
    require_edit(pilot.initiative, actor)
    assign_fields(pilot, data, PILOT_TEXT_FIELDS)
    _validate_pilot(pilot)
    as_actor(pilot, actor).save()
    if departments is not None:
        pilot.departments.set(departments)
    if participants is not None:
        _replace_participants(pilot, participants)
    return pilot


def _replace_participants(pilot: Pilot, participants: Iterable[ParticipantData]) -> None:
    pilot.participants.all().delete()
    PilotParticipant.objects.bulk_create(
        PilotParticipant(
            pilot=pilot,
            name=p.name.strip(),
            department=p.department,
            role=p.role.strip(),
            is_sceptic=p.is_sceptic,
        )
        for p in participants
        if p.name.strip()
    )
