"""Celery tasks of the notifications app: take IDs, call one service, nothing else."""

from __future__ import annotations

from celery import Task, shared_task

from core.events import Delivery
from notifications import services


@shared_task(
    name="notifications.notification_email_send_task",
    bind=True,
    max_retries=5,
    default_retry_delay=60,
)
def notification_email_send_task(self: Task, notification_id: int) -> bool:
    """E-mail one notification at once; sends nothing if it was sent already."""
    try:
        return services.notification_email_send(notification_id=notification_id)
    except OSError as error:  # the mail server is away: the claim was given back, try later
        raise self.retry(exc=error) from error


@shared_task(name="notifications.notification_digest_send_task")
def notification_digest_send_task() -> dict[str, int]:
    """Mail each person their daily digest; safe to run twice (the second run finds nothing)."""
    return services.notification_digest_send()


@shared_task(name="notifications.notification_weekly_digest_send_task")
def notification_weekly_digest_send_task() -> dict[str, int]:
    """Mail each person their weekly digest; safe to run twice (the second run finds nothing)."""
    return services.notification_digest_send(delivery=Delivery.WEEKLY)


@shared_task(
    name="notifications.webhook_delivery_send_task",
    bind=True,
    # The service counts attempts and gives up itself; this only bounds a runaway loop.
    max_retries=None,
)
def webhook_delivery_send_task(self: Task, delivery_id: int) -> None:
    """Post one webhook delivery; on a 5xx or a timeout, again later with a growing wait."""
    wait = services.webhook_delivery_send(delivery_id=delivery_id)
    if wait is None:
        return
    if self.request.is_eager:
        # Jobs run in-process (embedded default, tests): Celery's eager retry re-raises under
        # task_eager_propagates, so the attempts follow each other here; the service still
        # counts them and gives up after the configured number.
        while wait is not None:
            wait = services.webhook_delivery_send(delivery_id=delivery_id)
        return
    raise self.retry(countdown=wait)
