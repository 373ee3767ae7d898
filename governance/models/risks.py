"""Risks of an AI system, scored likelihood × impact before and after mitigation."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.choices import RiskCategory, RiskStatus
from governance.models.fields import person_field

LEVEL = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    """A risk of an AI system; its scores are derived by governance.domain.risk and stored."""

    system = models.ForeignKey(
        "governance.AISystem",
        on_delete=models.CASCADE,
        related_name="risks",
        verbose_name=_("AI system"),
    )
    category = models.CharField(_("category"), max_length=20, choices=RiskCategory.choices)
    description = models.TextField(_("description"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=LEVEL)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=LEVEL)
    # Stored so lists sort and the heatmap aggregates in the database.
    score = models.PositiveSmallIntegerField(_("score"), editable=False)
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = person_field(_("owner"))
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True, validators=LEVEL
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=LEVEL
    )
    residual_score = models.PositiveSmallIntegerField(
        _("residual score"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5)
                & models.Q(impact__gte=1, impact__lte=5),
                name="risk_levels_1_to_5",
            )
        ]
        indexes = [
            models.Index(fields=["status", "likelihood", "impact"]),
            # The risk list's order (highest score first): its first page without a sort.
            models.Index(fields=["-score", "id"], name="risk_by_score"),
            # Open (high) risk counts per system read only the open rows.
            models.Index(
                fields=["system", "score"],
                condition=models.Q(status__in=["open", "mitigating"]),
                name="risk_open_by_system",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]
