"""Change history: who is recorded behind a write, and readable history in one query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import QuerySet

_Model = TypeVar("_Model")


def as_actor(instance: _Model, actor: Any) -> _Model:
    """Record `actor` as the person behind the next save or delete of `instance` in its history."""
    # django-simple-history reads this attribute when it writes the historical record.
    instance._history_user = actor  # type: ignore[attr-defined]
    return instance


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
    entries: list[HistoryEntry] = []
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
    return _readable_relations(entries)


def _linked_ids(value: Any) -> list[tuple[str, Any]] | None:
    """For a many-to-many value ([{"initiative": 1, "user": 3}, ...]) the other side's ids."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return None
    pairs = []
    for item in value:
        keys = sorted(item)
        # The first key names the object itself; the last one the linked object.
        if keys:
            pairs.append((keys[-1], item[keys[-1]]))
    return pairs


def _readable_relations(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Show linked people by name instead of raw through-table rows (one query for all)."""
    from django.contrib.auth import get_user_model

    user_ids = {
        pk
        for entry in entries
        for change in entry.changes
        for value in (change.old, change.new)
        for key, pk in (_linked_ids(value) or [])
        if key == "user"
    }
    names = {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)}

    def readable(value: Any) -> Any:
        pairs = _linked_ids(value)
        if pairs is None:
            return value
        return ", ".join(
            names.get(pk, f"#{pk}") if key == "user" else f"#{pk}" for key, pk in pairs
        )

    return [
        HistoryEntry(
            record=entry.record,
            changes=[FieldChange(c.field, readable(c.old), readable(c.new)) for c in entry.changes],
        )
        for entry in entries
    ]
