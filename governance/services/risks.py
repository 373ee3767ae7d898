"""Writes of risks: scores come from governance.domain.risk, never from the caller."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.exceptions import require
from core.history import as_actor
from governance import rules
from governance.domain import risk as risk_domain
from governance.models import AISystem, Risk

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


def _save(risk: Risk, *, actor: Any, data: Mapping[str, Any]) -> Risk:
    """Take the given fields, re-derive the scores, validate and save with the actor's history."""
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    _score(risk)
    risk.full_clean(exclude=["system"])
    as_actor(risk, actor).save()
    return risk


@transaction.atomic
def risk_create(*, actor: Any, system: AISystem, data: Mapping[str, Any]) -> Risk:
    """Add a risk to a system."""
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    return _save(Risk(system=system), actor=actor, data=data)


@transaction.atomic
def risk_update(*, actor: Any, risk: Risk, data: Mapping[str, Any]) -> Risk:
    """Change a risk and re-derive its scores."""
    require(rules.can_edit_risk(actor, risk), str(rules.EDITORS_ONLY))
    return _save(Risk.objects.select_for_update().get(pk=risk.pk), actor=actor, data=data)


@transaction.atomic
def risk_delete(*, actor: Any, risk: Risk) -> None:
    """Remove a risk entered by mistake (closing it is the normal end)."""
    require(rules.can_edit_risk(actor, risk), str(rules.EDITORS_ONLY))
    as_actor(risk, actor).delete()
