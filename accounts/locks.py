"""Whether an account is locked after failed sign-ins, so its API tokens stop working too.

django-allauth counts failed sign-ins per login name (ACCOUNT_RATE_LIMITS["login_failed"], the
`/key` part) and refuses the password form while the limit is reached. A stolen token must not
keep working while its owner's account is under attack, so the token authentication asks the
same counter, without consuming from it.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.http import HttpRequest


def _per_account_rates() -> str:
    configured = app_settings.RATE_LIMITS.get("login_failed") or ""
    return ",".join(part for part in configured.split(",") if part.strip().endswith("/key"))


def account_locked(request: HttpRequest, user: Any) -> bool:
    """True while the user's login names have used up the failed sign-in allowance."""
    rates = _per_account_rates()
    if not rates:
        return False
    adapter: Any = get_adapter(request)
    logins = {user.get_username(), getattr(user, "email", "")}
    for login in filter(None, logins):
        key = adapter._get_login_attempts_cache_key(request, username=login)
        usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": rates},
            key=key,
            dry_run=True,
            limit_get=True,
        )
        if usage is None:
            return True
    return False
