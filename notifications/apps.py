"""In-app notifications: what happened that concerns a person, read where they work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The notifications app; it listens to core.events and depends on core only."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from core.events import subscribe
        from notifications.services import event_deliver

        subscribe(event_deliver)
