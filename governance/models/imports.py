"""An import of a public inventory file: the file, its preview and the outcome of the commit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import UnguessablePath
from governance.choices import ImportStatus
from governance.models.fields import person_field


class ImportRun(models.Model):
    """One inventory file taken through preview and commit; an audit record in itself."""

    format_id = models.CharField(_("format"), max_length=60)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=UnguessablePath("governance/imports"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    # ParseCounts of the file and the plan's added/changed/removed/unchanged numbers.
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    # The preview: keys to add, change (with fields) and remove; row errors with their reasons.
    plan = models.JSONField(_("plan"), default=dict, blank=True)
    row_errors = models.JSONField(_("rows that cannot be read"), default=list, blank=True)
    # What the compliance officer chose to import (governance.domain.inventories.ImportChoice).
    choice = models.JSONField(_("chosen to import"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job"),
    )
    created_by = person_field(_("imported by"), blank=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("inventory import")
        verbose_name_plural = _("inventory imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.format_id})"

    @property
    def organisations(self) -> list[dict[str, object]]:
        """The organisations the file names, each with its rows and what the import does."""
        return list(self.plan.get("organisations", []))
