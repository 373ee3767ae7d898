"""Choosing organisations of an inventory file: tallies, the choice's scope and its numbers."""

from __future__ import annotations

from governance.domain.inventories import (
    ImportChoice,
    InventoryRecord,
    OrganisationTally,
    chosen_counts,
    chosen_records,
    diff,
    existing_in_scope,
    organisation_tallies,
    record_fingerprint,
    unknown_organisations,
)


def _record(key: str, organisation: str, name: str = "") -> InventoryRecord:
    return InventoryRecord(
        source="uk_atrs",
        source_key=key,
        row_number=int(key[1:]),
        name=name or f"System {key}",
        organisation=organisation,
    )


# Earlier import: a1 and a2 of Agency A, b1 of Agency B, c1 of Agency C (gone from the file now).
BEFORE = {
    "a1": record_fingerprint(_record("a1", "Agency A")),
    "a2": record_fingerprint(_record("a2", "Agency A")),
    "b1": record_fingerprint(_record("b1", "Agency B")),
    "c1": record_fingerprint(_record("c1", "Agency C")),
}
# The new file: a1 unchanged, a2 gone, a3 new; b1 renamed, b2 new; nothing of Agency C.
FILE = (
    _record("a1", "Agency A"),
    _record("a3", "Agency A"),
    _record("b1", "Agency B", name="Renamed"),
    _record("b2", " Agency B "),
)


def test_tallies_count_each_organisations_rows_and_what_happens_to_them() -> None:
    plan = diff(BEFORE, FILE)
    tallies = organisation_tallies(FILE, plan, BEFORE)
    assert tallies == (
        OrganisationTally("Agency A", rows=2, added=1, unchanged=1, removed=1),
        OrganisationTally("Agency B", rows=2, added=1, changed=1),
    )


def test_choosing_one_organisation_leaves_the_others_untouched() -> None:
    choice = ImportChoice(frozenset({"Agency A"}))
    records = chosen_records(FILE, choice)
    assert [record.source_key for record in records] == ["a1", "a3"]
    scope = existing_in_scope(BEFORE, FILE, choice)
    # b1 is in the file under an organisation not chosen; c1's organisation is not chosen.
    assert set(scope) == {"a1", "a2"}
    plan = diff(scope, records)
    assert (plan.added, plan.removed, plan.unchanged) == (("a3",), ("a2",), ("a1",))


def test_an_entry_whose_row_moved_to_an_organisation_not_chosen_is_not_removed() -> None:
    moved = (*FILE, _record("a2", "Agency B"))
    scope = existing_in_scope(BEFORE, moved, ImportChoice(frozenset({"Agency A"})))
    assert "a2" not in scope


def test_every_organisation_answers_for_all_earlier_entries() -> None:
    choice = ImportChoice(None)
    assert existing_in_scope(BEFORE, FILE, choice) == BEFORE
    plan = diff(existing_in_scope(BEFORE, FILE, choice), chosen_records(FILE, choice))
    assert set(plan.removed) == {"a2", "c1"}


def test_chosen_counts_add_up_the_chosen_tallies() -> None:
    plan = diff(BEFORE, FILE)
    tallies = organisation_tallies(FILE, plan, BEFORE)
    totals = {"records": 4, **plan.counts}
    assert chosen_counts(tallies, ImportChoice(frozenset({"Agency B"})), totals) == {
        "rows": 2,
        "added": 1,
        "changed": 1,
        "unchanged": 0,
        "removed": 0,
    }
    # "All" also removes what only an organisation the file no longer names had (c1).
    assert chosen_counts(tallies, ImportChoice(None), totals)["removed"] == 2


def test_the_choice_is_kept_as_plain_json_and_read_back() -> None:
    choice = ImportChoice(frozenset({"Agency B", "Agency A"}), {"Agency A": 7}, adopt=True)
    assert choice.to_json() == {
        "all": False,
        "organisations": ["Agency A", "Agency B"],
        "departments": {"Agency A": 7},
        "adopt": True,
    }
    assert ImportChoice.from_json(choice.to_json()) == choice
    # An import queued before choosing existed imported everything.
    assert ImportChoice.from_json({}).everything


def test_unknown_organisations_are_named_in_the_order_given() -> None:
    assert unknown_organisations(["Agency Z", "Agency A", "Agency Y"], ["Agency A"]) == [
        "Agency Z",
        "Agency Y",
    ]
