"""Writes of the governance app: validated, permission-checked, one transaction each."""

from governance.services.estate import (
    estate_data_source_create,
    estate_data_source_delete,
    estate_data_source_update,
    infrastructure_check_record,
    it_system_create,
    it_system_delete,
    it_system_update,
)
from governance.services.imports import (
    import_choice_make,
    import_commit,
    import_preview,
    register_import_apply,
)
from governance.services.reviews import (
    review_complete,
    review_create,
    review_reminders_send,
    review_schedule_for,
    review_update,
)
from governance.services.risks import risk_create, risk_delete, risk_update
from governance.services.systems import (
    MATERIAL_FIELDS,
    ApprovalConflict,
    ai_system_adopt,
    ai_system_approve,
    ai_system_classify,
    ai_system_create,
    ai_system_delete,
    ai_system_reject,
    ai_system_submit,
    ai_system_update,
)

__all__ = [
    "MATERIAL_FIELDS",
    "ApprovalConflict",
    "ai_system_adopt",
    "ai_system_approve",
    "ai_system_classify",
    "ai_system_create",
    "ai_system_delete",
    "ai_system_reject",
    "ai_system_submit",
    "ai_system_update",
    "estate_data_source_create",
    "estate_data_source_delete",
    "estate_data_source_update",
    "import_choice_make",
    "import_commit",
    "import_preview",
    "infrastructure_check_record",
    "it_system_create",
    "it_system_delete",
    "it_system_update",
    "register_import_apply",
    "review_complete",
    "review_create",
    "review_reminders_send",
    "review_schedule_for",
    "review_update",
    "risk_create",
    "risk_delete",
    "risk_update",
]
