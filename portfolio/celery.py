"""The one Celery app: configured from Django settings prefixed CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

app = Celery("portfolio")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _add_worker_steps() -> None:
    from jobs.bootsteps import RedispatchQueuedJobs

    app.steps["consumer"].add(RedispatchQueuedJobs)


_add_worker_steps()
