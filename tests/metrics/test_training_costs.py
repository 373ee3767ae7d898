"""Training spend as costs: finance books a booked or completed training on an initiative."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import CostItem, TrainingCost
from people.choices import TrainingStatus
from tests.factories.initiatives import InitiativeFactory
from tests.factories.people import PersonFactory, TrainingPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked_plan():
    """Maria's booked LLM course of 2,400 EUR starting on 2 March 2026."""
    return TrainingPlanFactory(
        person=PersonFactory(name="Maria Jensen"),
        title="LLM foundations",
        budget=Decimal("2400.00"),
        status=TrainingStatus.BOOKED,
    )


def test_finance_books_a_training_as_one_training_cost_and_books_again_to_update(
    client, finance_user, booked_plan
):
    first, second = InitiativeFactory(title="Letter sorting"), InitiativeFactory(title="Chatbot")
    client.force_login(finance_user)
    url = reverse("metrics:training-costs")
    page = client.get(url).content.decode()
    assert "LLM foundations" in page
    assert "not booked" in page
    response = client.post(url, {"plan": booked_plan.pk, "initiative": first.pk})
    assert response.status_code == 302
    cost = CostItem.objects.get()
    assert (cost.initiative, cost.category, cost.kind) == (first, "training", "one_time")
    assert cost.amount == Decimal("2400.00")
    assert cost.start_date == datetime.date(2026, 3, 2)
    assert cost.description == "LLM foundations – Maria Jensen"

    booked_plan.budget = Decimal("2650.00")
    booked_plan.save()
    assert "differs from the plan" in client.get(url).content.decode()
    client.post(url, {"plan": booked_plan.pk, "initiative": first.pk})
    assert CostItem.objects.get().amount == Decimal("2650.00")

    # The training now serves the chatbot: its one cost item moves there.
    client.post(url, {"plan": booked_plan.pk, "initiative": second.pk})
    assert list(CostItem.objects.values_list("initiative__title", "amount")) == [
        ("Chatbot", Decimal("2650.00"))
    ]
    assert TrainingCost.objects.get().plan == booked_plan


def test_a_planned_training_is_not_a_cost_yet(client, finance_user):
    plan = TrainingPlanFactory(status=TrainingStatus.PLANNED)
    initiative = InitiativeFactory()
    client.force_login(finance_user)
    url = reverse("metrics:training-costs")
    assert plan.title not in client.get(url).content.decode()
    response = client.post(url, {"plan": plan.pk, "initiative": initiative.pk})
    assert response.status_code == 400
    assert "Only a booked or completed training is booked as a cost." in response.content.decode()
    assert not CostItem.objects.exists()


def test_only_finance_books_training_costs(client, leader, booked_plan):
    initiative = InitiativeFactory()
    client.force_login(leader)
    url = reverse("metrics:training-costs")
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"plan": booked_plan.pk, "initiative": initiative.pk}).status_code == 403
    )
    assert not CostItem.objects.exists()
