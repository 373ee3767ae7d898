"""Pages of the AI register: parse input, call one selector or service, render.

One module per part of the register; URL names stay in governance.urls.
"""

from governance.views.imports import (
    export_view,
    import_commit_view,
    import_job_view,
    import_preview_view,
    import_upload_view,
)
from governance.views.reviews import (
    review_complete_view,
    review_detail_view,
    review_edit_view,
    review_evidence_view,
    review_list_view,
)
from governance.views.risks import risk_detail_view, risk_edit_view, risk_list_view
from governance.views.systems import (
    system_adopt_view,
    system_approval_view,
    system_classify_view,
    system_detail_view,
    system_edit_view,
    system_list_view,
)

__all__ = [
    "export_view",
    "import_commit_view",
    "import_job_view",
    "import_preview_view",
    "import_upload_view",
    "review_complete_view",
    "review_detail_view",
    "review_edit_view",
    "review_evidence_view",
    "review_list_view",
    "risk_detail_view",
    "risk_edit_view",
    "risk_list_view",
    "system_adopt_view",
    "system_approval_view",
    "system_classify_view",
    "system_detail_view",
    "system_edit_view",
    "system_list_view",
]
