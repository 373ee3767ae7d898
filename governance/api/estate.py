"""API of the estate: IT systems, data sources and infrastructure checks.

Same shape as the register's API (core.api.base): reads through governance.estate_selectors,
writes input serializer → service → output serializer. Everyone whose role reads the register
reads the estate; compliance officers and administrators change it (403 for others).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers

from core.api.base import (
    ActionCapability,
    ObjectRule,
    ServiceCreateMixin,
    ServiceDestroyMixin,
    ServiceUpdateMixin,
    ServiceViewSet,
)
from core.api.fields import ScopedRelatedField
from core.roles import Cap
from governance import estate_selectors, rules, services
from governance.api.serializers import LevelField
from governance.choices import QualityLevel, ReadinessLevel
from governance.domain import estate as estate_domain
from governance.filters import EstateDataSourceFilterSet, ITSystemFilterSet
from governance.models import EstateDataSource, InfrastructureCheck, ITSystem
from governance.selectors import ai_system_list, own_systems
from governance.services.estate import (
    CHECK_QUESTIONS,
    DATA_SOURCE_FIELDS,
    IT_SYSTEM_FIELDS,
    MAX_INTEGRATION_TASKS,
)
from initiatives.selectors import initiative_list

_EDIT = ("update", "partial_update", "destroy")


def _ids(items: Any) -> list[int]:
    return [item.pk for item in items.all()]


class _Links(serializers.Serializer):
    """The initiatives and AI systems an entry serves, as far as the reader may see them."""

    initiatives = serializers.SerializerMethodField()
    ai_systems = serializers.SerializerMethodField()

    def get_initiatives(self, entry: Any) -> list[int]:
        return _ids(entry.initiatives)

    def get_ai_systems(self, entry: Any) -> list[int]:
        return _ids(entry.ai_systems)


class ITSystemSerializer(_Links, serializers.ModelSerializer):
    """An IT system with its readiness rating and what that rating means."""

    readiness_label = serializers.SerializerMethodField()
    suits_early_integration = serializers.SerializerMethodField()

    class Meta:
        model = ITSystem
        fields = [
            "id",
            *IT_SYSTEM_FIELDS,
            "readiness_label",
            "suits_early_integration",
            "initiatives",
            "ai_systems",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_readiness_label(self, system: ITSystem) -> str:
        return estate_domain.readiness(system.readiness).value

    def get_suits_early_integration(self, system: ITSystem) -> bool:
        return estate_domain.suits_early_integration(system.readiness)


def _scoped_many(selector: Any, label: Any) -> serializers.ManyRelatedField:
    """Several objects by id, each of which the requester may see (else 400)."""
    return serializers.ManyRelatedField(
        child_relation=ScopedRelatedField(selector=selector),
        required=False,
        label=label,
    )


def _own_ai_systems(*, user: Any) -> Any:
    """As the form offers: the organisation's own entries the person may see (no reference
    entries of other organisations)."""
    return own_systems(ai_system_list(user=user))


class ITSystemInputSerializer(serializers.ModelSerializer):
    """What an editor sends for an IT system."""

    readiness = LevelField(ReadinessLevel, label=_("AI readiness (1–5)"))
    initiatives = _scoped_many(initiative_list, _("Initiatives that use it"))
    ai_systems = _scoped_many(_own_ai_systems, _("AI systems that use it"))

    class Meta:
        model = ITSystem
        fields = [*IT_SYSTEM_FIELDS, "initiatives", "ai_systems"]


class EstateDataSourceSerializer(_Links, serializers.ModelSerializer):
    """A data source with its three ratings and the overall quality derived from them."""

    class Meta:
        model = EstateDataSource
        fields = [
            "id",
            *DATA_SOURCE_FIELDS,
            "quality",
            "initiatives",
            "ai_systems",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EstateDataSourceInputSerializer(serializers.ModelSerializer):
    """What an editor sends for a data source; the overall quality is derived."""

    it_system = serializers.PrimaryKeyRelatedField(
        queryset=ITSystem.objects.all(), required=False, allow_null=True, label=_("IT system")
    )
    completeness = LevelField(QualityLevel, label=_("Completeness (1–5)"))
    timeliness = LevelField(QualityLevel, label=_("Timeliness (1–5)"))
    consistency = LevelField(QualityLevel, label=_("Consistency (1–5)"))
    integration_tasks = serializers.ListField(
        child=serializers.CharField(max_length=300),
        max_length=MAX_INTEGRATION_TASKS,
        required=False,
        label=_("Integration tasks"),
    )
    initiatives = _scoped_many(initiative_list, _("Initiatives that use it"))
    ai_systems = _scoped_many(_own_ai_systems, _("AI systems that use it"))

    class Meta:
        model = EstateDataSource
        fields = [*DATA_SOURCE_FIELDS, "initiatives", "ai_systems"]


class InfrastructureCheckSerializer(serializers.ModelSerializer):
    """One infrastructure check as answered, with its result."""

    class Meta:
        model = InfrastructureCheck
        fields = ["id", *CHECK_QUESTIONS, "yes_count", "ready", "notes", "checked_by", "checked_at"]
        read_only_fields = fields


class InfrastructureCheckInputSerializer(serializers.Serializer):
    """The four answers (true for yes) and optional notes."""

    structured_databases_with_apis = serializers.BooleanField(
        label=_("structured databases with APIs")
    )
    stable_cloud_connectivity = serializers.BooleanField(label=_("stable cloud connectivity"))
    modern_web_services = serializers.BooleanField(label=_("modern web services"))
    current_backup_and_security = serializers.BooleanField(label=_("current backup and security"))
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class _EstateEditor(ActionCapability):
    message = rules.ESTATE_EDITORS_ONLY


class _EstateObjectRule(ObjectRule):
    message = rules.ESTATE_EDITORS_ONLY


def _may_edit(user: Any, obj: Any) -> bool:
    return rules.can_edit_estate(user)


class _EstateViewSet(ServiceViewSet):
    permission_classes: Any = [permissions.IsAuthenticated, _EstateEditor, _EstateObjectRule]
    action_capabilities = {"create": Cap.EDIT_ESTATE}
    object_rules = dict.fromkeys(_EDIT, _may_edit)

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        return estate_selectors.with_links(queryset, user=self.request.user)

    @staticmethod
    def _links(data: dict[str, Any]) -> dict[str, Any]:
        """Take the links out of the input (None: not sent, so left as they are)."""
        return {name: data.pop(name, None) for name in ("initiatives", "ai_systems")}


class ITSystemViewSet(ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, _EstateViewSet):
    """IT systems of the estate (`it-systems`) with their AI-readiness rating."""

    selector = staticmethod(estate_selectors.it_system_list)
    serializer_class = ITSystemSerializer
    input_serializer_class = ITSystemInputSerializer
    filterset_class = ITSystemFilterSet
    ordering_fields = ["name", "readiness", "updated_at"]

    def service_create(self, data: dict[str, Any]) -> ITSystem:
        return services.it_system_create(actor=self.request.user, data=data, **self._links(data))

    def service_update(self, instance: ITSystem, data: dict[str, Any]) -> ITSystem:
        return services.it_system_update(
            actor=self.request.user, it_system=instance, data=data, **self._links(data)
        )

    def service_delete(self, instance: ITSystem) -> None:
        services.it_system_delete(actor=self.request.user, it_system=instance)


class EstateDataSourceViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, _EstateViewSet
):
    """Data sources of the estate (`data-sources`) with their quality ratings and GDPR flags."""

    selector = staticmethod(estate_selectors.estate_data_source_list)
    serializer_class = EstateDataSourceSerializer
    input_serializer_class = EstateDataSourceInputSerializer
    filterset_class = EstateDataSourceFilterSet
    ordering_fields = ["name", "quality", "updated_at"]

    def service_create(self, data: dict[str, Any]) -> EstateDataSource:
        return services.estate_data_source_create(
            actor=self.request.user, data=data, **self._links(data)
        )

    def service_update(self, instance: EstateDataSource, data: dict[str, Any]) -> EstateDataSource:
        return services.estate_data_source_update(
            actor=self.request.user, data_source=instance, data=data, **self._links(data)
        )

    def service_delete(self, instance: EstateDataSource) -> None:
        services.estate_data_source_delete(actor=self.request.user, data_source=instance)


class InfrastructureCheckViewSet(ServiceCreateMixin, ServiceViewSet):
    """Infrastructure checks (`infrastructure-checks`), newest first; a new one is added, none
    is changed, so the history of checks stays as it was."""

    permission_classes: Any = [permissions.IsAuthenticated, _EstateEditor]
    action_capabilities = {"create": Cap.EDIT_ESTATE}
    selector = staticmethod(estate_selectors.infrastructure_check_list)
    serializer_class = InfrastructureCheckSerializer
    input_serializer_class = InfrastructureCheckInputSerializer
    ordering_fields = ["checked_at"]

    def service_create(self, data: dict[str, Any]) -> InfrastructureCheck:
        notes = data.pop("notes", "")
        return services.infrastructure_check_record(
            actor=self.request.user, answers=data, notes=notes
        )
