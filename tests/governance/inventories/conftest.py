"""Fixtures for inventory tests: the real public files in the shared datasets folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from governance.domain.inventories import ParseResult, parse

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATASETS = REPO_ROOT / ".." / "shared" / "datasets"


def datasets_dir() -> Path:
    """PORTFOLIO_DATASETS_DIR, or ../shared/datasets next to the repository."""
    return Path(os.environ.get("PORTFOLIO_DATASETS_DIR", DEFAULT_DATASETS)).resolve()


@pytest.fixture(scope="session")
def datasets() -> Path:
    """The datasets folder; the real-file tests fail (never skip) when it is missing."""
    folder = datasets_dir()
    if not (folder / "nl-algoritmeregister").is_dir():
        pytest.fail(
            f"Inventory datasets not found at {folder}. Set PORTFOLIO_DATASETS_DIR to the folder "
            "that holds us-fed-ai-inventory-2025/, nl-algoritmeregister/ and the others "
            "(default: ../shared/datasets next to the repository)."
        )
    return folder


@cache
def _parse_cached(format_id: str, path: Path) -> ParseResult:
    """Parse each real file once per test session; they are read-only."""
    return parse(format_id, path)


@pytest.fixture(scope="session")
def parsed(datasets: Path) -> Callable[[str, str], ParseResult]:
    """parsed(format_id, 'folder/file') parses a real dataset file (cached)."""

    def _parsed(format_id: str, relative: str) -> ParseResult:
        return _parse_cached(format_id, datasets / relative)

    return _parsed
