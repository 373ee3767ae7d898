"""Writes for background jobs: enqueue, claim, report progress, finish."""

from __future__ import annotations

import logging
import socket
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from jobs.models import ACTIVE_STATUSES, Job, JobStatus

logger = logging.getLogger(__name__)


def job_enqueue(
    *, kind: str, actor: Any = None, params: dict[str, Any] | None = None, dedupe_key: str = ""
) -> Job:
    """Create a job and send it to the workers after commit; an active duplicate is reused."""
    if dedupe_key:
        existing = Job.objects.filter(dedupe_key=dedupe_key, status__in=ACTIVE_STATUSES).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, params=params or {}, dedupe_key=dedupe_key, created_by=actor
            )
    except IntegrityError:
        # Another request created the same job between our check and our insert.
        return Job.objects.get(dedupe_key=dedupe_key, status__in=ACTIVE_STATUSES)
    transaction.on_commit(lambda: job_dispatch(job.pk))
    return job


def job_dispatch(job_id: int) -> bool:
    """Send a queued job to the broker; returns False and leaves it queued if that fails."""
    from jobs.tasks import job_run_task

    try:
        job_run_task.apply_async(args=[job_id], retry=False)
    except Exception:  # The broker being down must never turn a click into a server error.
        logger.warning("job %s stays queued: the job queue is unavailable", job_id, exc_info=True)
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            message="waiting for the job queue"
        )
        return False
    return True


def job_claim(*, job_id: int, task_id: str) -> Job | None:
    """Claim a queued job for this task; a redelivery of the same task may resume it.

    The conditional update makes sure two workers never run the same job.
    """
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, task_id=task_id)
    updated = (
        Job.objects.filter(pk=job_id)
        .filter(claimable)
        .update(
            status=JobStatus.RUNNING,
            task_id=task_id,
            worker=socket.gethostname(),
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
            message="",
        )
    )
    if updated != 1:
        return None
    return Job.objects.get(pk=job_id)


def job_progress(*, job_id: int, done: int, total: int, message: str = "") -> None:
    """Record progress; written outside any transaction the handler holds is the caller's duty."""
    Job.objects.filter(pk=job_id).update(
        done=done, total=total, message=message[:255], updated_at=timezone.now()
    )


def job_succeed(*, job_id: int, result: dict[str, Any]) -> None:
    """Mark the job as done with its result."""
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now(), done=F("total")
    )


def job_fail(*, job_id: int, error: str) -> None:
    """Mark the job as failed with a reason people can read."""
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=error[:4000], finished_at=timezone.now()
    )
