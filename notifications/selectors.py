"""Reads of the notifications app: a person sees only their own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core.events import Delivery, event_kind_get, event_kinds
from notifications.models import Notification, NotificationPreference


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The person's notifications, newest first; nobody else's."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_get(*, user: Any, pk: int) -> Notification:
    """One of the person's notifications, or 404."""
    return get_object_or_404(notification_list(user=user), pk=pk)


def unread_count(*, user: Any) -> int:
    """How many of the person's notifications are unread (one query on a partial index)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_map(*, user: Any) -> dict[str, Delivery]:
    """How the person hears of each event kind: their choice, else the kind's default (one query)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        kind.code: Delivery(chosen.get(kind.code, kind.default_delivery)) for kind in event_kinds()
    }


def delivery_for(*, user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each of these people hears of an event of the kind (one query)."""
    ids = list(user_ids)
    registered = event_kind_get(kind)
    default = registered.default_delivery if registered is not None else Delivery.IN_APP
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: chosen.get(pk, default) for pk in ids}
