"""People and their personal API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in; what they may do follows from their groups (roles)."""

    # Chosen with the language switcher; pages and e-mails use it (empty: the browser's, and
    # for e-mails the installation's language).
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A personal API token; only a hash of the secret is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        """A token works until it is revoked."""
        return self.revoked_at is None


class RoleChange(models.Model):
    """One role given to or taken from a person, by whom or by which sign-in or SCIM call."""

    class Change(models.TextChoices):
        ADDED = "added", _("added")
        REMOVED = "removed", _("removed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_changes",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    source = models.CharField(_("source"), max_length=120, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.role} {self.change}"


class SsoSync(models.Model):
    """What a provider said about a person at their last single sign-on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_syncs",
        verbose_name=_("user"),
    )
    provider_id = models.CharField(_("provider"), max_length=200)
    subject = models.CharField(_("subject"), max_length=255)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True)
    amr = models.JSONField(_("authentication methods (amr)"), default=list, blank=True)
    acr = models.CharField(_("authentication context (acr)"), max_length=255, blank=True)
    synced_at = models.DateTimeField(_("last sync"))

    class Meta:
        verbose_name = _("single sign-on sync")
        verbose_name_plural = _("single sign-on syncs")
        ordering = ["-synced_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "provider_id"], name="sso_sync_one_per_provider"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider_id}"


class ScimGroup(models.Model):
    """A group the identity provider pushed over SCIM; its members get the mapped roles."""

    display_name = models.CharField(_("name"), max_length=255)
    external_id = models.CharField(_("external id"), max_length=255, blank=True, db_index=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="scim_groups", blank=True, verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("SCIM group")
        verbose_name_plural = _("SCIM groups")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class ScimIdentity(models.Model):
    """The identity provider's own id of a person it provisioned over SCIM."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scim_identity",
        verbose_name=_("user"),
    )
    external_id = models.CharField(_("external id"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("SCIM identity")
        verbose_name_plural = _("SCIM identities")

    def __str__(self) -> str:
        return self.external_id
