"""Writes of risks: scores come from governance.domain.risk, never from the caller."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.domain import risk as risk_domain
from governance.models import AISystem, Risk
from governance.services.systems import require_editor

RISK_FIELDS = (
    "category",
    "description",
    "likelihood",
    "impact",
    "mitigation",
    "owner",
    "status",
    "due_date",
    "residual_likelihood",
    "residual_impact",
)


def _score(risk: Risk) -> None:
    """Derive score and residual score; a residual above the inherent level is a field error."""
    try:
        assessed = risk_domain.assess(
            risk.likelihood,
            risk.impact,
            residual_likelihood=risk.residual_likelihood,
            residual_impact=risk.residual_impact,
        )
    except risk_domain.InvalidRiskLevel as exc:
        field = exc.field if exc.field != "score" else "likelihood"
        raise ValidationError({field: [str(exc)]}) from exc
    risk.score = assessed.score
    risk.residual_score = assessed.residual_score


@transaction.atomic
def risk_create(*, actor: Any, system: AISystem, data: Mapping[str, Any]) -> Risk:
    """Add a risk to a system."""
    require_editor(actor)
    risk = Risk(system=system)
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    _score(risk)
    risk.full_clean(exclude=["system"])
    risk._history_user = actor  # type: ignore[attr-defined]
    risk.save()
    return risk


@transaction.atomic
def risk_update(*, actor: Any, risk: Risk, data: Mapping[str, Any]) -> Risk:
    """Change a risk and re-derive its scores."""
    require_editor(actor)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    _score(risk)
    risk.full_clean(exclude=["system"])
    risk._history_user = actor  # type: ignore[attr-defined]
    risk.save()
    return risk


@transaction.atomic
def risk_delete(*, actor: Any, risk: Risk) -> None:
    """Remove a risk entered by mistake (closing it is the normal end)."""
    require_editor(actor)
    risk._history_user = actor  # type: ignore[attr-defined]
    risk.delete()
