"""Compare a newly parsed inventory with what was imported before: added, changed, removed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from governance.domain.inventories.records import InventoryRecord
from governance.domain.inventories.registry import FORMATS

Fingerprint = Mapping[str, str]

_TEXT_FIELDS = (
    "name",
    "description",
    "purpose",
    "benefits",
    "data_sources",
    "organisation",
    "department",
    "status_raw",
    "vendor",
    "deployment",
    "contact",
    "url",
)
_FLAG_FIELDS = ("personal_data", "high_risk", "impact_assessment")


def _flag(value: bool | None) -> str:
    """A tri-state flag as text."""
    return "" if value is None else ("yes" if value else "no")


def record_fingerprint(record: InventoryRecord) -> dict[str, str]:
    """Every comparable value of a record as text; store it to diff the next import against.

    Blank values are left out, so a field that a newer version of this code adds does not make
    every earlier import look changed.
    """
    values: dict[str, str] = {name: getattr(record, name) for name in _TEXT_FIELDS}
    values["status"] = record.status.value if record.status else ""
    for name in _FLAG_FIELDS:
        values[name] = _flag(getattr(record, name))
    values["risk_flags"] = "|".join(sorted(record.risk_flags))
    for kind, found in record.dates.items():
        values[f"dates.{kind}"] = found.fingerprint()
    for column, text in record.extra.items():
        values[f"extra.{column}"] = text
    return {name: text for name, text in values.items() if text}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs between the stored and the incoming version of a record."""

    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A record present before and now, with the fields that changed."""

    key: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Names of the changed fields."""
        return tuple(change.field for change in self.changes)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: keys to add, change and remove, and those left as they are."""

    added: tuple[str, ...]
    changed: tuple[RecordChange, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Numbers for the preview headline."""
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": len(self.unchanged),
        }

    def field_counts(self) -> dict[str, int]:
        """How many changed records changed each field, most frequent first."""
        tally: dict[str, int] = {}
        for change in self.changed:
            for name in change.fields:
                tally[name] = tally.get(name, 0) + 1
        return dict(sorted(tally.items(), key=lambda item: (-item[1], item[0])))


def _as_fingerprint(value: Fingerprint | InventoryRecord) -> Fingerprint:
    """A stored fingerprint as is, or the fingerprint of a record."""
    if isinstance(value, InventoryRecord):
        return record_fingerprint(value)
    return value


def _ignored_fields(incoming: Sequence[InventoryRecord]) -> frozenset[str]:
    """Fields the incoming records' formats declare volatile (not register data)."""
    ignored: set[str] = set()
    for source in {record.source for record in incoming}:
        fmt = FORMATS.get(source)
        if fmt is not None:
            ignored.update(fmt.volatile_fields)
    return frozenset(ignored)


def compare(
    old: Fingerprint, new: Fingerprint, ignore: Iterable[str] = ()
) -> tuple[FieldChange, ...]:
    """The fields whose text differs; a missing field counts as blank."""
    skipped = set(ignore)
    names = sorted((set(old) | set(new)) - skipped)
    return tuple(
        FieldChange(name, old.get(name, ""), new.get(name, ""))
        for name in names
        if old.get(name, "") != new.get(name, "")
    )


def diff(
    existing: Mapping[str, Fingerprint | InventoryRecord],
    incoming: Sequence[InventoryRecord],
    *,
    ignore: Iterable[str] | None = None,
) -> ImportPlan:
    """Plan a re-import: which source keys are added, changed (and how), removed or unchanged.

    `existing` maps source keys of the earlier import to their stored fingerprints (or records).
    Fields that the format marks volatile are ignored unless `ignore` names other ones.
    """
    seen: set[str] = set()
    for record in incoming:
        if record.source_key in seen:
            raise ValueError(
                f"Source key '{record.source_key}' occurs twice in the incoming records."
            )
        seen.add(record.source_key)
    skipped = _ignored_fields(incoming) if ignore is None else frozenset(ignore)
    added: list[str] = []
    changed: list[RecordChange] = []
    unchanged: list[str] = []
    for record in incoming:
        before = existing.get(record.source_key)
        if before is None:
            added.append(record.source_key)
            continue
        changes = compare(_as_fingerprint(before), record_fingerprint(record), skipped)
        if changes:
            changed.append(RecordChange(record.source_key, changes))
        else:
            unchanged.append(record.source_key)
    removed = tuple(sorted(key for key in existing if key not in seen))
    return ImportPlan(tuple(added), tuple(changed), removed, tuple(unchanged))
