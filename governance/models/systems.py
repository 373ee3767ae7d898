"""The register entry (AI system) with its models, data sources, classifications and approvals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.choices import (
    ApprovalStatus,
    DataQuality,
    Deployment,
    EURole,
    LawfulBasis,
    ModelKind,
    RiskClass,
    SystemStatus,
)
from governance.models.fields import person_field


class AISystem(models.Model):
    """An AI system in use or planned: what compliance officers must know and prove about it."""

    name = models.CharField(_("name"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    description = models.TextField(_("description"), blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="ai_systems",
        verbose_name=_("linked initiatives"),
    )
    owner = person_field(_("AI system owner"))
    data_steward = person_field(_("data steward"))
    business_contact = person_field(_("business contact"))
    department = models.ForeignKey(
        "initiatives.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ai_systems",
        verbose_name=_("department"),
    )
    # Imported inventories name organisations and units that are not departments of ours.
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    organisation_unit = models.CharField(_("organisational unit"), max_length=300, blank=True)
    contact_email = models.CharField(_("contact"), max_length=300, blank=True)
    url = models.CharField(_("more information (URL)"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SystemStatus.choices, default=SystemStatus.PLANNED
    )
    # The vendor record the system is bought from; `vendor` keeps the name as an imported
    # inventory or an older entry gives it, for systems without a record.
    vendor_record = models.ForeignKey(
        "governance.Vendor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ai_systems",
        verbose_name=_("vendor"),
    )
    vendor = models.CharField(_("provider or vendor as named"), max_length=300, blank=True)
    deployment = models.CharField(
        _("deployment"), max_length=20, choices=Deployment.choices, default=Deployment.UNKNOWN
    )

    # GDPR record of processing activities (Art. 30) and DPIA (Art. 35).
    processes_personal_data = models.BooleanField(
        _("processes personal data"), null=True, blank=True
    )
    controller_contact = models.CharField(_("controller contact"), max_length=300, blank=True)
    dpo_contact = models.CharField(_("data protection officer contact"), max_length=300, blank=True)
    lawful_basis = models.CharField(
        _("lawful basis"), max_length=30, choices=LawfulBasis.choices, blank=True
    )
    processing_purposes = models.TextField(_("purposes of the processing"), blank=True)
    data_subject_categories = models.TextField(_("categories of data subjects"), blank=True)
    personal_data_categories = models.TextField(_("categories of personal data"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    transfers_outside_eu = models.BooleanField(_("transfers outside the EU"), default=False)
    transfer_safeguards = models.TextField(_("safeguards for transfers"), blank=True)
    retention = models.TextField(_("retention periods"), blank=True)
    security_measures = models.TextField(_("security measures"), blank=True)
    dpia_required = models.BooleanField(_("DPIA needed"), null=True, blank=True)
    dpia_done = models.BooleanField(_("DPIA done"), default=False)
    dpia_url = models.CharField(_("DPIA link"), max_length=500, blank=True)

    # EU AI Act.
    eu_role = models.CharField(
        _("AI Act role"), max_length=30, choices=EURole.choices, default=EURole.DEPLOYER
    )
    risk_class = models.CharField(
        _("risk class"),
        max_length=20,
        choices=RiskClass.choices,
        default=RiskClass.UNCLASSIFIED,
        db_index=True,
    )
    human_oversight = models.TextField(_("human oversight"), blank=True)
    transparency_notes = models.TextField(_("transparency notes"), blank=True)

    # Approval: who decided, when and on what grounds (each step also lands in ApprovalEvent).
    approval_status = models.CharField(
        _("approval"),
        max_length=20,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.DRAFT,
        db_index=True,
    )
    approval_decided_by = person_field(_("decided by"))
    approval_decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    approval_grounds = models.TextField(_("grounds"), blank=True)

    # Imported inventories: the format, the key the source uses and the record as read.
    source = models.CharField(_("source"), max_length=60, blank=True, db_index=True)
    # NULL, not "", for hand-made entries: NULLs never collide in the unique constraint below.
    source_key = models.CharField(  # noqa: DJ001
        _("source key"), max_length=300, null=True, blank=True
    )
    source_status = models.CharField(_("status in the source"), max_length=300, blank=True)
    source_record = models.JSONField(_("source record"), default=dict, blank=True)
    source_removed_at = models.DateTimeField(_("removed from the source"), null=True, blank=True)
    # The file the entry was last imported from; `organisation` keeps the source organisation.
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    # Other organisations' systems, imported from a public inventory to learn from: they stay
    # out of the organisation's own register figures until adopted (governance.selectors.
    # own_systems is the one place that decides).
    is_reference = models.BooleanField(
        _("reference entry"),
        default=False,
        db_index=True,
        help_text=_(
            "Imported from a public inventory for reference; it does not count in the "
            "organisation's register figures until it is adopted."
        ),
    )
    import_run = models.ForeignKey(
        "governance.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last import"),
    )

    created_by = person_field(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "source_record"], m2m_fields=[initiatives]
    )

    class Meta:
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"], name="aisystem_unique_source_key"
            )
        ]
        indexes = [
            models.Index(fields=["status", "risk_class"]),
            # The register lists the organisation's own entries by name, and every register
            # count asks which entries are our own: both read these small partial indexes.
            models.Index(
                fields=["name", "id"],
                condition=models.Q(is_reference=False),
                name="aisystem_own_by_name",
            ),
            models.Index(
                fields=["id"], condition=models.Q(is_reference=False), name="aisystem_own"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AIModel(models.Model):
    """A model an AI system uses."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="models")
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    version = models.CharField(_("version"), max_length=100, blank=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=ModelKind.choices, default=ModelKind.MACHINE_LEARNING
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model")
        verbose_name_plural = _("models")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()


class DataSource(models.Model):
    """A data source an AI system reads, and what it holds."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="data_sources")
    name = models.CharField(_("system or data set"), max_length=200)
    personal_data = models.BooleanField(_("personal data"), default=False)
    special_categories = models.BooleanField(_("special categories (GDPR Art. 9)"), default=False)
    quality = models.CharField(
        _("quality"), max_length=20, choices=DataQuality.choices, default=DataQuality.UNKNOWN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Classification(models.Model):
    """One run of the AI Act questionnaire: answers, role, result and rationale, as given."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="classifications")
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=40)
    role = models.CharField(_("AI Act role"), max_length=30, choices=EURole.choices)
    answers = models.JSONField(_("answers"), default=dict)
    risk_class = models.CharField(_("risk class"), max_length=20, choices=RiskClass.choices)
    # Classification.to_dict() of the domain: flags and rationale lines.
    result = models.JSONField(_("result"), default=dict)
    created_by = person_field(_("classified by"))
    created_at = models.DateTimeField(_("classified"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.system}: {self.risk_class}"


class ApprovalEvent(models.Model):
    """One step of the approval flow: who moved the entry, when, from where to where and why."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="approval_events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApprovalStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApprovalStatus.choices)
    actor = person_field(_("by"))
    grounds = models.TextField(_("grounds"), blank=True)
    # Material changes send an approved entry back automatically; the fields are listed here.
    material_fields = models.JSONField(_("material changes"), default=list, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system}: {self.from_status} → {self.to_status}"
