"""The one Celery task that runs every kind of job."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import shared_task
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
)

from jobs.models import Job
from jobs.registry import Progress, handler_for, register
from jobs.services import job_claim, job_fail, job_progress, job_succeed

logger = logging.getLogger(__name__)


# A job that lost its database connection (PostgreSQL restarted, a failover) is tried again
# after these many seconds, up to LOST_CONNECTION_RETRIES times; its handler runs from the start
# in a new transaction, which is safe because every handler commits all or nothing.
LOST_CONNECTION_RETRY_SECONDS = 5
LOST_CONNECTION_RETRIES = 12
_LOST_CONNECTION = (OperationalError, InterfaceError)


def _connection_lost(exc: BaseException) -> bool:
    return isinstance(exc, _LOST_CONNECTION) or (
        isinstance(exc, DatabaseError) and connection.connection is None
    )


@shared_task(bind=True, name="jobs.job_run_task", max_retries=LOST_CONNECTION_RETRIES)
def job_run_task(self: Any, job_id: int) -> str:
    """Claim the job, run its handler and record the outcome; safe to run twice."""
    try:
        job = job_claim(job_id=job_id, task_id=self.request.id or "eager")
    except _LOST_CONNECTION as exc:
        close_old_connections()
        raise self.retry(exc=exc, countdown=LOST_CONNECTION_RETRY_SECONDS) from exc
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
        retries_left = self.request.retries < (self.max_retries or 0)
        if _connection_lost(exc) and not self.request.is_eager and retries_left:
            # The same task id may claim its running job again (job_claim), so the retry resumes.
            logger.warning("job %s (%s) lost the database; retrying", job_id, job.kind)
            connection.close()
            raise self.retry(exc=exc, countdown=LOST_CONNECTION_RETRY_SECONDS) from exc
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
