"""Filters shared by the initiative pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet, LookupFilter
from core.widgets import QuickSelect, SuggestInput
from initiatives.choices import GateOutcome, GateRequestStatus, PriorityBand, Stage
from initiatives.models import (
    Department,
    GateDecision,
    GateRequest,
    Initiative,
    Pilot,
    StrategicObjective,
)

SCORE_CHOICES = [(str(score), str(score)) for score in range(1, 6)]

ORDERING_FIELDS = (
    ("title", "title"),
    ("priority_score", "priority"),
    ("stage", "stage"),
    ("department__name", "department"),
    ("owner__last_name", "owner"),
    ("business_value", "value"),
    ("technical_feasibility", "feasibility"),
    ("implementation_effort", "effort"),
    ("updated_at", "updated"),
)


class InitiativeFilterSet(ListFilterSet):
    """Stage, department, owner, priority, strategic objective, text search and sort order."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("Stage"))
    department = django_filters.ModelChoiceFilter(
        widget=QuickSelect, queryset=Department.objects.all(), label=_("Department")
    )
    # Typed, not chosen from every person: the suggestions name only the owners of the
    # initiatives the person sees, so the filter never reveals who owns something out of scope.
    owner = LookupFilter(
        field_name="owner",
        label=_("Owner"),
        widget=SuggestInput("initiatives:owner-suggestions"),
        help_text=_("A person's id, username or name."),
    )
    priority_band = django_filters.ChoiceFilter(
        choices=PriorityBand.choices, label=_("Priority"), empty_label=_("Any priority")
    )
    # The matrix's axes: a grouped bubble of the matrix opens the list of its initiatives.
    business_value = django_filters.ChoiceFilter(
        choices=SCORE_CHOICES, label=_("Business value"), empty_label=_("Any")
    )
    technical_feasibility = django_filters.ChoiceFilter(
        choices=SCORE_CHOICES, label=_("Technical feasibility"), empty_label=_("Any")
    )
    implementation_effort = django_filters.ChoiceFilter(
        choices=SCORE_CHOICES, label=_("Implementation effort"), empty_label=_("Any")
    )
    strategic_objective = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        queryset=StrategicObjective.objects.all(),
        label=_("Strategic objective"),
    )
    ordering = django_filters.OrderingFilter(fields=ORDERING_FIELDS, label=_("Sort by"))

    class Meta:
        model = Initiative
        fields = [
            "q",
            "stage",
            "department",
            "owner",
            "priority_band",
            "business_value",
            "technical_feasibility",
            "implementation_effort",
            "strategic_objective",
        ]

    def search(self, queryset: QuerySet[Initiative], name: str, value: str) -> QuerySet[Initiative]:
        """Match the words in title, problem or process."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(problem__icontains=word)
                | Q(process_affected__icontains=word)
            )
        return queryset


class PilotFilterSet(django_filters.FilterSet):
    """Pilots of one initiative.

    A plain number rather than a model choice, so that a filter on an initiative outside the
    requester's scope gives an empty list instead of telling whether that initiative exists.
    """

    initiative = django_filters.NumberFilter(field_name="initiative_id")

    class Meta:
        model = Pilot
        fields = ["initiative"]


class GateDecisionFilterSet(django_filters.FilterSet):
    """Gate decisions of one initiative, or with one outcome (see PilotFilterSet on scope)."""

    initiative = django_filters.NumberFilter(field_name="initiative_id")
    outcome = django_filters.ChoiceFilter(choices=GateOutcome.choices)

    class Meta:
        model = GateDecision
        fields = ["initiative", "outcome"]


class GateRequestFilterSet(django_filters.FilterSet):
    """Gate requests of one initiative, or in one status (see PilotFilterSet on scope)."""

    initiative = django_filters.NumberFilter(field_name="initiative_id")
    status = django_filters.ChoiceFilter(choices=GateRequestStatus.choices)

    class Meta:
        model = GateRequest
        fields = ["initiative", "status"]
