"""API of the people app: persons with skills, training plans, literacy measures.

Same shape as every app's API (core.api.base): reads through people.selectors, writes input
serializer → service → output serializer. Everyone signed in reads persons and measures; training
plans are read by those who may read training budgets; leadership, compliance officers and
administrators write (403 for others).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework import permissions

from core.api.base import ActionCapability, ObjectRule, ServiceModelViewSet
from core.roles import Cap
from people import rules, selectors, services
from people.api import serializers as s
from people.models import LiteracyMeasure, Person, TrainingPlan

_EDIT = ("update", "partial_update", "destroy")


class _Editor(ActionCapability):
    message = rules.EDITORS_ONLY


class _EditorObject(ObjectRule):
    message = rules.EDITORS_ONLY


def _may_edit(user: Any, obj: Any) -> bool:
    return rules.can_edit_people(user)


class _PeopleViewSet(ServiceModelViewSet):
    permission_classes: Any = [permissions.IsAuthenticated, _Editor, _EditorObject]
    action_capabilities = {"create": Cap.EDIT_PEOPLE}
    object_rules = dict.fromkeys(_EDIT, _may_edit)


class PersonViewSet(_PeopleViewSet):
    """People on the competence map (`people`), with their skills."""

    selector = staticmethod(selectors.person_list)
    serializer_class = s.PersonSerializer
    input_serializer_class = s.PersonInputSerializer
    ordering_fields = ["name", "updated_at"]

    @staticmethod
    def _skills(data: dict[str, Any]) -> dict[str, Any] | None:
        rows = data.pop("skills", None)
        return None if rows is None else {row["skill"]: row["level"] for row in rows}

    def service_create(self, data: dict[str, Any]) -> Person:
        skills = self._skills(data)
        return services.person_create(actor=self.request.user, data=data, skills=skills)

    def service_update(self, instance: Person, data: dict[str, Any]) -> Person:
        skills = self._skills(data)
        return services.person_update(
            actor=self.request.user, person=instance, data=data, skills=skills
        )

    def service_delete(self, instance: Person) -> None:
        services.person_delete(actor=self.request.user, person=instance)


class TrainingPlanViewSet(_PeopleViewSet):
    """Training plans (`training-plans`) with their budgets and status."""

    # Budgets are money: a role that may not read them is refused before any lookup.
    action_capabilities = {
        "list": Cap.VIEW_TRAINING_BUDGETS,
        "retrieve": Cap.VIEW_TRAINING_BUDGETS,
        # Kept by those who also read budgets (the service asks both questions).
        **dict.fromkeys(("create", *_EDIT), Cap.VIEW_TRAINING_BUDGETS),
    }
    selector = staticmethod(selectors.training_plan_list)
    serializer_class = s.TrainingPlanSerializer
    input_serializer_class = s.TrainingPlanInputSerializer
    ordering_fields = ["starts_on", "budget", "updated_at"]

    def service_create(self, data: dict[str, Any]) -> TrainingPlan:
        return services.training_plan_create(actor=self.request.user, data=data)

    def service_update(self, instance: TrainingPlan, data: dict[str, Any]) -> TrainingPlan:
        return services.training_plan_update(actor=self.request.user, plan=instance, data=data)

    def service_delete(self, instance: TrainingPlan) -> None:
        services.training_plan_delete(actor=self.request.user, plan=instance)


class LiteracyMeasureViewSet(_PeopleViewSet):
    """AI-literacy measures (`literacy-measures`, EU AI Act Art. 4) with their participants."""

    selector = staticmethod(selectors.literacy_measure_list)
    serializer_class = s.LiteracyMeasureSerializer
    input_serializer_class = s.LiteracyMeasureInputSerializer
    ordering_fields = ["given_on", "updated_at"]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        return queryset.prefetch_related(
            Prefetch("participants", queryset=Person.objects.only("pk"))
        )

    def service_create(self, data: dict[str, Any]) -> LiteracyMeasure:
        participants = data.pop("participants", None)
        return services.literacy_measure_create(
            actor=self.request.user, data=data, participants=participants
        )

    def service_update(self, instance: LiteracyMeasure, data: dict[str, Any]) -> LiteracyMeasure:
        participants = data.pop("participants", None)
        return services.literacy_measure_update(
            actor=self.request.user, measure=instance, data=data, participants=participants
        )

    def service_delete(self, instance: LiteracyMeasure) -> None:
        services.literacy_measure_delete(actor=self.request.user, measure=instance)
