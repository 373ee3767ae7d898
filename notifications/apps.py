"""In-app notifications: what happened that concerns a person, read where they work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The notifications app; it listens to core.events and depends on core only."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from core.events import subscribe
        from core.extensions import ObjectAction, register_object_action
        from notifications.actions import follow_context
        from notifications.services import event_deliver

        subscribe(event_deliver)
        # A deleted object takes its followers' rows with it (a generic relation has no
        # cascade); the apps owning followable objects are loaded before this one.
        from django.apps import apps
        from django.db.models.signals import post_delete

        from core.events import followables
        from notifications.services import subscriptions_forget

        for followable in followables():
            post_delete.connect(
                subscriptions_forget,
                sender=apps.get_model(followable.label),
                dispatch_uid=f"notifications-forget-{followable.label}",
            )
        # "Follow" / "Stop following" in the header of every followable object's page.
        register_object_action(
            ObjectAction(
                key="follow",
                order=100,
                template_name="notifications/partials/follow_button.html",
                context=follow_context,
            )
        )
