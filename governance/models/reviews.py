"""Periodic reviews of AI systems and the configurable cadence that schedules them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import UnguessablePath
from governance.choices import ReviewKind, ReviewOutcome, RiskClass
from governance.models.fields import person_field
from governance.validators import validate_evidence


class Review(models.Model):
    """One review of an AI system: due when, done when, with what outcome and evidence."""

    system = models.ForeignKey(
        "governance.AISystem",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("AI system"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReviewKind.choices)
    due_date = models.DateField(_("due"), db_index=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=ReviewOutcome.choices, blank=True
    )
    findings = models.TextField(_("findings"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=UnguessablePath("governance/evidence"),
        blank=True,
        validators=[validate_evidence],
    )
    owner = person_field(_("owner"), related_name="governance_reviews")
    # Reminder stages (governance.domain.reviews.ReminderStage) already sent or passed over.
    reminders_sent = models.JSONField(_("reminders handled"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["reminders_sent"])

    # Not a column: views and template tags set the review's status value for display.
    state: str

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["completed_on", "due_date"]),
            # Overdue and soon-due counts (dashboard, register, homes) look at open reviews only.
            models.Index(
                fields=["due_date", "system"],
                condition=models.Q(completed_on__isnull=True),
                name="review_open_by_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.system}"


class ReviewCadence(models.Model):
    """Months between reviews of one kind for one risk class; overrides the domain default."""

    risk_class = models.CharField(_("risk class"), max_length=20, choices=RiskClass.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=ReviewKind.choices)
    months = models.PositiveSmallIntegerField(
        _("months between reviews"),
        null=True,
        blank=True,
        help_text=_("Leave empty when this kind of review is not scheduled for the class."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review cadence")
        verbose_name_plural = _("review cadences")
        ordering = ["risk_class", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["risk_class", "kind"], name="one_cadence_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.risk_class}/{self.kind}: {self.months}"
