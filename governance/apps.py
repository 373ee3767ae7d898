"""What the organisation must know and prove about its AI: the register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The governance app."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        """Register the import job, the initiative panel and the stage-gate evidence."""
        from governance import extensions, tasks  # noqa: F401
        from governance.services import imports  # noqa: F401

        extensions.register()
