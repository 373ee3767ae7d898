"""Reads of the initiatives app: every list is scoped to the person asking."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from initiatives import selectors
from initiatives.choices import Stage
from initiatives.models import GateDecision
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory, PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(alice, bob, charlie, leader):  # type: ignore[no-untyped-def]
    """alice owns two initiatives (bob on one), charlie owns one, each with a pilot."""
    finance = DepartmentFactory(name="Finance", code="fin")
    legal = DepartmentFactory(name="Legal", code="legal")
    invoices = InitiativeFactory(
        title="Invoice coding", department=finance, owner=alice, members=[bob], stage=Stage.PILOT
    )
    forecast = InitiativeFactory(title="Cash forecast", department=finance, owner=alice)
    contracts = InitiativeFactory(
        title="Contract review", department=legal, owner=charlie, stage=Stage.PILOT
    )
    for initiative in (invoices, contracts):
        PilotFactory(initiative=initiative)
        GateDecision.objects.create(
            initiative=initiative, outcome="needs_work", rationale="More data", decided_by=leader
        )
    return {"finance": finance, "legal": legal, "invoices": invoices, "contracts": contracts,
            "forecast": forecast}  # fmt: skip


def titles(queryset) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(queryset.values_list("title", flat=True))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Cash forecast", "Invoice coding"]),
        ("bob", ["Invoice coding"]),
        ("charlie", ["Contract review"]),
        ("leader", ["Cash forecast", "Contract review", "Invoice coding"]),
        ("compliance_officer", ["Cash forecast", "Contract review", "Invoice coding"]),
        ("finance_user", ["Cash forecast", "Contract review", "Invoice coding"]),
        ("administrator", ["Cash forecast", "Contract review", "Invoice coding"]),
    ],
)
def test_initiative_list_is_scoped(request, world, persona, expected) -> None:
    assert titles(selectors.initiative_list(user=request.getfixturevalue(persona))) == expected


def test_a_member_of_two_initiatives_sees_each_once(alice, bob, world) -> None:
    world["forecast"].members.set([bob, alice])
    assert selectors.initiative_list(user=bob).count() == 2


def test_anonymous_and_roleless_people_see_nothing(world) -> None:
    assert not selectors.initiative_list(user=AnonymousUser()).exists()
    assert not selectors.initiative_list(user=UserFactory(username="nora")).exists()


def test_initiative_get_outside_the_scope_is_404(charlie, world) -> None:
    assert selectors.initiative_get(user=charlie, pk=world["contracts"].pk).title == (
        "Contract review"
    )
    with pytest.raises(Http404):
        selectors.initiative_get(user=charlie, pk=world["invoices"].pk)


def test_department_counts_only_visible_initiatives(alice, charlie, leader, world) -> None:
    def counts(user) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return {d.name: d.initiative_count for d in selectors.department_list(user=user)}

    assert counts(leader) == {"Finance": 2, "Legal": 1}
    assert counts(alice) == {"Finance": 2, "Legal": 0}
    assert counts(charlie) == {"Finance": 0, "Legal": 1}


def test_department_champion_count(alice, bob, world) -> None:
    world["finance"].champions.set([alice, bob])
    by_name = {d.name: d.champion_count for d in selectors.department_list(user=alice)}
    assert by_name == {"Finance": 2, "Legal": 0}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Invoice coding"]),
        ("bob", ["Invoice coding"]),
        ("charlie", ["Contract review"]),
        ("finance_user", ["Contract review", "Invoice coding"]),
    ],
)
def test_pilots_and_gate_decisions_follow_the_initiative_scope(
    request, world, persona, expected
) -> None:
    user = request.getfixturevalue(persona)
    pilots = selectors.pilot_list(user=user)
    assert sorted(p.initiative.title for p in pilots) == expected
    decisions = selectors.gate_decision_list(user=user)
    assert sorted(d.initiative.title for d in decisions) == expected
