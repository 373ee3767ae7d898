"""The security trail of signing in: failed attempts are logged, never with the password."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

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
