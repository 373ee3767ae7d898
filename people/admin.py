"""Administration of the people records, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan


class PersonSkillInline(admin.TabularInline):
    """A person's skills and levels."""

    model = PersonSkill
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """People on the competence map."""

    list_display = ("name", "job_title", "department", "is_champion", "user")
    list_filter = ("is_champion",)
    search_fields = ("name", "email", "job_title", "department")
    raw_id_fields = ("user",)
    inlines = [PersonSkillInline]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(SimpleHistoryAdmin):
    """Training plans with their budgets."""

    list_display = ("title", "person", "budget", "status", "starts_on")
    list_filter = ("status",)
    search_fields = ("title", "provider", "person__name")
    raw_id_fields = ("person",)


@admin.register(LiteracyMeasure)
class LiteracyMeasureAdmin(SimpleHistoryAdmin):
    """AI-literacy measures (EU AI Act Art. 4)."""

    list_display = ("user_group", "kind", "given_on", "refresh_months")
    list_filter = ("kind",)
    search_fields = ("user_group", "learning_objective")
    filter_horizontal = ("participants",)
