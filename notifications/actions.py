"""What the notifications app adds to other apps' object pages (core.extensions)."""

from __future__ import annotations

from typing import Any

from core.events import followable_get
from notifications import selectors


def follow_context(request: Any, obj: Any) -> dict[str, Any] | None:
    """The follow control for an object people may follow; None for any other object."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    label = obj._meta.label_lower
    if followable_get(label) is None:
        return None
    return {
        "object_type": label,
        "following": selectors.is_following(user=user, label=label, obj=obj),
        "owned": getattr(obj, "owner_id", None) == user.pk,
        "next": request.get_full_path(),
    }
