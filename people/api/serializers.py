"""Serializers of the people API: what is shown, and what an editor sends."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from core.api.fields import ChoicesField
from people import domain
from people.choices import Skill
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan
from people.services import MEASURE_FIELDS, PERSON_FIELDS, TRAINING_FIELDS


class PersonSkillSerializer(serializers.ModelSerializer):
    """One skill with its level and the level's word."""

    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = PersonSkill
        fields = ["skill", "level", "level_label"]
        read_only_fields = fields


@extend_schema_serializer(component_name="PersonRecord")
class PersonSerializer(serializers.ModelSerializer):
    """A person with their skills and whether they are a translator."""

    # Empty for a person recorded without one: a plain string, not an "email" format.
    email = serializers.CharField(read_only=True)
    skills = PersonSkillSerializer(many=True, read_only=True)
    translator = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS, "skills", "translator", "created_at", "updated_at"]
        read_only_fields = fields

    def get_translator(self, person: Person) -> bool:
        return domain.is_translator({row.skill: row.level for row in person.skills.all()})


class SkillInputSerializer(serializers.Serializer):
    """One skill and its level (1 aware, 2 working, 3 skilled, 4 expert; null removes it)."""

    skill = ChoicesField(Skill, label=_("Skill"))
    level = serializers.IntegerField(
        min_value=1, max_value=4, allow_null=True, label=_("Level (1–4)")
    )


class PersonInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a person; `skills`, if sent, replaces the levels it names."""

    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        label=_("User account"),
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    skills = SkillInputSerializer(many=True, required=False)

    class Meta:
        model = Person
        fields = [*PERSON_FIELDS, "skills"]

    def validate_skills(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each skill once: two levels for one skill is a mistake, not a choice of the last."""
        codes = [row["skill"] for row in rows]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise serializers.ValidationError(
                _("Give each skill once; repeated: %(skills)s.") % {"skills": ", ".join(repeated)}
            )
        return rows

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        name = attrs.get("name", getattr(instance, "name", ""))
        user = attrs.get("user", getattr(instance, "user", None))
        if not name and user is None:
            raise serializers.ValidationError(
                {"name": [_("Give a name, or choose the person's user account.")]}
            )
        return attrs


class TrainingPlanSerializer(serializers.ModelSerializer):
    """A training plan with its budget (a decimal string in EUR)."""

    class Meta:
        model = TrainingPlan
        fields = ["id", *TRAINING_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class TrainingPlanInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a training plan."""

    budget = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, label=_("Budget (EUR)")
    )

    class Meta:
        model = TrainingPlan
        fields = list(TRAINING_FIELDS)


class LiteracyMeasureSerializer(serializers.ModelSerializer):
    """A literacy measure with its participants (person ids) and when it falls due again."""

    # May be empty, so not described as a URI (which an empty text is not).
    evidence_url = serializers.CharField(read_only=True)
    participants: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    refresh_due = serializers.SerializerMethodField()

    class Meta:
        model = LiteracyMeasure
        fields = [
            "id",
            *MEASURE_FIELDS,
            "participants",
            "refresh_due",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_refresh_due(self, measure: LiteracyMeasure) -> str | None:
        due = domain.refresh_due(measure.given_on, measure.refresh_months)
        return due.isoformat() if due else None


class LiteracyMeasureInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a literacy measure."""

    participants: Any = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.all(), required=False, label=_("Participants")
    )

    class Meta:
        model = LiteracyMeasure
        fields = [*MEASURE_FIELDS, "participants"]
