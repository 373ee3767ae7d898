"""Single sign-on rules as pure functions: a provider's policy, and roles from its groups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.roles import Role


@dataclass(frozen=True)
class SsoPolicy:
    """What an administrator allows for one provider (its app settings' "portfolio" part)."""

    allow_signup: bool = False
    email_domains: tuple[str, ...] = ()
    groups_claim: str = "groups"
    role_map: Mapping[str, tuple[Role, ...]] = field(default_factory=dict)
    default_roles: tuple[Role, ...] = ()
    # A claim that holds the id the provider also sends over SCIM as externalId (Entra: "oid").
    scim_link_claim: str = ""

    @property
    def manages_roles(self) -> bool:
        """A provider with a mapping or default roles owns its people's roles."""
        return bool(self.role_map or self.default_roles)


def _roles(values: Any) -> tuple[Role, ...]:
    if isinstance(values, str):
        values = [values]
    known = {role.value for role in Role}
    return tuple(Role(value) for value in values or () if value in known)


def policy_from_settings(raw: Any) -> SsoPolicy:
    """Read a policy leniently: unknown roles are dropped rather than granted."""
    if not isinstance(raw, Mapping):
        return SsoPolicy()
    domains = raw.get("email_domains") or ()
    if isinstance(domains, str):
        domains = domains.split(",")
    role_map = raw.get("role_map") or {}
    return SsoPolicy(
        allow_signup=raw.get("allow_signup") is True,
        email_domains=tuple(d.strip().lower().lstrip("@") for d in domains if d.strip()),
        groups_claim=str(raw.get("groups_claim") or "groups"),
        role_map={str(group): _roles(roles) for group, roles in dict(role_map).items()},
        default_roles=_roles(raw.get("default_roles")),
        scim_link_claim=str(raw.get("scim_link_claim") or ""),
    )


def email_allowed(policy: SsoPolicy, email: str) -> bool:
    """Whether a first sign-in with this e-mail may create an account."""
    if not policy.allow_signup or "@" not in email:
        return False
    if not policy.email_domains:
        return True
    return email.rsplit("@", 1)[1].lower() in policy.email_domains


def groups_from_claims(claims: Mapping[str, Any], claim: str) -> list[str]:
    """The group names or ids a provider sent, as strings (a single value counts as one)."""
    value = claims.get(claim)
    if value is None:
        return []
    if isinstance(value, str | int):
        return [str(value)]
    return [str(item) for item in value if isinstance(item, str | int)]


def roles_for_groups(policy: SsoPolicy, groups: Iterable[str]) -> frozenset[Role]:
    """The default roles plus every role a group maps to."""
    roles = set(policy.default_roles)
    for group in groups:
        roles.update(policy.role_map.get(group, ()))
    return frozenset(roles)
