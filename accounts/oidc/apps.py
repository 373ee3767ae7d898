"""The enterprise OpenID Connect provider for django-allauth."""

from django.apps import AppConfig


class OidcConfig(AppConfig):
    """Registers the provider with allauth (it looks for `<app>.provider`)."""

    name = "accounts.oidc"
    label = "accounts_oidc"
    verbose_name = "OpenID Connect"
