"""Lookups and checks the initiative pages share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from core.roles import Cap, has_capability
from initiatives import rules, selectors
from initiatives.domain.priority import FACTORS, HIGH_THRESHOLD, MEDIUM_THRESHOLD
from initiatives.models import Initiative

PAGE_SIZE = 25


def require_capability(request: HttpRequest, cap: Cap) -> None:
    """403 unless the person holds the capability."""
    if not has_capability(request.user, cap):
        raise PermissionDenied


def get_editable_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative if the person may see it (else 404) and edit it (else 403)."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not rules.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    return initiative


def priority_formula() -> dict[str, Any]:
    """The documented priority formula, for the explanation on list and detail pages."""
    return {"factors": FACTORS, "high": HIGH_THRESHOLD, "medium": MEDIUM_THRESHOLD}
