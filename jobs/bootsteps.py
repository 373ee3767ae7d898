"""The worker sends again the jobs that stayed queued while the queue was down.

A request that creates a job while the broker (Redis) does not answer saves the job as queued and
answers at once; the message never reached the broker. Each time a worker's consumer connects (at
start and after every reconnection) and then every half minute, it dispatches the jobs still
queued, so they complete by themselves once the broker is back, without beat. A job whose message
did arrive is simply claimed once: the claim is a conditional update (jobs.services.job_claim).
"""

from __future__ import annotations

import logging
from typing import Any

from celery import bootsteps

logger = logging.getLogger(__name__)
REDISPATCH_EVERY_SECONDS = 30.0


def redispatch_queued(*, limit: int = 500) -> int:
    """Dispatch the queued jobs again; the number sent."""
    from django.db import close_old_connections

    from jobs.models import Job, JobStatus
    from jobs.services import job_dispatch

    close_old_connections()
    try:
        queued = list(
            Job.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at")
            .values_list("pk", flat=True)[:limit]
        )
    except Exception:  # The database may be down too; the next round tries again.
        logger.warning("cannot read queued jobs now", exc_info=True)
        return 0
    return sum(1 for job_id in queued if job_dispatch(job_id))


class RedispatchQueuedJobs(bootsteps.StartStopStep):
    """A consumer step: on every (re)connection, and on a timer, send queued jobs again."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._timer_entry: Any = None

    def start(self, parent: Any) -> None:
        sent = redispatch_queued()
        if sent:
            logger.info("sent %s queued job(s) again after connecting", sent)
        if self._timer_entry is None:
            self._timer_entry = parent.timer.call_repeatedly(
                REDISPATCH_EVERY_SECONDS, redispatch_queued
            )

    def stop(self, parent: Any) -> None:
        if self._timer_entry is not None:
            self._timer_entry.cancel()
            self._timer_entry = None
