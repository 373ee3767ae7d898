"""Training spend as costs: a booked or completed training plan becomes one training cost item.

Finance books it on the initiative the training serves; booking again after the plan changed
brings the cost item in line (one cost item per plan, never a second one).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from initiatives.models import Initiative
from metrics.choices import CostCategory, CostKind
from metrics.models import CostItem, TrainingCost
from metrics.rules import can_edit_financials
from metrics.services.financials import _finance_only, cost_create, cost_delete, cost_update
from people.domain import SPEND_COMMITTED
from people.models import TrainingPlan


def training_cost_values(plan: TrainingPlan, *, today: datetime.date) -> dict[str, Any]:
    """The cost item a plan is booked as: one-time, category training, its budget, its start."""
    description = f"{plan.title} – {plan.person.name}"
    return {
        "kind": CostKind.ONE_TIME,
        "category": CostCategory.TRAINING,
        "description": description[:200],
        "amount": plan.budget,
        "start_date": plan.starts_on or today,
        "end_date": None,
    }


@transaction.atomic
def training_cost_sync(
    *, actor: Any, plan: TrainingPlan, initiative: Initiative, today: datetime.date
) -> CostItem:
    """Book a training plan as a cost of `initiative`, or bring its cost item up to date."""
    require(can_edit_financials(actor), _finance_only())
    plan = (
        TrainingPlan.objects.select_related("person")
        .select_for_update(of=("self",))
        .get(pk=plan.pk)
    )
    if plan.status not in SPEND_COMMITTED:
        raise ValidationError(
            {"plan": [_("Only a booked or completed training is booked as a cost.")]}
        )
    if plan.budget <= 0:
        raise ValidationError({"plan": [_("The training has no budget to book.")]})
    values = training_cost_values(plan, today=today)
    link = TrainingCost.objects.select_related("cost").filter(plan=plan).first()
    if link is not None and link.cost.initiative_id == initiative.pk:
        cost = cost_update(actor=actor, cost=link.cost, data=values)
        link.save(update_fields=["booked_at"])
        return cost
    if link is not None:
        # The training now serves another initiative: its cost moves there.
        cost_delete(actor=actor, cost=link.cost)
    cost = cost_create(actor=actor, initiative=initiative, data=values)
    TrainingCost.objects.create(plan=plan, cost=cost)
    return cost
