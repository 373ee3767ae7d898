"""Filters shared by the register pages, the API and the exports."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet, LookupFilter
from core.widgets import QuickSelect, SuggestInput
from governance import selectors
from governance.choices import (
    ApiAccess,
    ApprovalStatus,
    EURole,
    Hosting,
    ITSystemKind,
    QualityLevel,
    ReadinessLevel,
    ReviewKind,
    RiskCategory,
    RiskClass,
    RiskStatus,
    SystemStatus,
)
from governance.domain import risk as risk_domain
from governance.domain.inventories import FORMATS
from governance.domain.reviews import DEFAULT_DUE_SOON_DAYS
from governance.forms import FORMAT_LABELS
from governance.models import AISystem, EstateDataSource, ITSystem, Review, Risk
from initiatives.models import Department, Initiative
from initiatives.selectors import initiative_list

REVIEW_STATES = (
    ("overdue", _("Overdue")),
    ("due_soon", _("Due within 30 days")),
    ("open", _("Open")),
    ("completed", _("Completed")),
)
BANDS = (
    (risk_domain.RiskBand.LOW.value, _("Low (1–4)")),
    (risk_domain.RiskBand.MEDIUM.value, _("Medium (5–9)")),
    (risk_domain.RiskBand.HIGH.value, _("High (10–16)")),
    (risk_domain.RiskBand.CRITICAL.value, _("Critical (17–25)")),
    ("high_or_critical", _("High or critical (10–25)")),
)
_BAND_RANGES = {
    "low": (1, risk_domain.MEDIUM_FROM - 1),
    "medium": (risk_domain.MEDIUM_FROM, risk_domain.HIGH_FROM - 1),
    "high": (risk_domain.HIGH_FROM, risk_domain.CRITICAL_FROM - 1),
    "critical": (risk_domain.CRITICAL_FROM, 25),
    # The band of the "open high risks" figure (governance.selectors.open_high_risk_list).
    "high_or_critical": (risk_domain.HIGH_FROM, 25),
}


REFERENCE_SOURCE = "reference"
ALL_SOURCES = "all"
# Own entries (what the register figures count), every entry, reference entries, then each
# import source.
SOURCES = (
    (selectors.OWN_SOURCE, _("Our own entries")),
    (ALL_SOURCES, _("Every entry, reference entries too")),
    (REFERENCE_SOURCE, _("Reference entries (imported, not adopted)")),
    *(
        (key, format_lazy("{}: {}", _("Imported"), FORMAT_LABELS.get(key, fmt.label)))
        for key, fmt in FORMATS.items()
    ),
)


def _today() -> datetime.date:
    return timezone.localdate()


def _review_state_q(state: str, prefix: str = "") -> Q:
    today = _today()
    soon = today + datetime.timedelta(days=DEFAULT_DUE_SOON_DAYS)
    open_q = Q(**{f"{prefix}completed_on__isnull": True})
    if state == "overdue":
        return open_q & Q(**{f"{prefix}due_date__lt": today})
    if state == "due_soon":
        return open_q & Q(**{f"{prefix}due_date__gte": today, f"{prefix}due_date__lte": soon})
    if state == "open":
        return open_q
    return Q(**{f"{prefix}completed_on__isnull": False})


def _owner_filter(of: str) -> LookupFilter:
    """The owner box of list `of`: a username or name typed, or a person's id from a link."""
    return LookupFilter(
        field_name="owner",
        label=_("Owner"),
        widget=SuggestInput("governance:owner-suggestions", {"of": of}),
        help_text=_("A person's id, username or name."),
    )


def _linked_to(
    queryset: QuerySet[AISystem], initiatives: QuerySet[Initiative]
) -> QuerySet[AISystem]:
    """The systems linked to any of the initiatives (by id, so a system matches once)."""
    linked = AISystem.objects.filter(initiatives__in=initiatives.order_by().values("pk"))
    return queryset.filter(pk__in=linked.values("pk"))


class AISystemFilterSet(ListFilterSet):
    """Search, status, class, approval, role, department, owner, initiative, source, reviews."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(choices=SystemStatus.choices, label=_("Status"))
    risk_class = django_filters.MultipleChoiceFilter(
        choices=RiskClass.choices, label=_("Risk class")
    )
    approval_status = django_filters.MultipleChoiceFilter(
        choices=ApprovalStatus.choices, label=_("Approval")
    )
    eu_role = django_filters.ChoiceFilter(
        choices=EURole.choices, label=_("AI Act role"), empty_label=_("Any role")
    )
    department = django_filters.ModelChoiceFilter(
        widget=QuickSelect, queryset=Department.objects.all(), label=_("Department")
    )
    owner = _owner_filter("systems")
    # An initiative is chosen by id (the link from its page) or found by title; neither lists
    # initiatives, and both look only among those the person may see, so the filter neither
    # reveals a title nor grows with the portfolio.
    initiative = django_filters.NumberFilter(
        method="filter_initiative", label=_("Initiative"), widget=forms.HiddenInput
    )
    initiative_title = django_filters.CharFilter(
        method="filter_initiative_title", label=_("Linked initiative")
    )
    source = django_filters.ChoiceFilter(
        choices=SOURCES, method="filter_source", label=_("Source"), empty_label=None
    )
    reviews = django_filters.ChoiceFilter(
        choices=REVIEW_STATES[:2],
        method="filter_reviews",
        label=_("Reviews"),
        empty_label=_("Any"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("risk_class", "risk_class"),
            ("status", "status"),
            ("approval_status", "approval"),
            ("updated_at", "updated"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = AISystem
        fields = ["q", "status", "risk_class", "approval_status", "eu_role", "department"]

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # The register lists the organisation's own entries unless another source is asked
        # for: the other organisations' systems an inventory brought in stay out of the list,
        # the API's list and the exports, as they stay out of the figures.
        if data is not None and not data.get("source"):
            data = data.copy()
            data["source"] = selectors.OWN_SOURCE
        super().__init__(data, *args, **kwargs)

    def search(self, queryset: QuerySet[AISystem], name: str, value: str) -> QuerySet[AISystem]:
        """Match every word in name, purpose, vendor or organisation."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(purpose__icontains=word)
                | Q(vendor__icontains=word)
                | Q(organisation__icontains=word)
            )
        return queryset

    def filter_source(
        self, queryset: QuerySet[AISystem], name: str, value: str
    ) -> QuerySet[AISystem]:
        """Own entries, reference entries, or the entries one inventory format brought in."""
        if value == selectors.OWN_SOURCE:
            return selectors.own_systems(queryset)
        if value == REFERENCE_SOURCE:
            return selectors.reference_systems(queryset)
        if value == ALL_SOURCES:
            return queryset
        return queryset.filter(source=value)

    def visible_initiatives(self) -> QuerySet[Initiative]:
        """The initiatives the person asking may see (none without a signed-in person)."""
        user = getattr(self.request, "user", None)
        if user is None:
            return Initiative.objects.none()
        return initiative_list(user=user)

    def filter_initiative(
        self, queryset: QuerySet[AISystem], name: str, value: int
    ) -> QuerySet[AISystem]:
        """Systems linked to the initiative, if the person may see it (else none)."""
        return _linked_to(queryset, self.visible_initiatives().filter(pk=value))

    def filter_initiative_title(
        self, queryset: QuerySet[AISystem], name: str, value: str
    ) -> QuerySet[AISystem]:
        """Systems linked to a visible initiative whose title holds every word."""
        initiatives = self.visible_initiatives()
        for word in value.split()[:5]:
            initiatives = initiatives.filter(title__icontains=word)
        return _linked_to(queryset, initiatives)

    def chosen_initiative(self) -> Initiative | None:
        """The initiative of the `initiative` filter, for the page to name, if visible."""
        if not self.is_bound or not self.form.is_valid():
            return None
        pk = self.form.cleaned_data.get("initiative")
        if pk is None:
            return None
        return (
            self.visible_initiatives()
            .filter(pk=pk)
            .select_related(None)
            .only("pk", "title")
            .first()
        )

    def filter_reviews(
        self, queryset: QuerySet[AISystem], name: str, value: str
    ) -> QuerySet[AISystem]:
        """Systems with at least one review in the state."""
        matching = Review.objects.filter(_review_state_q(value)).values("system_id")
        return queryset.filter(pk__in=matching)


class RiskFilterSet(ListFilterSet):
    """System, category, status, band and owner."""

    system = django_filters.NumberFilter(field_name="system_id", label=_("AI system"))
    category = django_filters.ChoiceFilter(
        choices=RiskCategory.choices, label=_("Category"), empty_label=_("Any category")
    )
    status = django_filters.MultipleChoiceFilter(choices=RiskStatus.choices, label=_("Status"))
    band = django_filters.ChoiceFilter(
        choices=BANDS, method="filter_band", label=_("Band"), empty_label=_("Any band")
    )
    owner = _owner_filter("risks")
    ordering = django_filters.OrderingFilter(
        fields=(("score", "score"), ("due_date", "due"), ("residual_score", "residual")),
        label=_("Sort by"),
    )

    class Meta:
        model = Risk
        fields = ["system", "category", "status", "owner"]

    def filter_band(self, queryset: QuerySet[Risk], name: str, value: str) -> QuerySet[Risk]:
        """Risks whose inherent score falls in the band."""
        low, high = _BAND_RANGES[value]
        return queryset.filter(score__gte=low, score__lte=high)


class ReviewFilterSet(ListFilterSet):
    """System, kind, state and owner."""

    system = django_filters.NumberFilter(field_name="system_id", label=_("AI system"))
    kind = django_filters.ChoiceFilter(
        choices=ReviewKind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    state = django_filters.ChoiceFilter(
        choices=REVIEW_STATES, method="filter_state", label=_("State"), empty_label=_("Any")
    )
    owner = _owner_filter("reviews")

    class Meta:
        model = Review
        fields = ["system", "kind", "owner"]

    def filter_state(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        """Overdue, due soon, open or completed."""
        return queryset.filter(_review_state_q(value))


# --- The estate --------------------------------------------------------------------------------


def _levels_from(levels: Any) -> list[tuple[int, Any]]:
    """ "At least N" choices of a 1–5 level, each shown with its number and meaning."""
    return [(level.value, format_lazy("{} · {}", level.value, level.label)) for level in levels]


def _linked_estate(
    queryset: QuerySet[Any], initiatives: QuerySet[Initiative], model: Any
) -> QuerySet[Any]:
    # Directly or through an AI system of the initiative, as the initiative page counts them.
    chosen = initiatives.order_by().values("pk")
    linked = model.objects.filter(Q(initiatives__in=chosen) | Q(ai_systems__initiatives__in=chosen))
    return queryset.filter(pk__in=linked.values("pk"))


class ITSystemFilterSet(ListFilterSet):
    """Search, kind, hosting, API, readiness, owner and the initiative that uses it."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.MultipleChoiceFilter(choices=ITSystemKind.choices, label=_("Kind"))
    hosting = django_filters.ChoiceFilter(
        choices=Hosting.choices, label=_("Hosting"), empty_label=_("Any hosting")
    )
    api_access = django_filters.ChoiceFilter(
        choices=ApiAccess.choices, label=_("API availability"), empty_label=_("Any")
    )
    readiness_min = django_filters.ChoiceFilter(
        field_name="readiness",
        lookup_expr="gte",
        choices=_levels_from(ReadinessLevel),
        label=_("AI readiness at least"),
        empty_label=_("Any rating"),
    )
    readiness_max = django_filters.ChoiceFilter(
        field_name="readiness",
        lookup_expr="lte",
        choices=_levels_from(ReadinessLevel),
        label=_("AI readiness at most"),
        empty_label=_("Any rating"),
    )
    owner = _owner_filter("it-systems")
    initiative = django_filters.NumberFilter(
        method="filter_initiative", label=_("Initiative"), widget=forms.HiddenInput
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("readiness", "readiness"), ("updated_at", "updated")),
        label=_("Sort by"),
    )

    class Meta:
        model = ITSystem
        fields = ["q", "kind", "hosting", "api_access", "owner"]

    def search(self, queryset: QuerySet[ITSystem], name: str, value: str) -> QuerySet[ITSystem]:
        """Match every word in the name, the reasons or the notes."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(readiness_reasons__icontains=word)
                | Q(notes__icontains=word)
            )
        return queryset

    def filter_initiative(
        self, queryset: QuerySet[ITSystem], name: str, value: int
    ) -> QuerySet[ITSystem]:
        """Systems the initiative uses, if the person may see it (else none)."""
        user = getattr(self.request, "user", None)
        visible = initiative_list(user=user).filter(pk=value) if user else Initiative.objects.none()
        return _linked_estate(queryset, visible, ITSystem)


_YES_NO = (("true", _("Yes")), ("false", _("No")))


class EstateDataSourceFilterSet(ListFilterSet):
    """Search, IT system, quality, personal and special-category data, open integration tasks."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    it_system = LookupFilter(
        field_name="it_system",
        key="name",
        words=("name",),
        label=_("IT system"),
        widget=SuggestInput("governance:it-system-suggestions"),
        help_text=_("An IT system's id or name."),
    )
    quality_min = django_filters.ChoiceFilter(
        field_name="quality",
        lookup_expr="gte",
        choices=_levels_from(QualityLevel),
        label=_("Overall quality at least"),
        empty_label=_("Any quality"),
    )
    quality_max = django_filters.ChoiceFilter(
        field_name="quality",
        lookup_expr="lte",
        choices=_levels_from(QualityLevel),
        label=_("Overall quality at most"),
        empty_label=_("Any quality"),
    )
    personal_data = django_filters.ChoiceFilter(
        choices=_YES_NO,
        method="filter_flag",
        label=_("Personal data"),
        empty_label=_("Any"),
    )
    special_categories = django_filters.ChoiceFilter(
        choices=_YES_NO,
        method="filter_flag",
        label=_("Special categories (GDPR Art. 9)"),
        empty_label=_("Any"),
    )
    open_tasks = django_filters.BooleanFilter(
        method="filter_open_tasks",
        label=_("With integration tasks"),
        widget=forms.CheckboxInput,
    )
    owner = _owner_filter("data-sources")
    initiative = django_filters.NumberFilter(
        method="filter_initiative", label=_("Initiative"), widget=forms.HiddenInput
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("quality", "quality"), ("updated_at", "updated")),
        label=_("Sort by"),
    )

    class Meta:
        model = EstateDataSource
        fields = ["q", "it_system", "personal_data", "special_categories", "owner"]

    def search(
        self, queryset: QuerySet[EstateDataSource], name: str, value: str
    ) -> QuerySet[EstateDataSource]:
        """Match every word in the name, description or notes."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(notes__icontains=word)
            )
        return queryset

    def filter_flag(
        self, queryset: QuerySet[EstateDataSource], name: str, value: str
    ) -> QuerySet[EstateDataSource]:
        """Sources with the flag set (yes) or not set (no)."""
        return queryset.filter(**{name: value == "true"})

    def filter_open_tasks(
        self, queryset: QuerySet[EstateDataSource], name: str, value: bool | None
    ) -> QuerySet[EstateDataSource]:
        """Sources with at least one integration task noted (ticked), else every source."""
        if not value:
            return queryset
        return queryset.exclude(integration_tasks=[])

    def filter_initiative(
        self, queryset: QuerySet[EstateDataSource], name: str, value: int
    ) -> QuerySet[EstateDataSource]:
        """Sources the initiative uses, if the person may see it (else none)."""
        user = getattr(self.request, "user", None)
        visible = initiative_list(user=user).filter(pk=value) if user else Initiative.objects.none()
        return _linked_estate(queryset, visible, EstateDataSource)
