"""The estate: the IT systems and data sources AI would build on, and the infrastructure checks.

The links to initiatives and AI systems live here, on the governance side, because initiatives
may not import governance (DESIGN.md section 2).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.choices import ApiAccess, Hosting, ITSystemKind, QualityLevel, ReadinessLevel
from governance.models.fields import person_field

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class ITSystem(models.Model):
    """A business-critical IT system (CRM, ERP, …) rated for how well AI can build on it."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ITSystemKind.choices)
    owner = person_field(_("owner"))
    hosting = models.CharField(_("hosting"), max_length=20, choices=Hosting.choices)
    api_access = models.CharField(
        _("API availability"), max_length=20, choices=ApiAccess.choices, default=ApiAccess.NONE
    )
    readiness = models.PositiveSmallIntegerField(
        _("AI readiness (1–5)"), choices=ReadinessLevel.choices, validators=RATING
    )
    readiness_reasons = models.TextField(_("reasons for the rating"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="it_systems",
        verbose_name=_("initiatives that use it"),
    )
    ai_systems = models.ManyToManyField(
        "governance.AISystem",
        blank=True,
        related_name="it_systems",
        verbose_name=_("AI systems that use it"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[initiatives, ai_systems]
    )

    class Meta:
        verbose_name = _("IT system")
        verbose_name_plural = _("IT systems")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(readiness__gte=1, readiness__lte=5),
                name="itsystem_readiness_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EstateDataSource(models.Model):
    """A data source of the estate, rated for completeness, timeliness and consistency.

    Not the register's DataSource, which notes what one AI system reads; this is the source
    itself, which several AI systems and initiatives may use.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = person_field(_("owner"))
    it_system = models.ForeignKey(
        ITSystem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_sources",
        verbose_name=_("IT system it lives in"),
    )
    completeness = models.PositiveSmallIntegerField(
        _("completeness (1–5)"), choices=QualityLevel.choices, validators=RATING
    )
    timeliness = models.PositiveSmallIntegerField(
        _("timeliness (1–5)"), choices=QualityLevel.choices, validators=RATING
    )
    consistency = models.PositiveSmallIntegerField(
        _("consistency (1–5)"), choices=QualityLevel.choices, validators=RATING
    )
    # Derived by governance.domain.estate.data_quality and stored, so lists filter and sort by it.
    quality = models.PositiveSmallIntegerField(
        _("overall quality"), choices=QualityLevel.choices, editable=False
    )
    personal_data = models.BooleanField(_("personal data"), default=False)
    special_categories = models.BooleanField(_("special categories (GDPR Art. 9)"), default=False)
    # Silos and media breaks, one open integration task per item.
    integration_tasks = models.JSONField(_("integration tasks"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="estate_data_sources",
        verbose_name=_("initiatives that use it"),
    )
    ai_systems = models.ManyToManyField(
        "governance.AISystem",
        blank=True,
        related_name="estate_data_sources",
        verbose_name=_("AI systems that use it"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[initiatives, ai_systems]
    )

    class Meta:
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completeness__gte=1, completeness__lte=5)
                & models.Q(timeliness__gte=1, timeliness__lte=5)
                & models.Q(consistency__gte=1, consistency__lte=5),
                name="estatedatasource_ratings_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.name


class InfrastructureCheck(models.Model):
    """One infrastructure check as answered: who, when, the four answers and the result."""

    structured_databases_with_apis = models.BooleanField(
        _("structured databases with APIs"), default=False
    )
    stable_cloud_connectivity = models.BooleanField(_("stable cloud connectivity"), default=False)
    modern_web_services = models.BooleanField(_("modern web services"), default=False)
    current_backup_and_security = models.BooleanField(
        _("current backup and security"), default=False
    )
    # Derived by governance.domain.estate.infrastructure_result and kept as it was then.
    yes_count = models.PositiveSmallIntegerField(_("answered yes"), editable=False)
    ready = models.BooleanField(_("ready in principle"), editable=False)
    notes = models.TextField(_("notes"), blank=True)
    checked_by = person_field(_("checked by"))
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True)

    class Meta:
        verbose_name = _("infrastructure check")
        verbose_name_plural = _("infrastructure checks")
        ordering = ["-checked_at", "-id"]
        get_latest_by = ["checked_at", "id"]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d}: {self.yes_count}/4"
