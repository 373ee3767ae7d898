"""What the organisation is trying: departments, initiatives, pilots and stage gates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """The initiatives app."""

    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from initiatives import events

        events.register_kinds()
