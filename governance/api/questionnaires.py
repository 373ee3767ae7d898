"""API of the vendor questionnaire links (`vendor-questionnaires`).

Everyone who reads the register lists the links of the candidates they see, with the answers;
vendor editors make links (the link is in the answer to the POST, and nowhere else, ever) and
revoke them. The vendor answers through the link's page, not through the API.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import ServiceCreateMixin, ServiceViewSet
from core.api.fields import ChoicesField, PersonSerializer, ScopedRelatedField
from core.roles import Cap
from governance import questionnaire_selectors as selectors
from governance.domain.questionnaires import DEFAULT_VALID_DAYS, MAX_VALID_DAYS, LinkStatus
from governance.models import VendorQuestionnaire
from governance.services import questionnaires as services


class VendorQuestionnaireFilterSet(django_filters.FilterSet):
    """Links of one candidate (`?candidate=<id>`)."""

    candidate = django_filters.NumberFilter(field_name="candidate_id")

    class Meta:
        model = VendorQuestionnaire
        fields = ["candidate"]


class VendorQuestionnaireStatus(models.TextChoices):
    """Where a questionnaire link stands (governance.domain.questionnaires.LinkStatus)."""

    OPEN = LinkStatus.OPEN.value, _("Open")
    ANSWERED = LinkStatus.ANSWERED.value, _("Answered")
    EXPIRED = LinkStatus.EXPIRED.value, _("Expired")
    REVOKED = LinkStatus.REVOKED.value, _("Revoked")


class VendorQuestionnaireSerializer(serializers.ModelSerializer):
    """A questionnaire link (never its token) with where it stands and the answers given."""

    created_by = PersonSerializer(read_only=True, allow_null=True)
    revoked_by = PersonSerializer(read_only=True, allow_null=True)
    status = serializers.SerializerMethodField()
    answers = serializers.JSONField(read_only=True)

    class Meta:
        model = VendorQuestionnaire
        fields = [
            "id",
            "candidate",
            "sent_to",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
            "revoked_by",
            "submitted_at",
            "status",
            "respondent",
            "answers",
        ]
        read_only_fields = fields

    @extend_schema_field(ChoicesField(VendorQuestionnaireStatus))
    def get_status(self, questionnaire: VendorQuestionnaire) -> str:
        return selectors.questionnaire_status(questionnaire).value


class VendorQuestionnaireCreatedSerializer(VendorQuestionnaireSerializer):
    """A new link: the questionnaire and, this once, the link itself."""

    link = serializers.CharField(read_only=True)
    mailed = serializers.BooleanField(read_only=True)

    class Meta(VendorQuestionnaireSerializer.Meta):
        fields = [*VendorQuestionnaireSerializer.Meta.fields, "link", "mailed"]
        read_only_fields = fields


class VendorQuestionnaireInputSerializer(serializers.Serializer):
    """A new link for a candidate; `email` sends it to `sent_to` as well."""

    candidate = ScopedRelatedField(selector=selectors.candidate_scope)
    sent_to = serializers.EmailField(required=False, allow_blank=True, default="")
    valid_days = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_VALID_DAYS, default=DEFAULT_VALID_DAYS
    )
    email = serializers.BooleanField(required=False, default=False)


class VendorQuestionnaireViewSet(ServiceCreateMixin, ServiceViewSet):
    """Questionnaire links of the candidates in scope (`vendor-questionnaires`), with `revoke`."""

    selector = staticmethod(selectors.questionnaire_scope)
    serializer_class = VendorQuestionnaireSerializer
    input_serializer_class = VendorQuestionnaireInputSerializer
    filterset_class = VendorQuestionnaireFilterSet
    ordering_fields = ["created_at", "expires_at", "submitted_at"]
    action_capabilities = {"create": Cap.EDIT_VENDORS, "revoke": Cap.EDIT_VENDORS}

    @extend_schema(
        request=VendorQuestionnaireInputSerializer,
        responses={201: VendorQuestionnaireCreatedSerializer},
        summary="Make a questionnaire link (the link is returned this once)",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated_input()
        sent = services.questionnaire_send(
            actor=request.user,
            candidate=data["candidate"],
            sent_to=data["sent_to"],
            valid_days=data["valid_days"],
            email=data["email"],
        )
        questionnaire = sent.questionnaire
        questionnaire.link = sent.link  # type: ignore[attr-defined]
        questionnaire.mailed = sent.mailed  # type: ignore[attr-defined]
        serializer = VendorQuestionnaireCreatedSerializer(
            questionnaire, context=self.get_serializer_context()
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: VendorQuestionnaireSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Close the link before it expires (409 if it is answered already)."""
        questionnaire = services.questionnaire_revoke(
            actor=request.user, questionnaire=self.get_object()
        )
        return self.respond(questionnaire)
