"""Readable change history of metrics records, deleted ones included."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.history import FieldChange, HistoryEntry, history_entries
from initiatives.models import Initiative
from metrics.models import Benefit, CostItem, Kpi, Measurement


def records_history(history: QuerySet[Any], *, limit: int = 30) -> list[HistoryEntry]:
    """Latest changes to a set of records (deleted ones too), each compared with its own
    previous version, so changes to different rows are never mixed up."""
    model = history.model.instance_type
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )
    changed = {record.id for record in records if record.history_type == "~"}
    versions: dict[int, list[Any]] = {}
    for version in history.model.objects.filter(id__in=changed).order_by(
        "history_date", "history_id"
    ):
        versions.setdefault(version.id, []).append(version)
    excluded = {"id", "created_at", "updated_at"}
    fields = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
    entries = []
    for record in records:
        changes: list[FieldChange] = []
        chain = versions.get(record.id, [])
        index = next((i for i, v in enumerate(chain) if v.history_id == record.history_id), 0)
        if record.history_type == "~" and index > 0:
            delta = record.diff_against(chain[index - 1], included_fields=fields)
            changes = [
                FieldChange(str(model._meta.get_field(c.field).verbose_name), c.old, c.new)
                for c in delta.changes
            ]
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries


def measurement_history(*, kpi: Kpi, limit: int = 30) -> list[HistoryEntry]:
    """Latest changes to a KPI's measurements, deleted ones included."""
    return records_history(Measurement.history.filter(kpi_id=kpi.pk), limit=limit)


def kpi_history(*, kpi: Kpi) -> list[HistoryEntry]:
    """Latest changes to a KPI's definition."""
    return history_entries(Kpi.history.filter(id=kpi.pk))


def cost_history(*, initiative: Initiative) -> list[HistoryEntry]:
    """Latest changes to an initiative's cost items, deleted ones included."""
    return records_history(CostItem.history.filter(initiative_id=initiative.pk))


def benefit_history(*, initiative: Initiative) -> list[HistoryEntry]:
    """Latest changes to an initiative's direct benefits, deleted ones included."""
    return records_history(Benefit.history.filter(initiative_id=initiative.pk))
