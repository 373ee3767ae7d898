"""Who may change what in the initiatives app, per object.

This app owns team membership: whether a person is on an initiative's team (its owner or one of
its members). The other apps ask here instead of deciding it again. Reads are scoped by the
selectors (out of scope answers 404); these rules decide, for an initiative the person can see,
whether they may act on it (403 when not). Services enforce them; templates use them only to hide
buttons. Every rule takes the person first, then the object.
"""

from __future__ import annotations

from typing import Any

from core.roles import Cap, has_capability

_TEAM_CACHE = "_team_members"


def is_on_team(user: Any, initiative: Any) -> bool:
    """Whether the person owns the initiative or is one of its members (cached per initiative)."""
    if user is None or not user.is_authenticated:
        return False
    if initiative.owner_id == user.pk:
        return True
    cache: dict[int, bool] = initiative.__dict__.setdefault(_TEAM_CACHE, {})
    if user.pk not in cache:
        prefetched = getattr(initiative, "_prefetched_objects_cache", {}).get("members")
        if prefetched is not None:
            cache[user.pk] = any(member.pk == user.pk for member in prefetched)
        else:
            cache[user.pk] = initiative.members.filter(pk=user.pk).exists()
    return cache[user.pk]


def can_edit_initiative(user: Any, initiative: Any) -> bool:
    """Owners and members who are team leads edit their initiatives; administrators any."""
    if has_capability(user, Cap.ADMINISTER):
        return True
    return has_capability(user, Cap.EDIT_OWN_INITIATIVES) and is_on_team(user, initiative)


def can_delete_initiative(user: Any, initiative: Any) -> bool:
    """Only administrators delete initiatives (records entered by mistake); others stop them."""
    return has_capability(user, Cap.ADMINISTER)


def can_edit_readiness(user: Any, initiative: Any) -> bool:
    """The team and leadership keep the scaling-readiness checklist."""
    return can_edit_initiative(user, initiative) or has_capability(user, Cap.DECIDE_GATES)


def can_edit_pilot(user: Any, pilot: Any) -> bool:
    """A pilot is documented by whoever may edit its initiative."""
    return can_edit_initiative(user, pilot.initiative)


def can_request_gate(user: Any, initiative: Any) -> bool:
    """Team leads on the initiative's team ask leadership for the stage-gate decision."""
    return has_capability(user, Cap.EDIT_OWN_INITIATIVES) and is_on_team(user, initiative)


def can_withdraw_gate_request(user: Any, request: Any) -> bool:
    """Whoever may request the gate of the initiative may withdraw its request."""
    return can_request_gate(user, request.initiative)
