"""Writes of the portfolio app: requesting and generating quarterly ROI report versions."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.files import protected_file_response
from core.roles import Cap, has_capability
from jobs.models import Job
from jobs.registry import Progress, register
from jobs.services import job_enqueue
from portfolio.events import emit_report_ready
from portfolio.figures import build_snapshot, quarter_period
from portfolio.models import QuarterlyReport, ReportStatus
from portfolio.reports.pdf import render_report

logger = logging.getLogger(__name__)
REPORT_JOB = "quarterly_report"
ACTIVE = (ReportStatus.QUEUED, ReportStatus.RUNNING)


def _validate_period(year: Any, quarter: Any, today: datetime.date) -> tuple[int, int]:
    errors: dict[str, str] = {}
    try:
        year = int(year)
    except (TypeError, ValueError):
        errors["year"] = _("Enter a year such as 2026.")
    try:
        quarter = int(quarter)
    except (TypeError, ValueError):
        errors["quarter"] = _("Choose a quarter from 1 to 4.")
    if not errors:
        if not 2000 <= year <= 2100:
            errors["year"] = _("Enter a year between 2000 and 2100.")
        elif not 1 <= quarter <= 4:
            errors["quarter"] = _("Choose a quarter from 1 to 4.")
        elif quarter_period(year, quarter).start > today:
            errors["quarter"] = _("This quarter has not started yet.")
    if errors:
        raise ValidationError(errors)
    return year, quarter


def report_request(*, actor: Any, year: Any, quarter: Any) -> QuarterlyReport:
    """Ask for a new version of a quarter's report; a version still being made is reused.

    `actor` None is the schedule at quarter close. Two clicks make one job: while a version of the
    quarter is queued or running, asking again returns that version instead of a new one.
    """
    if actor is not None and not has_capability(actor, Cap.GENERATE_REPORTS):
        raise PermissionDenied(_("Only finance and leadership generate reports."))
    year, quarter = _validate_period(year, quarter, timezone.localdate())
    for _attempt in range(3):
        active = QuarterlyReport.objects.filter(year=year, quarter=quarter, status__in=ACTIVE)
        existing = active.order_by("-version").first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                latest = QuarterlyReport.objects.filter(year=year, quarter=quarter).aggregate(
                    v=Max("version")
                )["v"]
                report = QuarterlyReport.objects.create(
                    year=year, quarter=quarter, version=(latest or 0) + 1, created_by=actor
                )
                report.job = job_enqueue(
                    kind=REPORT_JOB,
                    actor=actor,
                    params={"report_id": report.pk},
                    dedupe_key=f"report:{year}-Q{quarter}",
                )
                report.save(update_fields=["job"])
                return report
        except IntegrityError:
            # Another request took this version number a moment ago; look again.
            continue
    raise ValidationError(
        {"quarter": _("The report is being requested by someone else; try again.")}
    )


@register(REPORT_JOB)
def report_generate(job: Job, progress: Progress) -> dict[str, Any]:
    """Freeze the numbers, draw the charts, render the PDF and store the version at once.

    Nothing is visible until the last step commits, so a worker killed midway leaves no half
    report; the redelivered task starts again from the beginning.
    """
    report = QuarterlyReport.objects.get(pk=job.params["report_id"])
    if report.status == ReportStatus.READY:
        return {"report_id": report.pk, "already": True}
    QuarterlyReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    try:
        with translation.override("en"):
            progress(1, 4, "collecting the numbers")
            snapshot = build_report_snapshot(report.year, report.quarter, actor=report.created_by)
            progress(2, 4, "drawing the charts and laying out the pages")
            rendered = render_report(
                {
                    "snapshot": snapshot,
                    "report": report,
                    "generated_by": str(report.created_by or _("the quarter-close schedule")),
                }
            )
        progress(3, 4, "storing the version")
        digest = hashlib.sha256(rendered.pdf).hexdigest()
        name = f"{report.year}-Q{report.quarter}-v{report.version}-{digest[:12]}.pdf"
        with transaction.atomic():
            locked = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
            locked.pdf.save(name, ContentFile(rendered.pdf), save=False)
            locked.snapshot = snapshot
            locked.sha256 = digest
            locked.page_count = rendered.pages
            locked.charts_included = rendered.charts_included
            locked.status = ReportStatus.READY
            locked.finished_at = timezone.now()
            locked.error = ""
            locked.save()
            emit_report_ready(locked)
    except Exception as exc:
        QuarterlyReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    progress(4, 4, "ready")
    return {"report_id": report.pk, "sha256": digest, "pages": rendered.pages}


def build_report_snapshot(year: int, quarter: int, *, actor: Any) -> dict[str, Any]:
    """All numbers of the report, including scaling and governance sections."""
    from portfolio.figures import QuarterView
    from portfolio.figures.sections import governance_section, scaling_section

    view = QuarterView.of(year, quarter)
    return build_snapshot(
        year=year,
        quarter=quarter,
        scaling=scaling_section(actor=actor, on=view.as_of),
        # The whole register, as of the same day as the money: overdue means overdue by then.
        governance=governance_section(on=view.as_of),
    )


def report_snapshot_csv(report: QuarterlyReport) -> str:
    """The frozen per-initiative figures as CSV (formula-safe)."""
    from governance.domain.inventories.exports import sanitize_row

    output = io.StringIO()
    writer = csv.writer(output)
    header = [
        "initiative_id", "title", "department", "stage", "quarter_costs", "quarter_benefits",
        "quarter_net", "quarter_roi", "cumulative_costs", "cumulative_benefits", "cumulative_net",
        "cumulative_roi", "planned_cumulative_benefits", "payback_month", "verdict",
    ]  # fmt: skip
    writer.writerow(header)
    for row in report.snapshot.get("initiatives", []):
        writer.writerow(
            sanitize_row(
                [
                    row["id"],
                    row["title"],
                    row["department"],
                    row["stage"],
                    row["quarter"]["costs"],
                    row["quarter"]["benefits"],
                    row["quarter"]["net"],
                    row["quarter"]["roi"] or "",
                    row["cumulative"]["costs"],
                    row["cumulative"]["benefits"],
                    row["cumulative"]["net"],
                    row["cumulative"]["roi"] or "",
                    row["cumulative"]["planned_benefits"] or "",
                    row["payback_month"] or "",
                    row["verdict"],
                ]
            )
        )
    return output.getvalue()


def report_pdf_response(report: QuarterlyReport) -> HttpResponse | FileResponse:
    """The PDF of a ready version, for a caller that has checked the person may download it."""
    return protected_file_response(
        report.pdf,
        filename=f"ai-portfolio-roi-{report.year}-Q{report.quarter}-v{report.version}.pdf",
        content_type="application/pdf",
    )


def report_snapshot_json(report: QuarterlyReport) -> str:
    """The frozen numbers exactly as stored."""
    return json.dumps(report.snapshot, indent=2, ensure_ascii=False)
