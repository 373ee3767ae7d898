"""Stage changes and the stage gate: who may move an initiative where, recorded with why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import Refused, require
from core.history import as_actor
from core.roles import Cap, has_capability, user_roles
from initiatives import events, rules
from initiatives.choices import GateOutcome, Stage
from initiatives.domain import lifecycle
from initiatives.models import (
    GateDecision,
    Initiative,
    StageChange,
)
from initiatives.services.gates import (
    gate_requests_close_for_decision,
    gate_requests_close_on_leaving_pilot,
)


class StageChangeRefused(Refused):
    """A stage change or gate decision was refused; `conflict` says 409 (True) or 403 (False)."""

    def __init__(self, message: str, *, code: str, conflict: bool) -> None:
        super().__init__(message, code=code)
        self.conflict = conflict
        self.status_code = 409 if conflict else 403


# Translatable messages for the domain's refusal codes; the domain stays free of Django.
_TRANSITION_MESSAGES = {
    lifecycle.TransitionErrorCode.SAME_STAGE: gettext_lazy(
        "The initiative is already in stage %(current)s."
    ),
    lifecycle.TransitionErrorCode.TERMINAL_STAGE: gettext_lazy(
        "The initiative is %(current)s; it cannot change stage any more."
    ),
    lifecycle.TransitionErrorCode.ILLEGAL_JUMP: gettext_lazy(
        "An initiative cannot move from %(current)s to %(target)s. From %(current)s it can move "
        "to: %(allowed)s."
    ),
    lifecycle.TransitionErrorCode.RESUME_TO_OTHER_STAGE: gettext_lazy(
        "An initiative on hold resumes to the stage it was held in (%(previous_stage)s), "
        "not to %(target)s."
    ),
    lifecycle.TransitionErrorCode.GATE_DECISION_REQUIRED: gettext_lazy(
        "Moving to scaling needs a recorded 'go' decision by leadership at the stage gate."
    ),
    lifecycle.TransitionErrorCode.NOT_OWNER_OR_MEMBER: gettext_lazy(
        "Team leads can change the stage only of initiatives they own or are a member of."
    ),
    lifecycle.TransitionErrorCode.ROLE_NOT_ALLOWED: gettext_lazy(
        "Your role may not move an initiative from %(current)s to %(target)s."
    ),
}


def _stage_label(value: str) -> str:
    return str(Stage(value).label) if value in Stage.values else value


def _refusal(exc: lifecycle.TransitionNotAllowed) -> StageChangeRefused:
    """Translate a domain refusal into a message in the person's language."""
    params = dict(exc.message_params)
    for key in ("current", "target", "previous_stage"):
        if key in params:
            params[key] = _stage_label(params[key])
    if "allowed" in params:
        params["allowed"] = ", ".join(
            _stage_label(s.strip()) for s in params["allowed"].split(",") if s.strip()
        )
    message = str(_TRANSITION_MESSAGES[exc.code]) % params
    return StageChangeRefused(message, code=exc.code.value, conflict=exc.is_conflict)


def _has_go_decision(initiative: Initiative) -> bool:
    """A go decision counts when it is the latest decision taken since the pilot began."""
    latest = initiative.gate_decisions.order_by("-decided_at", "-id").first()
    return latest is not None and latest.outcome == GateOutcome.GO


def available_transitions(initiative: Initiative, user: Any) -> list[str]:
    """Stages this person may move the initiative to now (scaling goes through the gate)."""
    return [
        stage.value
        for stage in lifecycle.available_transitions(
            initiative.stage,
            roles=[role.value for role in user_roles(user)],
            is_owner_or_member=rules.is_on_team(user, initiative),
            has_go_decision=False,
            previous_stage=initiative.held_in_stage or None,
        )
    ]


def _move(initiative: Initiative, *, actor: Any, target: str, reason: str) -> StageChange:
    """Record a stage change on a locked initiative."""
    change = StageChange.objects.create(
        initiative=initiative,
        from_stage=initiative.stage,
        to_stage=target,
        actor=actor,
        reason=reason,
    )
    if target == Stage.ON_HOLD:
        initiative.held_in_stage = initiative.stage
    elif initiative.stage == Stage.ON_HOLD:
        initiative.held_in_stage = ""
    initiative.stage = target
    initiative.stage_changed_at = change.changed_at
    as_actor(initiative, actor)
    initiative._change_reason = reason  # type: ignore[attr-defined]
    initiative.save(update_fields=["stage", "held_in_stage", "stage_changed_at", "updated_at"])
    return change


@transaction.atomic
def initiative_transition(
    *, actor: Any, initiative: Initiative, target: str, reason: str
) -> StageChange:
    """Move an initiative to another stage, recording who, when and why.

    Raises StageChangeRefused (409 for an illegal jump, 403 for a role that may not) or
    ValidationError for a missing reason or an unknown stage.
    """
    reason = (reason or "").strip()
    errors = {}
    if target not in Stage.values:
        errors["stage"] = _("Unknown stage.")
    if not reason:
        errors["reason"] = _("Say why the stage changes.")
    if errors:
        raise ValidationError(errors)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    try:
        lifecycle.check_transition(
            locked.stage,
            target,
            roles=[role.value for role in user_roles(actor)],
            is_owner_or_member=rules.is_on_team(actor, locked),
            has_go_decision=_has_go_decision(locked),
            previous_stage=locked.held_in_stage or None,
        )
    except lifecycle.TransitionNotAllowed as exc:
        raise _refusal(exc) from exc
    left_pilot = locked.stage == Stage.PILOT
    change = _move(locked, actor=actor, target=target, reason=reason)
    if left_pilot:
        gate_requests_close_on_leaving_pilot(actor=actor, initiative=locked)
    events.emit_stage_changed(change)
    initiative.refresh_from_db()
    return change


@transaction.atomic
def gate_decide(
    *,
    actor: Any,
    initiative: Initiative,
    outcome: str,
    rationale: str,
    evidence: Mapping[str, Any] | None = None,
) -> GateDecision:
    """Record leadership's decision at the gate to scaling; go scales, no-go stops the initiative.

    An open gate request is closed as decided in the same transaction, and the requester and
    the team are told the decision and its rationale.
    """
    require(has_capability(actor, Cap.DECIDE_GATES), _("Only leadership decides stage gates."))
    rationale = (rationale or "").strip()
    errors = {}
    if outcome not in GateOutcome.values:
        errors["outcome"] = _("Choose go, no-go or needs work.")
    if not rationale:
        errors["rationale"] = _("Give the rationale for the decision.")
    if errors:
        raise ValidationError(errors)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.stage != Stage.PILOT:
        raise StageChangeRefused(
            _("Only an initiative in pilot comes to the stage gate; this one is in %(stage)s.")
            % {"stage": _stage_label(locked.stage)},
            code="not_in_pilot",
            conflict=True,
        )
    decision = GateDecision.objects.create(
        initiative=locked,
        outcome=outcome,
        rationale=rationale,
        decided_by=actor,
        evidence=dict(evidence or {}),
    )
    if outcome == GateOutcome.GO:
        _move(locked, actor=actor, target=Stage.SCALING, reason=rationale)
    elif outcome == GateOutcome.NO_GO:
        _move(locked, actor=actor, target=Stage.STOPPED, reason=rationale)
    request = gate_requests_close_for_decision(actor=actor, initiative=locked, decision=decision)
    # One notice per person for the decision; the stage change it causes is not told again.
    events.emit_gate_decided(decision, request)
    initiative.refresh_from_db()
    return decision
