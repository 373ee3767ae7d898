"""Administration of the register's settings: review cadences; the register itself is edited
in the app, where every change goes through the approval rules."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    AISystem,
    ImportRun,
    ReviewCadence,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)


@admin.register(ReviewCadence)
class ReviewCadenceAdmin(SimpleHistoryAdmin):
    """How often each kind of review is due, per EU AI Act risk class."""

    list_display = ("risk_class", "kind", "months")
    list_filter = ("risk_class", "kind")


@admin.register(AISystem)
class AISystemAdmin(SimpleHistoryAdmin):
    """Read-only view of register entries for administrators."""

    list_display = ("name", "risk_class", "status", "approval_status", "source")
    list_filter = ("risk_class", "status", "approval_status", "source")
    search_fields = ("name", "organisation", "vendor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AISystem | None = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Past inventory imports with their counts."""

    list_display = ("filename", "format_id", "status", "created_by", "created_at")
    list_filter = ("format_id", "status")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class VendorProductInline(admin.TabularInline):
    model = VendorProduct
    extra = 0


@admin.register(Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    """Vendors with their products; evaluations are kept in the app."""

    list_display = ("name", "country", "owner", "updated_at")
    search_fields = ("name", "country", "contact_name")
    inlines = [VendorProductInline]


@admin.register(VendorEvaluation)
class VendorEvaluationAdmin(SimpleHistoryAdmin):
    """Read-only view of vendor evaluations: decisions go through the app's rules."""

    list_display = ("title", "status", "initiative", "owner", "decided_at")
    list_filter = ("status",)
    search_fields = ("title", "need", "rationale")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: VendorEvaluation | None = None
    ) -> bool:
        return False
