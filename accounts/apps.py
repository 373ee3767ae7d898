"""People, roles and personal API tokens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The accounts app."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import (
            schema,  # noqa: F401  (registers the OpenAPI extension)
            signals,  # noqa: F401  (logs failed sign-ins)
        )
