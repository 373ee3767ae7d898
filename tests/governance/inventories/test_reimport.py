"""Re-importing a newer file of the same source: the Dutch register listing of 2026-08-08 over 2026-05-13."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from governance.domain.inventories import ImportPlan, ParseResult, diff, record_fingerprint

Parsed = Callable[[str, str], ParseResult]
OLD = "nl-algoritmeregister/algoritmes_2026-05-13"
NEW = "nl-algoritmeregister/algoritmes_2026-08-08"


@pytest.fixture(scope="module")
def plan(parsed: Parsed) -> ImportPlan:
    """The newer CSV diffed against fingerprints stored from the older one."""
    stored = {
        r.source_key: record_fingerprint(r)
        for r in parsed("nl_algoritmeregister", OLD + ".csv").records
    }
    return diff(stored, parsed("nl_algoritmeregister", NEW + ".csv").records)


def test_added_changed_removed(plan: ImportPlan) -> None:
    # Counted with csv.DictReader keyed by id: 1,530 - 1,430 common = 100 added, 1 removed
    # (59917797, CIBG "Selectiemodel BIG herregistratie"), and among the 1,430 common ids 83
    # differ in title, organisatie, status, doel, juridische_basis, impactassessment or the
    # registration date (laatst_gewijzigd then, geregistreerd now). The URL's organisation
    # segment and the scraper's first-seen date are not register data and are not compared.
    assert plan.counts == {"added": 100, "changed": 83, "removed": 1, "unchanged": 1347}
    assert plan.removed == ("59917797",)


def test_changed_fields(plan: ImportPlan) -> None:
    # Per column over the 1,430 common ids (matches the README: status 7, organisation 22 —
    # 21 x Inlichtingenbureau renamed, 1 x Zeeuws Archief —, title 1, doel 6,
    # juridische_basis 2, impactassessment 22); the date differs in 41 (2.9 %, the README's
    # "97 % equal"). Status and impact assessment show both the mapped and the raw value.
    assert plan.field_counts() == {
        "dates.published": 41,
        "extra.impactassessment": 22,
        "impact_assessment": 22,
        "organisation": 22,
        "status": 7,
        "status_raw": 7,
        "purpose": 6,
        "extra.juridische_basis": 2,
        "name": 1,
    }
    renames = Counter(
        (field.old, field.new)
        for change in plan.changed
        for field in change.changes
        if field.field == "organisation"
    )
    assert renames == {
        ("Stichting Inlichtingenbureau", "Stichting Bureau Informatiediensten Nederland"): 21,
        ("Zeeuws archief", "Zeeuws Archief"): 1,
    }


def test_status_moves(plan: ImportPlan) -> None:
    moves = sorted(
        (field.old, field.new)
        for change in plan.changed
        for field in change.changes
        if field.field == "status"
    )
    # README: in_gebruik -> buiten_gebruik 4, ontwikkeling -> in_gebruik 3.
    assert moves == [("in_development", "in_use")] * 3 + [("in_use", "retired")] * 4


def test_reimporting_the_same_listing_changes_nothing(parsed: Parsed) -> None:
    csv_records = parsed("nl_algoritmeregister", NEW + ".csv").by_key()
    plan = diff(csv_records, parsed("nl_algoritmeregister", NEW + ".json").records)
    assert plan.counts == {"added": 0, "changed": 0, "removed": 0, "unchanged": 1530}


def test_diff_rejects_incoming_records_with_the_same_key(parsed: Parsed) -> None:
    record = parsed("nl_algoritmeregister", NEW + ".csv").records[0]
    with pytest.raises(ValueError, match="occurs twice"):
        diff({}, [record, record])
