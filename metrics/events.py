"""What the metrics app tells people about, and how each event reads (core.events).

The import job and the daily overdue check call the `emit_*` helpers inside their
transactions; the parameters hold names, ids, counts and ISO dates only, so the sentence is
composed (dates formatted) in the reader's language when it is shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.events import Delivery, Event, EventKind, Subject, emit, register_event_kind
from jobs.models import Job
from metrics.models import Kpi

IMPORT_FINISHED = "metrics.import_finished"
KPI_OVERDUE = "metrics.kpi_overdue"


def describe_import_finished(params: Mapping[str, Any]) -> str:
    """“The measurement import of “q4.csv” is finished: 12 measurements saved.”."""
    created = int(params["created"])
    return ngettext(
        "The measurement import of “%(file)s” is finished: %(created)d measurement saved.",
        "The measurement import of “%(file)s” is finished: %(created)d measurements saved.",
        created,
    ) % {"file": params["file"], "created": created}


def describe_kpi_overdue(params: Mapping[str, Any]) -> str:
    """“The KPI “Handling time” of “E-mail triage” is overdue for a measurement: due on …”."""
    due = datetime.date.fromisoformat(params["due"])
    return _(
        "The KPI “%(kpi)s” of “%(initiative)s” is overdue for a measurement: due on %(due)s."
    ) % {
        "kpi": params["kpi"],
        "initiative": params["initiative"],
        "due": date_format(due, "DATE_FORMAT"),
    }


def register_kinds() -> None:
    """Tell core.events how this app's events read (called when the app loads)."""
    register_event_kind(
        EventKind(
            IMPORT_FINISHED,
            describe_import_finished,
            gettext_lazy("A measurement import I started is finished"),
            Delivery.IN_APP,
        )
    )
    # A reminder, not news that waits on anyone: the daily digest, which is sent after the
    # morning check (portfolio/settings.py CELERY_BEAT_SCHEDULE).
    register_event_kind(
        EventKind(
            KPI_OVERDUE,
            describe_kpi_overdue,
            gettext_lazy("A KPI I measure is overdue for a measurement"),
            Delivery.DIGEST,
        )
    )


def emit_import_finished(job: Job, counts: Mapping[str, Any]) -> None:
    """Whoever started the import hears that its rows are saved, and how many."""
    emit(
        Event(
            kind=IMPORT_FINISHED,
            key=f"measurement-import:{job.pk}",
            params={
                "job_id": job.pk,
                "file": job.params.get("filename", ""),
                "rows": int(counts.get("rows") or 0),
                "created": int(counts.get("created") or 0),
            },
            target_url=reverse("metrics:measurement-import-job", args=[job.pk]),
            recipient_ids=frozenset({job.created_by_id} if job.created_by_id else ()),
        )
    )


def emit_kpi_overdue(kpi: Kpi, due_on: datetime.date) -> None:
    """The KPI's owner and the initiative's owner hear once per due date that it was missed."""
    initiative = kpi.initiative
    # The initiative's owner hears it as the owner of the subject (unless they stopped
    # following the initiative); the KPI's owner is named.
    recipients = {kpi.owner_id} - {None}
    emit(
        Event(
            kind=KPI_OVERDUE,
            # Per due date: a daily run repeats nothing, a new measurement makes a new due date.
            key=f"kpi-overdue:{kpi.pk}:{due_on.isoformat()}",
            params={
                "kpi_id": kpi.pk,
                "kpi": kpi.name,
                "initiative_id": initiative.pk,
                "initiative": initiative.title,
                "due": due_on.isoformat(),
                "unit": kpi.unit,
            },
            # The KPI's row on the initiative page, where its measurement is logged.
            target_url=reverse("initiatives:initiative-detail", args=[initiative.pk])
            + f"#kpi-{kpi.pk}-name",
            recipient_ids=frozenset(int(pk) for pk in recipients if pk is not None),
            subjects=(Subject("initiatives.initiative", initiative.pk, initiative.owner_id),),
        )
    )
