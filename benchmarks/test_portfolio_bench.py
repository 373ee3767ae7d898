"""The quarterly PDF for 50 and 500 initiatives, next to bare WeasyPrint of the same HTML.

Reported in seconds (the median of three runs of each, taken in turns), pages and peak Python
memory. The dashboard, and the report of the whole portfolio through its job, are measured on
seed_scale's data in test_scale_bench.py.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
import tracemalloc
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from benchmarks.conftest import report, timed
from benchmarks.test_initiatives_bench import build_portfolio
from core.periods import Period, PeriodKind
from initiatives.models import Initiative
from metrics.models import Kpi, Measurement, RoiSnapshot
from portfolio.figures import build_snapshot
from portfolio.reports.pdf import render_report, report_html

pytestmark = pytest.mark.django_db
QUARTERS = 8
ROUNDS = 3


def add_figures(size: int, logged_by) -> None:
    """Quarterly snapshots (planned and realised) and one measured KPI per initiative."""
    rng = random.Random(size)
    today = timezone.localdate()
    quarters = [Period.containing(PeriodKind.QUARTER, today)]
    for _ in range(QUARTERS - 1):
        quarters.insert(0, quarters[0].previous())
    ids = list(
        Initiative.objects.exclude(roi_snapshots__isnull=False).values_list("pk", flat=True)[:size]
    )
    snapshots, kpis = [], []
    now = timezone.now()
    for pk in ids:
        cum_c = cum_b = Decimal(0)
        for kind in ("planned", "realised"):
            cum_c = cum_b = Decimal(0)
            for quarter in quarters:
                costs = Decimal(rng.randrange(5_000, 50_000))
                benefits = Decimal(rng.randrange(0, 70_000))
                cum_c += costs
                cum_b += benefits
                snapshots.append(
                    RoiSnapshot(
                        initiative_id=pk, kind=kind, period_start=quarter.start,
                        period_label=quarter.label, costs=costs, benefits=benefits,
                        net=benefits - costs, roi=None, cumulative_costs=cum_c,
                        cumulative_benefits=cum_b, cumulative_net=cum_b - cum_c,
                        cumulative_roi=None, computed_at=now,
                    )
                )  # fmt: skip
        kpis.append(
            Kpi(
                initiative_id=pk, name="Minutes per case", kind="operational", category="efficiency",
                unit="minutes", direction="lower", baseline_value=Decimal(20),
                baseline_date=quarters[0].start, target_value=Decimal(12),
                target_date=quarters[-2].end, frequency="month",
            )
        )  # fmt: skip
    RoiSnapshot.objects.bulk_create(snapshots, batch_size=5000)
    created = Kpi.objects.bulk_create(kpis, batch_size=5000)
    Measurement.objects.bulk_create(
        [
            Measurement(kpi=kpi, value=Decimal(rng.randrange(11, 19)), measured_on=today - datetime.timedelta(days=3), logged_by=logged_by)
            for kpi in created
        ],
        batch_size=5000,
    )  # fmt: skip
    # A production database has statistics about its tables; give the planner the same.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.mark.parametrize("size", [50, 500])
def test_quarterly_pdf(size, finance_user) -> None:
    from weasyprint import HTML

    build_portfolio(size, [finance_user])
    add_figures(size, finance_user)
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    snapshot = build_snapshot(year=year, quarter=quarter)
    context = {
        "snapshot": snapshot,
        "report": type("R", (), {"version": 1})(),
        "generated_by": "bench",
    }
    render_report(context)  # warm-up: starts the chart browser once, as a worker would
    html, _charts = report_html(context)
    # Ours and the reference taken in turns, the median of each: on a shared machine a single
    # pair of runs can land on either side of a neighbour's burst.
    ours, reference = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        rendered = render_report(context)
        ours.append(time.perf_counter() - start)
        reference.append(timed(lambda: HTML(string=html).write_pdf(), repeat=1, warmup=0))
    ours_s, reference_s = statistics.median(ours), statistics.median(reference)
    # Memory in a separate run: tracemalloc slows Python down several times.
    tracemalloc.start()
    render_report(context)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report(
        "quarterly_pdf", ours_s=ours_s, reference_s=reference_s,
        reference="bare WeasyPrint of the same HTML", initiatives=size,
        pages=rendered.pages, charts=rendered.charts_included, peak_python_mb=round(peak / 2**20, 1),
    )  # fmt: skip
    assert rendered.pages >= 3
