"""What the portfolio app tells people about, and how each event reads (core.events).

The report job calls the `emit_*` helper inside the transaction that stores the version; the
parameters hold numbers only, so the sentence is composed in the reader's language when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.events import Delivery, Event, EventKind, emit, register_event_kind
from portfolio.models import QuarterlyReport

REPORT_READY = "portfolio.report_ready"


def describe_report_ready(params: Mapping[str, Any]) -> str:
    """“The quarterly report 2025 Q4 (version 2) you requested is ready.”."""
    return _(
        "The quarterly report %(year)s Q%(quarter)s (version %(version)s) you requested is ready."
    ) % {
        "year": params["year"],
        "quarter": params["quarter"],
        "version": params["version"],
    }


def register_kinds() -> None:
    """Tell core.events how this app's events read (called when the app loads)."""
    register_event_kind(
        EventKind(
            REPORT_READY,
            describe_report_ready,
            gettext_lazy("A quarterly report I requested is ready"),
            Delivery.IN_APP,
        )
    )


def emit_report_ready(report: QuarterlyReport) -> None:
    """Whoever requested the version hears that it is ready (the schedule tells nobody)."""
    requester = report.created_by_id
    emit(
        Event(
            kind=REPORT_READY,
            key=f"report-ready:{report.pk}",
            params={
                "report_id": report.pk,
                "year": report.year,
                "quarter": report.quarter,
                "version": report.version,
            },
            target_url=reverse("reports:report-detail", args=[report.pk]),
            recipient_ids=frozenset({requester} if requester is not None else ()),
        )
    )
