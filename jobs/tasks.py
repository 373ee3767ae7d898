"""The one Celery task that runs every kind of job."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import shared_task
from django.db import connection

from jobs.models import Job
from jobs.registry import Progress, handler_for, register
from jobs.services import job_claim, job_fail, job_progress, job_succeed

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="jobs.job_run_task")
def job_run_task(self: Any, job_id: int) -> str:
    """Claim the job, run its handler and record the outcome; safe to run twice."""
    job = job_claim(job_id=job_id, task_id=self.request.id or "eager")
    if job is None:
        return "skipped"
    try:
        handler = handler_for(job.kind)
    except KeyError:
        job_fail(job_id=job_id, error=f"unknown job kind {job.kind!r}")
        return "failed"

    def progress(done: int, total: int, message: str = "") -> None:
        job_progress(job_id=job_id, done=done, total=total, message=message)

    try:
        result = handler(job, progress)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        job_fail(job_id=job_id, error=str(exc) or exc.__class__.__name__)
        return "failed"
    job_succeed(job_id=job_id, result=result)
    return "succeeded"


@register("selfcheck")
def selfcheck(job: Job, progress: Progress) -> dict[str, Any]:
    """Prove that a worker picks up jobs and reaches the database."""
    progress(1, 1, "checked")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"database": connection.vendor, "worker": job.worker, "pid": os.getpid()}


@shared_task(name="jobs.job_requeue_stale_task")
def job_requeue_stale_task(older_than_seconds: int = 120) -> int:
    """Send jobs again that stayed queued, e.g. because the broker was down when they were made."""
    from datetime import timedelta

    from django.utils import timezone

    from jobs.models import JobStatus
    from jobs.services import job_dispatch

    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stale = Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=cutoff).values_list(
        "pk", flat=True
    )
    return sum(1 for job_id in stale[:500] if job_dispatch(job_id))
