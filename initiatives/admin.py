"""Administration of departments."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.models import Department


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    """Departments with their headcount and champions."""

    list_display = ("name", "code", "headcount")
    search_fields = ("name", "code")
    filter_horizontal = ("champions",)
