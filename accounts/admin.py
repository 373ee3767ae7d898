"""Administration of people and tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People, with their roles (groups) editable."""

    list_display = ("username", "email", "first_name", "last_name", "is_active", "role_list")
    list_filter = ("groups", "is_active", "is_staff")

    @admin.display(description="roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked here, never read back."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    readonly_fields = ("user", "prefix", "digest", "created_at", "last_used_at")
    search_fields = ("name", "user__username", "prefix")

    def has_add_permission(self, request):
        return False
