"""Declarations of the notifications app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.events import Delivery, describe_event


class Notification(models.Model):
    """One event told to one person; its sentence is composed when shown, in their language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # The event's key: one notification per event and person, however often it is delivered.
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("event"), max_length=80)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    target_url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The recipient's choice for this kind when the event happened; a later change of mind does
    # not pull back an e-mail already promised, nor send one for an old notification.
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IN_APP
    )
    # Set when an e-mail (at once or in a digest) took this notification: it is sent once only.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            # The bell counts only unread rows, on every page: a small partial index.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # The digest jobs look only at what still waits for its e-mail.
            models.Index(
                fields=["recipient"],
                condition=models.Q(delivery__in=["digest", "weekly"], emailed_at__isnull=True),
                name="notification_digests_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"

    @property
    def sentence(self) -> str:
        """What happened, in the active language."""
        return describe_event(self.kind, self.params)

    @property
    def is_read(self) -> bool:
        """Whether the recipient has read it."""
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice of how to hear of one kind of event; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("event"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} = {self.delivery}"


class Subscription(models.Model):
    """A person's choice to follow an object (an initiative, an AI system), as NetBox has them.

    People follow what they own without a row; a row with `following=False` is an owner who
    chose not to, so ownership moving to someone else moves the following with it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("person"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of object")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    subject = GenericForeignKey("content_type", "object_id")
    following = models.BooleanField(_("following"), default=True)
    created_at = models.DateTimeField(_("since"), auto_now=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="subscription_once"
            ),
        ]
        indexes = [
            # Delivering an event asks who follows its objects.
            models.Index(fields=["content_type", "object_id"], name="subscription_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.content_type_id}/{self.object_id} ({self.following})"


class WebhookKind(models.TextChoices):
    """The shape of the JSON a webhook receives."""

    SLACK = "slack", _("Slack (incoming webhook)")
    TEAMS = "teams", _("Microsoft Teams (Workflows, Adaptive Card)")
    GENERIC = "generic", _("Generic JSON")


class Webhook(models.Model):
    """An outgoing webhook an administrator configured: where events of some kinds are posted."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("URL"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=10, choices=WebhookKind.choices)
    event_kinds = models.JSONField(
        _("events"), default=list, blank=True, help_text=_("Event codes posted to this webhook.")
    )
    # Needed in clear to sign each delivery; never shown after saving, never logged.
    secret = models.CharField(_("secret"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        # The default repr is str(); say so explicitly so no debug dump ever grows the secret.
        return f"<Webhook {self.pk}: {self.name}>"


class DeliveryStatus(models.TextChoices):
    """Where one webhook delivery stands."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Waiting to retry")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event posted (or to be posted) to one webhook, with its attempts: the delivery log."""

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    # The event's key: each event reaches each webhook once.
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("event"), max_length=80)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    target_url = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "key"], name="webhook_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.webhook_id}: {self.kind} ({self.status})"
