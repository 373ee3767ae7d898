"""What the organisation must know and prove about its AI: the register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The governance app."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        """Register the import job, the initiative panel, the stage-gate evidence and events."""
        from governance import events, extensions, tasks  # noqa: F401
        from governance.services import imports  # noqa: F401

        extensions.register()
        events.register_kinds()
