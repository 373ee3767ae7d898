"""Serializers of the register API: input serializers parse, output serializers show."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import ScopedRelatedField
from core.files import stored_name
from governance.choices import EURole, Impact, Likelihood
from governance.domain import risk as risk_domain
from governance.domain.inventories import FORMATS
from governance.models import (
    AIModel,
    AISystem,
    DataSource,
    EstateDataSource,
    ImportRun,
    ITSystem,
    Review,
    Risk,
)
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
    it_systems: serializers.PrimaryKeyRelatedField[ITSystem] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="IT systems of the estate the AI system uses."
    )
    estate_data_sources: serializers.PrimaryKeyRelatedField[EstateDataSource] = (
        serializers.PrimaryKeyRelatedField(
            many=True,
            read_only=True,
            help_text="Data sources of the estate the AI system uses (not its register "
            "data_sources).",
        )
    )

    class Meta:
        model = AISystem
        fields = [
            "id",
            *SYSTEM_FIELDS,
            "initiatives",
            "it_systems",
            "estate_data_sources",
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
            "source_file",
            "is_reference",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AISystemInputSerializer(serializers.ModelSerializer):
    """What a compliance officer sends to create or change an entry."""

    initiatives = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Initiative.objects.all(), required=False
    )
    it_systems = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ITSystem.objects.all(), required=False
    )
    estate_data_sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=EstateDataSource.objects.all(), required=False
    )
    models = AIModelSerializer(many=True, required=False)
    data_sources = DataSourceSerializer(many=True, required=False)

    class Meta:
        model = AISystem
        fields = [
            *SYSTEM_FIELDS,
            "initiatives",
            "it_systems",
            "estate_data_sources",
            "models",
            "data_sources",
        ]


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


class LevelField(serializers.ChoiceField):
    """A level 1–5 of the risk matrix; a wrong value is answered with the allowed ones."""

    def __init__(self, levels: type[IntegerChoices], **kwargs: Any) -> None:
        self.levels = levels
        super().__init__(choices=levels.choices, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            allowed = ", ".join(f"{level.value} ({level.label})" for level in self.levels)
            raise serializers.ValidationError(
                _("'%(value)s' is not allowed. Allowed values: %(allowed)s.")
                % {"value": data, "allowed": allowed},
                code="invalid_choice",
            ) from None


class RiskInputSerializer(serializers.ModelSerializer):
    """What a compliance officer sends for a risk; scores are derived."""

    system = ScopedRelatedField(selector=ai_system_list, label=_("AI system"))
    likelihood = LevelField(Likelihood, label=_("Likelihood"))
    impact = LevelField(Impact, label=_("Impact"))
    residual_likelihood = LevelField(
        Likelihood, label=_("Residual likelihood"), required=False, allow_null=True
    )
    residual_impact = LevelField(
        Impact, label=_("Residual impact"), required=False, allow_null=True
    )

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


class ImportChoiceSerializer(serializers.Serializer):
    """Which organisations of a previewed file to import, where they go and whether adopted.

    Name the organisations as the preview's `organisations` list names them, or send
    `all_organisations: true`; `departments` maps an organisation to the id of one of our
    departments; `adopt: true` makes the new entries our own instead of reference entries.
    """

    organisations = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=300),
        required=False,
        default=list,
        max_length=5000,
    )
    all_organisations = serializers.BooleanField(required=False, default=False)
    # JSON (also as a string in a multipart form): {"organisation": department id}.
    departments = serializers.JSONField(required=False, default=dict)
    adopt = serializers.BooleanField(required=False, default=False)

    def validate_departments(self, value: Any) -> dict[str, int | None]:
        if (
            not isinstance(value, dict)
            or len(value) > 5000
            or not all(
                isinstance(name, str)
                and (key is None or (type(key) is int and key > 0))  # not True, not 1.5
                for name, key in value.items()
            )
        ):
            raise serializers.ValidationError(
                _("Send an object of organisation names and department ids.")
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        chosen = attrs.get("organisations") or attrs.get("all_organisations")
        if self.needs_choice(attrs) and not chosen:
            raise serializers.ValidationError(
                {"organisations": [_("Choose the organisations to import, or all of them.")]}
            )
        return attrs

    def needs_choice(self, attrs: dict[str, Any]) -> bool:
        """True when the request imports, so the choice must be made."""
        return True


class ImportInputSerializer(ImportChoiceSerializer):
    """An inventory file, its format (empty: recognise it), whether to only preview, and, to
    import at once, the choice of organisations."""

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

    def needs_choice(self, attrs: dict[str, Any]) -> bool:
        return not attrs.get("dry_run", True)


class ImportOrganisationSerializer(serializers.Serializer):
    """One organisation of a previewed file and what importing its rows would do."""

    name = serializers.CharField()
    rows = serializers.IntegerField()
    added = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    removed = serializers.IntegerField()


class ImportRunSerializer(serializers.ModelSerializer):
    """An import: counts, the organisations of the file, the choice, the rows not read."""

    job_id = serializers.IntegerField(read_only=True, allow_null=True)
    organisations = ImportOrganisationSerializer(many=True, read_only=True)

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "format_id",
            "filename",
            "sha256",
            "status",
            "counts",
            "organisations",
            "choice",
            "row_errors",
            "result",
            "error",
            "job_id",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields
