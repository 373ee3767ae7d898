"""Readable change history from django-simple-history records, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    """A historical record with what changed since the one before it."""

    record: Any
    changes: list[FieldChange]


def history_entries(records: QuerySet[Any], *, limit: int = 20) -> list[HistoryEntry]:
    """The latest `limit` records of one object, newest first, each with its field changes.

    One record more than shown is read so the oldest shown entry can be compared too.
    """
    rows = list(
        records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        field=str(getattr(field, "verbose_name", change.field)),
                        old=change.old,
                        new=change.new,
                    )
                )
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries
