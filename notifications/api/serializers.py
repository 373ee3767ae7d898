"""API serializers of the notifications app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.events import Delivery, event_kinds
from notifications.models import Notification, Subscription


class NotificationSerializer(serializers.ModelSerializer):
    """A notification with its sentence in the requester's language."""

    sentence = serializers.CharField(
        read_only=True, help_text="What happened, composed in the language of the request."
    )
    is_read = serializers.BooleanField(read_only=True)
    params = serializers.JSONField(
        read_only=True, help_text="The event's parameters the sentence is composed from."
    )

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "sentence",
            "params",
            "target_url",
            "created_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields


class ReadAllResultSerializer(serializers.Serializer):
    """How many notifications were marked read."""

    marked = serializers.IntegerField(read_only=True)
    unread = serializers.IntegerField(read_only=True, help_text="Unread notifications left (0).")


class PreferencesSerializer(serializers.Serializer):
    """Event code to delivery: in_app, email (at once), digest (daily), weekly or off."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            kind.code: serializers.ChoiceField(
                choices=Delivery.choices,
                required=False,
                help_text=f"{kind.label}; default {kind.default_delivery.value}",
            )
            for kind in event_kinds()
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        known = set(self.fields.keys())
        unknown = sorted(set(self.initial_data) - known)
        if unknown:
            raise serializers.ValidationError(
                {code: [_("There is no such event.")] for code in unknown}
            )
        # Codes hold dots, which DRF reads as a path into nested data: flatten them back.
        return {
            code: self.initial_data[code] for code in sorted(known) if code in self.initial_data
        }


class SubscriptionSerializer(serializers.ModelSerializer):
    """A choice of yours to follow an object, or (as its owner) to stop following it."""

    object_type = serializers.SerializerMethodField(
        help_text="The kind of object: `initiatives.initiative` or `governance.aisystem`."
    )

    class Meta:
        model = Subscription
        fields = ["id", "object_type", "object_id", "following", "created_at"]
        read_only_fields = fields

    def get_object_type(self, row: Subscription) -> str:
        return f"{row.content_type.app_label}.{row.content_type.model}"


class FollowSerializer(serializers.Serializer):
    """Follow an object (`following: true`) or stop following it (`false`)."""

    object_type = serializers.CharField(
        max_length=100, help_text="`initiatives.initiative` or `governance.aisystem`."
    )
    object_id = serializers.IntegerField(min_value=1)
    following = serializers.BooleanField(default=True)
