"""The bell in the page header: how many notifications are unread."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from notifications import selectors


class Bell:
    """The unread count, asked only when a page shows the bell (fragments never do)."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def count(self) -> int:
        """Unread notifications of the person (one query, once per page)."""
        return selectors.unread_count(user=self.user)


def bell(request: HttpRequest) -> dict[str, Any]:
    """The bell of the signed-in person; nothing (and no query) for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notification_bell": None}
    return {"notification_bell": Bell(user)}
