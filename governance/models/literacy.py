"""AI literacy per AI system (EU AI Act Art. 4): who uses a system, which measures are for it.

The persons and measures are the people app's; the link lives here because governance may
import people and people may not import governance (DESIGN.md section 2).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.systems import AISystem


class SystemLiteracy(models.Model):
    """The users of one AI system and the literacy measures given for it."""

    system = models.OneToOneField(
        AISystem, on_delete=models.CASCADE, related_name="literacy", verbose_name=_("AI system")
    )
    users = models.ManyToManyField(
        "people.Person", blank=True, related_name="ai_system_uses", verbose_name=_("users")
    )
    measures = models.ManyToManyField(
        "people.LiteracyMeasure",
        blank=True,
        related_name="ai_system_links",
        verbose_name=_("literacy measures"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[users, measures])

    class Meta:
        verbose_name = _("AI literacy of a system")
        verbose_name_plural = _("AI literacy of systems")

    def __str__(self) -> str:
        return str(self.system)
