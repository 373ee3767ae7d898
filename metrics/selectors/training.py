"""Reads of training spend: the booked and completed training plans, the costs they became, and
the training spend of the organisation as a whole."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from core.periods import Period, PeriodKind
from core.roles import Cap, has_capability
from initiatives.models import Initiative
from metrics.models import CostItem, TrainingCost
from metrics.rules import can_edit_financials, can_view_financials
from people.domain import SPEND_COMMITTED
from people.models import TrainingPlan
from people.selectors import training_plan_list

# Initiatives offered at once when finance looks for the one a training serves.
INITIATIVE_CHOICES = 20


@dataclass(frozen=True)
class TrainingCostRow:
    """A training plan to book as a cost, and how it is booked (if it is)."""

    plan: TrainingPlan
    link: TrainingCost | None

    @property
    def cost(self) -> CostItem | None:
        """The cost item of the initiative the training serves (None for the organisation)."""
        return self.link.cost if self.link is not None else None

    @property
    def booked_amount(self) -> Decimal | None:
        """What the booking carries: its cost item's amount, or the organisation's spend."""
        if self.link is None:
            return None
        return self.link.cost.amount if self.link.cost is not None else self.link.amount

    @property
    def booked_on(self) -> datetime.date | None:
        """The date the booking counts on."""
        if self.link is None:
            return None
        return self.link.cost.start_date if self.link.cost is not None else self.link.spent_on

    @property
    def in_line(self) -> bool:
        """The booking still carries the plan's budget and start date."""
        return (
            self.link is not None
            and self.plan.status in SPEND_COMMITTED
            and self.booked_amount == self.plan.budget
            and (self.plan.starts_on is None or self.booked_on == self.plan.starts_on)
        )


def _bookable_plans(*, user: Any, query: str = "") -> QuerySet[TrainingPlan]:
    # A plan cancelled (or cut to nothing) after it was booked stays listed, so finance sees
    # the cost it left behind.
    plans = training_plan_list(user=user).filter(
        Q(status__in=SPEND_COMMITTED, budget__gt=0) | Q(cost_link__isnull=False)
    )
    query = " ".join(query.split())
    if query:
        plans = plans.filter(
            Q(title__icontains=query)
            | Q(provider__icontains=query)
            | Q(person__name__icontains=query)
            | Q(cost_link__cost__initiative__title__icontains=query)
        )
    return plans.select_related("cost_link__cost__initiative").order_by(
        "person__name", "starts_on", "id"
    )


def training_cost_plans(*, user: Any, query: str = "") -> QuerySet[TrainingPlan]:
    """Booked and completed plans with a budget (and plans booked before), for finance, matching
    `query` in the person, course, provider or initiative; to page through with
    `training_cost_rows_of`."""
    if not can_edit_financials(user):
        return TrainingPlan.objects.none()
    return _bookable_plans(user=user, query=query)


def training_cost_rows_of(plans: Any) -> list[TrainingCostRow]:
    """The rows of a page of plans from `training_cost_plans` (their bookings come with them)."""
    return [TrainingCostRow(plan=plan, link=getattr(plan, "cost_link", None)) for plan in plans]


def training_cost_rows(*, user: Any, query: str = "") -> list[TrainingCostRow]:
    """Every bookable plan with its booking; two queries whatever the number of plans."""
    return training_cost_rows_of(training_cost_plans(user=user, query=query))


def training_cost_row(*, user: Any, pk: int) -> TrainingCostRow:
    """One bookable plan with its booking, for finance, or 404."""
    plan = get_object_or_404(training_cost_plans(user=user), pk=pk)
    return TrainingCostRow(plan=plan, link=getattr(plan, "cost_link", None))


def training_cost_list(*, user: Any) -> QuerySet[TrainingCost]:
    """Every training booking (of an initiative or of the organisation), for finance."""
    queryset = TrainingCost.objects.select_related("plan__person", "cost__initiative").order_by(
        "plan__person__name", "plan_id"
    )
    return queryset if can_edit_financials(user) else queryset.none()


def initiative_choices(*, user: Any, query: str, current: Initiative | None) -> list[Initiative]:
    """The initiatives a training could be booked on: those matching `query` (title or
    department), at most INITIATIVE_CHOICES of them, and the one it is booked on now."""
    from metrics.selectors.scope import initiative_list

    query = " ".join(query.split())
    found: list[Initiative] = []
    if query:
        found = list(
            initiative_list(user=user)
            .filter(Q(title__icontains=query) | Q(department__name__icontains=query))
            .select_related("department")
            .order_by("title", "id")[:INITIATIVE_CHOICES]
        )
    if current is not None and all(i.pk != current.pk for i in found):
        found.insert(0, current)
    return found


def can_view_organisation_training(user: Any) -> bool:
    """The organisation's training spend is money and training budget at once: leadership and
    finance (team leads see the money of their own initiatives only)."""
    return can_view_financials(user) and has_capability(user, Cap.VIEW_TRAINING_BUDGETS)


@dataclass(frozen=True)
class QuarterSpend:
    """The organisation's training spend of one quarter, to date."""

    period: Period
    amount: Decimal
    to_date: bool


@dataclass(frozen=True)
class OrganisationTrainingSpend:
    """Training the organisation booked as its own spend, not of one initiative."""

    year: int
    quarters: list[QuarterSpend]
    year_to_date: Decimal
    booked_ahead: Decimal
    bookings: int


def organisation_training_spend(
    *, user: Any, year: int, today: datetime.date
) -> OrganisationTrainingSpend | None:
    """The organisation's training spend per quarter of `year`, to date (a booking counts on its
    date, as a one-time cost does), and what is booked for later; one query. None for roles
    that do not see it."""
    if not can_view_organisation_training(user):
        return None
    quarters = [
        Period.containing(PeriodKind.QUARTER, datetime.date(year, month, 1))
        for month in (1, 4, 7, 10)
    ]
    spent = TrainingCost.objects.filter(cost__isnull=True)
    sums = spent.aggregate(
        **{
            f"q{index}": Sum(
                "amount",
                filter=Q(spent_on__gte=quarter.start, spent_on__lte=min(quarter.end, today)),
            )
            for index, quarter in enumerate(quarters)
        },
        ahead=Sum("amount", filter=Q(spent_on__gt=today)),
        bookings=Count("pk"),
    )
    rows = [
        QuarterSpend(
            period=quarter,
            amount=sums[f"q{index}"] or Decimal("0"),
            to_date=quarter.start <= today <= quarter.end,
        )
        for index, quarter in enumerate(quarters)
    ]
    return OrganisationTrainingSpend(
        year=year,
        quarters=rows,
        year_to_date=sum((row.amount for row in rows), Decimal("0")),
        booked_ahead=sums["ahead"] or Decimal("0"),
        bookings=sums["bookings"] or 0,
    )
