"""API serializers of the initiatives app.

Input serializers only check the shape of a request (types, choices, references that must
exist); the services decide what is allowed. Output serializers describe what a reader sees.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from core.api.fields import ChoicesField, NamedRefSerializer, PersonSerializer, ScopedRelatedField
from initiatives import selectors, services
from initiatives.choices import (
    BuildType,
    DataAvailability,
    DataQuality,
    GateOutcome,
    GateRequestStatus,
    PriorityBand,
    Stage,
    TeamRoleKind,
)
from initiatives.domain.priority import derive_priority
from initiatives.models import (
    Department,
    GateDecision,
    GateRequest,
    Initiative,
    Pilot,
    PilotParticipant,
    StageChange,
    StrategicObjective,
    TeamRole,
)
from initiatives.services.gates import NOTE_MAX_LENGTH
from initiatives.services.team import NOTE_MAX_LENGTH as TEAM_NOTE_MAX_LENGTH
from people import selectors as people_selectors
from people.models import Person

SCORE_HELP = "A whole number from 1 (lowest) to 5 (highest)."


class StageField(ChoicesField):
    """A lifecycle stage."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Stage, **kwargs)


def _people() -> QuerySet[User]:
    return User.objects.filter(is_active=True)


# --- Departments ------------------------------------------------------------------------------


class DepartmentSerializer(serializers.ModelSerializer):
    """A department with its AI champions and the number of initiatives the reader may see."""

    champions = PersonSerializer(many=True, read_only=True)
    initiative_count = serializers.IntegerField(
        read_only=True, help_text="Initiatives of this department visible to the requester."
    )

    class Meta:
        model = Department
        fields = ["id", "name", "code", "headcount", "champions", "initiative_count"]
        read_only_fields = fields


class DepartmentInputSerializer(serializers.ModelSerializer):
    """Create or change a department; champions are user ids."""

    champions = serializers.PrimaryKeyRelatedField(
        many=True, queryset=_people(), required=False, help_text="User ids of the AI champions."
    )

    class Meta:
        model = Department
        fields = ["name", "code", "headcount", "champions"]


# --- Initiatives ------------------------------------------------------------------------------


class PriorityTermSerializer(serializers.Serializer):
    """One score's contribution to the priority (initiatives.domain.priority)."""

    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    score = serializers.IntegerField()
    factor = serializers.IntegerField()
    inverted = serializers.BooleanField(help_text="True for effort: less effort, more points.")
    points = serializers.IntegerField()
    max_points = serializers.IntegerField()


class InitiativeSummarySerializer(serializers.ModelSerializer):
    """An initiative as a row of the portfolio list."""

    department = NamedRefSerializer(read_only=True)
    owner = PersonSerializer(read_only=True)
    strategic_objective = NamedRefSerializer(read_only=True, allow_null=True)
    stage = StageField(read_only=True)
    build_type = ChoicesField(BuildType, read_only=True)
    priority_band = ChoicesField(PriorityBand, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title",
            "department",
            "owner",
            "strategic_objective",
            "stage",
            "build_type",
            "business_value",
            "technical_feasibility",
            "implementation_effort",
            "strategic_alignment",
            "priority_score",
            "priority_band",
            "stage_changed_at",
            "updated_at",
        ]
        read_only_fields = fields


class InitiativeDetailSerializer(InitiativeSummarySerializer):
    """An initiative with its team, how its priority is made up and what the reader may do next."""

    members = PersonSerializer(many=True, read_only=True)
    data_availability = ChoicesField(DataAvailability, read_only=True)
    data_quality = ChoicesField(DataQuality, read_only=True)
    held_in_stage = serializers.SerializerMethodField()
    priority_terms = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()

    class Meta(InitiativeSummarySerializer.Meta):
        fields = [
            *InitiativeSummarySerializer.Meta.fields,
            "problem",
            "process_affected",
            "expected_benefit",
            "data_availability",
            "data_quality",
            "members",
            "held_in_stage",
            "priority_terms",
            "available_transitions",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(StageField(allow_null=True))
    def get_held_in_stage(self, obj: Initiative) -> str | None:
        """The stage an initiative on hold resumes to; null when not on hold."""
        return obj.held_in_stage or None

    @extend_schema_field(PriorityTermSerializer(many=True))
    def get_priority_terms(self, obj: Initiative) -> list[dict[str, Any]]:
        priority = derive_priority(
            business_value=obj.business_value,
            technical_feasibility=obj.technical_feasibility,
            implementation_effort=obj.implementation_effort,
            strategic_alignment=obj.strategic_alignment,
        )
        return [
            {
                "field": term.field.value,
                "label": str(
                    cast(models.Field, Initiative._meta.get_field(term.field.value)).verbose_name
                ),
                "score": term.score,
                "factor": term.factor,
                "inverted": term.inverted,
                "points": term.points,
                "max_points": term.max_points,
            }
            for term in priority.terms
        ]

    @extend_schema_field(serializers.ListField(child=StageField()))
    def get_available_transitions(self, obj: Initiative) -> list[str]:
        """Stages the requester may move the initiative to now; scaling goes through the gate."""
        request = self.context.get("request")
        if request is None:
            return []
        return services.available_transitions(obj, request.user)


class InitiativeInputSerializer(serializers.Serializer):
    """Propose or change an initiative; the owner is the proposer and cannot be set here."""

    title = serializers.CharField(max_length=200)
    problem = serializers.CharField()
    process_affected = serializers.CharField(max_length=200, required=False, allow_blank=True)
    expected_benefit = serializers.CharField(required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    strategic_objective = serializers.PrimaryKeyRelatedField(
        queryset=StrategicObjective.objects.all(), required=False, allow_null=True
    )
    data_availability = ChoicesField(DataAvailability, required=False)
    data_quality = ChoicesField(DataQuality, required=False)
    build_type = ChoicesField(BuildType)
    business_value = serializers.IntegerField(min_value=1, max_value=5, help_text=SCORE_HELP)
    technical_feasibility = serializers.IntegerField(min_value=1, max_value=5, help_text=SCORE_HELP)
    implementation_effort = serializers.IntegerField(
        min_value=1, max_value=5, help_text=SCORE_HELP + " Higher means more effort."
    )
    strategic_alignment = serializers.IntegerField(
        min_value=1, max_value=5, required=False, help_text=SCORE_HELP + " 3 when left out."
    )
    members = serializers.PrimaryKeyRelatedField(
        many=True, queryset=_people(), required=False, help_text="User ids of the team members."
    )


class InitiativeTransitionSerializer(serializers.Serializer):
    """Move an initiative to another stage, saying why."""

    stage = StageField()
    reason = serializers.CharField(help_text="Why the stage changes; kept in the history.")


class StageChangeSerializer(serializers.ModelSerializer):
    """One recorded stage change: who, when, why."""

    actor = PersonSerializer(read_only=True)
    from_stage = StageField(read_only=True)
    to_stage = StageField(read_only=True)

    class Meta:
        model = StageChange
        fields = ["id", "initiative", "from_stage", "to_stage", "actor", "reason", "changed_at"]
        read_only_fields = fields


class InitiativeTransitionResultSerializer(serializers.Serializer):
    """The initiative after the move and the recorded stage change."""

    initiative = InitiativeDetailSerializer()
    stage_change = StageChangeSerializer()


# --- Pilots -----------------------------------------------------------------------------------


class PilotParticipantSerializer(serializers.ModelSerializer):
    """A participant of a pilot; sceptics are recruited on purpose."""

    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = PilotParticipant
        fields = ["name", "department", "role", "is_sceptic"]


class PilotSerializer(serializers.ModelSerializer):
    """A pilot with its departments (ids) and participants."""

    initiative_title = serializers.CharField(source="initiative.title", read_only=True)
    departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    participants = PilotParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "initiative",
            "initiative_title",
            *services.PILOT_FIELDS,
            "participants",
            "created_at",
        ]
        read_only_fields = fields


class PilotInputSerializer(serializers.Serializer):
    """Document a pilot; on update the participants, when given, replace the old list."""

    initiative = ScopedRelatedField(
        selector=selectors.initiative_list,
        help_text="An initiative you can see; only its owner and members may add pilots.",
    )
    scope = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(help_text="Not before start_date.")
    success_criteria = serializers.CharField()
    user_feedback = serializers.CharField(required=False, allow_blank=True)
    lessons_learned = serializers.CharField(required=False, allow_blank=True)
    scaling_playbook = serializers.CharField(required=False, allow_blank=True)
    departments = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Department.objects.all(), required=False
    )
    participants = PilotParticipantSerializer(many=True, required=False)


class PilotUpdateSerializer(PilotInputSerializer):
    """Change a pilot; it stays with its initiative."""

    initiative = None  # type: ignore[assignment]


# --- Gate decisions ---------------------------------------------------------------------------


class GateDecisionSerializer(serializers.ModelSerializer):
    """A leadership decision at the stage gate to scaling, with the evidence it saw."""

    initiative_title = serializers.CharField(source="initiative.title", read_only=True)
    initiative_stage = StageField(
        source="initiative.stage",
        read_only=True,
        help_text="The initiative's stage now (scaling after go, stopped after no-go).",
    )
    outcome = ChoicesField(GateOutcome, read_only=True)
    decided_by = PersonSerializer(read_only=True)
    evidence = serializers.JSONField(read_only=True)

    class Meta:
        model = GateDecision
        fields = [
            "id",
            "initiative",
            "initiative_title",
            "initiative_stage",
            "outcome",
            "rationale",
            "decided_by",
            "decided_at",
            "evidence",
        ]
        read_only_fields = fields


class GateDecisionInputSerializer(serializers.Serializer):
    """Decide the gate of an initiative in pilot."""

    initiative = ScopedRelatedField(selector=selectors.initiative_list)
    outcome = ChoicesField(GateOutcome)
    rationale = serializers.CharField()


# --- Gate requests ----------------------------------------------------------------------------


class GateRequestSerializer(serializers.ModelSerializer):
    """A team's request for the stage-gate decision and how it was closed."""

    initiative_title = serializers.CharField(source="initiative.title", read_only=True)
    department = NamedRefSerializer(source="initiative.department", read_only=True)
    status = ChoicesField(GateRequestStatus, read_only=True)
    requested_by = PersonSerializer(read_only=True)
    closed_by = PersonSerializer(read_only=True, allow_null=True)
    decision: serializers.PrimaryKeyRelatedField[GateDecision] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The gate decision that answered the request (see /gate-decisions/).",
    )

    class Meta:
        model = GateRequest
        fields = [
            "id",
            "initiative",
            "initiative_title",
            "department",
            "status",
            "note",
            "requested_by",
            "created_at",
            "closed_at",
            "closed_by",
            "decision",
        ]
        read_only_fields = fields


class GateRequestInputSerializer(serializers.Serializer):
    """Ask leadership to decide the gate of an initiative in pilot."""

    initiative = ScopedRelatedField(selector=selectors.initiative_list)
    note = serializers.CharField(
        max_length=NOTE_MAX_LENGTH,
        help_text="What leadership should look at: results against the success criteria, "
        "what is ready for scaling and what is not.",
    )


# --- Cross-functional team --------------------------------------------------------------------


class TeamPersonSerializer(serializers.ModelSerializer):
    """A person on the team: from the people records, with or without a user account."""

    class Meta:
        model = Person
        fields = ["id", "name", "job_title", "department"]
        read_only_fields = fields


class TeamRoleSerializer(serializers.ModelSerializer):
    """A named person in one role of the initiative's cross-functional team."""

    role = ChoicesField(TeamRoleKind, read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    person = TeamPersonSerializer(read_only=True)

    class Meta:
        model = TeamRole
        fields = ["id", "initiative", "role", "role_label", "person", "note", "created_at"]
        read_only_fields = fields


class TeamRoleGapSerializer(serializers.Serializer):
    """A required role nobody holds yet."""

    role = ChoicesField(TeamRoleKind, read_only=True)
    role_label = serializers.CharField(source="label", read_only=True)
    warning = serializers.CharField(read_only=True, help_text="E.g. 'No legal and ethics member'.")


class TeamSerializer(serializers.Serializer):
    """The cross-functional team of one initiative and the required roles still empty."""

    members = TeamRoleSerializer(many=True, read_only=True)
    missing_roles = TeamRoleGapSerializer(
        many=True, read_only=True, help_text="In the fixed order of the five required roles."
    )


class TeamRoleInputSerializer(serializers.Serializer):
    """Put a person in a role of the initiative's team."""

    person = ScopedRelatedField(
        selector=people_selectors.person_list, help_text="A person id from /people/."
    )
    role = ChoicesField(TeamRoleKind)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=TEAM_NOTE_MAX_LENGTH, default=""
    )
