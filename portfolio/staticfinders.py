"""Serve front-end libraries straight from the Python packages that ship them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static path -> file inside an installed package; nothing is fetched from a CDN.
PACKAGED_ASSETS: dict[str, Path] = {
    "vendor/plotly/plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
}


class PackagedAssetsFinder(BaseFinder):
    """A staticfiles finder for single files that live inside installed packages."""

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        source = PACKAGED_ASSETS.get(path)
        if source is None:
            return [] if find_all else ""
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns: Any) -> Any:
        for static_path, source in PACKAGED_ASSETS.items():
            storage = FileSystemStorage(location=str(source.parent))
            storage.prefix = str(Path(static_path).parent)  # type: ignore[attr-defined]
            yield source.name, storage
