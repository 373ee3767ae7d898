"""ROI recompute for 5,000 initiatives with 1,000,000 measurements against one raw SQL query.

Run with `make bench` (PostgreSQL). The reference is the realised quarterly aggregation written
as a single SQL statement: costs with monthly pro rata, the latest measurement per KPI and week
valued against the baseline, ROI and cumulative sums. Ours does that, plus planned figures and
payback months, through the domain engine, and stores the snapshots. The ratio is what counts.
METRICS_BENCH_INITIATIVES and METRICS_BENCH_MEASUREMENTS shrink the data for a quick look.
"""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal

import pytest
from django.db import connection

from benchmarks.conftest import report, timed
from initiatives.choices import BuildType, Stage
from initiatives.models import Department, Initiative
from metrics.models import CostItem, Kpi, RoiSnapshot
from metrics.services import roi_recompute_all
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

INITIATIVES = int(os.environ.get("METRICS_BENCH_INITIATIVES", "5000"))
MEASUREMENTS = int(os.environ.get("METRICS_BENCH_MEASUREMENTS", "1000000"))
KPIS_PER_INITIATIVE = 2
AS_OF = datetime.date(2025, 12, 31)
BASELINE = datetime.date(2024, 1, 1)

REFERENCE_SQL = """
WITH kpi_latest AS (
    SELECT DISTINCT ON (m.kpi_id, date_trunc('week', m.measured_on))
           k.initiative_id, k.direction, k.baseline_value, k.value_per_unit, m.value,
           (date_trunc('week', m.measured_on) + interval '6 days')::date AS on_day
    FROM metrics_measurement m JOIN metrics_kpi k ON k.id = m.kpi_id
    WHERE k.value_per_unit IS NOT NULL AND k.frequency = 'week'
      AND m.measured_on >= k.baseline_date
    ORDER BY m.kpi_id, date_trunc('week', m.measured_on), m.measured_on DESC, m.id DESC
),
benefits AS (
    SELECT initiative_id, date_trunc('quarter', on_day)::date AS quarter,
           SUM(CASE WHEN direction = 'lower' THEN baseline_value - value
                    ELSE value - baseline_value END * value_per_unit) AS amount
    FROM kpi_latest WHERE on_day <= %(as_of)s GROUP BY 1, 2
),
months AS (
    SELECT c.initiative_id, c.amount, c.start_date, c.end_date, gs::date AS month_start,
           (gs + interval '1 month' - interval '1 day')::date AS month_end
    FROM metrics_costitem c,
         generate_series(date_trunc('month', c.start_date), date_trunc('month', c.end_date),
                         interval '1 month') gs
    WHERE c.kind = 'recurring'
),
costs AS (
    SELECT initiative_id, quarter, SUM(amount) AS amount FROM (
        SELECT initiative_id, date_trunc('quarter', month_start)::date AS quarter,
               amount * (LEAST(end_date, month_end) - GREATEST(start_date, month_start) + 1)
               / (month_end - month_start + 1)::numeric AS amount
        FROM months
        UNION ALL
        SELECT initiative_id, date_trunc('quarter', start_date)::date, amount
        FROM metrics_costitem WHERE kind = 'one_time'
    ) pieces WHERE quarter <= %(as_of)s GROUP BY 1, 2
),
per_quarter AS (
    SELECT COALESCE(c.initiative_id, b.initiative_id) AS initiative_id,
           COALESCE(c.quarter, b.quarter) AS quarter,
           COALESCE(c.amount, 0) AS costs, COALESCE(b.amount, 0) AS benefits
    FROM costs c FULL OUTER JOIN benefits b
      ON b.initiative_id = c.initiative_id AND b.quarter = c.quarter
)
SELECT initiative_id, quarter, ROUND(costs, 2), ROUND(benefits, 2), ROUND(benefits - costs, 2),
       CASE WHEN costs = 0 THEN NULL ELSE ROUND((benefits - costs) * 100 / costs, 1) END,
       ROUND(SUM(costs) OVER w, 2), ROUND(SUM(benefits) OVER w, 2)
FROM per_quarter
WINDOW w AS (PARTITION BY initiative_id ORDER BY quarter)
ORDER BY 1, 2
"""


def build(initiatives: int, measurements: int) -> None:
    """Bulk-create initiatives, two weekly KPIs and two costs each, and measurements in SQL."""
    owner = UserFactory(username="bench-owner")
    department = Department.objects.create(name="Bench", code="bench", headcount=1000)
    Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Bench {n}", problem="-", department=department, owner=owner,
                build_type=BuildType.CUSTOM, business_value=3, technical_feasibility=3,
                implementation_effort=3, stage=Stage.PILOT,
            )
            for n in range(initiatives)
        ],
        batch_size=2000,
    )  # fmt: skip
    ids = list(Initiative.objects.filter(department=department).values_list("pk", flat=True))
    kpis, costs = [], []
    for pk in ids:
        kpis += [
            Kpi(initiative_id=pk, name="Minutes per case", category="efficiency", unit="min",
                direction="lower", baseline_value=Decimal(20), baseline_date=BASELINE,
                target_value=Decimal(12), target_date=datetime.date(2025, 6, 30),
                frequency="week", value_per_unit=Decimal(50)),
            Kpi(initiative_id=pk, name="Cases per day", category="efficiency", unit="cases",
                direction="higher", baseline_value=Decimal(40), baseline_date=BASELINE,
                target_value=Decimal(60), target_date=datetime.date(2025, 6, 30),
                frequency="week", value_per_unit=Decimal(10)),
        ]  # fmt: skip
        costs += [
            CostItem(initiative_id=pk, kind="one_time", category="development",
                     amount=Decimal(100_000), start_date=datetime.date(2024, 1, 10)),
            CostItem(initiative_id=pk, kind="recurring", category="cloud", amount=Decimal(2_000),
                     start_date=datetime.date(2024, 1, 15), end_date=datetime.date(2025, 12, 31)),
        ]  # fmt: skip
    Kpi.objects.bulk_create(kpis, batch_size=5000)
    CostItem.objects.bulk_create(costs, batch_size=5000)
    per_kpi = max(1, measurements // (initiatives * KPIS_PER_INITIATIVE))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO metrics_measurement
                (kpi_id, value, measured_on, note, source, logged_by_id, created_at)
            SELECT k.id,
                   k.baseline_value + (k.target_value - k.baseline_value) * g / %(n)s
                       + ((g * 7919 + k.id) %% 13 - 6) / 10.0,
                   k.baseline_date + g * 7, '', 'import', %(user)s, now()
            FROM metrics_kpi k CROSS JOIN generate_series(1, %(n)s) g
            WHERE k.initiative_id IN (SELECT id FROM initiatives_initiative
                                      WHERE department_id = %(department)s)
            """,
            {"n": per_kpi, "user": owner.pk, "department": department.pk},
        )
        cursor.execute("ANALYZE")


def reference() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(REFERENCE_SQL, {"as_of": AS_OF})
        return cursor.fetchall()


def test_roi_recompute_against_one_sql_query() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the reference query is PostgreSQL")
    build(INITIATIVES, MEASUREMENTS)
    start = time.perf_counter()
    stored = roi_recompute_all(as_of=AS_OF)
    ours = time.perf_counter() - start
    rows = reference()
    reference_s = timed(reference, repeat=3, warmup=0)
    # Same numbers: the realised quarters stored by ours equal the reference's rows.
    snapshots = {
        (s.initiative_id, s.period_start): s
        for s in RoiSnapshot.objects.filter(kind="realised").only(
            "initiative_id", "period_start", "costs", "benefits", "roi", "cumulative_benefits"
        )
    }
    for initiative_id, quarter, costs, benefits, _net, roi, _cc, cum_benefits in rows[:400]:
        mine = snapshots[(initiative_id, quarter)]
        assert (mine.costs, mine.benefits, mine.roi) == (costs, benefits, roi)
        assert mine.cumulative_benefits == cum_benefits
    report(
        f"roi_recompute_{INITIATIVES}_initiatives_{MEASUREMENTS}_measurements",
        ours_s=ours,
        reference_s=reference_s,
        reference="one SQL query: realised quarterly costs, benefits, ROI, cumulative (not stored)",
        snapshots=stored,
        reference_rows=len(rows),
    )
