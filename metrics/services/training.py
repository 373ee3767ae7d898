"""Training spend as costs: a booked or completed training plan becomes one training cost item.

Finance books it on the initiative the training serves, or as training spend of the organisation
when it serves no one initiative; booking again after the plan changed brings the booking in line
(one booking per plan, never a second one).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from initiatives.models import Initiative
from metrics.choices import CostCategory, CostKind
from metrics.models import TrainingCost
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
    *, actor: Any, plan: TrainingPlan, initiative: Initiative | None, today: datetime.date
) -> TrainingCost:
    """Book a training plan as a cost of `initiative` (None: spend of the organisation as a
    whole), or bring its booking up to date."""
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
    if link is None:
        link = TrainingCost(plan=plan)
    if initiative is None:
        old_cost = link.cost
        link.cost, link.amount, link.spent_on = None, values["amount"], values["start_date"]
        as_actor(link, actor).save()
        if old_cost is not None:
            # The training now serves the whole organisation: no initiative carries it.
            cost_delete(actor=actor, cost=old_cost)
        return link
    if link.cost is not None and link.cost.initiative_id == initiative.pk:
        cost_update(actor=actor, cost=link.cost, data=values)
        as_actor(link, actor).save()
        return link
    old_cost = link.cost
    # Re-booked on another initiative (or taken from the organisation): the cost moves there.
    link.cost = cost_create(actor=actor, initiative=initiative, data=values)
    link.amount = link.spent_on = None
    as_actor(link, actor).save()
    if old_cost is not None:
        cost_delete(actor=actor, cost=old_cost)
    return link


@transaction.atomic
def training_cost_remove(*, actor: Any, link: TrainingCost) -> None:
    """Take a training off the costs (booked by mistake): its cost item goes with it."""
    require(can_edit_financials(actor), _finance_only())
    link = (
        TrainingCost.objects.select_for_update(of=("self",)).select_related("cost").get(pk=link.pk)
    )
    cost = link.cost
    as_actor(link, actor).delete()
    if cost is not None:
        cost_delete(actor=actor, cost=cost)
