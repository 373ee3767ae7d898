"""Administration of people and tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, RoleChange, ScimGroup, SsoSync, User
from accounts.sso import sso_policy_by_id


class SsoSyncInline(admin.TabularInline):
    """The last single sign-on per provider: groups, roles given, and the provider's MFA."""

    model = SsoSync
    extra = 0
    can_delete = False
    fields = ("provider_id", "subject", "groups", "roles", "amr", "acr", "synced_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class RoleChangeInline(admin.TabularInline):
    """Every role the person gained or lost, and by whom or what."""

    model = RoleChange
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ("at", "role", "change", "source", "actor")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People, with their roles (groups) editable."""

    list_display = ("username", "email", "first_name", "last_name", "is_active", "role_list")
    list_filter = ("groups", "is_active", "is_staff")
    inlines = (SsoSyncInline, RoleChangeInline)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Preferences"), {"fields": ("language",)}),
    )

    @admin.display(description=_("roles"))
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


@admin.register(SsoSync)
class SsoSyncAdmin(admin.ModelAdmin):
    """Last sign-on per person and provider, with the mapping that applied."""

    list_display = ("user", "provider_id", "roles", "amr", "acr", "synced_at")
    list_filter = ("provider_id",)
    search_fields = ("user__username", "subject")
    readonly_fields = (
        "user",
        "provider_id",
        "subject",
        "groups",
        "roles",
        "amr",
        "acr",
        "synced_at",
        "mapping",
    )

    @admin.display(description=_("group mapping of the provider"))
    def mapping(self, obj: SsoSync) -> str:
        policy = sso_policy_by_id(obj.provider_id)
        rows = [f"{group} → {', '.join(roles)}" for group, roles in policy.role_map.items()]
        if policy.default_roles:
            rows.append(_("default") + " → " + ", ".join(policy.default_roles))
        return "; ".join(rows) or "—"

    def has_add_permission(self, request):
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """The history of role changes, read only."""

    list_display = ("at", "user", "role", "change", "source", "actor")
    list_filter = ("change", "role", "source")
    search_fields = ("user__username",)
    list_select_related = ("user", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScimGroup)
class ScimGroupAdmin(admin.ModelAdmin):
    """Groups the identity provider pushed over SCIM."""

    list_display = ("display_name", "external_id")
    search_fields = ("display_name", "external_id")
