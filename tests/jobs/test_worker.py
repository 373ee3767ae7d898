"""Jobs run in-process by default and on a real worker over Redis in production."""

from __future__ import annotations

import os

import pytest

from jobs.models import Job, JobStatus
from jobs.services import job_enqueue
from tests.conftest import wait_for


@pytest.mark.django_db(transaction=True)
def test_in_process_job_finishes_before_the_request_returns(alice) -> None:
    job = job_enqueue(kind="selfcheck", actor=alice)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["pid"] == os.getpid()


@pytest.mark.django_db(transaction=True)
def test_two_clicks_make_one_job(alice) -> None:
    from portfolio.celery import app

    app.conf.task_always_eager = False  # keep the first job queued: no worker in this test
    try:
        first = job_enqueue(kind="selfcheck", actor=alice, dedupe_key="report:2026Q3")
        second = job_enqueue(kind="selfcheck", actor=alice, dedupe_key="report:2026Q3")
    finally:
        app.conf.task_always_eager = True
        app.control.purge()
    assert first.pk == second.pk
    assert Job.objects.filter(dedupe_key="report:2026Q3").count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_job_over_redis_and_writes_to_postgresql(
    celery_worker_process: int, alice
) -> None:
    job = job_enqueue(kind="selfcheck", actor=alice)
    done = wait_for(lambda: Job.objects.filter(pk=job.pk, status=JobStatus.SUCCEEDED).first())
    assert done.result["database"] == "postgresql"
    assert done.result["pid"] == celery_worker_process
    assert done.result["pid"] != os.getpid()
    assert done.attempts == 1


def test_every_scheduled_task_exists() -> None:
    from django.conf import settings

    from portfolio.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "metrics.roi_recompute_all_task",
        "metrics.kpi_overdue_notify_task",
        "governance.review_reminders_task",
        "notifications.notification_digest_send_task",
        "notifications.notification_weekly_digest_send_task",
        "portfolio.report_quarter_close_task",
        "portfolio.data_changes_prune_task",
        "jobs.job_requeue_stale_task",
    }
    assert scheduled <= set(app.tasks)
