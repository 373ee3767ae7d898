"""Who may change what in the metrics app, per object; capabilities come from core.roles.

Reads are scoped by the selectors (out of scope answers 404); these rules decide, for an object
the person can see, whether they may act on it (403 when not). Services enforce them; templates
use them only to hide buttons.

Compliance officers see KPIs and measurements of every initiative but no money: DESIGN.md says
they must never change financial figures, and the role table gives them no VIEW_FINANCIALS, so
costs, benefits and ROI stay with leadership, finance and the initiative's own team.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.roles import Cap, has_capability

_TEAM_CACHE = "_metrics_team_members"


def is_on_team(user: Any, initiative: Any) -> bool:
    """Whether the user owns the initiative or is one of its members (cached per initiative)."""
    if user is None or not user.is_authenticated:
        return False
    if initiative.owner_id == user.pk:
        return True
    cache: dict[int, bool] = initiative.__dict__.setdefault(_TEAM_CACHE, {})
    if user.pk not in cache:
        cache[user.pk] = initiative.members.filter(pk=user.pk).exists()
    return cache[user.pk]


def can_manage_kpis(user: Any, initiative: Any) -> bool:
    """Team leads define and change the KPIs of their own initiatives."""
    return has_capability(user, Cap.MANAGE_KPIS) and is_on_team(user, initiative)


def can_log_measurements(user: Any, initiative: Any) -> bool:
    """Team leads log measurements for their own initiatives."""
    return has_capability(user, Cap.LOG_MEASUREMENTS) and is_on_team(user, initiative)


def can_change_measurement(user: Any, measurement: Any) -> bool:
    """A measurement is edited or deleted only by the person who logged it."""
    return measurement.logged_by_id == getattr(user, "pk", None) and can_log_measurements(
        user, measurement.kpi.initiative
    )


def can_view_financials(user: Any) -> bool:
    """Costs, benefits and ROI: leadership, finance and team leads (for their initiatives)."""
    return has_capability(user, Cap.VIEW_FINANCIALS) or has_capability(user, Cap.EDIT_FINANCIALS)


def can_edit_financials(user: Any) -> bool:
    """Only finance maintains costs and benefits."""
    return has_capability(user, Cap.EDIT_FINANCIALS)


def can_edit_adoption(user: Any) -> bool:
    """Adoption figures: whoever holds EDIT_ADOPTION, and finance."""
    return has_capability(user, Cap.EDIT_ADOPTION) or has_capability(user, Cap.EDIT_FINANCIALS)


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied (403) unless allowed."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))
