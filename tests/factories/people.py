"""Factories for the people app."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory

from people.choices import MeasureKind, TrainingStatus
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan


class PersonFactory(factory.django.DjangoModelFactory):
    """A named person without an account; `levels={"prompt_engineering": 3}` adds skills."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n:03d}")
    job_title = "Clerk"
    department = "Customer service"

    @factory.post_generation
    def levels(self, create: bool, extracted: dict[str, int] | None, **kwargs: Any) -> None:
        person: Any = self
        if create and extracted:
            PersonSkill.objects.bulk_create(
                PersonSkill(person=person, skill=skill, level=level)
                for skill, level in extracted.items()
            )


class TrainingPlanFactory(factory.django.DjangoModelFactory):
    """A planned course of 1,500 EUR."""

    class Meta:
        model = TrainingPlan

    person = factory.SubFactory(PersonFactory)
    title = "Prompting for case workers"
    provider = "Academy"
    budget = Decimal("1500.00")
    starts_on = datetime.date(2026, 3, 2)
    ends_on = datetime.date(2026, 3, 6)
    status = TrainingStatus.PLANNED


class LiteracyMeasureFactory(factory.django.DjangoModelFactory):
    """A workshop given a month ago, refreshed yearly; `participants=[...]` adds who took part."""

    class Meta:
        model = LiteracyMeasure
        skip_postgeneration_save = True

    user_group = "Case workers"
    learning_objective = "Know what the classifier can and cannot do; check its suggestions."
    kind = MeasureKind.WORKSHOP
    evidence = "Attendance list in the HR system."
    refresh_months = 12
    given_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))

    @factory.post_generation
    def participants(self, create: bool, extracted: list[Person] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.participants.set(extracted)
