"""Training spend as costs: finance books a booked or completed training on an initiative."""

from __future__ import annotations

import csv
import datetime
import io
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


def test_finance_books_a_training_as_spend_of_the_organisation_outside_every_roi(
    client, finance_user, booked_plan
):
    chatbot = InitiativeFactory(title="Chatbot")
    client.force_login(finance_user)
    url = reverse("metrics:training-cost-book", args=[booked_plan.pk])
    assert client.post(url, {"initiative": "organisation"}).status_code == 302
    link = TrainingCost.objects.get()
    assert (link.cost, link.amount, link.spent_on) == (
        None,
        Decimal("2400.00"),
        datetime.date(2026, 3, 2),
    )
    # No initiative carries it, so no initiative's costs or ROI count it.
    assert not CostItem.objects.exists()
    page = client.get(reverse("metrics:training-costs")).content.decode()
    assert "The organisation · €2,400.00" in page or "The organisation · 2,400.00" in page

    # Now it serves the chatbot after all: it becomes the chatbot's cost item.
    client.post(url, {"initiative": chatbot.pk})
    link.refresh_from_db()
    assert (link.cost.initiative, link.cost.amount, link.amount) == (
        chatbot,
        Decimal("2400.00"),
        None,
    )
    # And back to the organisation: the chatbot's cost item goes.
    client.post(url, {"initiative": "organisation"})
    assert not CostItem.objects.exists()
    assert TrainingCost.objects.get().amount == Decimal("2400.00")
    history = [r.history_type for r in TrainingCost.history.order_by("history_date")]
    assert history == ["+", "~", "~"]
    assert TrainingCost.history.first().history_user == finance_user


def test_organisation_training_spend_per_quarter_to_date(finance_user, leader, bob, booked_plan):
    from metrics.selectors.training import organisation_training_spend
    from metrics.services.training import training_cost_sync

    later = TrainingPlanFactory(
        title="Data literacy", budget=Decimal("500.00"), status=TrainingStatus.BOOKED
    )
    later.starts_on, later.ends_on = datetime.date(2026, 6, 1), datetime.date(2026, 6, 3)
    later.save()
    today = datetime.date(2026, 5, 10)
    for plan in (booked_plan, later):
        training_cost_sync(actor=finance_user, plan=plan, initiative=None, today=today)
    spend = organisation_training_spend(user=leader, year=2026, today=today)
    assert [(q.period.label, q.amount, q.to_date) for q in spend.quarters] == [
        ("2026-Q1", Decimal("2400.00"), False),
        ("2026-Q2", Decimal("0"), True),
        ("2026-Q3", Decimal("0"), False),
        ("2026-Q4", Decimal("0"), False),
    ]
    assert (spend.year_to_date, spend.booked_ahead, spend.bookings) == (
        Decimal("2400.00"),
        Decimal("500.00"),
        2,
    )
    # A team lead sees the money of their own initiatives, not the organisation's training.
    assert organisation_training_spend(user=bob, year=2026, today=today) is None


def test_the_financial_overview_shows_the_organisations_training_spend(
    client, finance_user, leader, bob
):
    from metrics.services.training import training_cost_sync

    today = datetime.date.today()
    plan = TrainingPlanFactory(
        title="AI for managers", budget=Decimal("1800.00"), status=TrainingStatus.COMPLETED
    )
    plan.starts_on, plan.ends_on = today, today
    plan.save()
    training_cost_sync(actor=finance_user, plan=plan, initiative=None, today=today)
    client.force_login(leader)
    page = client.get(reverse("metrics:financial-overview")).content.decode()
    assert f"Training spend of the organisation, {today.year}" in page
    assert "1,800.00 to date, in no initiative" in page
    client.force_login(bob)
    assert (
        "Training spend of the organisation"
        not in client.get(reverse("metrics:financial-overview")).content.decode()
    )


def test_taking_a_training_off_the_costs_removes_its_cost_item_and_keeps_the_history(
    client, finance_user, booked_plan
):
    initiative = InitiativeFactory(title="Letter sorting")
    client.force_login(finance_user)
    url = reverse("metrics:training-cost-book", args=[booked_plan.pk])
    client.post(url, {"initiative": initiative.pk})
    assert CostItem.objects.count() == 1
    response = client.post(url, {"action": "remove"}, follow=True)
    assert "LLM foundations is no longer booked as a cost." in response.content.decode()
    assert not TrainingCost.objects.exists()
    assert not CostItem.objects.exists()
    assert [r.history_type for r in TrainingCost.history.order_by("history_date")] == ["+", "-"]
    page = client.get(url).content.decode()
    history = page[page.index('id="history-title"') :]
    assert "Deleted" in history, history[:1500]


def test_the_booking_page_finds_initiatives_by_search_instead_of_listing_them_all(
    client, finance_user, booked_plan
):
    InitiativeFactory(title="Letter sorting")
    InitiativeFactory(title="Chatbot")
    client.force_login(finance_user)
    url = reverse("metrics:training-cost-book", args=[booked_plan.pk])
    page = client.get(url).content.decode()
    assert "Letter sorting" not in page and "Chatbot" not in page
    assert 'id="serves-organisation"' in page
    page = client.get(url, {"q": "letter"}).content.decode()
    assert "Letter sorting" in page and "Chatbot" not in page
    assert '<label for="initiative-q">' in page
    response = client.post(url, {"initiative": "999999"})
    assert response.status_code == 400
    assert "Choose the initiative the training serves, or the organisation." in (
        response.content.decode()
    )
    # A plan that is only planned is no training to book: 404 on its booking page.
    planned = TrainingPlanFactory(status=TrainingStatus.PLANNED)
    assert client.get(reverse("metrics:training-cost-book", args=[planned.pk])).status_code == 404


def test_training_costs_search_and_a_fixed_number_of_queries_per_page(
    client, finance_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(finance_user)
    url = reverse("metrics:training-costs")

    def add(count: int) -> None:
        for _ in range(count):
            TrainingPlanFactory(status=TrainingStatus.BOOKED, title="Prompting basics")

    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(40)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "1–25 of 43" in page
    TrainingPlanFactory(
        status=TrainingStatus.BOOKED,
        title="Vision models",
        person=PersonFactory(name="Ines Kraft"),
    )
    page = client.get(url, {"q": "ines"}).content.decode()
    assert "Vision models" in page and "Prompting basics" not in page
    assert "No training matches this search." in client.get(url, {"q": "zzz"}).content.decode()


def test_api_books_a_training_for_the_organisation_and_takes_it_off(
    finance_user, leader, booked_plan
):
    from tests.conftest import token_client

    api = token_client(finance_user)
    response = api.post(
        "/api/v1/training-costs/", {"plan": booked_plan.pk, "initiative": None}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["for_organisation"], body["initiative"], body["amount"], body["date"]) == (
        True,
        None,
        "2400.00",
        "2026-03-02",
    )
    assert body["person"] == "Maria Jensen"
    assert [row["title"] for row in api.get("/api/v1/training-costs/").json()["results"]] == [
        "LLM foundations"
    ]
    planned = TrainingPlanFactory(status=TrainingStatus.PLANNED)
    response = api.post(
        "/api/v1/training-costs/", {"plan": planned.pk, "initiative": None}, format="json"
    )
    assert response.status_code == 400
    assert token_client(leader).get("/api/v1/training-costs/").status_code == 403
    assert api.delete(f"/api/v1/training-costs/{body['id']}/").status_code == 204
    assert not TrainingCost.objects.exists()


def test_training_costs_export_as_csv_with_the_booking_of_each_plan(
    client, finance_user, booked_plan
):
    from metrics.services.training import training_cost_sync

    chatbot = InitiativeFactory(title="Chatbot")
    other = TrainingPlanFactory(
        title="Vision models", budget=Decimal("900.00"), status=TrainingStatus.COMPLETED
    )
    today = datetime.date(2026, 4, 1)
    training_cost_sync(actor=finance_user, plan=booked_plan, initiative=None, today=today)
    training_cost_sync(actor=finance_user, plan=other, initiative=chatbot, today=today)
    client.force_login(finance_user)
    response = client.get(reverse("metrics:training-costs-export"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [
        (r["title"], r["booked_as"], r["initiative"], r["amount_eur"], r["date"]) for r in rows
    ] == [
        ("LLM foundations", "organisation", "", "2400.00", "2026-03-02"),
        ("Vision models", "initiative", "Chatbot", "900.00", "2026-03-02"),
    ]
    searched = client.get(reverse("metrics:training-costs-export"), {"q": "vision"})
    assert "LLM foundations" not in searched.content.decode()
    assert (
        client.get(reverse("metrics:training-costs-export"), {"format": "pdf"}).status_code == 400
    )
