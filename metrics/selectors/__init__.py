"""Reads of the metrics app, scoped to the person asking (out of scope is 404).

One module per seam: `scope` (the initiatives in view, whether money shows), `kpis` (KPIs and
measurements), `financials` (costs, benefits, ROI), `adoption`, `scaling` (breadth, depth,
diversity, impact, sustainability), `history` (readable change history) and `reporting` (what
the quarterly report and the dashboard read).
"""

from metrics.selectors.adoption import adoption_get, adoption_list, department_list
from metrics.selectors.financials import (
    VARIABLE_CATEGORIES,
    RoiQuarter,
    RoiSummary,
    benefit_get,
    benefit_list,
    cost_get,
    cost_list,
    financial_overview,
    initiatives_missing_financials,
    pilot_cost_split,
    roi_snapshots,
    roi_summary,
    roi_summary_for,
    roi_table,
)
from metrics.selectors.history import (
    benefit_history,
    cost_history,
    kpi_history,
    measurement_history,
    records_history,
)
from metrics.selectors.kpis import (
    KpiDue,
    KpiStatus,
    kpi_chart,
    kpi_charts,
    kpi_get,
    kpi_list,
    kpi_owner_candidates,
    kpi_status,
    kpi_statuses,
    kpis_due,
    kpis_overdue_on,
    measurement_get,
    measurement_list,
)
from metrics.selectors.reporting import (
    kpi_status_rows,
    kpi_track_counts,
    roi_department_rows,
    roi_initiative_rows,
    roi_position,
    roi_quarterly_series,
    roi_totals,
)
from metrics.selectors.scaling import DepartmentAdoption, ScalingOverview, scaling_overview
from metrics.selectors.scope import initiative_get, initiative_list, require_financial_view

__all__ = [
    "VARIABLE_CATEGORIES",
    "DepartmentAdoption",
    "KpiDue",
    "KpiStatus",
    "RoiQuarter",
    "RoiSummary",
    "ScalingOverview",
    "adoption_get",
    "adoption_list",
    "benefit_get",
    "benefit_history",
    "benefit_list",
    "cost_get",
    "cost_history",
    "cost_list",
    "department_list",
    "financial_overview",
    "initiative_get",
    "initiative_list",
    "initiatives_missing_financials",
    "kpi_chart",
    "kpi_charts",
    "kpi_get",
    "kpi_history",
    "kpi_list",
    "kpi_owner_candidates",
    "kpi_status",
    "kpi_status_rows",
    "kpi_statuses",
    "kpi_track_counts",
    "kpis_due",
    "kpis_overdue_on",
    "measurement_get",
    "measurement_history",
    "measurement_list",
    "pilot_cost_split",
    "records_history",
    "require_financial_view",
    "roi_department_rows",
    "roi_initiative_rows",
    "roi_position",
    "roi_quarterly_series",
    "roi_snapshots",
    "roi_summary",
    "roi_summary_for",
    "roi_table",
    "roi_totals",
    "scaling_overview",
]
