"""Filters of the vendor area, shared by its pages and its API (kept apart from
governance.filters, which has passed the size at which a module is split)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.widgets import QuickSelect
from governance.choices import EvaluationStatus
from governance.models import EvaluationCandidate, Vendor, VendorEvaluation, VendorProduct
from initiatives.models import Initiative
from initiatives.selectors import initiative_list


class VendorFilterSet(django_filters.FilterSet):
    """Search (name, country, contact, notes, product names), country and owner."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.CharFilter(
        field_name="country", lookup_expr="iexact", label=_("Country of establishment")
    )
    owner = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        queryset=User.objects.filter(is_active=True),
        label=_("Relationship owner"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("updated_at", "updated")), label=_("Sort by")
    )

    class Meta:
        model = Vendor
        fields = ["q", "country", "owner"]

    def search(self, queryset: QuerySet[Vendor], name: str, value: str) -> QuerySet[Vendor]:
        """Match every word in the vendor's name, country, contact, notes or a product's name."""
        for word in value.split()[:5]:
            products = VendorProduct.objects.filter(
                Q(name__icontains=word) | Q(description__icontains=word)
            ).values("vendor")
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(country__icontains=word)
                | Q(contact_name__icontains=word)
                | Q(notes__icontains=word)
                | Q(pk__in=products)
            )
        return queryset


class VendorProductFilterSet(django_filters.FilterSet):
    """Search (name, description) and vendor."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    vendor = django_filters.ModelChoiceFilter(
        queryset=Vendor.objects.order_by("name"), label=_("Vendor")
    )

    class Meta:
        model = VendorProduct
        fields = ["q", "vendor"]

    def search(
        self, queryset: QuerySet[VendorProduct], name: str, value: str
    ) -> QuerySet[VendorProduct]:
        """Match every word in the product's name or description or the vendor's name."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(vendor__name__icontains=word)
            )
        return queryset


class VendorEvaluationFilterSet(django_filters.FilterSet):
    """Search (title, need, rationale), status, a vendor among the candidates, the use case."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(
        choices=EvaluationStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    vendor = django_filters.ModelChoiceFilter(
        queryset=Vendor.objects.order_by("name"),
        method="filter_vendor",
        label=_("Vendor among the candidates"),
    )
    initiative = django_filters.NumberFilter(
        method="filter_initiative", label=_("Use case"), widget=forms.HiddenInput
    )
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("created_at", "created"), ("decided_at", "decided")),
        label=_("Sort by"),
    )

    class Meta:
        model = VendorEvaluation
        fields = ["q", "status", "vendor"]

    def search(
        self, queryset: QuerySet[VendorEvaluation], name: str, value: str
    ) -> QuerySet[VendorEvaluation]:
        """Match every word in the title, the need, the rationale or a candidate's name."""
        for word in value.split()[:5]:
            candidates = EvaluationCandidate.objects.filter(
                Q(product__name__icontains=word) | Q(product__vendor__name__icontains=word)
            ).values("evaluation")
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(need__icontains=word)
                | Q(rationale__icontains=word)
                | Q(pk__in=candidates)
            )
        return queryset

    def filter_vendor(
        self, queryset: QuerySet[VendorEvaluation], name: str, value: Vendor | None
    ) -> QuerySet[VendorEvaluation]:
        """Evaluations in which a product of the vendor is a candidate."""
        if value is None:
            return queryset
        return queryset.filter(
            pk__in=EvaluationCandidate.objects.filter(product__vendor=value).values("evaluation")
        )

    def filter_initiative(
        self, queryset: QuerySet[VendorEvaluation], name: str, value: int
    ) -> QuerySet[VendorEvaluation]:
        """Evaluations of the use case, if the person may see it (else none)."""
        user = getattr(self.request, "user", None)
        visible = initiative_list(user=user).filter(pk=value) if user else Initiative.objects.none()
        return queryset.filter(initiative__in=visible.order_by().values("pk"))
