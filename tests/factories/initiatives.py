"""Factories for departments and initiatives."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from initiatives.choices import BuildType, Stage
from initiatives.domain.priority import derive_priority
from initiatives.models import Department, GateRequest, Initiative, Pilot, StrategicObjective
from tests.factories.accounts import UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    """A department with a realistic headcount."""

    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Department {n}")
    code = factory.Sequence(lambda n: f"dept-{n}")
    headcount = 100


class StrategicObjectiveFactory(factory.django.DjangoModelFactory):
    """A strategic objective."""

    class Meta:
        model = StrategicObjective
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Objective {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative with middling scores and its derived priority."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    problem = "Case handlers retype data from scanned forms."
    department = factory.SubFactory(DepartmentFactory)
    owner = factory.SubFactory(UserFactory)
    build_type = BuildType.OFF_THE_SHELF
    business_value = 3
    technical_feasibility = 3
    implementation_effort = 3
    strategic_alignment = 3
    stage = Stage.IDEA

    @factory.lazy_attribute
    def priority_score(self) -> int:
        return derive_priority(
            business_value=self.business_value,
            technical_feasibility=self.technical_feasibility,
            implementation_effort=self.implementation_effort,
            strategic_alignment=self.strategic_alignment,
        ).score

    @factory.lazy_attribute
    def priority_band(self) -> str:
        return derive_priority(
            business_value=self.business_value,
            technical_feasibility=self.technical_feasibility,
            implementation_effort=self.implementation_effort,
            strategic_alignment=self.strategic_alignment,
        ).band.value

    @factory.post_generation
    def members(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.members.set(extracted)


class PilotFactory(factory.django.DjangoModelFactory):
    """A three-month pilot."""

    class Meta:
        model = Pilot

    initiative = factory.SubFactory(InitiativeFactory, stage=Stage.PILOT)
    scope = "Two teams in Customer Service"
    start_date = datetime.date(2026, 1, 5)
    end_date = datetime.date(2026, 3, 31)
    success_criteria = "Handling time down 20 %"


class GateRequestFactory(factory.django.DjangoModelFactory):
    """An open request for the gate decision of an initiative in pilot, by its owner."""

    class Meta:
        model = GateRequest

    initiative = factory.SubFactory(InitiativeFactory, stage=Stage.PILOT)
    requested_by = factory.LazyAttribute(lambda o: o.initiative.owner)
    note = "Handling time down 24 % against a target of 20 %."
