"""Read-only administration of KPIs, measurements, costs and benefits with their history.

They are changed in the app, where every write goes through the services and their rules
(team scope, finance role, ROI recompute); the admin only shows them and who changed what.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metrics.models import Benefit, CostItem, Kpi, Measurement


class _ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Shows objects and their history; nothing can be added, changed or deleted here."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Kpi)
class KpiAdmin(_ReadOnlyHistoryAdmin):
    """SMART KPIs with baseline and target."""

    list_display = ("name", "initiative", "kind", "category", "direction", "frequency")
    list_filter = ("kind", "category", "direction", "frequency")
    search_fields = ("name", "initiative__title")
    list_select_related = ("initiative",)
    raw_id_fields = ("initiative", "owner")


@admin.register(Measurement)
class MeasurementAdmin(_ReadOnlyHistoryAdmin):
    """KPI values with who logged them and from where."""

    list_display = ("kpi", "measured_on", "value", "source", "logged_by")
    list_filter = ("source",)
    search_fields = ("kpi__name",)
    date_hierarchy = "measured_on"
    list_select_related = ("kpi", "logged_by")
    raw_id_fields = ("kpi", "logged_by")
    # Millions of rows: an exact count on every page would be the slowest part of it.
    show_full_result_count = False


@admin.register(CostItem)
class CostItemAdmin(_ReadOnlyHistoryAdmin):
    """One-time and recurring costs."""

    list_display = ("initiative", "kind", "category", "amount", "start_date", "end_date")
    list_filter = ("kind", "category")
    search_fields = ("description", "initiative__title")
    list_select_related = ("initiative",)
    raw_id_fields = ("initiative",)


@admin.register(Benefit)
class BenefitAdmin(_ReadOnlyHistoryAdmin):
    """Direct money benefits."""

    list_display = ("description", "initiative", "amount", "start_date", "end_date")
    search_fields = ("description", "initiative__title")
    list_select_related = ("initiative",)
    raw_id_fields = ("initiative",)
