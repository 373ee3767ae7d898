"""The vendor questionnaire's rules: how a link's token is kept and where a link stands.

The token travels only in the link; what is stored is its SHA-256, so a copy of the database
opens no questionnaire, and the lookup by hash compares no secret byte by byte.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from enum import StrEnum

# 32 random bytes: 43 URL-safe characters in the link.
TOKEN_BYTES = 32
# Longer than any token we make: anything longer is refused before it is hashed.
MAX_TOKEN_LENGTH = 100
DEFAULT_VALID_DAYS = 14
MAX_VALID_DAYS = 90


class LinkStatus(StrEnum):
    """Where a questionnaire link stands."""

    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"
    REVOKED = "revoked"
    # The evaluation was decided or cancelled: answers would no longer count.
    CLOSED = "closed"


def new_token() -> str:
    """A fresh unguessable token for one link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_status(
    *,
    expires_at: datetime.datetime,
    revoked_at: datetime.datetime | None,
    submitted_at: datetime.datetime | None,
    now: datetime.datetime,
) -> LinkStatus:
    """Answered first (an answered link stays answered), then revoked, then expired."""
    if submitted_at is not None:
        return LinkStatus.ANSWERED
    if revoked_at is not None:
        return LinkStatus.REVOKED
    if expires_at <= now:
        return LinkStatus.EXPIRED
    return LinkStatus.OPEN
