"""Dependencies point one way (DESIGN.md section 2): a test fails when an app imports against it.

core ← accounts, jobs, people ← initiatives ← metrics, governance ← portfolio; metrics and governance
never import each other; notifications depends on core only (events reach it through core.events); nothing imports portfolio (the project package) or the seed tooling
except wiring. Every import in the product's source is read, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OURS = (
    "core",
    "accounts",
    "jobs",
    "people",
    "initiatives",
    "metrics",
    "governance",
    "notifications",
    "portfolio",
    "seeding",
)

# What each package may import of ours (besides itself).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "accounts": {"core"},
    "jobs": {"core"},
    # People (competences, training, AI literacy) depend on core only; others link to them.
    "people": {"core"},
    "initiatives": {"core", "accounts", "jobs", "people"},
    "metrics": {"core", "accounts", "jobs", "initiatives", "people"},
    "governance": {"core", "accounts", "jobs", "initiatives", "people"},
    # Notifications hear of events through core.events; no app calls them directly.
    "notifications": {"core"},
    "portfolio": {"core", "accounts", "jobs", "people", "initiatives", "metrics", "governance"},
    # Seed tooling builds data through every app; nothing imports it.
    "seeding": {
        "core",
        "accounts",
        "jobs",
        "people",
        "initiatives",
        "metrics",
        "governance",
        "portfolio",
    },
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) for every import of one of our packages in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in OURS:
                found.append((node.lineno, top))
    return found


def _sources(package: str) -> list[Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


def test_every_package_is_checked():
    on_disk = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert on_disk - {"tests", "benchmarks"} <= set(ALLOWED), "a new package needs a rule here"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_point_one_way(package):
    if not (ROOT / package).exists():
        pytest.fail(f"{package}/ is missing")
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in _sources(package)
        for line, target in _imports(path)
        if target != package and target not in ALLOWED[package]
    ]
    assert wrong == []


def test_the_rule_catches_a_wrong_import(tmp_path):
    # The checker itself must see an import buried in a function, as the apps' lazy imports are.
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from governance.models import Risk\n    return Risk\n")
    assert _imports(module) == [(2, "governance")]
