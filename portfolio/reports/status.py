"""Where a report version stands: the one status that the list, its page and the API show."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portfolio.models import QuarterlyReport, ReportStatus

_TONES = {
    ReportStatus.QUEUED: "badge--warn",
    ReportStatus.RUNNING: "badge--warn",
    ReportStatus.READY: "badge--good",
    ReportStatus.FAILED: "badge--bad",
}


@dataclass(frozen=True)
class ReportState:
    """A report version's status as shown: its label, badge tone, progress and an explanation."""

    status: str
    label: str
    tone: str
    in_progress: bool
    percent: int
    note: str


def report_state(report: QuarterlyReport) -> ReportState:
    """The status of a report version, read from the version itself (its job adds progress)."""
    status = ReportStatus(report.status)
    job = report.job
    in_progress = status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    note = ""
    if status == ReportStatus.FAILED:
        note = _("Generation failed; generate the quarter again to make a new version.")
    elif status == ReportStatus.QUEUED and job is not None and job.message:
        # A queued job carries a message only when it could not be handed to the broker.
        note = _(
            "The job queue is not answering; the report will be generated as soon as it is back."
        )
    percent = job.percent if job is not None else 0
    if status == ReportStatus.READY:
        percent = 100
    return ReportState(
        status=status.value,
        label=str(status.label),
        tone=_TONES[status],
        in_progress=in_progress,
        percent=percent,
        note=note,
    )
