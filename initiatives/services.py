"""Writes of the initiatives app: validated, permission-checked, one transaction each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import Refused, require
from core.history import as_actor
from core.roles import Cap, has_capability, user_roles
from initiatives import rules
from initiatives.choices import GateOutcome, ReadinessKind, Stage
from initiatives.domain import lifecycle
from initiatives.domain.priority import InvalidScore, derive_priority
from initiatives.models import (
    Department,
    GateDecision,
    Initiative,
    Pilot,
    PilotParticipant,
    ReadinessItem,
    StageChange,
)

INITIATIVE_FIELDS = (
    "title",
    "problem",
    "process_affected",
    "expected_benefit",
    "department",
    "strategic_objective",
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
PILOT_FIELDS = (
    "scope",
    "start_date",
    "end_date",
    "success_criteria",
    "user_feedback",
    "lessons_learned",
    "scaling_playbook",
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


def _require_edit(initiative: Initiative, actor: Any) -> None:
    require(
        rules.can_edit_initiative(actor, initiative),
        _("Only the initiative's owner and team members may change it."),
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


def _assign(instance: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])


@transaction.atomic
def initiative_create(
    *, actor: Any, data: Mapping[str, Any], members: Iterable[Any] = ()
) -> Initiative:
    """Propose a use case: the proposer owns it, it starts as an idea with an empty checklist."""
    require(has_capability(actor, Cap.PROPOSE_INITIATIVE), _("Only team leads propose use cases."))
    initiative = Initiative(owner=actor, stage=Stage.IDEA, stage_changed_at=timezone.now())
    _assign(initiative, data, INITIATIVE_FIELDS)
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
    _require_edit(initiative, actor)
    _assign(initiative, data, INITIATIVE_FIELDS)
    _apply_priority(initiative)
    initiative.full_clean()
    as_actor(initiative, actor).save()
    if members is not None:
        initiative.members.set(members)
    return initiative


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
    change = _move(locked, actor=actor, target=target, reason=reason)
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
    """Record leadership's decision at the gate to scaling; go scales, no-go stops the initiative."""
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
    initiative.refresh_from_db()
    return decision


@dataclass(frozen=True)
class ParticipantData:
    """A pilot participant as entered."""

    name: str
    department: Department | None = None
    role: str = ""
    is_sceptic: bool = False


def _validate_pilot(pilot: Pilot) -> None:
    if pilot.start_date and pilot.end_date and pilot.end_date < pilot.start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    pilot.full_clean(exclude=["initiative"])


@transaction.atomic
def pilot_create(
    *,
    actor: Any,
    initiative: Initiative,
    data: Mapping[str, Any],
    departments: Iterable[Department] = (),
    participants: Iterable[ParticipantData] = (),
) -> Pilot:
    """Start documenting a pilot of an initiative."""
    _require_edit(initiative, actor)
    pilot = Pilot(initiative=initiative)
    _assign(pilot, data, PILOT_FIELDS)
    _validate_pilot(pilot)
    as_actor(pilot, actor).save()
    pilot.departments.set(departments)
    _replace_participants(pilot, participants)
    return pilot


@transaction.atomic
def pilot_update(
    *,
    actor: Any,
    pilot: Pilot,
    data: Mapping[str, Any],
    departments: Iterable[Department] | None = None,
    participants: Iterable[ParticipantData] | None = None,
) -> Pilot:
    """Change a pilot's documentation: feedback and lessons learned grow as it runs."""
    _require_edit(pilot.initiative, actor)
    _assign(pilot, data, PILOT_FIELDS)
    _validate_pilot(pilot)
    as_actor(pilot, actor).save()
    if departments is not None:
        pilot.departments.set(departments)
    if participants is not None:
        _replace_participants(pilot, participants)
    return pilot


def _replace_participants(pilot: Pilot, participants: Iterable[ParticipantData]) -> None:
    pilot.participants.all().delete()
    PilotParticipant.objects.bulk_create(
        PilotParticipant(
            pilot=pilot,
            name=p.name.strip(),
            department=p.department,
            role=p.role.strip(),
            is_sceptic=p.is_sceptic,
        )
        for p in participants
        if p.name.strip()
    )


@transaction.atomic
def readiness_item_update(
    *, actor: Any, item: ReadinessItem, data: Mapping[str, Any]
) -> ReadinessItem:
    """Set the status, owner and evidence of one checklist item."""
    require(
        rules.can_edit_readiness(actor, item.initiative),
        _("Only the team and leadership keep this checklist."),
    )
    _assign(item, data, ("status", "owner", "evidence"))
    item.full_clean(exclude=["initiative"])
    as_actor(item, actor).save()
    return item


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
    _assign(department, data, DEPARTMENT_FIELDS)
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


@transaction.atomic
def initiative_delete(*, actor: Any, initiative: Initiative) -> None:
    """Delete an initiative entered by mistake; administrators only (others stop or retire it)."""
    require(
        rules.can_delete_initiative(actor, initiative),
        _("Only administrators delete initiatives; stop or retire it instead."),
    )
    as_actor(initiative, actor).delete()
