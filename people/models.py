"""Declarations of the people app: persons, their skills, training plans and literacy measures.

People depends on core only. Departments live in the initiatives app, so a person's department
is kept as text; the AI systems a literacy measure is for, and the users of a system, are linked
from the governance side (governance may import people, not the other way round).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.choices import MeasureKind, Skill, SkillLevel, TrainingStatus


class Person(models.Model):
    """Someone on the competence map: a user account, or a named person without one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    is_champion = models.BooleanField(_("potential AI champion"), default=False)
    champion_note = models.TextField(_("champion note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PersonSkill(models.Model):
    """One skill of a person at a level from 1 (aware) to 4 (expert)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="skills", verbose_name=_("person")
    )
    skill = models.CharField(_("skill"), max_length=30, choices=Skill.choices)
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=SkillLevel.choices,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["person", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["person", "skill"], name="personskill_one_per_skill"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="personskill_level_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_skill_display()} ({self.get_level_display()})"


class TrainingPlan(models.Model):
    """A course or measure planned for one person, with its budget and status."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="training_plans", verbose_name=_("person")
    )
    title = models.CharField(_("course or measure"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    starts_on = models.DateField(_("planned start"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="trainingplan_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="trainingplan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.person})"


class LiteracyMeasure(models.Model):
    """An AI-literacy measure given to a user group (EU AI Act Art. 4): the internal record that
    proves it, with who took part and when it must be refreshed."""

    user_group = models.CharField(_("user group"), max_length=200)
    learning_objective = models.TextField(_("learning objective"))
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty if the measure needs no refresh."),
    )
    given_on = models.DateField(_("date given"))
    participants = models.ManyToManyField(
        Person, blank=True, related_name="literacy_measures", verbose_name=_("participants")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[participants])

    class Meta:
        verbose_name = _("AI-literacy measure")
        verbose_name_plural = _("AI-literacy measures")
        ordering = ["-given_on", "id"]

    def __str__(self) -> str:
        return f"{self.user_group}: {self.get_kind_display()} ({self.given_on:%Y-%m-%d})"
