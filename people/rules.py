"""Who may read and change what in the people app.

Everyone signed in reads the competence map; leadership, compliance officers and administrators
keep people, skills and literacy measures. Training plans carry budgets, which are money: read by
leadership, finance and administrators and kept by leadership and administrators (compliance has
no financial view anywhere, DESIGN.md section 1).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from core.roles import Cap, has_capability

EDITORS_ONLY = gettext_lazy(
    "Only leadership, compliance officers and administrators change people, skills and "
    "literacy measures."
)
TRAINING_EDITORS_ONLY = gettext_lazy(
    "Only leadership and administrators change training plans: they carry budgets."
)


def can_read_people(user: Any) -> bool:
    """Everyone with a role reads the competence map and the literacy measures."""
    return has_capability(user, Cap.VIEW_PORTFOLIO)


def can_edit_people(user: Any) -> bool:
    """Leadership, compliance officers and administrators keep the people records."""
    return has_capability(user, Cap.EDIT_PEOPLE)


def can_view_budgets(user: Any) -> bool:
    """Training budgets are read by leadership, finance and administrators."""
    return has_capability(user, Cap.VIEW_TRAINING_BUDGETS)


def can_edit_training(user: Any) -> bool:
    """Training plans are kept by those who keep people and read budgets."""
    return can_edit_people(user) and can_view_budgets(user)
