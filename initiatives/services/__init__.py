"""Writes of the initiatives app: validated, permission-checked, one transaction each."""

from initiatives.services.departments import DEPARTMENT_FIELDS, department_delete, department_save
from initiatives.services.gates import gate_request, gate_request_withdraw
from initiatives.services.initiatives import (
    INITIATIVE_FIELDS,
    SCORE_FIELDS,
    initiative_create,
    initiative_delete,
    initiative_update,
    readiness_item_update,
)
from initiatives.services.lifecycle import (
    StageChangeRefused,
    available_transitions,
    gate_decide,
    initiative_transition,
)
from initiatives.services.pilots import PILOT_FIELDS, ParticipantData, pilot_create, pilot_update
from initiatives.services.team import team_role_add, team_role_remove

__all__ = [
    "DEPARTMENT_FIELDS",
    "INITIATIVE_FIELDS",
    "PILOT_FIELDS",
    "SCORE_FIELDS",
    "ParticipantData",
    "StageChangeRefused",
    "available_transitions",
    "department_delete",
    "department_save",
    "gate_decide",
    "gate_request",
    "gate_request_withdraw",
    "initiative_create",
    "initiative_delete",
    "initiative_transition",
    "initiative_update",
    "pilot_create",
    "pilot_update",
    "readiness_item_update",
    "team_role_add",
    "team_role_remove",
]
