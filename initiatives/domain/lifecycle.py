"""Lifecycle of an initiative: which stage changes exist and who may make them.

Stages, in order: idea → assessment → proof_of_concept → pilot → scaling → production → retired,
plus on_hold (paused, resumes to the stage it was held in) and stopped (abandoned).

Legal moves (anything else is an illegal jump, a state conflict):

    idea              → assessment
    assessment        → proof_of_concept, pilot (off-the-shelf tools may skip the PoC), idea
    proof_of_concept  → pilot, assessment
    pilot             → scaling (stage gate), proof_of_concept
    scaling           → production
    production        → retired
    idea … scaling    → on_hold, stopped
    production        → on_hold
    on_hold           → the stage it was held in, or stopped (retired instead when held in
                        production)
    stopped, retired  → nothing (terminal; a revived idea is proposed anew)

A step back (e.g. pilot → proof_of_concept) is allowed only below scaling, for rework.
Production is reached only through scaling, so nothing bypasses the stage gate, and a production
system ends as retired rather than stopped.

Who may move (a person's roles add up):

    leadership   every legal move
    team_lead    only as owner or member of the initiative, and only while both the stage it
                 leaves and the stage it enters are at or below pilot: forward and back among
                 idea … pilot, on_hold and stopped, and resuming a hold placed at or below pilot
    compliance   on_hold from any stage, and resuming from on_hold (a governance brake)
    finance      nothing
    admin        nothing: administrators manage users and settings, not the portfolio

Moving to scaling additionally needs a recorded "go" gate decision; resuming a hold back into
scaling or production does not, because that gate was already passed. Who placed a hold does not
limit who may lift it; the recorded history says who held it and why.

Checks run in a fixed order so the answer is the most useful one: a move that does not exist is a
conflict (409) whoever asks; then the person's roles (403); then the gate decision (409).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    """Lifecycle stage of an initiative."""

    IDEA = "idea"
    ASSESSMENT = "assessment"
    PROOF_OF_CONCEPT = "proof_of_concept"
    PILOT = "pilot"
    SCALING = "scaling"
    PRODUCTION = "production"
    RETIRED = "retired"
    ON_HOLD = "on_hold"
    STOPPED = "stopped"


class Role(StrEnum):
    """Roles a person can hold; the values match core.roles.Role, which needs Django."""

    LEADERSHIP = "leadership"
    TEAM_LEAD = "team_lead"
    COMPLIANCE = "compliance"
    FINANCE = "finance"
    ADMIN = "admin"
    IT = "it"


class TransitionErrorCode(StrEnum):
    """Machine code of a refused stage change."""

    SAME_STAGE = "same_stage"
    TERMINAL_STAGE = "terminal_stage"
    ILLEGAL_JUMP = "illegal_jump"
    RESUME_TO_OTHER_STAGE = "resume_to_other_stage"
    GATE_DECISION_REQUIRED = "gate_decision_required"
    NOT_OWNER_OR_MEMBER = "not_owner_or_member"
    ROLE_NOT_ALLOWED = "role_not_allowed"


MESSAGES: dict[TransitionErrorCode, str] = {
    TransitionErrorCode.SAME_STAGE: "The initiative is already in stage {current}.",
    TransitionErrorCode.TERMINAL_STAGE: (
        "The initiative is {current}; a {current} initiative cannot change stage."
    ),
    TransitionErrorCode.ILLEGAL_JUMP: (
        "An initiative cannot move from {current} to {target}. From {current} it can move to: "
        "{allowed}."
    ),
    TransitionErrorCode.RESUME_TO_OTHER_STAGE: (
        "An initiative on hold resumes to the stage it was held in ({previous_stage}), "
        "not to {target}."
    ),
    TransitionErrorCode.GATE_DECISION_REQUIRED: (
        "Moving to scaling needs a recorded 'go' decision by leadership at the stage gate."
    ),
    TransitionErrorCode.NOT_OWNER_OR_MEMBER: (
        "Team leads can change the stage only of initiatives they own or are a member of."
    ),
    TransitionErrorCode.ROLE_NOT_ALLOWED: (
        "Your role may not move an initiative from {current} to {target}."
    ),
}

# Conflicts depend on the initiative's state (HTTP 409); the rest depend on who asks (HTTP 403).
CONFLICT_CODES: frozenset[TransitionErrorCode] = frozenset(
    {
        TransitionErrorCode.SAME_STAGE,
        TransitionErrorCode.TERMINAL_STAGE,
        TransitionErrorCode.ILLEGAL_JUMP,
        TransitionErrorCode.RESUME_TO_OTHER_STAGE,
        TransitionErrorCode.GATE_DECISION_REQUIRED,
    }
)


class TransitionNotAllowed(Exception):
    """A stage change was refused; `code` says why, `message_params` fill the message."""

    def __init__(self, code: TransitionErrorCode, message_params: Mapping[str, Any]) -> None:
        self.code = code
        self.message_params = dict(message_params)
        super().__init__(self.default_message)

    @property
    def default_message(self) -> str:
        """English message; the Django layer translates MESSAGES[code] itself."""
        return MESSAGES[self.code].format(**self.message_params)

    @property
    def is_conflict(self) -> bool:
        """True for a state conflict (409), False for a permission refusal (403)."""
        return self.code in CONFLICT_CODES


class TransitionConflict(TransitionNotAllowed):
    """The initiative's state does not allow this change, whoever asks (HTTP 409)."""


class TransitionForbidden(TransitionNotAllowed):
    """The change exists, but the person's roles may not make it (HTTP 403)."""


LIFECYCLE_ORDER: tuple[Stage, ...] = (
    Stage.IDEA,
    Stage.ASSESSMENT,
    Stage.PROOF_OF_CONCEPT,
    Stage.PILOT,
    Stage.SCALING,
    Stage.PRODUCTION,
    Stage.RETIRED,
)
RANK: dict[Stage, int] = {stage: index for index, stage in enumerate(LIFECYCLE_ORDER)}
TERMINAL: frozenset[Stage] = frozenset({Stage.RETIRED, Stage.STOPPED})
# Stages from which an initiative can be put on hold and resumed to.
HOLDABLE: frozenset[Stage] = frozenset(LIFECYCLE_ORDER[: RANK[Stage.PRODUCTION] + 1])
TEAM_LEAD_CEILING = Stage.PILOT

TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.IDEA: frozenset({Stage.ASSESSMENT, Stage.ON_HOLD, Stage.STOPPED}),
    Stage.ASSESSMENT: frozenset(
        {Stage.PROOF_OF_CONCEPT, Stage.PILOT, Stage.IDEA, Stage.ON_HOLD, Stage.STOPPED}
    ),
    Stage.PROOF_OF_CONCEPT: frozenset(
        {Stage.PILOT, Stage.ASSESSMENT, Stage.ON_HOLD, Stage.STOPPED}
    ),
    Stage.PILOT: frozenset({Stage.SCALING, Stage.PROOF_OF_CONCEPT, Stage.ON_HOLD, Stage.STOPPED}),
    Stage.SCALING: frozenset({Stage.PRODUCTION, Stage.ON_HOLD, Stage.STOPPED}),
    Stage.PRODUCTION: frozenset({Stage.RETIRED, Stage.ON_HOLD}),
    # Exits from on_hold are narrowed by the stage it was held in; see _on_hold_targets.
    Stage.ON_HOLD: frozenset(HOLDABLE | {Stage.STOPPED, Stage.RETIRED}),
    Stage.RETIRED: frozenset(),
    Stage.STOPPED: frozenset(),
}


def _on_hold_targets(previous_stage: Stage) -> frozenset[Stage]:
    """Legal exits from on_hold, given the stage the initiative was held in."""
    end = Stage.RETIRED if previous_stage == Stage.PRODUCTION else Stage.STOPPED
    return frozenset({previous_stage, end})


def _checked_previous_stage(previous_stage: Stage | str | None) -> Stage:
    """The stage an on-hold initiative was held in; its absence is a caller bug."""
    if previous_stage is None:
        raise ValueError("previous_stage is required when the initiative is on hold.")
    stage = Stage(previous_stage)
    if stage not in HOLDABLE:
        raise ValueError(f"An initiative cannot have been held in stage {stage}.")
    return stage


def legal_targets(current: Stage | str, previous_stage: Stage | str | None = None) -> list[Stage]:
    """Stages reachable from `current` by anyone, in lifecycle order."""
    current = Stage(current)
    if current == Stage.ON_HOLD:
        targets = _on_hold_targets(_checked_previous_stage(previous_stage))
    else:
        targets = TRANSITIONS[current]
    return sorted(targets, key=_display_key)


def _display_key(stage: Stage) -> int:
    """Sort key: lifecycle order, then on_hold, then stopped."""
    return {Stage.ON_HOLD: 100, Stage.STOPPED: 101}.get(stage, RANK.get(stage, 0))


def _position(stage: Stage, previous_stage: Stage | None) -> Stage:
    """Where an initiative stands in the lifecycle; on hold it stands where it was held."""
    if stage == Stage.ON_HOLD and previous_stage is not None:
        return previous_stage
    return stage


def _within_team_lead_reach(stage: Stage) -> bool:
    """True if a team lead may leave or enter this lifecycle position."""
    if stage in (Stage.ON_HOLD, Stage.STOPPED):
        return True
    return stage in RANK and RANK[stage] <= RANK[TEAM_LEAD_CEILING]


def _role_may(
    role: str,
    current: Stage,
    target: Stage,
    *,
    is_owner_or_member: bool,
    previous_stage: Stage | None,
) -> bool:
    """Whether one role allows this legal move; `previous_stage` is set only when on hold."""
    if role == Role.LEADERSHIP:
        return True
    if role == Role.COMPLIANCE:
        # Art. 26(5) EU AI Act: a deployer must suspend use of a system it suspects of presenting
        # a risk; compliance can pause any initiative without waiting for leadership.
        return target == Stage.ON_HOLD or (current == Stage.ON_HOLD and target == previous_stage)
    if role == Role.TEAM_LEAD:
        if not is_owner_or_member:
            return False
        return _within_team_lead_reach(
            _position(current, previous_stage)
        ) and _within_team_lead_reach(target)
    return False


def _conflict(code: TransitionErrorCode, **params: Any) -> TransitionConflict:
    """A state conflict with its message parameters."""
    return TransitionConflict(code, params)


def check_transition(
    current: Stage | str,
    target: Stage | str,
    *,
    roles: Collection[str],
    is_owner_or_member: bool,
    has_go_decision: bool,
    previous_stage: Stage | str | None = None,
) -> None:
    """Raise TransitionConflict or TransitionForbidden unless this person may make this move now.

    Checks run in this order: the move must exist (conflict), the person's roles must allow it
    (forbidden), and a move to scaling must have a go decision (conflict).
    """
    current = Stage(current)
    target = Stage(target)
    held_in = _checked_previous_stage(previous_stage) if current == Stage.ON_HOLD else None

    if current == target:
        raise _conflict(TransitionErrorCode.SAME_STAGE, current=current.value)
    if current in TERMINAL:
        raise _conflict(
            TransitionErrorCode.TERMINAL_STAGE, current=current.value, target=target.value
        )
    if held_in is not None and target in HOLDABLE and target != held_in:
        raise _conflict(
            TransitionErrorCode.RESUME_TO_OTHER_STAGE,
            previous_stage=held_in.value,
            target=target.value,
        )
    allowed = legal_targets(current, held_in)
    if target not in allowed:
        raise _conflict(
            TransitionErrorCode.ILLEGAL_JUMP,
            current=current.value,
            target=target.value,
            allowed=", ".join(stage.value for stage in allowed),
        )

    if not any(
        _role_may(
            role, current, target, is_owner_or_member=is_owner_or_member, previous_stage=held_in
        )
        for role in roles
    ):
        # Say "not yours" only when owning the initiative would have been enough.
        if Role.TEAM_LEAD in roles and _role_may(
            Role.TEAM_LEAD, current, target, is_owner_or_member=True, previous_stage=held_in
        ):
            raise TransitionForbidden(TransitionErrorCode.NOT_OWNER_OR_MEMBER, {})
        raise TransitionForbidden(
            TransitionErrorCode.ROLE_NOT_ALLOWED, {"current": current.value, "target": target.value}
        )

    # The gate applies to entering scaling from pilot; a resume re-enters a gate already passed.
    if target == Stage.SCALING and current == Stage.PILOT and not has_go_decision:
        raise _conflict(TransitionErrorCode.GATE_DECISION_REQUIRED)


def available_transitions(
    current: Stage | str,
    *,
    roles: Collection[str],
    is_owner_or_member: bool,
    has_go_decision: bool,
    previous_stage: Stage | str | None = None,
) -> list[Stage]:
    """Stages this person may move the initiative to right now, in lifecycle order (for buttons)."""
    current = Stage(current)
    if current in TERMINAL:
        return []
    held_in = _checked_previous_stage(previous_stage) if current == Stage.ON_HOLD else None
    available = []
    for target in legal_targets(current, held_in):
        try:
            check_transition(
                current,
                target,
                roles=roles,
                is_owner_or_member=is_owner_or_member,
                has_go_decision=has_go_decision,
                previous_stage=held_in,
            )
        except TransitionNotAllowed:
            continue
        available.append(target)
    return available


def next_forward_stage(
    current: Stage | str,
    available: Collection[Stage | str],
    previous_stage: Stage | str | None = None,
) -> Stage | None:
    """The stage to preselect: the nearest available one further along, or None.

    A step back, a hold or a stop is never suggested; on hold, resuming where it was held is.
    """
    current = Stage(current)
    offered = {Stage(stage) for stage in available}
    if current == Stage.ON_HOLD:
        held_in = Stage(previous_stage) if previous_stage else None
        return held_in if held_in in offered else None
    if current not in RANK:
        return None
    ahead = [stage for stage in offered if RANK.get(stage, -1) > RANK[current]]
    return min(ahead, key=RANK.__getitem__, default=None)
