"""Pages of the metrics app: thin views that parse input, call a selector or service, render.

One module per seam: `initiatives` (an initiative's metrics page and its fragments), `kpis`
(KPIs and measurements), `financials` (costs, benefits, ROI), `imports` (measurement files),
`adoption`; `common` holds the form and delete pages they share.
"""

from metrics.views.adoption import adoption_delete_view, adoption_view
from metrics.views.financials import (
    benefit_create_view,
    benefit_delete_view,
    benefit_update_view,
    cost_create_view,
    cost_delete_view,
    cost_update_view,
    financial_overview_view,
    initiative_financials_view,
)
from metrics.views.imports import (
    import_template_view,
    measurement_import_job_view,
    measurement_import_view,
)
from metrics.views.initiatives import (
    initiative_metrics_view,
    measurement_quick_create_view,
    scaling_estimate_view,
)
from metrics.views.kpis import (
    kpi_create_view,
    kpi_delete_view,
    kpi_detail_view,
    kpi_update_view,
    measurement_delete_view,
    measurement_update_view,
)

__all__ = [
    "adoption_delete_view",
    "adoption_view",
    "benefit_create_view",
    "benefit_delete_view",
    "benefit_update_view",
    "cost_create_view",
    "cost_delete_view",
    "cost_update_view",
    "financial_overview_view",
    "import_template_view",
    "initiative_financials_view",
    "initiative_metrics_view",
    "kpi_create_view",
    "kpi_delete_view",
    "kpi_detail_view",
    "kpi_update_view",
    "measurement_delete_view",
    "measurement_import_job_view",
    "measurement_import_view",
    "measurement_quick_create_view",
    "measurement_update_view",
    "scaling_estimate_view",
]
