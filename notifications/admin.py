"""Administration of outgoing webhooks and their delivery log (administrators only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.events import event_kinds
from notifications import services
from notifications.models import Webhook, WebhookDelivery
from notifications.validators import webhook_url_validate


class WebhookForm(forms.ModelForm):
    """A webhook; its secret is written, never shown again (blank on change keeps it)."""

    url = forms.URLField(label=_("URL"), max_length=1000, assume_scheme="https")
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Signs every delivery (HMAC-SHA256). It is not shown again after saving; "
            "leave it blank to keep the current one."
        ),
    )
    event_kinds = forms.MultipleChoiceField(
        label=_("Events"),
        required=True,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "kind", "event_kinds", "secret", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = self.fields["event_kinds"]
        assert isinstance(kinds, forms.MultipleChoiceField)
        kinds.choices = [(k.code, str(k.label or k.code)) for k in event_kinds()]
        if self.instance.pk is None:
            self.fields["secret"].required = True

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        webhook_url_validate(url)
        return url

    def clean_secret(self) -> str:
        secret: str = self.cleaned_data.get("secret") or ""
        if not secret and self.instance.pk is not None:
            return self.instance.secret
        if len(secret) < 16:
            raise forms.ValidationError(_("Use a secret of at least 16 characters."))
        return secret


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Outgoing webhooks: where events are posted; only superusers see them."""

    form = WebhookForm
    list_display = ("name", "kind", "url", "is_active", "created_at")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "url")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: each event posted to each webhook, its attempts and last error."""

    list_display = (
        "created_at",
        "webhook",
        "kind",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
    )
    list_filter = ("status", "webhook", "kind")
    list_select_related = ("webhook",)
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["send_again"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description=_("Send the failed deliveries again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = services.webhook_deliveries_resend(
            actor=request.user, delivery_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.", "%(count)d deliveries queued again.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
