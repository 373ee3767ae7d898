"""Writes of the metrics app: one function per action, `<entity>_<verb>(*, actor, ...)`."""

from metrics.services.financials import (
    adoption_delete,
    adoption_record,
    benefit_create,
    benefit_delete,
    benefit_update,
    cost_create,
    cost_delete,
    cost_update,
)
from metrics.services.imports import ImportFileError, ImportResult, measurement_import, read_upload
from metrics.services.kpis import (
    kpi_create,
    kpi_delete,
    kpi_update,
    measurement_create,
    measurement_delete,
    measurement_update,
)
from metrics.services.roi import (
    roi_claim,
    roi_live,
    roi_mark_dirty,
    roi_recompute,
    roi_recompute_all,
)

__all__ = [
    "ImportFileError",
    "ImportResult",
    "adoption_delete",
    "adoption_record",
    "benefit_create",
    "benefit_delete",
    "benefit_update",
    "cost_create",
    "cost_delete",
    "cost_update",
    "kpi_create",
    "kpi_delete",
    "kpi_update",
    "measurement_create",
    "measurement_delete",
    "measurement_import",
    "measurement_update",
    "read_upload",
    "roi_claim",
    "roi_live",
    "roi_mark_dirty",
    "roi_recompute",
    "roi_recompute_all",
]
