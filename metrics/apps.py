"""What the initiatives achieve and cost: KPIs, measurements, costs, benefits, ROI."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    """The metrics app."""

    name = "metrics"
    verbose_name = _("Metrics")
