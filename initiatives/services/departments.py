"""Writes of departments (administrators only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from core.roles import Cap, has_capability
from initiatives.models import (
    Department,
)
from initiatives.services.common import assign_fields

DEPARTMENT_FIELDS = ("name", "code", "headcount")


@transaction.atomic
def department_save(
    *,
    actor: Any,
    department: Department | None,
    data: Mapping[str, Any],
    champions: Iterable[Any] | None = None,
) -> Department:
    """Create a department (department None) or change one; administrators only."""
    require(
        has_capability(actor, Cap.MANAGE_DEPARTMENTS),
        _("Only administrators manage departments."),
    )
    department = department if department is not None else Department()
    assign_fields(department, data, DEPARTMENT_FIELDS)
    department.full_clean(exclude=["champions"])
    as_actor(department, actor).save()
    if champions is not None:
        department.champions.set(champions)
    return department


@transaction.atomic
def department_delete(*, actor: Any, department: Department) -> None:
    """Delete a department that no initiative refers to (ProtectedError otherwise: 409)."""
    require(
        has_capability(actor, Cap.MANAGE_DEPARTMENTS),
        _("Only administrators manage departments."),
    )
    as_actor(department, actor).delete()
