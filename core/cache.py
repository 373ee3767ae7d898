"""A Redis cache that keeps the app working while Redis is down.

The cache carries sign-in rate limits, API throttles and import progress. When Redis does not
answer, a page must still work: this backend falls back to the process's own memory (so rate
limits still count, per process, rather than failing open everywhere) and stops asking Redis for
a few seconds after a failure, so one outage does not cost every request a connect timeout.
Once Redis answers again the shared cache is used again; what was counted meanwhile in memory
stays in memory (limits may be a little looser across processes during an outage, never off).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portfolio.cache")
_Result = TypeVar("_Result")
_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)


class FallbackRedisCache(RedisCache):
    """RedisCache that answers from process memory while Redis is unreachable."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self._retry_after = float(options.pop("retry_after_seconds", 5.0))
        # Fail fast: a cache that takes seconds to say it is down slows every page.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, {**params, "OPTIONS": options})
        self._fallback = LocMemCache(f"fallback-{server}", {"TIMEOUT": params.get("TIMEOUT")})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """Whether Redis is being used now (False for a few seconds after a failure)."""
        return time.monotonic() >= self._down_until

    def _call(
        self, name: str, redis_call: Callable[[], _Result], fallback: Callable[[], _Result]
    ) -> _Result:
        if not self.available:
            return fallback()
        try:
            return redis_call()
        except _UNAVAILABLE:
            with self._lock:
                first = self.available
                self._down_until = time.monotonic() + self._retry_after
            if first:
                logger.warning("cache unavailable (%s); using process memory for now", name)
            return fallback()

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._call(
            "add",
            lambda: super(FallbackRedisCache, self).add(key, value, timeout, version),
            lambda: self._fallback.add(key, value, timeout, version),
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call(
            "get",
            lambda: super(FallbackRedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._call(
            "set",
            lambda: super(FallbackRedisCache, self).set(key, value, timeout, version),
            lambda: self._fallback.set(key, value, timeout, version),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._call(
            "touch",
            lambda: super(FallbackRedisCache, self).touch(key, timeout, version),
            lambda: self._fallback.touch(key, timeout, version),
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._call(
            "delete",
            lambda: super(FallbackRedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._call(
            "get_many",
            lambda: super(FallbackRedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._call(
            "has_key",
            lambda: super(FallbackRedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._call(
            "incr",
            lambda: super(FallbackRedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
        )

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._call(
            "set_many",
            lambda: super(FallbackRedisCache, self).set_many(data, timeout, version),
            lambda: self._fallback.set_many(data, timeout, version),
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call(
            "delete_many",
            lambda: super(FallbackRedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
        )

    def clear(self) -> None:
        self._fallback.clear()
        self._call("clear", lambda: super(FallbackRedisCache, self).clear(), lambda: None)
