"""The API root: who am I and what may I do."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.roles import capabilities, user_roles


class MeSerializer(serializers.Serializer):
    """The signed-in person, their roles and capabilities."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    capabilities = serializers.ListField(child=serializers.CharField())


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
