"""API rate limits per token (or signed-in person) and per client address.

Rates come from settings (PORTFOLIO_API_RATE_PER_TOKEN, PORTFOLIO_API_RATE_PER_IP, e.g.
"600/min"); counts live in the cache, which falls back to process memory while Redis is down,
so limits keep counting (per process) instead of failing open. A refused request answers 429 with
Retry-After in the API's one error format.
"""

from __future__ import annotations

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRateThrottle(SimpleRateThrottle):
    """Read the rate from the settings as they are now (DRF binds them once at import)."""

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return None if rate is None else str(rate)


class TokenRateThrottle(_SettingsRateThrottle):
    """Requests per API token; a session counts per person."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        token_pk = getattr(getattr(request, "auth", None), "pk", None)
        ident = f"token-{token_pk}" if token_pk else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AddressRateThrottle(_SettingsRateThrottle):
    """Requests per client address, signed in or not (behind a proxy: NUM_PROXIES)."""

    scope = "address"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
