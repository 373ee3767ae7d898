"""What the organisation must know and prove about its AI: the register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The governance app."""

    name = "governance"
    verbose_name = _("Governance")
