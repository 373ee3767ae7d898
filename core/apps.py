"""The shared foundation as a Django app, so its template filters can be loaded."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Money, periods, roles, history, extension points and the one formatting layer."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import checks  # noqa: F401  (registers the system checks)
