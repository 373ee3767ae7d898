"""Reads of training spend: the booked and completed training plans and the costs they became."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from metrics.models import CostItem
from metrics.rules import can_edit_financials
from people.domain import SPEND_COMMITTED
from people.models import TrainingPlan
from people.selectors import training_plan_list


@dataclass(frozen=True)
class TrainingCostRow:
    """A training plan to book as a cost, and the cost item it is booked as (if any)."""

    plan: TrainingPlan
    cost: CostItem | None

    @property
    def in_line(self) -> bool:
        """The cost item still carries the plan's budget and start date."""
        return (
            self.cost is not None
            and self.plan.status in SPEND_COMMITTED
            and self.cost.amount == self.plan.budget
            and (self.plan.starts_on is None or self.cost.start_date == self.plan.starts_on)
        )


def training_cost_rows(*, user: Any) -> list[TrainingCostRow]:
    """Booked and completed plans with a budget, for finance, each with its cost item; two queries
    whatever the number of plans."""
    if not can_edit_financials(user):
        return []
    # A plan cancelled (or cut to nothing) after it was booked stays listed, so finance sees
    # the cost it left behind.
    plans = (
        training_plan_list(user=user)
        .filter(Q(status__in=SPEND_COMMITTED, budget__gt=0) | Q(cost_link__isnull=False))
        .select_related("cost_link__cost__initiative")
        .order_by("person__name", "starts_on", "id")
    )
    rows = []
    for plan in plans:
        link = getattr(plan, "cost_link", None)
        rows.append(TrainingCostRow(plan=plan, cost=link.cost if link else None))
    return rows
