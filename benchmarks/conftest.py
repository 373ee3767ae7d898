"""Benchmark helpers: time a case against a reference measured in the same run, print JSON."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import *  # noqa: F403  (personas and fixtures of the test suite)
from tests.conftest import _clean_cache_and_eager_jobs, _fast_password_hashing  # noqa: F401

RESULTS: list[dict[str, Any]] = []


def timed(func: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of `func` in seconds, after warm-up runs."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(case: str, *, ours_s: float, reference_s: float, reference: str, **extra: Any) -> None:
    """Print one JSON line per case; the ratio to the reference is what counts."""
    line = {
        "case": case,
        "ours_s": round(ours_s, 4),
        "reference": reference,
        "reference_s": round(reference_s, 4),
        "ratio": round(ours_s / reference_s, 2) if reference_s else None,
        **extra,
    }
    RESULTS.append(line)
    print(json.dumps(line))


@pytest.fixture(autouse=True)
def _benchmarks_print_through(capsys: pytest.CaptureFixture[str]) -> None:
    """Benchmarks speak through their JSON lines; nothing else is captured away."""
    return None
