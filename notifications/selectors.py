"""Reads of the notifications app: a person sees only their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core.events import (
    Delivery,
    Followable,
    Subject,
    event_kind_get,
    event_kinds,
    followable_get,
    followables,
)
from core.roles import remember_roles
from notifications.models import Notification, NotificationPreference, Subscription


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


# --- Following ----------------------------------------------------------------------------------


def content_type_of(label: str) -> ContentType:
    """The content type of a model label (cached by Django after the first call)."""
    return ContentType.objects.get_for_model(apps.get_model(label))


def follower_ids(*, subjects: Iterable[Subject]) -> set[int]:
    """Who hears of an event through the objects it concerns: each object's owner unless they
    stopped following it, and those who follow it and may still see it.

    Three queries per object, and one per explicit follower (few per object) for their scope.
    """
    people: set[int] = set()
    for subject in subjects:
        followable = followable_get(subject.label)
        if followable is None:
            continue
        rows = dict(
            Subscription.objects.filter(
                content_type=content_type_of(subject.label), object_id=subject.pk
            ).values_list("user_id", "following")
        )
        if subject.owner_id is not None and rows.get(subject.owner_id, True):
            people.add(subject.owner_id)
        explicit = [pk for pk, following in rows.items() if following and pk != subject.owner_id]
        followers = list(get_user_model().objects.filter(pk__in=explicit, is_active=True))
        remember_roles(followers)
        for user in followers:
            # Following never tells a person about an object they can no longer open.
            if followable.visible(user).filter(pk=subject.pk).exists():
                people.add(user.pk)
    return people


def is_following(*, user: Any, label: str, obj: Any) -> bool:
    """Whether the person hears of the object's events as its follower (one query)."""
    chosen = (
        Subscription.objects.filter(
            user=user, content_type=content_type_of(label), object_id=obj.pk
        )
        .values_list("following", flat=True)
        .first()
    )
    if chosen is not None:
        return bool(chosen)
    return getattr(obj, "owner_id", None) == user.pk


@dataclass(frozen=True)
class Followed:
    """One object on the person's list of what they follow (or chose not to)."""

    followable: Followable
    obj: Any
    following: bool
    owned: bool

    @property
    def url(self) -> str:
        return self.followable.url(self.obj)


@dataclass(frozen=True)
class OwnedCount:
    """How many objects of a kind the person owns (and so follows unless they stopped)."""

    followable: Followable
    count: int


def followed_list(*, user: Any) -> tuple[list[Followed], list[OwnedCount]]:
    """What the person chose to follow or to stop following, objects they may see only, and
    how many of each kind they own: two queries per kind of object, whatever the numbers."""
    chosen = list(
        Subscription.objects.filter(user=user).values_list(
            "content_type_id", "object_id", "following"
        )
    )
    rows: list[Followed] = []
    owned: list[OwnedCount] = []
    for followable in followables():
        content_type = content_type_of(followable.label)
        wanted = {pk: following for ct, pk, following in chosen if ct == content_type.pk}
        visible = followable.visible(user)
        if wanted:
            for obj in visible.filter(pk__in=list(wanted)).order_by("pk"):
                owns = getattr(obj, "owner_id", None) == user.pk
                # A row that says what ownership says anyway changes nothing: not listed.
                if wanted[obj.pk] != owns:
                    rows.append(Followed(followable, obj, wanted[obj.pk], owns))
        owned.append(OwnedCount(followable, visible.filter(owner=user).count()))
    rows.sort(key=lambda row: (not row.following, str(row.obj).casefold()))
    return rows, owned


def subscription_list(*, user: Any) -> QuerySet[Subscription]:
    """The person's own subscription rows (API), newest first."""
    if user is None or not user.is_authenticated:
        return Subscription.objects.none()
    return Subscription.objects.filter(user=user).select_related("content_type")
