"""FilterSets of the metrics app, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement


class KpiFilterSet(django_filters.FilterSet):
    """KPIs by initiative, category, kind and frequency."""

    class Meta:
        model = Kpi
        fields = ["initiative", "category", "kind", "frequency", "direction"]


class MeasurementFilterSet(django_filters.FilterSet):
    """Measurements by KPI, initiative and date range."""

    initiative = django_filters.NumberFilter(field_name="kpi__initiative", label=_("initiative"))
    date_from = django_filters.DateFilter(
        field_name="measured_on", lookup_expr="gte", label=_("from")
    )
    date_to = django_filters.DateFilter(field_name="measured_on", lookup_expr="lte", label=_("to"))

    class Meta:
        model = Measurement
        fields = ["kpi", "initiative", "source", "date_from", "date_to"]


class CostItemFilterSet(django_filters.FilterSet):
    """Cost items by initiative, kind and category."""

    class Meta:
        model = CostItem
        fields = ["initiative", "kind", "category"]


class BenefitFilterSet(django_filters.FilterSet):
    """Benefits by initiative."""

    class Meta:
        model = Benefit
        fields = ["initiative"]


class AdoptionRecordFilterSet(django_filters.FilterSet):
    """Adoption by department and month range."""

    month_from = django_filters.DateFilter(field_name="month", lookup_expr="gte", label=_("from"))
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte", label=_("to"))

    class Meta:
        model = AdoptionRecord
        fields = ["department", "month_from", "month_to"]
