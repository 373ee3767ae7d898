"""Declarations of the initiatives app."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Department(models.Model):
    """An organisational unit; its headcount makes adoption depth computable."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    headcount = models.PositiveIntegerField(
        _("headcount"), default=0, validators=[MinValueValidator(0)]
    )
    champions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="championed_departments",
        verbose_name=_("AI champions"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
