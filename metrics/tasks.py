"""Celery tasks of the metrics app: recompute ROI snapshots, remind of overdue measurements."""

from __future__ import annotations

from celery import shared_task

from metrics.models import RoiState
from metrics.services.kpi_reminders import kpi_overdue_notify
from metrics.services.roi import roi_claim, roi_recompute, roi_recompute_all


@shared_task(name="metrics.roi_recompute_task")
def roi_recompute_task(initiative_id: int) -> str:
    """Recompute one initiative's ROI snapshots if a change asked for it; safe to run twice."""
    if not roi_claim(initiative_id=initiative_id):
        return "skipped"
    try:
        roi_recompute(initiative_ids=[initiative_id])
    except Exception:
        # Leave the work visible for the next change or the nightly run.
        RoiState.objects.filter(initiative_id=initiative_id).update(dirty=True)
        raise
    return "computed"


@shared_task(name="metrics.roi_recompute_all_task")
def roi_recompute_all_task() -> int:
    """Recompute every initiative's ROI snapshots (nightly, so quarters roll over on time)."""
    return roi_recompute_all()


@shared_task(name="metrics.kpi_overdue_notify_task")
def kpi_overdue_notify_task() -> int:
    """Tell the owners of KPIs overdue for a measurement, once per due date (daily)."""
    return kpi_overdue_notify()
