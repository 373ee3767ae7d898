"""Which organisations of an inventory file to import: tallies, the choice and its scope.

A public inventory holds the systems of many organisations (agencies, departments,
municipalities); the register usually wants a few of them. The file's organisations are tallied
with what the import would do to their rows, the compliance officer chooses some (or, explicitly,
all), and the import then adds and changes only the chosen rows. Entries that an earlier import
of the same source brought in are removed only when the choice answers for them: their
organisation is chosen and the file no longer holds their key. Rows of organisations not chosen
are left exactly as they are in the register.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from governance.domain.inventories.diff import Fingerprint, ImportPlan
from governance.domain.inventories.records import InventoryRecord

# The organisation of rows that name none; the preview words it, the choice uses this value.
NO_ORGANISATION = ""


def organisation_of(record: InventoryRecord) -> str:
    """The organisation a record belongs to, as the file names it."""
    return record.organisation.strip()


def fingerprint_organisation(fingerprint: Fingerprint) -> str:
    """The organisation of an entry imported earlier, from its stored fingerprint."""
    return fingerprint.get("organisation", "").strip()


@dataclass(frozen=True, slots=True)
class OrganisationTally:
    """One organisation of the file: its rows and what importing them would do."""

    name: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0

    def to_json(self) -> dict[str, Any]:
        """Plain values to store with the preview."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OrganisationTally:
        """The tally as stored with the preview."""
        return cls(
            name=str(data.get("name", "")),
            **{
                key: int(data.get(key, 0))
                for key in ("rows", "added", "changed", "unchanged", "removed")
            },
        )


def organisation_tallies(
    records: Sequence[InventoryRecord],
    plan: ImportPlan,
    existing: Mapping[str, Fingerprint],
) -> tuple[OrganisationTally, ...]:
    """Every organisation the file names, by name, with the plan's numbers for its rows.

    `removed` counts the organisation's entries from earlier imports that the file no longer
    holds; entries of an organisation the file does not name at all only go with "all".
    """
    outcome: dict[str, str] = dict.fromkeys(plan.added, "added")
    outcome.update((change.key, "changed") for change in plan.changed)
    outcome.update(dict.fromkeys(plan.unchanged, "unchanged"))
    numbers: dict[str, dict[str, int]] = {}
    for record in records:
        tally = numbers.setdefault(organisation_of(record), {})
        tally["rows"] = tally.get("rows", 0) + 1
        kind = outcome.get(record.source_key)
        if kind:
            tally[kind] = tally.get(kind, 0) + 1
    for key in plan.removed:
        name = fingerprint_organisation(existing.get(key, {}))
        if name in numbers:
            numbers[name]["removed"] = numbers[name].get("removed", 0) + 1
    return tuple(
        OrganisationTally(name=name, **numbers[name])
        for name in sorted(numbers, key=lambda name: (name.casefold(), name))
    )


@dataclass(frozen=True)
class ImportChoice:
    """What to import: some organisations (or None: every one, chosen explicitly), the
    department of ours each organisation's systems go to, and whether the new entries are the
    organisation's own (adopted) rather than reference entries."""

    organisations: frozenset[str] | None
    departments: Mapping[str, int] = field(default_factory=dict)
    adopt: bool = False

    @property
    def everything(self) -> bool:
        """True when every organisation of the file was chosen."""
        return self.organisations is None

    def includes(self, organisation: str) -> bool:
        """True when rows of this organisation are imported."""
        return self.organisations is None or organisation in self.organisations

    def department_for(self, organisation: str) -> int | None:
        """The id of the department of ours the organisation's systems go to, if any."""
        return self.departments.get(organisation)

    def to_json(self) -> dict[str, Any]:
        """Plain values to keep with the import."""
        return {
            "all": self.organisations is None,
            "organisations": sorted(self.organisations or ()),
            "departments": dict(sorted(self.departments.items())),
            "adopt": self.adopt,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ImportChoice:
        """The choice as kept; none kept (an import from before choosing existed) is "all"."""
        if not data or data.get("all", False):
            organisations = None
        else:
            organisations = frozenset(str(name) for name in data.get("organisations", ()))
        departments = {str(k): int(v) for k, v in (data or {}).get("departments", {}).items()}
        return cls(organisations, departments, bool((data or {}).get("adopt", False)))


def unknown_organisations(chosen: Iterable[str], known: Iterable[str]) -> list[str]:
    """The chosen names the file does not hold, in the order given."""
    names = set(known)
    return [name for name in chosen if name not in names]


def chosen_records(
    records: Sequence[InventoryRecord], choice: ImportChoice
) -> tuple[InventoryRecord, ...]:
    """The records of the chosen organisations, in file order."""
    if choice.everything:
        return tuple(records)
    return tuple(record for record in records if choice.includes(organisation_of(record)))


def existing_in_scope(
    existing: Mapping[str, Fingerprint],
    records: Sequence[InventoryRecord],
    choice: ImportChoice,
) -> dict[str, Fingerprint]:
    """The earlier entries this choice answers for, to diff the chosen records against.

    Every organisation: all of them (what is not in the file any more is removed). Some: the
    entries of chosen rows, and the chosen organisations' entries whose key the file no longer
    holds; an entry whose row is in the file under an organisation not chosen stays untouched.
    """
    if choice.everything:
        return dict(existing)
    in_file = {record.source_key for record in records}
    chosen_keys = {record.source_key for record in chosen_records(records, choice)}
    return {
        key: fingerprint
        for key, fingerprint in existing.items()
        if key in chosen_keys
        or (key not in in_file and choice.includes(fingerprint_organisation(fingerprint)))
    }


def chosen_counts(
    tallies: Iterable[OrganisationTally], choice: ImportChoice, totals: Mapping[str, int]
) -> dict[str, int]:
    """Rows, added, changed, unchanged and removed of the chosen organisations.

    `totals` are the whole file's numbers, which "every organisation" uses as they are (they
    also hold the removals of organisations the file no longer names).
    """
    names = ("rows", "added", "changed", "unchanged", "removed")
    if choice.everything:
        return {
            "rows": int(totals.get("records", 0)),
            **{name: int(totals.get(name, 0)) for name in names[1:]},
        }
    chosen = [tally for tally in tallies if choice.includes(tally.name)]
    return {name: sum(getattr(tally, name) for tally in chosen) for name in names}
