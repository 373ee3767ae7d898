"""Issuing, checking and revoking personal API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User

TOKEN_PREFIX = "aip_"  # noqa: S105 - a public marker, not a secret
# Writing last_used_at on every request would turn reads into writes; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A freshly issued token: the secret is shown once and never stored."""

    token: ApiToken
    secret: str


def _digest(secret: str) -> str:
    """Hash a token secret; tokens are long and random, so a fast hash is enough."""
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_issue(*, user: User, name: str) -> IssuedToken:
    """Create a token for the user and return its secret once."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", prefix=secret[:12], digest=_digest(secret)
    )
    return IssuedToken(token=token, secret=secret)


def api_token_authenticate(secret: str) -> ApiToken | None:
    """Return the active token for a secret, or None; records when it was last used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    digest = _digest(secret)
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_revoke(*, actor: User, token_id: int) -> bool:
    """Revoke one of the actor's own tokens; returns False when there is no such active token."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return updated == 1
