"""Vendors and their products, evaluated as candidates for one use case, and the questionnaire.

An evaluation weighs candidates (products) against weighted criteria, adds up each candidate's
total cost of ownership over three years from its cost lines, and ends with a decision and its
rationale. A vendor answers its questionnaire through a tokenised link without an account; the
token is kept only as a hash, expires and can be revoked, and the answers land on the candidate.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.choices import (
    DataResidency,
    EvaluationCriterionKind,
    EvaluationStatus,
    VendorCostCategory,
    VendorCostRecurrence,
)
from governance.models.fields import person_field


class Vendor(models.Model):
    """A company that offers AI products or services to the organisation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    country = models.CharField(_("country of establishment"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    owner = person_field(_("relationship owner"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class VendorProduct(models.Model):
    """A product or service of a vendor that may be evaluated for a use case."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="products", verbose_name=_("vendor")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["vendor__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "name"], name="vendorproduct_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.vendor.name} – {self.name}"


class VendorEvaluation(models.Model):
    """Candidates weighed for one use case, ending with the decision and its rationale."""

    title = models.CharField(_("title"), max_length=200)
    need = models.TextField(_("what the use case needs"), blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vendor_evaluations",
        verbose_name=_("use case"),
    )
    owner = person_field(_("owner"))
    status = models.CharField(
        _("status"), max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.OPEN
    )
    chosen = models.ForeignKey(
        "governance.EvaluationCandidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen candidate"),
    )
    rationale = models.TextField(_("rationale of the decision"), blank=True)
    decided_by = person_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("vendor evaluation")
        verbose_name_plural = _("vendor evaluations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class EvaluationCriterion(models.Model):
    """One criterion of an evaluation with its weight (weights need not add up to 100)."""

    evaluation = models.ForeignKey(
        VendorEvaluation,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("evaluation"),
    )
    kind = models.CharField(_("criterion"), max_length=30, choices=EvaluationCriterionKind.choices)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind"], name="evaluationcriterion_unique_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="evaluationcriterion_weight_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.weight})"


class EvaluationCandidate(models.Model):
    """A product as a candidate in one evaluation, with the facts the vendor gave for it.

    The facts are what the vendor answered (through the questionnaire or to the evaluator) for
    this evaluation; they may differ between evaluations of the same product as terms change.
    """

    evaluation = models.ForeignKey(
        VendorEvaluation,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("evaluation"),
    )
    product = models.ForeignKey(
        VendorProduct,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("product"),
    )
    data_residency = models.CharField(
        _("data residency"),
        max_length=20,
        choices=DataResidency.choices,
        default=DataResidency.UNKNOWN,
    )
    retention = models.TextField(_("retention of the organisation's data"), blank=True)
    trains_on_customer_data = models.BooleanField(
        _("trains models on customer data"), null=True, blank=True
    )
    # Codes of governance.choices.Certification.
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    model_change_notice_days = models.PositiveIntegerField(
        _("notice of model changes (days)"), null=True, blank=True
    )
    incident_notice_hours = models.PositiveIntegerField(
        _("notice of incidents (hours)"), null=True, blank=True
    )
    exit_terms = models.TextField(_("exit and data return"), blank=True)
    support_terms = models.TextField(_("support"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    answered_at = models.DateTimeField(_("questionnaire answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "product"], name="evaluationcandidate_unique_product"
            )
        ]

    def __str__(self) -> str:
        return str(self.product)


class CandidateScore(models.Model):
    """A candidate's score (1–5) on one criterion of its evaluation, with the reason."""

    candidate = models.ForeignKey(
        EvaluationCandidate,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("candidate"),
    )
    criterion = models.ForeignKey(
        EvaluationCriterion,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["candidate", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion"], name="candidatescore_unique_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="candidatescore_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class CandidateCost(models.Model):
    """A cost line of a candidate; the three-year total cost of ownership adds them up."""

    candidate = models.ForeignKey(
        EvaluationCandidate,
        on_delete=models.CASCADE,
        related_name="costs",
        verbose_name=_("candidate"),
    )
    category = models.CharField(_("category"), max_length=20, choices=VendorCostCategory.choices)
    recurrence = models.CharField(_("paid"), max_length=20, choices=VendorCostRecurrence.choices)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["candidate", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="candidatecost_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"


class VendorQuestionnaire(models.Model):
    """A questionnaire link sent to a vendor for one candidate.

    Only the SHA-256 of the token is stored: the link is shown once, when it is made. It
    answers until it expires, is revoked, or has been submitted once.
    """

    candidate = models.ForeignKey(
        EvaluationCandidate,
        on_delete=models.CASCADE,
        related_name="questionnaires",
        verbose_name=_("candidate"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.EmailField(_("sent to"), blank=True)
    created_by = person_field(_("sent by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = person_field(_("revoked by"))
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The answers as submitted, kept as they were even if the candidate's facts change later.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    respondent = models.CharField(_("answered by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vendor questionnaire")
        verbose_name_plural = _("vendor questionnaires")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.candidate} ({self.created_at:%Y-%m-%d})"
