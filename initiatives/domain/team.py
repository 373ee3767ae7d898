"""The cross-functional team of an initiative: which roles it needs and which are still empty.

An AI initiative needs five kinds of people at the table (the source material's team set-up):
someone who builds and runs the models, IT for the systems it plugs into, a business owner who
answers for the result, a representative of the people who will use it, and legal and ethics.
A role is filled when at least one person holds it; one person may hold several roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class TeamRole(StrEnum):
    """A role on an initiative's cross-functional team; the values match choices.TeamRoleKind."""

    DATA_SCIENTIST = "data_scientist"
    IT_INFRASTRUCTURE = "it_infrastructure"
    BUSINESS_OWNER = "business_owner"
    END_USER = "end_user"
    LEGAL_ETHICS = "legal_ethics"


# Every initiative needs all of them, and gaps are always reported in this order.
REQUIRED_ROLES: tuple[TeamRole, ...] = (
    TeamRole.DATA_SCIENTIST,
    TeamRole.IT_INFRASTRUCTURE,
    TeamRole.BUSINESS_OWNER,
    TeamRole.END_USER,
    TeamRole.LEGAL_ETHICS,
)


def team_gaps(roles_present: Iterable[str]) -> list[TeamRole]:
    """The required roles nobody holds yet, in the order of REQUIRED_ROLES.

    Unknown role values are ignored, and a role held by several people counts once.
    """
    present = {str(role) for role in roles_present}
    return [role for role in REQUIRED_ROLES if role.value not in present]
