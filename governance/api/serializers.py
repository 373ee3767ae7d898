"""Serializers of the register API: input serializers parse, output serializers show."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import ScopedRelatedField
from core.files import stored_name
from governance.choices import EURole
from governance.domain import risk as risk_domain
from governance.domain.inventories import FORMATS
from governance.models import AIModel, AISystem, DataSource, ImportRun, Review, Risk
from governance.selectors import ai_system_list
from governance.services.reviews import COMPLETE_FIELDS, REVIEW_FIELDS
from governance.services.risks import RISK_FIELDS
from governance.services.systems import DATA_SOURCE_FIELDS, MODEL_FIELDS, SYSTEM_FIELDS
from governance.validators import validate_evidence, validate_import_file
from initiatives.models import Initiative


class AIModelSerializer(serializers.ModelSerializer):
    """A model a system uses; give `id` to change an existing one."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = AIModel
        fields = ["id", *MODEL_FIELDS]


class DataSourceSerializer(serializers.ModelSerializer):
    """A data source of a system; give `id` to change an existing one."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = DataSource
        fields = ["id", *DATA_SOURCE_FIELDS]


class AISystemSerializer(serializers.ModelSerializer):
    """A register entry as the API shows it."""

    models = AIModelSerializer(many=True, read_only=True)
    data_sources = DataSourceSerializer(many=True, read_only=True)
    initiatives: serializers.PrimaryKeyRelatedField[Initiative] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )

    class Meta:
        model = AISystem
        fields = [
            "id",
            *SYSTEM_FIELDS,
            "initiatives",
            "models",
            "data_sources",
            "risk_class",
            "approval_status",
            "approval_decided_by",
            "approval_decided_at",
            "approval_grounds",
            "source",
            "source_key",
            "source_status",
            "source_removed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AISystemInputSerializer(serializers.ModelSerializer):
    """What a compliance officer sends to create or change an entry."""

    initiatives = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Initiative.objects.all(), required=False
    )
    models = AIModelSerializer(many=True, required=False)
    data_sources = DataSourceSerializer(many=True, required=False)

    class Meta:
        model = AISystem
        fields = [*SYSTEM_FIELDS, "initiatives", "models", "data_sources"]


class ClassifyInputSerializer(serializers.Serializer):
    """Complete questionnaire answers (question key: true/false) and the role."""

    role = serializers.ChoiceField(choices=EURole.choices)
    answers = serializers.DictField(child=serializers.BooleanField())


class GroundsInputSerializer(serializers.Serializer):
    """The grounds of an approval step."""

    grounds = serializers.CharField(required=False, allow_blank=True, default="")


class RiskSerializer(serializers.ModelSerializer):
    """A risk with its derived scores and bands."""

    band = serializers.SerializerMethodField()
    residual_band = serializers.SerializerMethodField()

    class Meta:
        model = Risk
        fields = [
            "id",
            "system",
            *RISK_FIELDS,
            "score",
            "band",
            "residual_score",
            "residual_band",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_band(self, risk: Risk) -> str:
        return risk_domain.band(risk.score).value

    def get_residual_band(self, risk: Risk) -> str | None:
        return risk_domain.band(risk.residual_score).value if risk.residual_score else None


class RiskInputSerializer(serializers.ModelSerializer):
    """What a compliance officer sends for a risk; scores are derived."""

    system = ScopedRelatedField(selector=ai_system_list, label=_("AI system"))

    class Meta:
        model = Risk
        fields = ["system", *RISK_FIELDS]


class ReviewSerializer(serializers.ModelSerializer):
    """A review as the API shows it."""

    # Blank until the review is completed: declared so that the schema allows "".
    outcome = serializers.ChoiceField(
        choices=Review._meta.get_field("outcome").choices,  # type: ignore[arg-type]
        allow_blank=True,
        read_only=True,
    )

    # Stored files are never under a public address: the link is the permission-checked
    # download, and the name is the file's own.
    evidence = serializers.SerializerMethodField(
        help_text="Address of the evidence download (GET, same permissions as the review)."
    )
    evidence_name = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "system",
            *REVIEW_FIELDS,
            *(f for f in COMPLETE_FIELDS if f not in REVIEW_FIELDS),
            "evidence_name",
            "reminders_sent",
            "created_at",
        ]
        read_only_fields = fields

    def get_evidence(self, review: Review) -> str | None:
        if not review.evidence:
            return None
        path = reverse("review-evidence", kwargs={"pk": review.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_evidence_name(self, review: Review) -> str:
        return stored_name(review.evidence) if review.evidence else ""


class ReviewInputSerializer(serializers.ModelSerializer):
    """Plan or re-plan a review; without a due date the cadence decides."""

    system = ScopedRelatedField(selector=ai_system_list, label=_("AI system"))

    due_date = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = Review
        fields = ["system", *REVIEW_FIELDS]


class ReviewCompleteSerializer(serializers.Serializer):
    """The outcome of a review, with optional evidence (multipart)."""

    completed_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=Review._meta.get_field("outcome").choices)  # type: ignore[arg-type]
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, validators=[validate_evidence])


class ImportInputSerializer(serializers.Serializer):
    """An inventory file, its format (empty: recognise it) and whether to only preview."""

    file = serializers.FileField()
    format = serializers.ChoiceField(
        choices=[("", "auto"), *((key, fmt.label) for key, fmt in FORMATS.items())],
        required=False,
        allow_blank=True,
        default="",
    )
    dry_run = serializers.BooleanField(required=False, default=True)

    def validate_file(self, file: Any) -> Any:
        validate_import_file(file)
        return file


class ImportRunSerializer(serializers.ModelSerializer):
    """An import: counts, plan summary and the rows that cannot be read."""

    job_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "format_id",
            "filename",
            "sha256",
            "status",
            "counts",
            "row_errors",
            "result",
            "error",
            "job_id",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields
