"""The project package, home of the cross-cutting pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """Dashboards, reports and the app shell."""

    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portfolio import events, services  # noqa: F401  (services: the report job handler)
        from portfolio.versioning import install_on_migrate

        # Sent once per app after every migrate and flush (all tables exist by then).
        post_migrate.connect(install_on_migrate, sender=self)
        events.register_kinds()
