"""The cache keeps answering while Redis is down, and uses Redis again once it is back."""

from __future__ import annotations

import os
import socket
import time

from core.cache import FallbackRedisCache


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_cache_without_redis_answers_from_memory_at_once():
    cache = FallbackRedisCache(f"redis://127.0.0.1:{_closed_port()}/0", {})
    started = time.perf_counter()
    cache.set("attempts", 1)
    assert cache.incr("attempts") == 2
    assert cache.get("attempts") == 2
    assert not cache.available
    # After the first refusal, later calls do not wait for Redis at all.
    later = time.perf_counter()
    for _ in range(100):
        cache.get("attempts")
    assert time.perf_counter() - later < 0.05
    assert time.perf_counter() - started < 2


def test_with_redis_up_values_are_shared_between_processes():
    url = os.environ["REDIS_URL"]
    first = FallbackRedisCache(url, {"KEY_PREFIX": "cache-test"})
    second = FallbackRedisCache(url, {"KEY_PREFIX": "cache-test"})
    first.set("shared", "yes", 30)
    assert second.get("shared") == "yes"
    assert first.available
    first.delete("shared")
