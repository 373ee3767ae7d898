"""Factories for KPIs, measurements, costs, benefits and adoption records."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from initiatives.choices import Stage
from metrics.choices import CostCategory, CostKind, Direction, Frequency, KpiCategory
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory


class KpiFactory(factory.django.DjangoModelFactory):
    """A monthly 'minutes per invoice' KPI, lower is better, worth 1,600 per minute saved."""

    class Meta:
        model = Kpi

    initiative = factory.SubFactory(InitiativeFactory, stage=Stage.PILOT)
    name = factory.Sequence(lambda n: f"Minutes per invoice {n}")
    category = KpiCategory.EFFICIENCY
    unit = "minutes"
    direction = Direction.LOWER
    baseline_value = Decimal("20")
    baseline_date = datetime.date(2026, 1, 1)
    target_value = Decimal("10")
    target_date = datetime.date(2026, 12, 31)
    frequency = Frequency.MONTH
    owner = factory.LazyAttribute(lambda o: o.initiative.owner)
    value_per_unit = Decimal("1600")


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A measurement logged by the initiative's owner."""

    class Meta:
        model = Measurement
        skip_postgeneration_save = True

    kpi = factory.SubFactory(KpiFactory)
    value = Decimal("15")
    measured_on = datetime.date(2026, 1, 31)
    logged_by = factory.LazyAttribute(lambda o: o.kpi.initiative.owner)

    @factory.post_generation
    def stored_latest(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Keep the KPI's stored latest value as every product write of a measurement does."""
        if create:
            from metrics.services.kpis import kpi_refresh_latest

            kpi_refresh_latest(kpi_ids=[self.kpi_id])


class CostItemFactory(factory.django.DjangoModelFactory):
    """A one-time development cost."""

    class Meta:
        model = CostItem

    initiative = factory.SubFactory(InitiativeFactory, stage=Stage.PILOT)
    kind = CostKind.ONE_TIME
    category = CostCategory.DEVELOPMENT
    description = "Build"
    amount = Decimal("10000.00")
    start_date = datetime.date(2026, 1, 10)
    end_date = None


class BenefitFactory(factory.django.DjangoModelFactory):
    """A direct benefit on one date."""

    class Meta:
        model = Benefit

    initiative = factory.SubFactory(InitiativeFactory, stage=Stage.PILOT)
    description = "Avoided agency costs"
    amount = Decimal("5000.00")
    start_date = datetime.date(2026, 2, 15)
    end_date = None


class AdoptionRecordFactory(factory.django.DjangoModelFactory):
    """Monthly active users of a department."""

    class Meta:
        model = AdoptionRecord

    department = factory.SubFactory(DepartmentFactory)
    month = datetime.date(2026, 1, 1)
    active_users = 40
