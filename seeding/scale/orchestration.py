"""seed_scale: every phase in one transaction, timed, then the ROI snapshots."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from governance.models import AISystem, Review, Risk
from initiatives.models import Initiative
from metrics.models import Benefit, CostItem, Kpi, KpiQuarterStatus, Measurement, RoiSnapshot
from metrics.services.roi import roi_recompute_all
from seeding.scale.governance import create_systems
from seeding.scale.initiatives import create_initiatives
from seeding.scale.metrics import (
    create_adoption,
    create_costs_and_benefits,
    create_kpis,
    create_measurements,
)
from seeding.scale.people import create_people_and_departments
from seeding.scale.sizes import ScaleSizes, check_sizes


@dataclass
class ScaleReport:
    """What was created and how long each phase took."""

    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str, echo: Callable[[str], None]) -> Iterator[None]:
        """Time one phase and tell the person running it."""
        echo(f"{name} …")
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.timings.append((name, seconds))
        echo(f"{name}: {seconds:.1f} s")


def seed_scale(
    sizes: ScaleSizes,
    *,
    as_of: date | None = None,
    roi: bool = True,
    echo: Callable[[str], None] = lambda _text: None,
) -> ScaleReport:
    """Create a large portfolio in one transaction, then compute its ROI snapshots."""
    check_sizes(sizes, vendor=connection.vendor)
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    rng = random.Random(sizes.seed)
    report = ScaleReport()
    counts = report.counts
    with transaction.atomic():
        with report.phase("people and departments", echo):
            people, counts["people"] = create_people_and_departments(rng, sizes)
            counts["departments"] = len(people.departments)
            counts["adoption_records"] = create_adoption(rng, people, as_of)
        with report.phase("initiatives", echo):
            initiatives = create_initiatives(rng, sizes, people, as_of, now)
            counts["initiatives"] = len(initiatives)
        with report.phase("KPIs", echo):
            kpis = create_kpis(rng, sizes, initiatives, as_of)
            counts["kpis"] = len(kpis)
        with report.phase("measurements", echo):
            counts["measurements"] = create_measurements(rng, kpis, now)
        with report.phase("costs and benefits", echo):
            counts["costs"], counts["benefits"] = create_costs_and_benefits(rng, initiatives, as_of)
        with report.phase("AI systems, risks and reviews", echo):
            counts["systems"], counts["risks"], counts["reviews"] = create_systems(
                rng, sizes, initiatives, people, as_of, now
            )
        if connection.vendor == "postgresql":
            with report.phase("foreign-key checks", echo), connection.cursor() as cursor:
                # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: COPY queues one check
                # per row and key. Run them now, timed, rather than unseen inside the commit.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if connection.vendor == "postgresql":
        with report.phase("ANALYZE", echo), connection.cursor() as cursor:
            # Fresh statistics, or the planner treats the big tables as empty.
            for model in (Initiative, Kpi, Measurement, CostItem, Benefit, AISystem, Risk, Review):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    if roi:
        with report.phase("ROI snapshots", echo):
            counts["roi_snapshots"] = roi_recompute_all(as_of=as_of)
    if connection.vendor == "postgresql":
        # Outside a transaction, VACUUM too: it marks the freshly written pages all-visible, so
        # the dashboard's counts read their indexes alone, as they will once autovacuum has run.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        tables = [
            Initiative._meta.db_table,
            AISystem._meta.db_table,
            AISystem.initiatives.through._meta.db_table,
            Risk._meta.db_table,
            Review._meta.db_table,
        ]
        if roi:
            tables += [RoiSnapshot._meta.db_table, KpiQuarterStatus._meta.db_table]
        with report.phase(command, echo), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"{command} {table}")
    return report
