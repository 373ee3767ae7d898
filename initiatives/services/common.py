"""Small helpers every initiatives service shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import require
from initiatives import rules
from initiatives.models import (
    Initiative,
)


def require_edit(initiative: Initiative, actor: Any) -> None:
    """403 unless the actor may change the initiative."""
    require(
        rules.can_edit_initiative(actor, initiative),
        _("Only the initiative's owner and team members may change it."),
    )


def assign_fields(instance: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Copy the given fields that the data holds onto the instance."""
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
