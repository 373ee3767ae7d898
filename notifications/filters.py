"""Filters shared by the notification page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification


class NotificationFilterSet(django_filters.FilterSet):
    """Only the unread ones, or only the read ones."""

    unread = django_filters.BooleanFilter(method="filter_unread", label=_("Unread only"))

    class Meta:
        model = Notification
        fields = ["unread"]

    def filter_unread(
        self, queryset: QuerySet[Notification], name: str, value: bool | None
    ) -> QuerySet[Notification]:
        """True: unread only; False: read only."""
        if value is None:
            return queryset
        return queryset.filter(read_at__isnull=value)
