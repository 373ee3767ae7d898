"""The demo competences: people on the competence map with believable skills, training plans
around the budget guide, AI-literacy measures linked to register entries, and two trainings
booked as costs of the use cases they served."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from governance.models import AISystem
from initiatives.models import Initiative
from metrics.choices import CostCategory
from metrics.models import CostItem, TrainingCost
from people import domain
from people.choices import TrainingStatus
from people.models import LiteracyMeasure, Person, TrainingPlan
from seeding.demo import seed_demo_organisation
from seeding.demo.competences import MEASURES, PEOPLE, TRAINING, seed_competences

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    seed_demo_organisation()


def levels(person: Person) -> dict[str, int]:
    return {s.skill: s.level for s in person.skills.all()}


def test_the_demo_people_are_on_the_map_once_with_their_accounts(demo) -> None:
    seed_competences()
    assert Person.objects.count() == len(PEOPLE) == 15
    assert TrainingPlan.objects.count() == len(TRAINING) == 8
    assert LiteracyMeasure.objects.count() == len(MEASURES) == 4
    linked = dict(Person.objects.filter(user__isnull=False).values_list("user__username", "name"))
    assert linked == {
        "lena": "Lena de Vries",
        "tom": "Tom Berg",
        "tara": "Tara Lindqvist",
        "carla": "Carla Jansen",
        "finn": "Finn Schulz",
        "admin": "Ada Admin",
    }
    assert not Person.objects.filter(job_title="").exists()
    assert set(Person.objects.values_list("department", flat=True)) == {
        "Customer Service", "Finance & Control", "Human Resources", "Operations & Logistics",
        "Legal & Compliance",
    }  # fmt: skip
    tom = Person.objects.get(user__username="tom")
    assert (tom.job_title, tom.department, tom.email) == (
        "Team lead customer service",
        "Customer Service",
        "tom@example.org",
    )


def test_translators_and_champions_are_few_and_believable(demo) -> None:
    translators = sorted(p.name for p in Person.objects.all() if domain.is_translator(levels(p)))
    assert translators == ["Jonas Weber", "Priya Nair", "Tara Lindqvist"]
    jonas = Person.objects.get(name="Jonas Weber")
    assert jonas.job_title == "Process owner accounts payable"
    assert levels(jonas)["business_process"] == 4
    champions = Person.objects.filter(is_champion=True).order_by("name")
    assert [p.name for p in champions] == ["Jonas Weber", "Sanne Bakker", "Tara Lindqvist"]
    assert all(p.champion_note for p in champions)
    assert not Person.objects.filter(is_champion=False).exclude(champion_note="").exists()
    # Nobody is an expert at everything: no one has all six skills.
    assert max(Person.objects.get(pk=p.pk).skills.count() for p in Person.objects.all()) == 5


def test_training_budgets_follow_the_guide_with_one_below(demo) -> None:
    plans = TrainingPlan.objects.select_related("person")
    assert {p.status for p in plans} == set(TrainingStatus.values)
    hints = {}
    for person in Person.objects.filter(training_plans__isnull=False).distinct():
        total = sum(
            (p.budget for p in person.training_plans.exclude(status=TrainingStatus.CANCELLED)),
            Decimal(0),
        )
        hints[person.name] = domain.budget_hint(total)
    assert hints.pop("Lisa Andersson") == domain.BudgetHint.BELOW
    # The cancelled certification leaves its person without budget this year.
    assert hints.pop("Erik Nilsson") == domain.BudgetHint.NONE
    assert set(hints.values()) == {domain.BudgetHint.WITHIN}
    assert len(hints) == 6
    cancelled = plans.get(status=TrainingStatus.CANCELLED)
    assert cancelled.notes.startswith("Cancelled: the second internet line")
    assert all(p.starts_on and p.ends_on and p.starts_on <= p.ends_on for p in plans)


def test_a_system_page_shows_how_many_of_its_users_are_trained(client, demo) -> None:
    client.force_login(User.objects.get(username="carla"))
    routing = AISystem.objects.get(name="E-mail routing classifier")
    page = client.get(reverse("governance:system-detail", args=[routing.pk])).content.decode()
    assert "3 of 5 users trained" in page
    assert "Not yet trained or past the refresh:" in page
    assert ">Mikael Holm</a>, <a" in page and ">Priya Nair</a>" in page
    assert "Case workers using the e-mail triage assistant: Workshop" in page

    # Invoice extraction's measure was given 14 months ago with a yearly refresh: it no longer
    # counts, and the page says so.
    invoices = AISystem.objects.get(name="Invoice data extraction")
    page = client.get(reverse("governance:system-detail", args=[invoices.pk])).content.decode()
    assert "0 of 2 users trained" in page
    assert "past its refresh" in page

    maintenance = AISystem.objects.get(name="Predictive maintenance")
    page = client.get(reverse("governance:system-detail", args=[maintenance.pk])).content.decode()
    assert "2 of 3 users trained" in page


def test_two_completed_trainings_are_costs_of_the_use_cases_they_served(client, demo) -> None:
    """And one booked training is spend of the organisation as a whole."""
    booked = {
        (link.plan.title, link.cost.initiative.title, link.cost.amount)
        for link in TrainingCost.objects.filter(cost__isnull=False).select_related(
            "plan", "cost__initiative"
        )
    }
    assert booked == {
        ("Prompt design for customer service", "E-mail triage assistant", Decimal("2400.00")),
        ("Process automation practitioner course", "Invoice data extraction", Decimal("3200.00")),
    }
    # One booked training serves the whole organisation: its spend is in no initiative's costs.
    organisation = TrainingCost.objects.select_related("plan").get(cost__isnull=True)
    assert (organisation.plan.title, organisation.amount) == (
        "Product ownership for data products",
        Decimal("2900.00"),
    )
    # Seeding again neither books twice nor loses the booking.
    seed_demo_organisation()
    assert TrainingCost.objects.count() == 3
    assert Person.objects.count() == 15
    triage = Initiative.objects.get(title="E-mail triage assistant")
    assert CostItem.objects.filter(
        initiative=triage,
        category=CostCategory.TRAINING,
        description="Prompt design for customer service – Sanne Bakker",
    ).exists()
    client.force_login(User.objects.get(username="finn"))
    page = client.get(reverse("metrics:initiative-financials", args=[triage.pk])).content.decode()
    assert "Prompt design for customer service – Sanne Bakker" in page


def test_the_demo_teams_have_believable_gaps(demo) -> None:
    """One full team; the invoice extraction misses its end-user and legal members."""
    from initiatives.models import Initiative
    from initiatives.selectors import team_summary

    triage = Initiative.objects.get(title="E-mail triage assistant")
    invoices = Initiative.objects.get(title="Invoice data extraction")
    assert team_summary(initiative=triage).gaps == []
    assert [slot.role for slot in team_summary(initiative=invoices).gaps] == [
        "end_user",
        "legal_ethics",
    ]
