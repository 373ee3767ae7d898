"""API of a system's AI literacy (EU AI Act Art. 4): its users, the measures for it, coverage.

`GET /api/v1/ai-systems/{id}/literacy/` for anyone who sees the system; `PUT` by those who keep
the people records (people.rules), who choose the users and the measures as person and measure ids.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.parsers import BoundedJSONParser
from governance import literacy_selectors, selectors
from governance.services.literacy import system_literacy_set
from people import rules as people_rules
from people.models import LiteracyMeasure, Person


class SystemLiteracySerializer(serializers.Serializer):
    """Who uses the system, which measures are for it, and how many users are trained."""

    users = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    measures = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    users_count = serializers.IntegerField(read_only=True)
    trained_count = serializers.IntegerField(read_only=True)
    untrained = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class SystemLiteracyInputSerializer(serializers.Serializer):
    """The users (person ids) and the literacy measures (ids) of the system."""

    users = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.all(), label=_("Users of the system")
    )
    measures = serializers.PrimaryKeyRelatedField(
        many=True, queryset=LiteracyMeasure.objects.all(), label=_("Literacy measures")
    )


def _body(system: Any) -> dict[str, Any]:
    view = literacy_selectors.system_literacy(system=system, today=timezone.localdate())
    return {
        "users": [person.pk for person in view.users],
        "measures": [measure.pk for measure, _current in view.measures],
        "users_count": view.coverage.users,
        "trained_count": view.coverage.trained,
        "untrained": [person.pk for person in view.untrained],
    }


class SystemLiteracyView(APIView):
    """The AI literacy of one AI system the requester sees (404 otherwise)."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(responses=SystemLiteracySerializer)
    def get(self, request: Request, pk: int) -> Response:
        system = selectors.ai_system_get(user=request.user, pk=pk)
        return Response(SystemLiteracySerializer(_body(system)).data)

    @extend_schema(request=SystemLiteracyInputSerializer, responses=SystemLiteracySerializer)
    def put(self, request: Request, pk: int) -> Response:
        if not people_rules.can_edit_people(request.user):
            raise PermissionDenied(str(people_rules.EDITORS_ONLY))
        system = selectors.ai_system_get(user=request.user, pk=pk)
        data = SystemLiteracyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        system_literacy_set(
            actor=request.user,
            system=system,
            users=data.validated_data["users"],
            measures=data.validated_data["measures"],
        )
        return Response(SystemLiteracySerializer(_body(system)).data)
