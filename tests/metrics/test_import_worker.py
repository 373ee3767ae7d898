"""The measurement import job on a real Celery worker over Redis, against PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage

from jobs.models import Job, JobStatus
from metrics.models import Measurement
from metrics.services.imports import import_file_keep, measurement_import_enqueue
from tests.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_imports_the_kept_file_all_at_once(
    celery_worker_process: int, alice, kpi
) -> None:
    start = datetime.date(2020, 1, 1)
    lines = ["kpi_id,date,value,note"] + [
        f"{kpi.pk},{start + datetime.timedelta(days=n)},{15 + n % 7},day {n}" for n in range(2000)
    ]
    name = import_file_keep(data=("\n".join(lines) + "\n").encode(), filename="days.csv")
    job = measurement_import_enqueue(actor=alice, stored_name=name, filename="days.csv", rows=2000)
    finished = wait_for(
        lambda: (
            Job.objects.filter(pk=job.pk, status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED])
            .exclude(worker="")
            .first()
        ),
        timeout=60,
    )
    assert finished.status == JobStatus.SUCCEEDED, finished.error
    assert finished.result["counts"]["created"] == 2000
    assert (finished.done, finished.total) == (2000, 2000)
    assert Measurement.objects.filter(kpi=kpi, source="import", logged_by=alice).count() == 2000
    assert not default_storage.exists(name)
