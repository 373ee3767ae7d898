"""Who may change what in the metrics app, per object; capabilities come from core.roles.

Reads are scoped by the selectors (out of scope answers 404); these rules decide, for an object
the person can see, whether they may act on it (403 when not). Services enforce them; templates
use them only to hide buttons. Whether a person is on an initiative's team is decided by
initiatives.rules, which owns team membership.

Compliance officers see KPIs and measurements of every initiative but no money: DESIGN.md says
they must never change financial figures, and the role table gives them no VIEW_FINANCIALS, so
costs, benefits and ROI stay with leadership, finance and the initiative's own team.
"""

from __future__ import annotations

from typing import Any

from core.roles import Cap, has_capability
from initiatives.rules import is_on_team


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
