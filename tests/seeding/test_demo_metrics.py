"""Demo metrics: every initiative in pilot or later gets believable, mixed figures."""

from __future__ import annotations

import datetime
import random

import pytest

from initiatives.choices import Stage
from metrics.models import Kpi, Measurement, RoiSnapshot
from seeding.demo.metrics import seed_metrics
from seeding.demo.people import seed_people_and_departments
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 15)


def test_demo_metrics_cover_pilots_and_later_with_winners_and_laggards() -> None:
    people = seed_people_and_departments()
    stages = [Stage.IDEA, Stage.PILOT, Stage.SCALING, Stage.PRODUCTION, Stage.RETIRED] * 3
    for stage in stages:
        InitiativeFactory(stage=stage, owner=people["tom"])
    seed_metrics(rng=random.Random(7), today=TODAY)
    assert not Kpi.objects.filter(initiative__stage=Stage.IDEA).exists()
    seeded = Kpi.objects.values("initiative").distinct().count()
    assert seeded == 12
    for kpi in Kpi.objects.filter(value_per_unit__isnull=False):
        count = kpi.measurements.count()
        assert 10 <= count <= 25, (kpi, count)
        assert kpi.measurements.filter(measured_on__gt=TODAY).count() == 0
    latest = {
        s.initiative_id: s.cumulative_roi
        for s in RoiSnapshot.objects.filter(kind="realised", period_label="2026-Q4")
    }
    assert len(latest) == 12
    assert any(roi is not None and roi > 50 for roi in latest.values())
    assert any(roi is not None and roi < 0 for roi in latest.values())


def test_demo_metrics_are_the_same_for_the_same_seed() -> None:
    people = seed_people_and_departments()
    for stage in (Stage.PILOT, Stage.PRODUCTION):
        InitiativeFactory(stage=stage, owner=people["tara"])
    seed_metrics(rng=random.Random(3), today=TODAY)
    first = list(
        Measurement.objects.order_by("kpi__name", "measured_on").values_list("value", flat=True)
    )
    seed_metrics(rng=random.Random(3), today=TODAY)
    second = list(
        Measurement.objects.order_by("kpi__name", "measured_on").values_list("value", flat=True)
    )
    assert first == second and first
