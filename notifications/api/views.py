"""API views of the notifications app: each person reads and marks only their own."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import ServiceViewSet
from core.api.errors import error_responses as _errors
from notifications import selectors, services
from notifications.api.serializers import (
    FollowSerializer,
    NotificationSerializer,
    PreferencesSerializer,
    ReadAllResultSerializer,
    SubscriptionSerializer,
)
from notifications.filters import NotificationFilterSet


@extend_schema_view(
    list=extend_schema(
        summary="List your notifications",
        description="Your notifications, newest first; `unread=true` for the unread ones only. "
        "`sentence` is composed in the language of the request (Accept-Language).",
    ),
    retrieve=extend_schema(
        summary="Show a notification",
        description="One of your notifications; anyone else's answers 404.",
        responses={200: NotificationSerializer, **_errors(404)},
    ),
)
class NotificationViewSet(ServiceViewSet):
    """The requester's notifications."""

    selector = staticmethod(selectors.notification_list)
    serializer_class = NotificationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilterSet

    @extend_schema(
        summary="Mark a notification read",
        description="Marks one of your notifications read; reading it again keeps the first time.",
        request=None,
        responses={200: NotificationSerializer, **_errors(404)},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = services.notification_read(
            actor=request.user, notification=self.get_object()
        )
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        summary="Mark all notifications read",
        description="Marks every unread notification of yours read.",
        request=None,
        responses={200: ReadAllResultSerializer},
    )
    @action(detail=False, methods=["post"], url_path="read-all", filter_backends=[])
    def read_all(self, request: Request) -> Response:
        marked = services.notifications_read_all(actor=request.user)
        return Response({"marked": marked, "unread": 0})


class PreferencesView(APIView):
    """How the requester hears of each kind of event."""

    @extend_schema(
        summary="Your notification settings",
        description="Each event code with how you hear of it: `in_app` (the bell only), "
        "`email` (an e-mail at once), `digest` (the daily digest e-mail), `weekly` (the "
        "weekly digest e-mail, on Mondays) or `off`.",
        responses={200: PreferencesSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.preference_map(user=request.user))

    @extend_schema(
        summary="Change your notification settings",
        description="Send the event codes to change; codes left out keep their setting. "
        "An unknown code or delivery answers 400 naming the field.",
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **_errors(400)},
    )
    def put(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        given = PreferencesSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        saved = services.preferences_update(actor=request.user, preferences=given.validated_data)
        return Response(saved)


@extend_schema_view(
    list=extend_schema(
        summary="List what you chose to follow",
        description="Your choices to follow objects, and (`following: false`) to stop following "
        "objects you own. You follow what you own without a row here.",
    ),
    retrieve=extend_schema(
        summary="Show one of your follow choices",
        responses={200: SubscriptionSerializer, **_errors(404)},
    ),
)
class SubscriptionViewSet(ServiceViewSet):
    """The requester's follow choices."""

    selector = staticmethod(selectors.subscription_list)
    serializer_class = SubscriptionSerializer

    @extend_schema(
        summary="Follow an object or stop following it",
        description="Sets whether you follow one initiative or AI system. An object you may "
        "not see answers 404; an unknown `object_type` answers 400. Answers with the state.",
        request=FollowSerializer,
        responses={200: FollowSerializer, **_errors(400, 404)},
    )
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        given = FollowSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        obj = services.following_set(
            actor=request.user,
            label=data["object_type"],
            pk=data["object_id"],
            following=data["following"],
        )
        return Response(
            {
                "object_type": data["object_type"],
                "object_id": obj.pk,
                "following": data["following"],
            }
        )
