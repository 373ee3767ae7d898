"""The initiatives a person may see, and whether their role shows money.

Which initiatives a person sees is decided by initiatives.selectors; metrics asks there, and
scopes its own rows (KPIs, measurements, costs, benefits) with `visible_through`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.exceptions import require
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from metrics.rules import can_view_financials


def initiative_list(*, user: Any) -> QuerySet[Initiative]:
    """Initiatives the user may see."""
    return initiative_selectors.initiative_list(user=user)


def initiative_get(*, user: Any, pk: int) -> Initiative:
    """One initiative the user may see, or 404."""
    return initiative_selectors.initiative_get(user=user, pk=pk)


def require_financial_view(user: Any) -> None:
    """403 for people whose role does not show money (compliance, administrators)."""
    require(can_view_financials(user), _("Your role does not show costs, benefits or ROI."))
