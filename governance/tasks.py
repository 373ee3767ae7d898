"""Celery tasks of the governance app: take IDs, call one service, nothing else."""

from __future__ import annotations

from celery import shared_task

from governance.services.reviews import review_reminders_send


@shared_task(name="governance.review_reminders_task")
def review_reminders_task() -> dict[str, int]:
    """Mail review owners once per review and reminder stage; safe to run twice a day."""
    return review_reminders_send()
