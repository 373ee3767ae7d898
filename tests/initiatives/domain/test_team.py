"""The cross-functional team rule: five required roles, gaps in a fixed order."""

from __future__ import annotations

from initiatives.domain.team import REQUIRED_ROLES, TeamRole, team_gaps


def test_an_empty_team_misses_all_five_roles_in_order() -> None:
    assert team_gaps([]) == [
        TeamRole.DATA_SCIENTIST,
        TeamRole.IT_INFRASTRUCTURE,
        TeamRole.BUSINESS_OWNER,
        TeamRole.END_USER,
        TeamRole.LEGAL_ETHICS,
    ]
    assert len(REQUIRED_ROLES) == 5


def test_gaps_keep_the_fixed_order_whatever_order_the_roles_come_in() -> None:
    present = ["legal_ethics", "data_scientist", "it_infrastructure"]
    assert team_gaps(present) == [TeamRole.BUSINESS_OWNER, TeamRole.END_USER]
    assert team_gaps(reversed(present)) == [TeamRole.BUSINESS_OWNER, TeamRole.END_USER]


def test_a_role_held_twice_counts_once_and_unknown_roles_are_ignored() -> None:
    present = ["business_owner", "business_owner", "project_manager", "end_user"]
    assert team_gaps(present) == [
        TeamRole.DATA_SCIENTIST,
        TeamRole.IT_INFRASTRUCTURE,
        TeamRole.LEGAL_ETHICS,
    ]


def test_a_full_team_has_no_gaps() -> None:
    assert team_gaps(role.value for role in TeamRole) == []
    assert team_gaps(TeamRole) == []
