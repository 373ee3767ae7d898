"""The ROI recompute job on a real Celery worker: after commit, coalesced, idempotent."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

import pytest

from metrics.models import RoiSnapshot, RoiState
from metrics.services import measurement_create
from metrics.tasks import roi_recompute_task
from tests.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_burst_of_changes_is_computed_once_by_the_worker(
    celery_worker_process: int, alice, kpi
) -> None:
    start = datetime.date(2026, 1, 1)
    for day in range(40):
        measurement_create(
            actor=alice,
            kpi=kpi,
            data={"value": "15", "measured_on": start + datetime.timedelta(days=day)},
        )
    state = wait_for(
        lambda: RoiState.objects.filter(
            initiative=kpi.initiative, computed_at__isnull=False
        ).first()
    )
    time.sleep(3)  # time enough for any second run to show up
    state.refresh_from_db()
    assert state.runs == 1
    assert not state.dirty
    # January's latest value 15 against baseline 20, at 1,600 per minute: 8,000.
    january = RoiSnapshot.objects.get(
        initiative=kpi.initiative, kind="realised", period_label="2026-Q1"
    )
    assert january.benefits == Decimal("16000.00")  # January and February (40 days)


def test_a_redelivered_task_does_nothing_the_second_time(alice, kpi) -> None:
    from metrics.services import roi_mark_dirty

    roi_mark_dirty(initiative_id=kpi.initiative_id)
    RoiState.objects.filter(initiative=kpi.initiative).update(dirty=True)
    assert roi_recompute_task.run(kpi.initiative_id) == "computed"
    assert roi_recompute_task.run(kpi.initiative_id) == "skipped"
