"""Who may change what in the AI register, per object.

Reads are scoped by governance.selectors (out of scope answers 404); these rules decide, for an
entry the person can see, whether they may act on it (403 when not). Compliance officers keep the
register and decide approvals, whatever the entry; the rules take the object all the same, so a
rule about the object has one place to go. Services enforce them; pages and API ask the same
rules earlier only to answer before reading input or to hide buttons. Team membership is the
initiatives app's (initiatives.rules.is_on_team); nothing here decides it again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from core.roles import Cap, has_capability

# Why a refusal happens, shown in the 403 of every interface.
EDITORS_ONLY = gettext_lazy("Only compliance officers change the AI register.")
APPROVERS_ONLY = gettext_lazy("Only compliance officers approve or reject register entries.")
ESTATE_EDITORS_ONLY = gettext_lazy(
    "Only compliance officers and administrators change the IT systems and data sources."
)


def can_edit_register(user: Any) -> bool:
    """Compliance officers add, change and remove register entries, risks, reviews and imports."""
    return has_capability(user, Cap.EDIT_REGISTER)


def can_edit_system(user: Any, system: Any) -> bool:
    """A register entry is kept by whoever keeps the register."""
    return can_edit_register(user)


def can_approve_system(user: Any, system: Any) -> bool:
    """Compliance officers approve and reject entries."""
    return has_capability(user, Cap.APPROVE_REGISTER)


def can_edit_risk(user: Any, risk: Any) -> bool:
    """A risk is kept by whoever may edit its system."""
    return can_edit_system(user, risk.system)


def can_edit_review(user: Any, review: Any) -> bool:
    """A review is planned and completed by whoever may edit its system."""
    return can_edit_system(user, review.system)


def can_edit_estate(user: Any) -> bool:
    """Compliance officers and administrators rate the IT systems, data sources and infrastructure."""
    return has_capability(user, Cap.EDIT_ESTATE)


VENDOR_EDITORS_ONLY = gettext_lazy(
    "Only leadership, compliance officers, the IT department and administrators change vendors "
    "and their evaluations."
)
COST_EDITORS_ONLY = gettext_lazy(
    "Only finance, and vendor editors who see financial figures, change cost lines."
)


def can_edit_vendors(user: Any) -> bool:
    """Leadership, compliance, IT and administrators keep vendors, products and evaluations."""
    return has_capability(user, Cap.EDIT_VENDORS)


def can_see_vendor_costs(user: Any) -> bool:
    """Cost lines and the total cost of ownership are money: only those with a financial view."""
    return has_capability(user, Cap.VIEW_FINANCIALS)


def can_edit_vendor_costs(user: Any) -> bool:
    """Finance keeps cost lines, and so do vendor editors who see financial figures."""
    return has_capability(user, Cap.EDIT_FINANCIALS) or (
        can_edit_vendors(user) and can_see_vendor_costs(user)
    )
