"""Sign-in side effects: failed attempts logged (never the password), role changes recorded."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.signals import user_logged_in
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from accounts.models import User
from accounts.services import ACTOR_ATTR, SOURCE_ATTR, role_changes_record
from accounts.sso import sso_login_complete

security_log = logging.getLogger("portfolio.security")


@receiver(user_login_failed, dispatch_uid="accounts.log_failed_login")
def log_failed_login(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    """Log a failed sign-in with the name tried and the client address.

    Django masks secrets in `credentials`, but only the login name is read here anyway; %r keeps
    a name with line breaks from forging log lines.
    """
    tried = credentials.get("username") or credentials.get("email") or ""
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    security_log.warning("sign-in failed: login=%r address=%s", str(tried)[:150], address)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.record_role_changes")
def record_role_changes(
    sender: Any, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """Record every role a person gains or loses, whether by SSO, SCIM or the admin."""
    if not isinstance(instance, User) or not pk_set:
        return
    if action not in ("post_add", "post_remove"):
        return
    source = getattr(instance, SOURCE_ATTR, None)
    actor = getattr(instance, ACTOR_ATTR, None)
    if source is None:
        # An edit in the admin: django-simple-history's middleware knows who made the request.
        request = getattr(HistoricalRecords.context, "request", None)
        actor = getattr(request, "user", None)
        source = "admin"
    role_changes_record(
        user=instance,
        group_ids=pk_set,
        change="added" if action == "post_add" else "removed",
        source=source,
        actor=actor,
    )


@receiver(user_logged_in, dispatch_uid="accounts.sync_sso_roles")
def sync_sso_roles(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """At every single sign-on, apply the provider's groups to the person's roles."""
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is None:
        return
    sso_login_complete(user=user, sociallogin=sociallogin)
