"""seed_scale: a large portfolio from COPY and bulk inserts, with exact counts and believable data."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Max, Min

from governance.models import AISystem, Review, Risk
from initiatives.models import Department, Initiative
from metrics.models import Benefit, CostItem, Kpi, Measurement, RoiSnapshot
from seeding.scale.catalogues import BENEFITS_PER_STAGE, COSTS_PER_STAGE, reviews_for, risks_for
from seeding.scale.sizes import ScaleError, ScaleSizes, check_sizes

pytestmark = pytest.mark.django_db

SMALL = ["--initiatives", "50", "--kpis", "200", "--measurements", "5000", "--systems", "20"]


def seed(*extra: str) -> str:
    out = StringIO()
    call_command("seed_scale", *SMALL, "--force", *extra, stdout=out)
    return out.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL")
def test_a_small_scale_portfolio_has_exactly_the_rows_asked_for() -> None:
    output = seed()
    assert Initiative.objects.count() == 50
    assert Department.objects.filter(code__startswith="scale-").count() == 10
    assert Kpi.objects.count() == 200
    assert Measurement.objects.count() == 5000
    assert AISystem.objects.count() == 20
    assert Risk.objects.count() == sum(risks_for(i) for i in range(20)) == 30
    assert Review.objects.count() == sum(reviews_for(i) for i in range(20)) == 30
    stages = Counter(Initiative.objects.values_list("stage", flat=True))
    assert CostItem.objects.count() == sum(COSTS_PER_STAGE[s] * n for s, n in stages.items())
    assert Benefit.objects.count() == sum(
        BENEFITS_PER_STAGE.get(s, 0) * n for s, n in stages.items()
    )
    assert len(stages) >= 6  # spread over the lifecycle
    # Every initiative has a KPI; every measured KPI has one value per day, none in the future.
    assert not Initiative.objects.annotate(n=Count("kpis")).filter(n=0).exists()
    span = Measurement.objects.aggregate(first=Min("measured_on"), last=Max("measured_on"))
    assert span["last"] <= datetime.date.today()
    assert span["first"] > datetime.date.today() - datetime.timedelta(days=11 * 366)
    # Bulk paths write no audit history (documented in seeding.scale).
    assert Measurement.history.count() == 0 and Kpi.history.count() == 0
    # The ROI snapshots were computed afterwards, and the output says how long each phase took.
    assert RoiSnapshot.objects.exists()
    for phase in ("initiatives", "KPIs", "measurements", "ROI snapshots", "total"):
        assert phase in output
    assert "5,000" in output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL")
def test_measurements_trend_toward_the_targets() -> None:
    seed("--skip-roi")
    improved = total = 0
    for kpi in Kpi.objects.annotate(n=Count("measurements")).filter(n__gte=6):
        values = list(kpi.measurements.order_by("measured_on").values_list("value", flat=True))
        gap = kpi.target_value - kpi.baseline_value
        early = sum(values[:3]) / 3
        late = sum(values[-3:]) / 3
        total += 1
        improved += (late - early) * gap > 0  # moved in the direction of the target
    assert total >= 50
    assert improved / total > 0.75
    assert not RoiSnapshot.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL")
def test_the_same_seed_gives_the_same_portfolio() -> None:
    seed("--skip-roi", "--seed", "7")
    first = list(Measurement.objects.order_by("id").values_list("value", "measured_on")[:500])
    titles = list(Initiative.objects.order_by("id").values_list("title", "stage"))
    Initiative.objects.all().delete()
    seed("--skip-roi", "--seed", "7")
    assert list(Measurement.objects.order_by("id").values_list("value", "measured_on")[:500]) == (
        first
    )
    assert list(Initiative.objects.order_by("id").values_list("title", "stage")) == titles
    assert Department.objects.filter(code__startswith="scale-").count() == 10  # reused


def test_the_default_sizes_are_refused_on_sqlite_with_a_clear_message() -> None:
    with pytest.raises(ScaleError, match="needs PostgreSQL"):
        check_sizes(ScaleSizes(), vendor="sqlite")
    check_sizes(
        ScaleSizes(initiatives=50, kpis=200, measurements=5000, systems=20), vendor="sqlite"
    )


def test_with_debug_off_it_needs_force() -> None:
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_scale", *SMALL, stdout=StringIO())
    assert not Initiative.objects.exists()


def test_measurements_need_kpis() -> None:
    with pytest.raises(CommandError, match="Measurements need KPIs"):
        call_command(
            "seed_scale", "--kpis", "0", "--initiatives", "5", "--force", stdout=StringIO()
        )
