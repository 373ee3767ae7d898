"""What the metrics app tells people about, and how each event reads (core.events).

The import job calls the `emit_*` helper inside the transaction that saves the rows; the
parameters hold a file name and counts only, so the sentence is composed when it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from core.events import Delivery, Event, EventKind, emit, register_event_kind
from jobs.models import Job

IMPORT_FINISHED = "metrics.import_finished"


def describe_import_finished(params: Mapping[str, Any]) -> str:
    """“The measurement import of “q4.csv” is finished: 12 measurements saved.”."""
    created = int(params["created"])
    return ngettext(
        "The measurement import of “%(file)s” is finished: %(created)d measurement saved.",
        "The measurement import of “%(file)s” is finished: %(created)d measurements saved.",
        created,
    ) % {"file": params["file"], "created": created}


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
