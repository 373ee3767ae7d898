"""Scheduled work of the portfolio app."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from portfolio.services import report_request
from portfolio.versioning import data_changes_prune


@shared_task(name="portfolio.report_quarter_close_task")
def report_quarter_close_task() -> str:
    """At quarter close, generate the report of the quarter that just ended (once per quarter)."""
    today = timezone.localdate()
    last_quarter_end = datetime.date(
        today.year, 3 * ((today.month - 1) // 3) + 1, 1
    ) - datetime.timedelta(days=1)
    quarter = (last_quarter_end.month - 1) // 3 + 1
    from portfolio.models import QuarterlyReport

    if QuarterlyReport.objects.filter(
        year=last_quarter_end.year, quarter=quarter, created_by__isnull=True
    ).exists():
        return "exists"
    report = report_request(actor=None, year=last_quarter_end.year, quarter=quarter)
    return str(report.pk)


@shared_task(name="portfolio.data_changes_prune_task")
def data_changes_prune_task() -> int:
    """Keep the table behind the data version small (hourly)."""
    return data_changes_prune()
