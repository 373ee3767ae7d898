"""Template context every page of the app shell needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.roles import ROLE_LABELS, capabilities, user_roles
from portfolio.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """Navigation, roles and capabilities of the signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": [], "user_role_labels": [], "caps": frozenset()}
    roles = user_roles(user)
    return {
        "nav_links": navigation_for(user, request.path),
        "user_role_labels": [ROLE_LABELS[r] for r in sorted(roles)],
        "caps": {cap.value for cap in capabilities(user)},
        "currency": settings.PORTFOLIO_CURRENCY,
    }
