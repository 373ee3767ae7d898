"""Choice sets of the metrics app; values mirror the domain enums where one exists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from metrics.domain.entries import CostKind as DomainCostKind
from metrics.domain.kpi import Direction as DomainDirection
from metrics.domain.kpi import Frequency as DomainFrequency


class KpiKind(models.TextChoices):
    """Operational KPIs measure the process, business KPIs the outcome (DESIGN.md section 2)."""

    OPERATIONAL = "operational", _("Operational")
    BUSINESS = "business", _("Business")


class KpiCategory(models.TextChoices):
    """What a KPI is about."""

    EFFICIENCY = "efficiency", _("Efficiency")
    COST = "cost", _("Cost")
    REVENUE = "revenue", _("Revenue")
    QUALITY = "quality", _("Quality")
    INNOVATION = "innovation", _("Innovation")
    EMPLOYEE_SATISFACTION = "employee_satisfaction", _("Employee satisfaction")
    ADOPTION = "adoption", _("Adoption")


class Direction(models.TextChoices):
    """Which way a KPI improves."""

    HIGHER = DomainDirection.HIGHER.value, _("Higher is better")
    LOWER = DomainDirection.LOWER.value, _("Lower is better")


class Frequency(models.TextChoices):
    """How often a KPI is measured."""

    WEEK = DomainFrequency.WEEK.value, _("Weekly")
    MONTH = DomainFrequency.MONTH.value, _("Monthly")
    QUARTER = DomainFrequency.QUARTER.value, _("Quarterly")


class MeasurementSource(models.TextChoices):
    """How a measurement reached the app."""

    BROWSER = "browser", _("Entered in the browser")
    API = "api", _("API")
    IMPORT = "import", _("File import")
    DEMO = "demo", _("Demo data")


class CostKind(models.TextChoices):
    """One-time costs count on their date, recurring ones per month between two dates."""

    ONE_TIME = DomainCostKind.ONE_TIME.value, _("One-time")
    RECURRING = DomainCostKind.RECURRING.value, _("Recurring per month")


class CostCategory(models.TextChoices):
    """What the money is spent on."""

    LICENCES = "licences", _("Licences")
    CLOUD = "cloud", _("Cloud")
    MAINTENANCE = "maintenance", _("Maintenance")
    SUPPORT = "support", _("Support")
    DEVELOPMENT = "development", _("Development")
    IMPLEMENTATION = "implementation", _("Implementation")
    CONSULTING = "consulting", _("Consulting")
    TRAINING = "training", _("Training")


class SnapshotKind(models.TextChoices):
    """Planned figures use KPI targets, realised ones measurements."""

    PLANNED = "planned", _("Planned")
    REALISED = "realised", _("Realised")
