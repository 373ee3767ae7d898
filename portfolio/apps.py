"""The project package, home of the cross-cutting pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """Dashboards, reports and the app shell."""

    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from portfolio import services  # noqa: F401  (registers the report job handler)
