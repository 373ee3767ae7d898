"""Refusals that services raise and every interface turns into the same answer.

A service says *why* it refuses; the API answers 403 or 409 in its one error format
(core.api.errors), and a page shows the message next to the action.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class Refused(Exception):
    """A service refused an action; `status_code` 403 (who asks) or 409 (the object's state)."""

    status_code = 403
    default_code = "permission_denied"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code


class StateConflict(Refused):
    """The object's current state does not allow the action (409), e.g. an illegal stage change."""

    status_code = 409
    default_code = "conflict"


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied (403) unless allowed."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))
