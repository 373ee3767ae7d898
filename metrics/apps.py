"""What the initiatives achieve and cost: KPIs, measurements, costs, benefits, ROI."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    """The metrics app."""

    name = "metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        """Add the panels, fill the realised-ROI gate slot, register the import job and events."""
        from core.extensions import (
            InitiativePanel,
            register_gate_evidence,
            register_initiative_panel,
        )
        from metrics import events, panels
        from metrics.services import imports  # noqa: F401  (registers the import job handler)

        register_initiative_panel(
            InitiativePanel(
                "metrics.kpis", 20, "metrics/panels/kpis.html", panels.kpi_panel_context
            )
        )
        register_initiative_panel(
            InitiativePanel(
                "metrics.financials",
                30,
                "metrics/panels/financials.html",
                panels.financial_panel_context,
            )
        )
        register_initiative_panel(
            InitiativePanel(
                "metrics.scaling_cost",
                40,
                "metrics/panels/scaling_cost.html",
                panels.scaling_panel_context,
            )
        )
        register_gate_evidence("realised_roi", panels.realised_roi_evidence)
        events.register_kinds()
