"""Roles and what each may do: the one place in code that says so.

A role is a Django group; a person may hold several, and holds the union of their capabilities.
Apps ask `has_capability` for what a person may do and `scope_to_user` for what they may see; both
work on any user object, so this module imports no app.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser


class Role(StrEnum):
    """The roles of DESIGN.md section 1; the value is the stable code used in the API."""

    LEADERSHIP = "leadership"
    TEAM_LEAD = "team_lead"
    COMPLIANCE = "compliance"
    FINANCE = "finance"
    ADMIN = "admin"
    IT = "it"


# Group names are what administrators see in the admin; codes above never change.
ROLE_GROUP_NAMES: dict[Role, str] = {
    Role.LEADERSHIP: "Leadership",
    Role.TEAM_LEAD: "Team lead",
    Role.COMPLIANCE: "Compliance officer",
    Role.FINANCE: "Finance",
    Role.ADMIN: "Administrator",
    Role.IT: "IT",
}
GROUP_NAME_ROLES: dict[str, Role] = {name: role for role, name in ROLE_GROUP_NAMES.items()}

ROLE_LABELS = {
    Role.LEADERSHIP: _("Leadership"),
    Role.TEAM_LEAD: _("Team lead"),
    Role.COMPLIANCE: _("Compliance officer"),
    Role.FINANCE: _("Finance"),
    Role.ADMIN: _("Administrator"),
    Role.IT: _("IT"),
}


class Cap(StrEnum):
    """Capabilities: what a role may do, independent of which object."""

    VIEW_PORTFOLIO = "view_portfolio"
    VIEW_ALL_INITIATIVES = "view_all_initiatives"
    PROPOSE_INITIATIVE = "propose_initiative"
    EDIT_OWN_INITIATIVES = "edit_own_initiatives"
    DECIDE_GATES = "decide_gates"
    MANAGE_DEPARTMENTS = "manage_departments"
    MANAGE_KPIS = "manage_kpis"
    LOG_MEASUREMENTS = "log_measurements"
    VIEW_FINANCIALS = "view_financials"
    EDIT_FINANCIALS = "edit_financials"
    EDIT_ADOPTION = "edit_adoption"
    VIEW_REGISTER = "view_register"
    VIEW_WHOLE_REGISTER = "view_whole_register"
    EDIT_REGISTER = "edit_register"
    APPROVE_REGISTER = "approve_register"
    EDIT_ESTATE = "edit_estate"
    EDIT_VENDORS = "edit_vendors"
    EDIT_PEOPLE = "edit_people"
    VIEW_TRAINING_BUDGETS = "view_training_budgets"
    VIEW_DASHBOARD = "view_dashboard"
    GENERATE_REPORTS = "generate_reports"
    DOWNLOAD_REPORTS = "download_reports"
    ADMINISTER = "administer"


_EVERYONE = frozenset({Cap.VIEW_PORTFOLIO, Cap.VIEW_REGISTER, Cap.VIEW_DASHBOARD})

ROLE_CAPABILITIES: dict[Role, frozenset[Cap]] = {
    Role.LEADERSHIP: _EVERYONE
    | {
        Cap.VIEW_ALL_INITIATIVES,
        Cap.DECIDE_GATES,
        Cap.VIEW_FINANCIALS,
        Cap.VIEW_WHOLE_REGISTER,
        Cap.GENERATE_REPORTS,
        Cap.DOWNLOAD_REPORTS,
        Cap.EDIT_PEOPLE,
        Cap.VIEW_TRAINING_BUDGETS,
        Cap.EDIT_VENDORS,
    },
    # Team leads see only initiatives they own or are a member of (see scope_to_user).
    Role.TEAM_LEAD: _EVERYONE
    | {
        Cap.PROPOSE_INITIATIVE,
        Cap.EDIT_OWN_INITIATIVES,
        Cap.MANAGE_KPIS,
        Cap.LOG_MEASUREMENTS,
        Cap.VIEW_FINANCIALS,
        Cap.EDIT_ADOPTION,
    },
    Role.COMPLIANCE: _EVERYONE
    | {
        Cap.VIEW_ALL_INITIATIVES,
        Cap.VIEW_WHOLE_REGISTER,
        Cap.EDIT_REGISTER,
        Cap.APPROVE_REGISTER,
        Cap.EDIT_ESTATE,
        # Vendors are evaluated for security, data residency and contract terms as well as cost.
        Cap.EDIT_VENDORS,
        # Compliance proves AI literacy (EU AI Act Art. 4): it keeps people, skills and
        # literacy measures with leadership; training plans carry budgets, which are money.
        Cap.EDIT_PEOPLE,
        # No DOWNLOAD_REPORTS: the quarterly report is about money, and compliance has no
        # financial view anywhere (DESIGN.md section 1); its figures are on the register pages.
    },
    Role.FINANCE: _EVERYONE
    | {
        Cap.VIEW_ALL_INITIATIVES,
        Cap.VIEW_FINANCIALS,
        Cap.EDIT_FINANCIALS,
        Cap.VIEW_WHOLE_REGISTER,
        Cap.GENERATE_REPORTS,
        Cap.DOWNLOAD_REPORTS,
        Cap.VIEW_TRAINING_BUDGETS,
    },
    # Administrators rate the IT estate (systems, data sources, infrastructure) with compliance.
    Role.ADMIN: _EVERYONE
    | {
        Cap.VIEW_ALL_INITIATIVES,
        Cap.VIEW_WHOLE_REGISTER,
        Cap.MANAGE_DEPARTMENTS,
        Cap.EDIT_ESTATE,
        Cap.EDIT_VENDORS,
        Cap.EDIT_PEOPLE,
        Cap.VIEW_TRAINING_BUDGETS,
        Cap.ADMINISTER,
    },
    # The IT department rates the organisation's starting point: its systems, data sources and
    # infrastructure, and the vendors it would build on. It reads the whole portfolio and register
    # to see what depends on the estate, but has no financial view and edits no register entry.
    Role.IT: _EVERYONE
    | {
        Cap.VIEW_ALL_INITIATIVES,
        Cap.VIEW_WHOLE_REGISTER,
        Cap.EDIT_ESTATE,
        Cap.EDIT_VENDORS,
    },
}

_CACHE_ATTR = "_portfolio_roles"


def user_roles(user: AnyUser | None) -> frozenset[Role]:
    """Return the roles a user holds; superusers hold the administrator role.

    The result is cached on the user object so a page asks the database once.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return frozenset(cached)
    names = getattr(user, "groups").values_list("name", flat=True)  # noqa: B009 - any user model
    roles = {GROUP_NAME_ROLES[name] for name in names if name in GROUP_NAME_ROLES}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    result = frozenset(roles)
    setattr(user, _CACHE_ATTR, result)
    return result


def remember_roles(users: Any) -> None:
    """Load the roles of several users in one query (instead of one query each)."""
    users = list(users)
    if not users:
        return
    names: dict[int, set[str]] = {user.pk: set() for user in users}
    model = type(users[0])
    for pk, name in model.groups.through.objects.filter(
        **{f"{model._meta.model_name}_id__in": list(names)}
    ).values_list(f"{model._meta.model_name}_id", "group__name"):
        names[pk].add(name)
    for user in users:
        roles = {GROUP_NAME_ROLES[name] for name in names[user.pk] if name in GROUP_NAME_ROLES}
        if getattr(user, "is_superuser", False):
            roles.add(Role.ADMIN)
        setattr(user, _CACHE_ATTR, frozenset(roles))


def forget_roles(user: Any) -> None:
    """Drop the cached roles after group membership changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def capabilities(user: AnyUser | None) -> frozenset[Cap]:
    """Return the union of the capabilities of every role the user holds."""
    caps: set[Cap] = set()
    for role in user_roles(user):
        caps |= ROLE_CAPABILITIES[role]
    return frozenset(caps)


def has_capability(user: AnyUser | None, cap: Cap) -> bool:
    """Say whether the user holds a role that grants the capability."""
    return cap in capabilities(user)


def has_role(user: AnyUser | None, role: Role) -> bool:
    """Say whether the user holds the role."""
    return role in user_roles(user)


def scope_to_user(
    queryset: QuerySet[Any],
    user: AnyUser | None,
    *,
    all_cap: Cap,
    member_paths: tuple[str, ...],
) -> QuerySet[Any]:
    """Limit a queryset to what the user may see.

    With `all_cap` the user sees everything; otherwise only rows where one of `member_paths`
    (lookups such as "owner" or "initiative__members") is the user. Anonymous users see nothing.
    """
    if user is None or not user.is_authenticated:
        return queryset.none()
    if has_capability(user, all_cap):
        return queryset
    condition = Q()
    for path in member_paths:
        condition |= Q(**{path: user})
    # A member path through a many-to-many relation can repeat rows; filter by id instead of
    # distinct() so ordering and aggregation on the result keep working.
    matching = queryset.model._default_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=matching)
