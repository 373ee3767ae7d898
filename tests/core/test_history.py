"""The change history people read: who changed which field from what to what."""

from __future__ import annotations

import pytest

from core.history import history_entries
from initiatives.services import initiative_update
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_history_names_the_changed_fields_and_linked_people(alice, bob) -> None:
    initiative = InitiativeFactory(owner=alice, title="Invoice extraction", business_value=3)
    initiative_update(actor=alice, initiative=initiative, data={"business_value": 5}, members=[bob])
    # The scores and the team are saved one after the other: two entries, both by alice.
    members_entry, scores_entry, created = history_entries(initiative.history.all())
    assert {members_entry.record.history_user, scores_entry.record.history_user} == {alice}
    assert created.changes == []
    changes = {c.field: (c.old, c.new) for e in (members_entry, scores_entry) for c in e.changes}
    assert changes["business value"] == (3, 5)
    assert changes["team members"] == ("", str(bob))
