"""API views of the initiatives app: parse input, call one selector or service, render.

Every queryset comes from initiatives.selectors, scoped to the requester, so an object outside
their scope answers 404. Who may write is decided by initiatives.services; the permission
classes here only ask the same questions earlier, so that a role that may not act gets 403
before its input is validated.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import (
    ServiceCreateMixin,
    ServiceModelViewSet,
    ServiceUpdateMixin,
    ServiceViewSet,
)
from core.api.errors import error_responses as _errors
from core.roles import Cap
from initiatives import rules, selectors, services
from initiatives.api.serializers import (
    DepartmentInputSerializer,
    DepartmentSerializer,
    GateDecisionInputSerializer,
    GateDecisionSerializer,
    GateRequestInputSerializer,
    GateRequestSerializer,
    InitiativeDetailSerializer,
    InitiativeInputSerializer,
    InitiativeSummarySerializer,
    InitiativeTransitionResultSerializer,
    InitiativeTransitionSerializer,
    PilotInputSerializer,
    PilotSerializer,
    PilotUpdateSerializer,
    StageChangeSerializer,
    TeamRoleInputSerializer,
    TeamRoleSerializer,
    TeamSerializer,
)
from initiatives.choices import TeamRoleKind
from initiatives.filters import (
    GateDecisionFilterSet,
    GateRequestFilterSet,
    InitiativeFilterSet,
    PilotFilterSet,
)
from initiatives.models import Department, GateRequest, Initiative, Pilot, TeamRole

# --- Departments ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List departments",
        description="Every department with its headcount, AI champions and the number of "
        "initiatives you may see. Open to everyone signed in.",
    ),
    retrieve=extend_schema(
        summary="Show a department",
        description="One department with its headcount, AI champions and visible initiatives.",
        responses={200: DepartmentSerializer, **_errors(404)},
    ),
    create=extend_schema(
        summary="Create a department",
        description="Administrators only. `champions` are user ids.",
        request=DepartmentInputSerializer,
        responses={201: DepartmentSerializer, **_errors(400, 403)},
    ),
    update=extend_schema(
        summary="Replace a department",
        description="Administrators only.",
        request=DepartmentInputSerializer,
        responses={200: DepartmentSerializer, **_errors(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Change a department",
        description="Administrators only; send only the fields that change.",
        request=DepartmentInputSerializer,
        responses={200: DepartmentSerializer, **_errors(400, 403, 404)},
    ),
    destroy=extend_schema(
        summary="Delete a department",
        description="Administrators only. A department that still has initiatives cannot be "
        "deleted (409).",
        responses={204: None, **_errors(403, 404, 409)},
    ),
)
class DepartmentViewSet(ServiceModelViewSet):
    """Departments: readable by everyone signed in, managed by administrators."""

    selector = staticmethod(selectors.department_list)
    serializer_class = DepartmentSerializer
    input_serializer_class = DepartmentInputSerializer
    filter_backends: list[Any] = []
    action_capabilities = {
        "create": Cap.MANAGE_DEPARTMENTS,
        "update": Cap.MANAGE_DEPARTMENTS,
        "partial_update": Cap.MANAGE_DEPARTMENTS,
        "destroy": Cap.MANAGE_DEPARTMENTS,
    }

    def get_queryset(self) -> QuerySet[Department]:
        return super().get_queryset().prefetch_related("champions")

    def service_create(self, data: dict[str, Any]) -> Department:
        champions = data.pop("champions", None)
        return services.department_save(
            actor=self.request.user, department=None, data=data, champions=champions
        )

    def service_update(self, instance: Department, data: dict[str, Any]) -> Department:
        champions = data.pop("champions", None)
        return services.department_save(
            actor=self.request.user, department=instance, data=data, champions=champions
        )

    def service_delete(self, instance: Department) -> None:
        services.department_delete(actor=self.request.user, department=instance)


# --- Initiatives ------------------------------------------------------------------------------

_TRANSITION_DESCRIPTION = """Move the initiative to another stage with a reason; the change is
recorded with who, when and why.

* 200: the initiative in its new stage and the recorded stage change.
* 400: no reason, or an unknown stage.
* 403: your role may not make this move: team leads move only their own initiatives and only at
  or below pilot; compliance may put any initiative on hold and resume it; finance and
  administrators do not move initiatives.
* 404: the initiative is outside what you may see.
* 409: the move does not exist (e.g. idea → pilot) or needs a go decision at the stage gate;
  `detail` says which moves are possible.

Scaling is reached through a `go` decision (POST /gate-decisions/), not through this endpoint."""


@extend_schema_view(
    list=extend_schema(
        summary="List initiatives",
        description="The initiatives you may see: all of them for leadership, compliance, "
        "finance and administrators; a team lead's own and those they are a member of. "
        "Filter by stage (repeatable), department, owner, priority_band, strategic_objective "
        "and free text `q`; sort with `ordering` (title, priority, stage, department, owner, "
        "value, feasibility, effort, updated; prefix `-` for descending).",
    ),
    retrieve=extend_schema(
        summary="Show an initiative",
        description="One initiative with its team, the terms its priority is summed from "
        "(see initiatives.domain.priority) and the stages you may move it to now.",
        responses={200: InitiativeDetailSerializer, **_errors(404)},
    ),
    create=extend_schema(
        summary="Propose an initiative",
        description="Team leads only. The proposer becomes the owner; the initiative starts as "
        "an idea and its priority is derived from the four 1–5 scores.",
        request=InitiativeInputSerializer,
        responses={201: InitiativeDetailSerializer, **_errors(400, 403)},
    ),
    update=extend_schema(
        summary="Replace an initiative's description and scores",
        description="The owner and team members (team leads) and administrators. The priority "
        "follows the scores; the stage changes only through the transition endpoint.",
        request=InitiativeInputSerializer,
        responses={200: InitiativeDetailSerializer, **_errors(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Change an initiative's description and scores",
        description="The owner and team members (team leads) and administrators; send only the "
        "fields that change. `members`, when sent, replaces the team.",
        request=InitiativeInputSerializer,
        responses={200: InitiativeDetailSerializer, **_errors(400, 403, 404)},
    ),
    destroy=extend_schema(
        summary="Delete an initiative",
        description="Administrators only, for records entered by mistake (403 for everyone "
        "else). An initiative that ends is moved to `stopped` or `retired` instead, so its "
        "history stays.",
        responses={204: None, **_errors(403, 404, 409)},
    ),
)
class InitiativeViewSet(ServiceModelViewSet):
    """Initiatives in the requester's scope."""

    selector = staticmethod(selectors.initiative_list)
    serializer_class = InitiativeDetailSerializer
    list_serializer_class = InitiativeSummarySerializer
    input_serializer_class = InitiativeInputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = InitiativeFilterSet
    action_capabilities = {"create": Cap.PROPOSE_INITIATIVE}
    object_rules = {
        "update": rules.can_edit_initiative,
        "partial_update": rules.can_edit_initiative,
        "destroy": rules.can_delete_initiative,
        "team_member": rules.can_edit_initiative,
    }

    def get_queryset(self) -> QuerySet[Initiative]:
        queryset = super().get_queryset()
        if self.action != "list":
            queryset = queryset.prefetch_related("members")
        return queryset

    def service_create(self, data: dict[str, Any]) -> Initiative:
        members = data.pop("members", ())
        return services.initiative_create(actor=self.request.user, data=data, members=members)

    def service_update(self, instance: Initiative, data: dict[str, Any]) -> Initiative:
        members = data.pop("members", None)
        return services.initiative_update(
            actor=self.request.user, initiative=instance, data=data, members=members
        )

    def service_delete(self, instance: Initiative) -> None:
        services.initiative_delete(actor=self.request.user, initiative=instance)

    @extend_schema(
        summary="Change an initiative's stage",
        description=_TRANSITION_DESCRIPTION,
        request=InitiativeTransitionSerializer,
        responses={200: InitiativeTransitionResultSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample(
                "Start the assessment",
                value={"stage": "assessment", "reason": "Data owner agreed to a data sample."},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        initiative = self.get_object()
        serializer = InitiativeTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            target=serializer.validated_data["stage"],
            reason=serializer.validated_data["reason"],
        )
        return Response(
            {
                "initiative": self.respond(initiative).data,
                "stage_change": StageChangeSerializer(change).data,
            }
        )

    @extend_schema(
        summary="History of an initiative's stage changes",
        description="Every recorded stage change, newest first: from, to, who, when and why.",
        responses={200: StageChangeSerializer(many=True), **_errors(404)},
    )
    @action(detail=True, methods=["get"], url_path="stage-changes", filter_backends=[])
    def stage_changes(self, request: Request, pk: str | None = None) -> Response:
        initiative = self.get_object()
        changes = initiative.stage_changes.select_related("actor")
        page = self.paginate_queryset(changes)
        data = StageChangeSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        methods=["GET"],
        summary="An initiative's cross-functional team",
        description="Who holds each role (data scientist / ML engineer, IT and infrastructure, "
        "business owner, end-user representative, legal and ethics) and the roles nobody holds "
        "yet, in that fixed order.",
        responses={200: TeamSerializer, **_errors(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a person to an initiative's team",
        description="Whoever may edit the initiative (its owner and members who are team leads, "
        "administrators). `person` is an id from the people records; a person who already "
        "holds the role on this initiative is a 400 on `person`.",
        request=TeamRoleInputSerializer,
        responses={201: TeamRoleSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "Name the legal and ethics member",
                value={"person": 7, "role": "legal_ethics", "note": "Half a day a week"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def team(self, request: Request, pk: str | None = None) -> Response:
        initiative = self.get_object()
        if request.method == "POST":
            # Refused before the body is read, as the object rules do for the other writes.
            if not rules.can_edit_initiative(request.user, initiative):
                raise PermissionDenied(
                    _("Only the initiative's owner and team members may change it.")
                )
            serializer = TeamRoleInputSerializer(
                data=request.data, context=self.get_serializer_context()
            )
            serializer.is_valid(raise_exception=True)
            created = services.team_role_add(
                actor=request.user, initiative=initiative, **serializer.validated_data
            )
            fresh = selectors.team_role_get(user=request.user, initiative=initiative, pk=created.pk)
            return Response(TeamRoleSerializer(fresh).data, status=status.HTTP_201_CREATED)
        summary = selectors.team_summary(initiative=initiative)
        data = {
            "members": [member for slot in summary.slots for member in slot.members],
            "missing_roles": summary.gaps,
        }
        return Response(TeamSerializer(data).data)

    @extend_schema(
        summary="Remove a person from an initiative's team",
        description="Whoever may edit the initiative; `member_pk` is the id of the team role "
        "(one person in one role). The removal stays in the history.",
        request=None,
        responses={204: None, **_errors(403, 404)},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"team/(?P<member_pk>[0-9]+)",
        url_name="team-member",
        filter_backends=[],
    )
    def team_member(self, request: Request, pk: str | None = None, member_pk: str = "") -> Response:
        initiative = self.get_object()
        team_role = selectors.team_role_get(
            user=request.user, initiative=initiative, pk=int(member_pk)
        )
        services.team_role_remove(actor=request.user, team_role=team_role)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Pilots -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List pilots",
        description="Pilots of the initiatives you may see; filter by `initiative`.",
    ),
    retrieve=extend_schema(
        summary="Show a pilot",
        description="One pilot with its departments (ids) and participants.",
        responses={200: PilotSerializer, **_errors(404)},
    ),
    create=extend_schema(
        summary="Document a pilot",
        description="The initiative's owner and team members (team leads) and administrators. "
        "`initiative` must be one you can see (else 400). An end before the start is a 400 on "
        "`end_date` and nothing is saved.",
        request=PilotInputSerializer,
        responses={201: PilotSerializer, **_errors(400, 403)},
    ),
    update=extend_schema(
        summary="Replace a pilot's documentation",
        description="The initiative's owner and team members and administrators. `participants`"
        " and `departments`, when sent, replace the old lists.",
        request=PilotUpdateSerializer,
        responses={200: PilotSerializer, **_errors(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Change a pilot's documentation",
        description="Send only what changes, e.g. user feedback and lessons learned as the pilot "
        "runs. `participants` and `departments`, when sent, replace the old lists.",
        request=PilotUpdateSerializer,
        responses={200: PilotSerializer, **_errors(400, 403, 404)},
    ),
)
class PilotViewSet(ServiceCreateMixin, ServiceUpdateMixin, ServiceViewSet):
    """Pilots of the initiatives in the requester's scope."""

    selector = staticmethod(selectors.pilot_list)
    serializer_class = PilotSerializer
    input_serializer_class = PilotInputSerializer
    # A pilot stays with its initiative: updates read everything but the initiative.
    update_serializer_class = PilotUpdateSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PilotFilterSet
    object_rules = {"update": rules.can_edit_pilot, "partial_update": rules.can_edit_pilot}

    @staticmethod
    def _participants(rows: list[dict[str, Any]] | None) -> list[services.ParticipantData] | None:
        if rows is None:
            return None
        return [services.ParticipantData(**row) for row in rows]

    def service_create(self, data: dict[str, Any]) -> Pilot:
        return services.pilot_create(
            actor=self.request.user,
            initiative=data.pop("initiative"),
            departments=data.pop("departments", ()),
            participants=self._participants(data.pop("participants", [])) or [],
            data=data,
        )

    def service_update(self, instance: Pilot, data: dict[str, Any]) -> Pilot:
        return services.pilot_update(
            actor=self.request.user,
            pilot=instance,
            departments=data.pop("departments", None),
            participants=self._participants(data.pop("participants", None)),
            data=data,
        )


# --- Gate decisions ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List gate decisions",
        description="Decisions at the stage gate to scaling on the initiatives you may see, "
        "newest first; filter by `initiative` and `outcome`.",
    ),
    retrieve=extend_schema(
        summary="Show a gate decision",
        description="One decision with its rationale and the evidence the decider saw.",
        responses={200: GateDecisionSerializer, **_errors(404)},
    ),
    create=extend_schema(
        summary="Decide a stage gate",
        description="Leadership only. The initiative must be in pilot (else 409). `go` moves "
        "it to scaling, `no_go` stops it, `needs_work` keeps it in pilot; a go or no-go is "
        "recorded as a stage change with the rationale as reason.",
        request=GateDecisionInputSerializer,
        responses={201: GateDecisionSerializer, **_errors(400, 403, 409)},
    ),
)
class GateDecisionViewSet(ServiceCreateMixin, ServiceViewSet):
    """Stage-gate decisions: a record once taken, so there is no update or delete."""

    selector = staticmethod(selectors.gate_decision_list)
    serializer_class = GateDecisionSerializer
    input_serializer_class = GateDecisionInputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = GateDecisionFilterSet
    action_capabilities = {"create": Cap.DECIDE_GATES}

    def service_create(self, data: dict[str, Any]) -> Any:
        return services.gate_decide(
            actor=self.request.user,
            initiative=data["initiative"],
            outcome=data["outcome"],
            rationale=data["rationale"],
            # The evidence snapshot (ROI, readiness, risks, register approval) is assembled in
            # portfolio, which this app may not import; until it is wired in, none is stored.
            evidence={},
        )


# --- Gate requests ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List gate requests",
        description="Teams' requests for the stage-gate decision on the initiatives you may "
        "see, newest first; filter by `initiative` and `status` (open, withdrawn, decided). "
        "Leadership's queue is `?status=open`, oldest first on the gate queue page.",
    ),
    retrieve=extend_schema(
        summary="Show a gate request",
        description="One request with its note, who asked, and how and by what decision it "
        "was closed.",
        responses={200: GateRequestSerializer, **_errors(404)},
    ),
    create=extend_schema(
        summary="Request a gate decision",
        description="Team leads on the initiative's team. The initiative must be in pilot and "
        "have no open request (else 409); everyone who decides stage gates is notified. An "
        "initiative you cannot see or an empty note is a 400.",
        request=GateRequestInputSerializer,
        responses={201: GateRequestSerializer, **_errors(400, 403, 409)},
        examples=[
            OpenApiExample(
                "Ask for the decision",
                value={
                    "initiative": 12,
                    "note": "Handling time down 24 % against a target of 20 %; budget model done.",
                },
                request_only=True,
            )
        ],
    ),
)
class GateRequestViewSet(ServiceCreateMixin, ServiceViewSet):
    """Gate requests: made by the team, closed by a withdrawal or by leadership's decision."""

    selector = staticmethod(selectors.gate_request_list)
    serializer_class = GateRequestSerializer
    input_serializer_class = GateRequestInputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = GateRequestFilterSet
    action_capabilities = {"create": Cap.EDIT_OWN_INITIATIVES}
    object_rules = {"withdraw": rules.can_withdraw_gate_request}

    def service_create(self, data: dict[str, Any]) -> GateRequest:
        return services.gate_request(
            actor=self.request.user, initiative=data["initiative"], note=data["note"]
        )

    @extend_schema(
        summary="Withdraw a gate request",
        description="Team leads on the initiative's team withdraw an open request (409 when it "
        "is already withdrawn or decided).",
        request=None,
        responses={200: GateRequestSerializer, **_errors(403, 404, 409)},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        gate_request = self.get_object()
        services.gate_request_withdraw(actor=request.user, request=gate_request)
        return self.respond(gate_request)


@extend_schema(
    tags=["initiatives"],
    parameters=[
        OpenApiParameter(
            "q",
            str,
            description="Words to find in the person, initiative, department, role or note.",
        ),
        OpenApiParameter("role", str, enum=TeamRoleKind.values, description="One role only."),
    ],
)
class TeamRoleViewSet(ServiceViewSet):
    """Team roles (`team-roles`) across the initiatives the requester sees, searchable with `q`
    and `role`; they are changed on each initiative's `team/`."""

    serializer_class = TeamRoleSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return TeamRole.objects.none()
        role = self.request.query_params.get("role", "")
        return selectors.team_role_search(
            user=self.request.user,
            query=self.request.query_params.get("q", "")[:200],
            role=role if role in TeamRoleKind.values else "",
        )
