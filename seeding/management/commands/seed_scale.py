"""Seed a large portfolio quickly, for load tests and query-count checks at scale."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seeding.management.guard import add_force_argument, refuse_production
from seeding.scale import ScaleError, ScaleSizes, seed_scale

DEFAULTS = ScaleSizes()


class Command(BaseCommand):
    """manage.py seed_scale [--initiatives N] [--kpis N] [--measurements N] [--systems N] ..."""

    help = (
        "Create a large, believable portfolio (by default 10,000 initiatives, 50,000 KPIs, "
        "2,000,000 measurements and 5,000 AI systems) with COPY and bulk inserts, then compute "
        "the ROI snapshots. Needs PostgreSQL beyond small sizes. Bulk inserts write no audit "
        "history. Refuses with DEBUG off unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--initiatives", type=int, default=DEFAULTS.initiatives)
        parser.add_argument("--kpis", type=int, default=DEFAULTS.kpis)
        parser.add_argument("--measurements", type=int, default=DEFAULTS.measurements)
        parser.add_argument("--systems", type=int, default=DEFAULTS.systems)
        parser.add_argument(
            "--departments",
            type=int,
            default=None,
            help=f"Default {DEFAULTS.departments}, or fewer when there are fewer initiatives.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULTS.seed)
        parser.add_argument(
            "--skip-roi",
            action="store_true",
            help="Leave the ROI snapshots to the nightly recompute.",
        )
        add_force_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production(
            force=options["force"], what="seed_scale fills the database with made-up data."
        )
        departments = options["departments"]
        if departments is None:
            departments = max(1, min(DEFAULTS.departments, options["initiatives"] // 5))
        sizes = ScaleSizes(
            initiatives=options["initiatives"],
            kpis=options["kpis"],
            measurements=options["measurements"],
            systems=options["systems"],
            departments=departments,
            seed=options["seed"],
        )
        started = time.perf_counter()
        try:
            report = seed_scale(
                sizes, roi=not options["skip_roi"], echo=lambda text: self.stdout.write(text)
            )
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        total = time.perf_counter() - started
        self.stdout.write("")
        self.stdout.write(f"{'phase':<32}{'seconds':>10}")
        for name, seconds in report.timings:
            self.stdout.write(f"{name:<32}{seconds:>10.1f}")
        self.stdout.write(f"{'total':<32}{total:>10.1f}")
        self.stdout.write("")
        for name, count in report.counts.items():
            self.stdout.write(f"{name:<32}{count:>10,}")
        if options["skip_roi"]:
            self.stdout.write("ROI snapshots: skipped; the nightly recompute computes them.")
        self.stdout.write(self.style.SUCCESS("Scale portfolio created."))
