"""Writes of initiatives: propose, change, delete; the readiness checklist."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from core.roles import Cap, has_capability
from initiatives import rules
from initiatives.choices import ReadinessKind, Stage
from initiatives.domain.priority import InvalidScore, derive_priority
from initiatives.models import (
    Initiative,
    ReadinessItem,
)
from initiatives.services.common import assign_fields, require_edit

# In the order the proposal form asks for them.
INITIATIVE_FIELDS = (
    "title",
    "problem",
    "process_affected",
    "department",
    "strategic_objective",
    "expected_benefit",
    "data_availability",
    "data_quality",
    "build_type",
    "business_value",
    "technical_feasibility",
    "implementation_effort",
    "strategic_alignment",
)
SCORE_FIELDS = (
    "business_value",
    "technical_feasibility",
    "implementation_effort",
    "strategic_alignment",
)


def _apply_priority(initiative: Initiative) -> None:
    """Derive the stored priority from the scores (initiatives.domain.priority)."""
    try:
        priority = derive_priority(
            business_value=initiative.business_value,
            technical_feasibility=initiative.technical_feasibility,
            implementation_effort=initiative.implementation_effort,
            strategic_alignment=initiative.strategic_alignment,
        )
    except InvalidScore as exc:
        raise ValidationError({exc.field.value: _("Choose a score from 1 to 5.")}) from exc
    initiative.priority_score = priority.score
    initiative.priority_band = priority.band.value


@transaction.atomic
def initiative_create(
    *, actor: Any, data: Mapping[str, Any], members: Iterable[Any] = ()
) -> Initiative:
    """Propose a use case: the proposer owns it, it starts as an idea with an empty checklist."""
    require(has_capability(actor, Cap.PROPOSE_INITIATIVE), _("Only team leads propose use cases."))
    initiative = Initiative(owner=actor, stage=Stage.IDEA, stage_changed_at=timezone.now())
    assign_fields(initiative, data, INITIATIVE_FIELDS)
    _apply_priority(initiative)
    initiative.full_clean()
    as_actor(initiative, actor).save()
    if members:
        initiative.members.set(members)
    ReadinessItem.objects.bulk_create(
        ReadinessItem(initiative=initiative, kind=kind) for kind in ReadinessKind.values
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    data: Mapping[str, Any],
    members: Iterable[Any] | None = None,
) -> Initiative:
    """Change an initiative's description and scores; the priority follows the scores."""
    require_edit(initiative, actor)
    assign_fields(initiative, data, INITIATIVE_FIELDS)
    _apply_priority(initiative)
    initiative.full_clean()
    as_actor(initiative, actor).save()
    if members is not None:
        initiative.members.set(members)
    return initiative


@transaction.atomic
def initiative_delete(*, actor: Any, initiative: Initiative) -> None:
    """Delete an initiative entered by mistake; administrators only (others stop or retire it)."""
    require(
        rules.can_delete_initiative(actor, initiative),
        _("Only administrators delete initiatives; stop or retire it instead."),
    )
    as_actor(initiative, actor).delete()


@transaction.atomic
def readiness_item_update(
    *, actor: Any, item: ReadinessItem, data: Mapping[str, Any]
) -> ReadinessItem:
    """Set the status, owner and evidence of one checklist item."""
    require(
        rules.can_edit_readiness(actor, item.initiative),
        _("Only the team and leadership keep this checklist."),
    )
    assign_fields(item, data, ("status", "owner", "evidence"))
    item.full_clean(exclude=["initiative"])
    as_actor(item, actor).save()
    return item
