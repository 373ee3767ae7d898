"""The API root: who am I and what may I do."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.roles import Cap, Role, capabilities, user_roles


class MeSerializer(serializers.Serializer):
    """The signed-in person, their roles and capabilities."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=[r.value for r in Role]))
    capabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in Cap])
    )


class MeView(APIView):
    """Return the person the request is authenticated as."""

    @extend_schema(responses=MeSerializer, summary="The authenticated person and their roles")
    def get(self, request: Request) -> Response:
        user = request.user
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "name": str(user),
            "roles": sorted(r.value for r in user_roles(user)),
            "capabilities": sorted(c.value for c in capabilities(user)),
        }
        return Response(MeSerializer(data).data)


class FiguresSerializer(serializers.Serializer):
    """The figures of one quarter as the dashboard and the quarterly report show them."""

    period = serializers.DictField()
    whole_register = serializers.BooleanField()
    summary = serializers.DictField(required=False, help_text="Money: roles with a financial view")
    quarters = serializers.ListField(child=serializers.DictField(), required=False)
    departments = serializers.ListField(child=serializers.DictField(), required=False)
    kpi_tracks = serializers.DictField()
    governance = serializers.DictField()
    scaling = serializers.DictField()


class FiguresView(APIView):
    """The dashboard's figures for a quarter, department and stage, from the same builders."""

    @extend_schema(
        responses=FiguresSerializer,
        summary="Portfolio figures of a quarter",
        parameters=[
            OpenApiParameter("period", str, description="A quarter such as 2026-Q4 (default now)"),
            OpenApiParameter("department", int, description="A department id"),
            OpenApiParameter("stage", str, description="A lifecycle stage"),
        ],
        description="The same figures, computed by the same functions, as the dashboard and the "
        "quarterly report: money (summary, quarters, departments) only for roles with a "
        "financial view; governance of the whole register unless filtered or team lead.",
    )
    def get(self, request: Request) -> Response:
        from portfolio.dashboard.figures import dashboard_figures

        return Response(dashboard_figures(request._request))
