"""Reads of the portfolio app, checked against the person's role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.periods import Period, PeriodKind
from core.roles import Cap, has_capability
from portfolio.models import QuarterlyReport, ReportStatus


def report_list(*, user: Any) -> QuerySet[QuarterlyReport]:
    """Every report version, for the roles that may download reports (403 otherwise)."""
    if not has_capability(user, Cap.DOWNLOAD_REPORTS):
        raise PermissionDenied(_("Your role does not include the quarterly reports."))
    return QuarterlyReport.objects.select_related("created_by", "job").order_by(
        "-year", "-quarter", "-version"
    )


def report_get(*, user: Any, pk: int) -> QuarterlyReport:
    """One report version, or 404."""
    return get_object_or_404(report_list(user=user), pk=pk)


@dataclass(frozen=True)
class NextReport:
    """The quarterly report finance is to file next, and where it stands."""

    period: Period
    # The day the quarter-close job generates it: the day after the quarter ends.
    due_on: datetime.date
    # "scheduled" (its quarter is not over), "generating", "overdue" (its quarter is over and
    # no version is ready) or "failed" (the latest version failed).
    state: str
    report: QuarterlyReport | None


def report_next_due(*, user: Any, today: datetime.date) -> NextReport:
    """The next report due: the last closed quarter's while no version of it is ready, else the
    current quarter's, made at its close (portfolio.tasks.report_quarter_close_task); 403 for
    roles without the reports."""
    current = Period.containing(PeriodKind.QUARTER, today)
    closed = current.previous()
    versions = list(
        report_list(user=user).filter(
            year=closed.start.year, quarter=(closed.start.month - 1) // 3 + 1
        )[:20]
    )
    if any(report.status == ReportStatus.READY for report in versions):
        return NextReport(current, current.end + datetime.timedelta(days=1), "scheduled", None)
    latest = versions[0] if versions else None
    due_on = closed.end + datetime.timedelta(days=1)
    if latest is not None and latest.status in (ReportStatus.QUEUED, ReportStatus.RUNNING):
        return NextReport(closed, due_on, "generating", latest)
    if latest is not None and latest.status == ReportStatus.FAILED:
        return NextReport(closed, due_on, "failed", latest)
    return NextReport(closed, due_on, "overdue", None)
