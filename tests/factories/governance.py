"""Factories for the AI register."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from governance.choices import (
    ApiAccess,
    DataQuality,
    Hosting,
    ITSystemKind,
    ModelKind,
    ReviewKind,
    RiskCategory,
    RiskClass,
    RiskStatus,
    SystemStatus,
)
from governance.models import (
    AIModel,
    AISystem,
    DataSource,
    EstateDataSource,
    ITSystem,
    Review,
    Risk,
)


class AISystemFactory(factory.django.DjangoModelFactory):
    """A register entry in use, minimal risk, draft."""

    class Meta:
        model = AISystem
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"AI system {n}")
    purpose = "Sorts incoming letters into case types."
    status = SystemStatus.IN_USE
    risk_class = RiskClass.MINIMAL
    vendor = "Acme AI"

    @factory.post_generation
    def initiatives(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.initiatives.set(extracted)


class AIModelFactory(factory.django.DjangoModelFactory):
    """A model of a system."""

    class Meta:
        model = AIModel

    system = factory.SubFactory(AISystemFactory)
    name = "gpt-4o"
    provider = "OpenAI"
    version = "2024-08-06"
    kind = ModelKind.GENERAL_PURPOSE


class DataSourceFactory(factory.django.DjangoModelFactory):
    """A data source of a system."""

    class Meta:
        model = DataSource

    system = factory.SubFactory(AISystemFactory)
    name = "Case management system"
    personal_data = True
    quality = DataQuality.GOOD


class RiskFactory(factory.django.DjangoModelFactory):
    """An open technical risk, 3 × 4 = 12."""

    class Meta:
        model = Risk

    system = factory.SubFactory(AISystemFactory)
    category = RiskCategory.TECHNICAL
    description = "Model accuracy drops on handwritten letters."
    likelihood = 3
    impact = 4
    score = factory.LazyAttribute(lambda o: o.likelihood * o.impact)
    status = RiskStatus.OPEN


class ReviewFactory(factory.django.DjangoModelFactory):
    """An open compliance review due in 60 days."""

    class Meta:
        model = Review

    system = factory.SubFactory(AISystemFactory)
    kind = ReviewKind.COMPLIANCE
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class ITSystemFactory(factory.django.DjangoModelFactory):
    """An IT system of the estate: a cloud CRM with a read API, readiness 3."""

    class Meta:
        model = ITSystem
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"IT system {n}")
    kind = ITSystemKind.CRM
    hosting = Hosting.CLOUD
    api_access = ApiAccess.READ
    readiness = 3

    @factory.post_generation
    def initiatives(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.initiatives.set(extracted)

    @factory.post_generation
    def ai_systems(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.ai_systems.set(extracted)


class EstateDataSourceFactory(factory.django.DjangoModelFactory):
    """A data source of the estate rated 4, 3 and 4 (overall quality 3)."""

    class Meta:
        model = EstateDataSource
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Data source {n}")
    completeness = 4
    timeliness = 3
    consistency = 4
    quality = factory.LazyAttribute(lambda o: min(o.completeness, o.timeliness, o.consistency))

    @factory.post_generation
    def initiatives(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.initiatives.set(extracted)


class VendorFactory(factory.django.DjangoModelFactory):
    """A vendor established in Germany."""

    class Meta:
        model = "governance.Vendor"

    name = factory.Sequence(lambda n: f"Vendor {n}")
    country = "Germany"


class VendorProductFactory(factory.django.DjangoModelFactory):
    """A product of a vendor."""

    class Meta:
        model = "governance.VendorProduct"

    vendor = factory.SubFactory(VendorFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
