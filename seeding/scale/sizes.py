"""How much seed_scale creates, and the sizes it refuses before writing anything."""

from __future__ import annotations

from dataclasses import dataclass


class ScaleError(ValueError):
    """The sizes cannot be seeded on this database or do not fit together."""


@dataclass(frozen=True)
class ScaleSizes:
    """How much to create."""

    initiatives: int = 10_000
    kpis: int = 50_000
    measurements: int = 2_000_000
    systems: int = 5_000
    departments: int = 40
    seed: int = 2026


# SQLite has no COPY and one writer; beyond these sizes use PostgreSQL.
SQLITE_LIMITS = ScaleSizes(
    initiatives=1_000, kpis=5_000, measurements=50_000, systems=500, departments=40
)


def check_sizes(sizes: ScaleSizes, *, vendor: str) -> None:
    """Refuse sizes this database cannot take or that do not fit together."""
    for name in ("initiatives", "kpis", "measurements", "systems", "departments"):
        if getattr(sizes, name) < 0:
            raise ScaleError(f"--{name} must not be negative.")
    if sizes.initiatives == 0 and (sizes.kpis or sizes.systems):
        raise ScaleError("KPIs and AI systems need initiatives: set --initiatives.")
    if sizes.kpis == 0 and sizes.measurements:
        raise ScaleError("Measurements need KPIs: set --kpis.")
    if vendor != "postgresql":
        too_big = [
            name
            for name in ("initiatives", "kpis", "measurements", "systems")
            if getattr(sizes, name) > getattr(SQLITE_LIMITS, name)
        ]
        if too_big:
            limits = ", ".join(f"--{n} {getattr(SQLITE_LIMITS, n):,}" for n in too_big)
            raise ScaleError(
                f"This database is {vendor}; seeding at scale needs PostgreSQL (set DATABASE_URL). "
                f"On {vendor} stay at or below {limits}."
            )
