"""Writes about people: roles from single sign-on, the sign-on record, deprovisioning."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.domain.sso import SsoPolicy, groups_from_claims, roles_for_groups
from accounts.models import ApiToken, RoleChange, SsoSync, User
from core.roles import GROUP_NAME_ROLES, ROLE_GROUP_NAMES, Role, forget_roles

SOURCE_ATTR = "_role_change_source"
ACTOR_ATTR = "_role_change_actor"
security_log = logging.getLogger("portfolio.security")


def _role_groups(roles: Iterable[Role]) -> list[Group]:
    # get_or_create: a fresh database may not hold every role's group yet.
    return [Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0] for role in roles]


def user_roles_set(
    *, user: User, roles: Iterable[Role], source: str, actor: User | None = None
) -> tuple[set[Role], set[Role]]:
    """Give the person exactly these roles; returns (added, removed), each change in history."""
    wanted = set(roles)
    current = {
        GROUP_NAME_ROLES[name]
        for name in user.groups.values_list("name", flat=True)
        if name in GROUP_NAME_ROLES
    }
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return added, removed
    with transaction.atomic():
        # The m2m_changed receiver (accounts.signals) writes the RoleChange rows with this source.
        setattr(user, SOURCE_ATTR, source)
        setattr(user, ACTOR_ATTR, actor)
        try:
            if added:
                user.groups.add(*_role_groups(sorted(added)))
            if removed:
                user.groups.remove(*_role_groups(sorted(removed)))
        finally:
            delattr(user, SOURCE_ATTR)
            delattr(user, ACTOR_ATTR)
    forget_roles(user)
    return added, removed


def role_changes_record(
    *, user: User, group_ids: Iterable[int], change: str, source: str, actor: Any
) -> None:
    """Write one history row per role group that was added to or removed from a person."""
    names = Group.objects.filter(pk__in=list(group_ids)).values_list("name", flat=True)
    RoleChange.objects.bulk_create(
        RoleChange(
            user=user,
            role=GROUP_NAME_ROLES[name].value,
            change=change,
            source=source[:120],
            actor=actor if getattr(actor, "pk", None) else None,
        )
        for name in names
        if name in GROUP_NAME_ROLES
    )


def sso_login_sync(
    *, user: User, provider_id: str, subject: str, claims: Mapping[str, Any], policy: SsoPolicy
) -> SsoSync:
    """Apply the provider's groups to the person's roles and record what it said."""
    groups = groups_from_claims(claims, policy.groups_claim)
    roles = roles_for_groups(policy, groups)
    if policy.manages_roles:
        user_roles_set(user=user, roles=roles, source=f"sso:{provider_id}")
    amr = claims.get("amr") or []
    sync, _ = SsoSync.objects.update_or_create(
        user=user,
        provider_id=provider_id,
        defaults={
            "subject": subject[:255],
            "groups": groups[:500],
            "roles": sorted(role.value for role in roles),
            "amr": [str(item) for item in amr] if isinstance(amr, list) else [str(amr)],
            "acr": str(claims.get("acr") or "")[:255],
            "synced_at": timezone.now(),
        },
    )
    return sync


def user_deactivate(*, user: User, source: str) -> None:
    """Stop a person's access at once: no sign-in, no session, no API token.

    Sessions are refused from the next request on because the authentication backends reject
    inactive users when they load the session's user; tokens are revoked so that reactivating
    the account does not bring back a token that may have leaked meanwhile.
    """
    now = timezone.now()
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    user.is_active = False
    security_log.info("account deactivated: user=%s source=%s", user.pk, source)


def user_language_set(*, user: User, language: str) -> None:
    """Keep the language a person chose, for their pages on any device and their e-mails."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def user_activate(*, user: User) -> None:
    """Let a person sign in again (their old API tokens stay revoked)."""
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True


def scim_group_roles_sync(*, user: User) -> None:
    """Give a person the roles their SCIM groups map to, under PORTFOLIO_SCIM_PROVIDER's mapping."""
    from accounts.sso import sso_policy_by_id

    policy = sso_policy_by_id(settings.PORTFOLIO_SCIM_PROVIDER)
    if not policy.manages_roles:
        return
    keys: list[str] = []
    for name, external_id in user.scim_groups.values_list("display_name", "external_id"):
        keys += [name, external_id] if external_id else [name]
    user_roles_set(user=user, roles=roles_for_groups(policy, keys), source="scim")
