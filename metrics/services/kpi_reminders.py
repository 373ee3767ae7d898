"""The daily reminder of KPIs whose measurement is overdue (metrics.events.KPI_OVERDUE)."""

from __future__ import annotations

import datetime
from itertools import islice

from django.db import transaction
from django.utils import timezone

from metrics.events import emit_kpi_overdue
from metrics.selectors.kpis import OVERDUE_CHUNK_SIZE, kpis_overdue_on


def kpi_overdue_notify(*, today: datetime.date | None = None) -> int:
    """Emit one overdue event per KPI whose measurement is overdue; returns how many.

    Safe to run twice: the event's key names the due date, so each person hears of a missed
    date once however often this runs, and a new measurement's due date is told afresh.
    """
    today = today or timezone.localdate()
    overdue = kpis_overdue_on(today)
    emitted = 0
    # One transaction per chunk: a long run holds no locks for long, and a failure keeps what
    # the chunks before it told.
    while chunk := list(islice(overdue, OVERDUE_CHUNK_SIZE)):
        with transaction.atomic():
            for kpi, due_on in chunk:
                emit_kpi_overdue(kpi, due_on)
        emitted += len(chunk)
    return emitted
