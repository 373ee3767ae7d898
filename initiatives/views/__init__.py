"""Pages of the initiatives app: parse input, call one selector or service, render."""

from initiatives.views.departments import department_detail_view, department_list_view
from initiatives.views.gates import (
    gate_queue_view,
    gate_request_view,
    gate_request_withdraw_view,
)
from initiatives.views.initiatives import (
    initiative_create_view,
    initiative_detail_view,
    initiative_duplicates_view,
    initiative_list_view,
    initiative_matrix_view,
    initiative_update_view,
    owner_suggestions_view,
)
from initiatives.views.lifecycle import gate_decision_view, initiative_transition_view
from initiatives.views.pilots import pilot_edit_view, readiness_item_view
from initiatives.views.team import (
    team_role_add_view,
    team_role_export_view,
    team_role_list_view,
    team_role_remove_view,
)

__all__ = [
    "department_detail_view",
    "department_list_view",
    "gate_decision_view",
    "gate_queue_view",
    "gate_request_view",
    "gate_request_withdraw_view",
    "initiative_create_view",
    "initiative_detail_view",
    "initiative_duplicates_view",
    "initiative_list_view",
    "initiative_matrix_view",
    "initiative_transition_view",
    "initiative_update_view",
    "owner_suggestions_view",
    "pilot_edit_view",
    "readiness_item_view",
    "team_role_add_view",
    "team_role_export_view",
    "team_role_list_view",
    "team_role_remove_view",
]
