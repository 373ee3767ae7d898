"""API views of the initiatives app: parse input, call one selector or service, render.

Every queryset comes from initiatives.selectors, scoped to the requester, so an object outside
their scope answers 404. Who may write is decided by initiatives.services; the permission
classes here only ask the same questions earlier, so that a role that may not act gets 403
before its input is validated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import django_filters
from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.errors import Conflict
from core.roles import Cap, has_capability
from initiatives import selectors, services
from initiatives.api.serializers import (
    DepartmentInputSerializer,
    DepartmentSerializer,
    GateDecisionInputSerializer,
    GateDecisionSerializer,
    InitiativeDetailSerializer,
    InitiativeInputSerializer,
    InitiativeSummarySerializer,
    InitiativeTransitionResultSerializer,
    InitiativeTransitionSerializer,
    PilotInputSerializer,
    PilotSerializer,
    PilotUpdateSerializer,
    StageChangeSerializer,
)
from initiatives.choices import GateOutcome
from initiatives.filters import InitiativeFilterSet
from initiatives.models import Department, GateDecision, Initiative, Pilot

# --- Shared plumbing --------------------------------------------------------------------------


# The one error format of core.api.errors, for the OpenAPI description.
ApiError = inline_serializer(
    name="ApiError",
    fields={
        "status": serializers.IntegerField(),
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        # A nested field (e.g. a pilot's participants) answers with an object of the same shape
        # per item or sub-field instead of a list of messages, so the value is any JSON.
        "errors": serializers.DictField(
            child=serializers.JSONField(),
            help_text="Field name (or non_field_errors) to messages; empty unless status is 400. "
            "Nested fields map to the same structure per item or sub-field.",
        ),
    },
)


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: "Bad input; `errors` names the fields.",
        403: "Your role may not do this.",
        404: "Not found, or outside what you may see.",
        409: "The initiative's state does not allow this; `detail` says why.",
    }
    return {code: OpenApiResponse(ApiError, description=descriptions[code]) for code in codes}


class ActionCapability(permissions.BasePermission):
    """Require the capability that `view.action_capabilities` names for the current action."""

    message = gettext_lazy("Your role may not do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        cap = getattr(view, "action_capabilities", {}).get(view.action)
        return cap is None or has_capability(request.user, cap)


class ObjectRule(permissions.BasePermission):
    """Ask `view.object_rules[action](obj, user)` whether the requester may act on the object."""

    message = gettext_lazy("You may not change this.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        rule = getattr(view, "object_rules", {}).get(view.action)
        return rule is None or rule(obj, request.user)


class ServiceErrorsMixin:
    """Turn refusals of the services into the API's 403 and 409 answers."""

    permission_classes: Sequence[Any] = [
        permissions.IsAuthenticated,
        ActionCapability,
        ObjectRule,
    ]
    action_capabilities: dict[str, Cap] = {}
    object_rules: dict[str, Callable[[Any, Any], bool]] = {}

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, services.StageChangeRefused):
            exc = (
                Conflict(exc.message, code=exc.code)
                if exc.conflict
                else exceptions.PermissionDenied(exc.message, code=exc.code)
            )
        elif isinstance(exc, ProtectedError):
            exc = Conflict(_("Other records still refer to this; it cannot be deleted."))
        return super().handle_exception(exc)  # type: ignore[misc]


def _is_administrator(obj: Any, user: Any) -> bool:
    return has_capability(user, Cap.ADMINISTER)


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
class DepartmentViewSet(ServiceErrorsMixin, viewsets.ModelViewSet):
    """Departments: readable by everyone signed in, managed by administrators.

    Departments carry no business rules beyond their fields, so the input serializer saves them
    directly; the capability is checked before anything is read from the request.
    """

    serializer_class = DepartmentSerializer
    filter_backends: list[Any] = []
    action_capabilities = {
        "create": Cap.MANAGE_DEPARTMENTS,
        "update": Cap.MANAGE_DEPARTMENTS,
        "partial_update": Cap.MANAGE_DEPARTMENTS,
        "destroy": Cap.MANAGE_DEPARTMENTS,
    }

    def get_queryset(self) -> QuerySet[Department]:
        return selectors.department_list(user=self.request.user).prefetch_related("champions")

    def _render(self, department: Department, status_code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=department.pk)
        return Response(DepartmentSerializer(fresh).data, status=status_code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = DepartmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._render(serializer.save(), status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = DepartmentInputSerializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        return self._render(serializer.save())


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
class InitiativeViewSet(ServiceErrorsMixin, viewsets.ModelViewSet):
    """Initiatives in the requester's scope."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = InitiativeFilterSet
    action_capabilities = {"create": Cap.PROPOSE_INITIATIVE}
    object_rules = {
        "update": services.can_edit_initiative,
        "partial_update": services.can_edit_initiative,
        "destroy": _is_administrator,
    }

    def get_queryset(self) -> QuerySet[Initiative]:
        queryset = selectors.initiative_list(user=self.request.user)
        if self.action != "list":
            queryset = queryset.prefetch_related("members")
        return queryset

    def get_serializer_class(self) -> type[Any]:
        if self.action == "list":
            return InitiativeSummarySerializer
        return InitiativeDetailSerializer

    def _detail(self, initiative: Initiative) -> dict[str, Any]:
        fresh = self.get_queryset().get(pk=initiative.pk)
        return InitiativeDetailSerializer(fresh, context=self.get_serializer_context()).data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InitiativeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        members = data.pop("members", ())
        initiative = services.initiative_create(actor=request.user, data=data, members=members)
        return Response(self._detail(initiative), status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        initiative = self.get_object()
        serializer = InitiativeInputSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        members = data.pop("members", None)
        services.initiative_update(
            actor=request.user, initiative=initiative, data=data, members=members
        )
        return Response(self._detail(initiative))

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
                "initiative": self._detail(initiative),
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


# --- Pilots -----------------------------------------------------------------------------------


class PilotFilterSet(django_filters.FilterSet):
    """Pilots of one initiative.

    A plain number rather than a model choice, so that a filter on an initiative outside the
    requester's scope gives an empty list instead of telling whether that initiative exists.
    """

    initiative = django_filters.NumberFilter(field_name="initiative_id")

    class Meta:
        model = Pilot
        fields = ["initiative"]


def _can_edit_pilot(pilot: Pilot, user: Any) -> bool:
    return services.can_edit_initiative(pilot.initiative, user)


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
class PilotViewSet(
    ServiceErrorsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Pilots of the initiatives in the requester's scope."""

    serializer_class = PilotSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PilotFilterSet
    object_rules = {"update": _can_edit_pilot, "partial_update": _can_edit_pilot}

    def get_queryset(self) -> QuerySet[Pilot]:
        return selectors.pilot_list(user=self.request.user)

    def _render(self, pilot: Pilot, status_code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=pilot.pk)
        return Response(PilotSerializer(fresh).data, status=status_code)

    @staticmethod
    def _participants(rows: list[dict[str, Any]] | None) -> list[services.ParticipantData] | None:
        if rows is None:
            return None
        return [services.ParticipantData(**row) for row in rows]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = PilotInputSerializer(
            data=request.data, initiatives=selectors.initiative_list(user=request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        initiative = data.pop("initiative")
        departments = data.pop("departments", ())
        participants = self._participants(data.pop("participants", [])) or []
        pilot = services.pilot_create(
            actor=request.user,
            initiative=initiative,
            data=data,
            departments=departments,
            participants=participants,
        )
        return self._render(pilot, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pilot = self.get_object()
        serializer = PilotUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        departments = data.pop("departments", None)
        participants = self._participants(data.pop("participants", None))
        services.pilot_update(
            actor=request.user,
            pilot=pilot,
            data=data,
            departments=departments,
            participants=participants,
        )
        return self._render(pilot)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)


# --- Gate decisions ---------------------------------------------------------------------------


class GateDecisionFilterSet(django_filters.FilterSet):
    """Gate decisions of one initiative, or with one outcome (see PilotFilterSet on scope)."""

    initiative = django_filters.NumberFilter(field_name="initiative_id")
    outcome = django_filters.ChoiceFilter(choices=GateOutcome.choices)

    class Meta:
        model = GateDecision
        fields = ["initiative", "outcome"]


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
class GateDecisionViewSet(
    ServiceErrorsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Stage-gate decisions: a record once taken, so there is no update or delete."""

    serializer_class = GateDecisionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = GateDecisionFilterSet
    action_capabilities = {"create": Cap.DECIDE_GATES}

    def get_queryset(self) -> Any:
        return selectors.gate_decision_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = GateDecisionInputSerializer(
            data=request.data, initiatives=selectors.initiative_list(user=request.user)
        )
        serializer.is_valid(raise_exception=True)
        decision = services.gate_decide(
            actor=request.user,
            initiative=serializer.validated_data["initiative"],
            outcome=serializer.validated_data["outcome"],
            rationale=serializer.validated_data["rationale"],
            # The evidence snapshot (ROI, readiness, risks, register approval) is assembled in
            # portfolio, which this app may not import; until it is wired in, none is stored.
            evidence={},
        )
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(GateDecisionSerializer(fresh).data, status=status.HTTP_201_CREATED)
