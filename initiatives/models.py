"""Declarations of the initiatives app."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.choices import (
    BuildType,
    DataAvailability,
    DataQuality,
    GateOutcome,
    GateRequestStatus,
    PriorityBand,
    ReadinessKind,
    ReadinessStatus,
    Stage,
    TeamRoleKind,
)

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


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


class StrategicObjective(models.Model):
    """An organisational goal that initiatives serve."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    """An AI use case, from first idea to production."""

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem or pain point"))
    process_affected = models.CharField(_("process affected"), max_length=200, blank=True)
    expected_benefit = models.TextField(_("expected benefit"), blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("owner"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="member_initiatives",
        verbose_name=_("team members"),
    )
    strategic_objective = models.ForeignKey(
        StrategicObjective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("strategic objective"),
    )
    data_availability = models.CharField(
        _("data availability"),
        max_length=20,
        choices=DataAvailability.choices,
        default=DataAvailability.UNKNOWN,
    )
    data_quality = models.CharField(
        _("data quality"), max_length=20, choices=DataQuality.choices, default=DataQuality.UNKNOWN
    )
    build_type = models.CharField(_("build type"), max_length=20, choices=BuildType.choices)
    business_value = models.PositiveSmallIntegerField(
        _("business value"), validators=SCORE_VALIDATORS
    )
    technical_feasibility = models.PositiveSmallIntegerField(
        _("technical feasibility"), validators=SCORE_VALIDATORS
    )
    implementation_effort = models.PositiveSmallIntegerField(
        _("implementation effort"), validators=SCORE_VALIDATORS
    )
    strategic_alignment = models.PositiveSmallIntegerField(
        _("strategic alignment"), validators=SCORE_VALIDATORS, default=3
    )
    # Stored so lists sort and filter in the database; derived only by initiatives.domain.priority.
    priority_score = models.PositiveSmallIntegerField(_("priority"), default=0, editable=False)
    priority_band = models.CharField(
        _("priority band"),
        max_length=10,
        choices=PriorityBand.choices,
        default=PriorityBand.LOW,
        editable=False,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA, db_index=True
    )
    held_in_stage = models.CharField(
        _("held in stage"), max_length=20, choices=Stage.choices, blank=True, editable=False
    )
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[members])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-priority_score", "title"]
        indexes = [
            models.Index(fields=["department", "stage"]),
            models.Index(fields=["-priority_score", "title"]),
            # The prioritisation matrix groups by these axes: read from the index alone.
            models.Index(
                fields=[
                    "stage",
                    "business_value",
                    "technical_feasibility",
                    "implementation_effort",
                    "id",
                ],
                name="initiative_matrix_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(business_value__gte=1, business_value__lte=5)
                & models.Q(technical_feasibility__gte=1, technical_feasibility__lte=5)
                & models.Q(implementation_effort__gte=1, implementation_effort__lte=5)
                & models.Q(strategic_alignment__gte=1, strategic_alignment__lte=5),
                name="initiative_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.title


class StageChange(models.Model):
    """One move of an initiative through the lifecycle: who, when and why."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    reason = models.TextField(_("reason"))
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_stage} → {self.to_stage}"


class Pilot(models.Model):
    """A pilot of an initiative; its documentation becomes the playbook for scaling."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="pilots", verbose_name=_("initiative")
    )
    scope = models.TextField(_("scope"))
    departments = models.ManyToManyField(
        Department, blank=True, related_name="pilots", verbose_name=_("departments")
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    success_criteria = models.TextField(_("success criteria"))
    user_feedback = models.TextField(_("user feedback"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    scaling_playbook = models.TextField(
        _("documentation for scaling"),
        blank=True,
        help_text=_("What a team needs to repeat this pilot's success at scale."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="pilot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.start_date:%Y-%m-%d})"


class PilotParticipant(models.Model):
    """A person taking part in a pilot; sceptics are recruited on purpose."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=160)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    role = models.CharField(_("role in the pilot"), max_length=120, blank=True)
    is_sceptic = models.BooleanField(
        _("deliberately recruited sceptic"),
        default=False,
        help_text=_("Sceptics find the weaknesses that enthusiasts overlook."),
    )

    class Meta:
        verbose_name = _("pilot participant")
        verbose_name_plural = _("pilot participants")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReadinessItem(models.Model):
    """One item of an initiative's scaling-readiness checklist."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="readiness_items"
    )
    kind = models.CharField(_("item"), max_length=30, choices=ReadinessKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReadinessStatus.choices,
        default=ReadinessStatus.NOT_STARTED,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "kind"], name="readiness_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_kind_display()}"


class GateDecision(models.Model):
    """Leadership's decision at the stage gate to scaling, with the evidence it saw."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="gate_decisions",
        verbose_name=_("initiative"),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=GateOutcome.choices)
    rationale = models.TextField(_("rationale"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    # What the decider saw, frozen, so the decision can be traced later.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.outcome}"


class GateRequest(models.Model):
    """A team's request that leadership decide the stage gate, with a note on what to look at."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="gate_requests",
        verbose_name=_("initiative"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    note = models.TextField(_("note"))
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GateRequestStatus.choices,
        default=GateRequestStatus.OPEN,
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    # The decision that answered the request; empty while open or when withdrawn.
    decision = models.OneToOneField(
        GateDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gate_request",
        verbose_name=_("decision"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gate request")
        verbose_name_plural = _("gate requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(status="open"),
                name="gate_request_queue",
            )
        ]
        constraints = [
            # Leadership answers one request at a time per initiative.
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(status="open"),
                name="gate_request_one_open_per_initiative",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | (~models.Q(status="open") & models.Q(closed_at__isnull=False)),
                name="gate_request_closed_when_not_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.status}"


class TeamRole(models.Model):
    """A named person in one role of an initiative's cross-functional team."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="team_roles",
        verbose_name=_("initiative"),
    )
    # A person may leave the organisation; their team roles go with their record.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="team_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=TeamRoleKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team role")
        verbose_name_plural = _("team roles")
        ordering = ["initiative", "role", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person", "role"], name="team_role_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.person} ({self.get_role_display()})"
