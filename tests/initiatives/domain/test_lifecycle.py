"""Tests for stage changes: every legal move, illegal jumps, role checks and the scaling gate."""

from itertools import product

import pytest

from initiatives.domain.lifecycle import (
    MESSAGES,
    Stage,
    TransitionConflict,
    TransitionErrorCode,
    TransitionForbidden,
    TransitionNotAllowed,
    available_transitions,
    check_transition,
    legal_targets,
    next_forward_stage,
)

S = Stage
LEADERSHIP = {"leadership"}
TEAM_LEAD = {"team_lead"}

# The lifecycle as the product owner reads it; written out here rather than read from the module.
EXPECTED_MOVES: dict[Stage, set[Stage]] = {
    S.IDEA: {S.ASSESSMENT, S.ON_HOLD, S.STOPPED},
    S.ASSESSMENT: {S.PROOF_OF_CONCEPT, S.PILOT, S.IDEA, S.ON_HOLD, S.STOPPED},
    S.PROOF_OF_CONCEPT: {S.PILOT, S.ASSESSMENT, S.ON_HOLD, S.STOPPED},
    S.PILOT: {S.SCALING, S.PROOF_OF_CONCEPT, S.ON_HOLD, S.STOPPED},
    S.SCALING: {S.PRODUCTION, S.ON_HOLD, S.STOPPED},
    S.PRODUCTION: {S.RETIRED, S.ON_HOLD},
    S.RETIRED: set(),
    S.STOPPED: set(),
}
HELD_IN = [S.IDEA, S.ASSESSMENT, S.PROOF_OF_CONCEPT, S.PILOT, S.SCALING, S.PRODUCTION]


def _check(
    current: str,
    target: str,
    *,
    roles: set[str] = LEADERSHIP,
    owner: bool = False,
    go: bool = True,
    previous: str | None = None,
) -> None:
    check_transition(
        current,
        target,
        roles=roles,
        is_owner_or_member=owner,
        has_go_decision=go,
        previous_stage=previous,
    )


LEGAL = [(current, target) for current, targets in EXPECTED_MOVES.items() for target in targets]
ILLEGAL = [
    (current, target)
    for current, target in product(EXPECTED_MOVES, Stage)
    if target not in EXPECTED_MOVES[current]
]


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_every_legal_move_is_allowed_to_leadership(current: Stage, target: Stage) -> None:
    _check(current, target)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_other_move_is_a_state_conflict(current: Stage, target: Stage) -> None:
    with pytest.raises(TransitionConflict) as caught:
        _check(current, target)
    assert caught.value.is_conflict
    assert caught.value.code in {
        TransitionErrorCode.SAME_STAGE,
        TransitionErrorCode.TERMINAL_STAGE,
        TransitionErrorCode.ILLEGAL_JUMP,
    }


@pytest.mark.parametrize("held_in", HELD_IN)
def test_on_hold_resumes_only_to_the_stage_it_was_held_in(held_in: Stage) -> None:
    _check(S.ON_HOLD, held_in, previous=held_in)
    for other in HELD_IN:
        if other != held_in:
            with pytest.raises(TransitionConflict) as caught:
                _check(S.ON_HOLD, other, previous=held_in)
            assert caught.value.code == TransitionErrorCode.RESUME_TO_OTHER_STAGE
            assert caught.value.message_params == {
                "previous_stage": held_in.value,
                "target": other.value,
            }


def test_on_hold_ends_as_stopped_or_as_retired_when_held_in_production() -> None:
    _check(S.ON_HOLD, S.STOPPED, previous=S.PILOT)
    _check(S.ON_HOLD, S.RETIRED, previous=S.PRODUCTION)
    with pytest.raises(TransitionConflict, match="can move to: production, retired"):
        _check(S.ON_HOLD, S.STOPPED, previous=S.PRODUCTION)
    with pytest.raises(TransitionConflict) as caught:
        _check(S.ON_HOLD, S.RETIRED, previous=S.PILOT)
    assert caught.value.code == TransitionErrorCode.ILLEGAL_JUMP


def test_on_hold_needs_a_valid_previous_stage() -> None:
    with pytest.raises(ValueError, match="previous_stage is required"):
        _check(S.ON_HOLD, S.PILOT)
    with pytest.raises(ValueError, match="cannot have been held"):
        _check(S.ON_HOLD, S.PILOT, previous=S.STOPPED)


def test_illegal_jump_message_lists_where_the_initiative_can_go() -> None:
    with pytest.raises(TransitionConflict) as caught:
        _check(S.IDEA, S.PRODUCTION)
    error = caught.value
    assert error.code == TransitionErrorCode.ILLEGAL_JUMP
    assert error.message_params == {
        "current": "idea",
        "target": "production",
        "allowed": "assessment, on_hold, stopped",
    }
    assert str(error) == (
        "An initiative cannot move from idea to production. "
        "From idea it can move to: assessment, on_hold, stopped."
    )


def test_every_code_has_an_english_message() -> None:
    assert set(MESSAGES) == set(TransitionErrorCode)


# --- the scaling gate ------------------------------------------------------------------------


def test_leadership_needs_a_go_decision_to_scale() -> None:
    with pytest.raises(TransitionConflict) as caught:
        _check(S.PILOT, S.SCALING, go=False)
    assert caught.value.code == TransitionErrorCode.GATE_DECISION_REQUIRED
    assert caught.value.is_conflict
    _check(S.PILOT, S.SCALING, go=True)


def test_resuming_a_hold_in_scaling_does_not_reopen_the_gate() -> None:
    _check(S.ON_HOLD, S.SCALING, previous=S.SCALING, go=False)


def test_team_lead_cannot_scale_even_with_a_go_decision() -> None:
    with pytest.raises(TransitionForbidden) as caught:
        _check(S.PILOT, S.SCALING, roles=TEAM_LEAD, owner=True, go=True)
    assert caught.value.code == TransitionErrorCode.ROLE_NOT_ALLOWED
    assert not caught.value.is_conflict


# --- team leads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.IDEA, S.ASSESSMENT),
        (S.ASSESSMENT, S.PROOF_OF_CONCEPT),
        (S.ASSESSMENT, S.PILOT),
        (S.PROOF_OF_CONCEPT, S.PILOT),
        (S.PILOT, S.PROOF_OF_CONCEPT),
        (S.ASSESSMENT, S.IDEA),
        (S.IDEA, S.ON_HOLD),
        (S.PILOT, S.ON_HOLD),
        (S.PILOT, S.STOPPED),
        (S.PROOF_OF_CONCEPT, S.STOPPED),
    ],
)
def test_owning_team_lead_moves_up_to_pilot(current: Stage, target: Stage) -> None:
    _check(current, target, roles=TEAM_LEAD, owner=True)


@pytest.mark.parametrize(
    ("current", "target", "previous"),
    [
        (S.SCALING, S.PRODUCTION, None),
        (S.SCALING, S.ON_HOLD, None),
        (S.SCALING, S.STOPPED, None),
        (S.PRODUCTION, S.RETIRED, None),
        (S.PRODUCTION, S.ON_HOLD, None),
        (S.ON_HOLD, S.SCALING, S.SCALING),
        (S.ON_HOLD, S.STOPPED, S.SCALING),
        (S.ON_HOLD, S.RETIRED, S.PRODUCTION),
    ],
)
def test_owning_team_lead_cannot_act_beyond_pilot(
    current: Stage, target: Stage, previous: Stage | None
) -> None:
    with pytest.raises(TransitionForbidden) as caught:
        _check(current, target, roles=TEAM_LEAD, owner=True, previous=previous)
    assert caught.value.code == TransitionErrorCode.ROLE_NOT_ALLOWED
    assert caught.value.message_params == {"current": current.value, "target": target.value}


def test_owning_team_lead_resumes_and_stops_a_hold_placed_at_or_below_pilot() -> None:
    _check(S.ON_HOLD, S.PILOT, roles=TEAM_LEAD, owner=True, previous=S.PILOT)
    _check(S.ON_HOLD, S.STOPPED, roles=TEAM_LEAD, owner=True, previous=S.ASSESSMENT)


def test_team_lead_outside_the_initiative_is_told_it_is_not_theirs() -> None:
    with pytest.raises(TransitionForbidden) as caught:
        _check(S.IDEA, S.ASSESSMENT, roles=TEAM_LEAD, owner=False)
    assert caught.value.code == TransitionErrorCode.NOT_OWNER_OR_MEMBER
    assert "own or are a member of" in str(caught.value)


def test_an_illegal_jump_is_reported_before_a_missing_role() -> None:
    with pytest.raises(TransitionConflict) as caught:
        _check(S.IDEA, S.PILOT, roles=TEAM_LEAD, owner=False)
    assert caught.value.code == TransitionErrorCode.ILLEGAL_JUMP


# --- other roles -----------------------------------------------------------------------------


def test_compliance_can_pause_any_stage_and_lift_the_hold() -> None:
    _check(S.PRODUCTION, S.ON_HOLD, roles={"compliance"})
    _check(S.IDEA, S.ON_HOLD, roles={"compliance"})
    _check(S.ON_HOLD, S.PRODUCTION, roles={"compliance"}, previous=S.PRODUCTION)


@pytest.mark.parametrize(
    ("current", "target", "previous"),
    [
        (S.IDEA, S.ASSESSMENT, None),
        (S.SCALING, S.STOPPED, None),
        (S.ON_HOLD, S.RETIRED, S.PRODUCTION),
        (S.ON_HOLD, S.STOPPED, S.PILOT),
    ],
)
def test_compliance_cannot_otherwise_change_stages(
    current: Stage, target: Stage, previous: Stage | None
) -> None:
    with pytest.raises(TransitionForbidden):
        _check(current, target, roles={"compliance"}, previous=previous)


@pytest.mark.parametrize("roles", [{"finance"}, {"admin"}, set(), {"unknown_role"}])
def test_finance_admin_and_nobody_cannot_change_stages(roles: set[str]) -> None:
    with pytest.raises(TransitionForbidden) as caught:
        _check(S.IDEA, S.ASSESSMENT, roles=roles, owner=True)
    assert caught.value.code == TransitionErrorCode.ROLE_NOT_ALLOWED


def test_roles_add_up() -> None:
    # As team lead alone she could not touch a scaling initiative; as compliance she can pause it.
    _check(S.SCALING, S.ON_HOLD, roles={"team_lead", "compliance"}, owner=False)
    with pytest.raises(TransitionForbidden):
        _check(S.SCALING, S.PRODUCTION, roles={"team_lead", "compliance"}, owner=True)


def test_both_refusals_are_transition_not_allowed() -> None:
    assert issubclass(TransitionConflict, TransitionNotAllowed)
    assert issubclass(TransitionForbidden, TransitionNotAllowed)


# --- buttons ---------------------------------------------------------------------------------


def _buttons(current: Stage, roles: set[str], **kwargs: object) -> list[Stage]:
    return available_transitions(
        current,
        roles=roles,
        is_owner_or_member=bool(kwargs.get("owner", False)),
        has_go_decision=bool(kwargs.get("go", False)),
        previous_stage=kwargs.get("previous"),  # type: ignore[arg-type]
    )


def test_buttons_for_an_owning_team_lead_at_pilot() -> None:
    assert _buttons(S.PILOT, TEAM_LEAD, owner=True) == [S.PROOF_OF_CONCEPT, S.ON_HOLD, S.STOPPED]


def test_scaling_button_appears_for_leadership_once_the_gate_says_go() -> None:
    assert _buttons(S.PILOT, LEADERSHIP) == [S.PROOF_OF_CONCEPT, S.ON_HOLD, S.STOPPED]
    assert _buttons(S.PILOT, LEADERSHIP, go=True) == [
        S.PROOF_OF_CONCEPT,
        S.SCALING,
        S.ON_HOLD,
        S.STOPPED,
    ]


def test_buttons_from_on_hold_and_terminal_stages() -> None:
    assert _buttons(S.ON_HOLD, LEADERSHIP, previous=S.PRODUCTION) == [S.PRODUCTION, S.RETIRED]
    assert _buttons(S.ON_HOLD, TEAM_LEAD, owner=True, previous=S.SCALING) == []
    assert _buttons(S.RETIRED, LEADERSHIP) == []
    assert _buttons(S.STOPPED, LEADERSHIP) == []


def test_no_buttons_for_finance_or_outsiders() -> None:
    assert _buttons(S.IDEA, {"finance"}) == []
    assert _buttons(S.IDEA, TEAM_LEAD, owner=False) == []
    assert _buttons(S.PRODUCTION, {"compliance"}) == [S.ON_HOLD]


def test_legal_targets_in_lifecycle_order() -> None:
    assert legal_targets("assessment") == [
        S.IDEA,
        S.PROOF_OF_CONCEPT,
        S.PILOT,
        S.ON_HOLD,
        S.STOPPED,
    ]


def test_the_suggested_stage_is_the_nearest_step_forward() -> None:
    assert next_forward_stage(S.ASSESSMENT, [S.IDEA, S.PILOT, S.PROOF_OF_CONCEPT]) == (
        S.PROOF_OF_CONCEPT
    )
    assert next_forward_stage(S.PILOT, [S.PROOF_OF_CONCEPT, S.SCALING, S.STOPPED]) == S.SCALING


def test_a_step_back_a_hold_or_a_stop_is_never_suggested() -> None:
    assert next_forward_stage(S.PILOT, [S.PROOF_OF_CONCEPT, S.ON_HOLD, S.STOPPED]) is None
    assert next_forward_stage(S.PRODUCTION, [S.ON_HOLD]) is None
    assert next_forward_stage(S.STOPPED, []) is None


def test_on_hold_the_suggestion_is_to_resume_where_it_was_held() -> None:
    assert next_forward_stage(S.ON_HOLD, [S.PILOT, S.STOPPED], previous_stage=S.PILOT) == S.PILOT
    assert next_forward_stage(S.ON_HOLD, [S.STOPPED], previous_stage=S.PILOT) is None
