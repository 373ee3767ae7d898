"""Writes of the initiatives app: priority, stage changes, the gate and pilots."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from initiatives import services
from initiatives.choices import BuildType, ReadinessKind, Stage
from initiatives.models import (
    Department,
    GateDecision,
    Initiative,
    Pilot,
    PilotParticipant,
    ReadinessItem,
    StageChange,
)
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory, PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(db: None) -> Department:
    return DepartmentFactory(name="Finance", code="fin", headcount=80)


def scores(value: int, feasibility: int, alignment: int, effort: int) -> dict[str, object]:
    return {
        "business_value": value,
        "technical_feasibility": feasibility,
        "strategic_alignment": alignment,
        "implementation_effort": effort,
    }


def create(actor: User, department: Department, **data: object) -> Initiative:
    base: dict[str, object] = {
        "title": "Invoice coding assistant",
        "problem": "Invoices are coded by hand.",
        "department": department,
        "build_type": BuildType.OFF_THE_SHELF,
        **scores(3, 3, 3, 3),
    }
    base.update(data)
    return services.initiative_create(actor=actor, data=base)


def in_stage(owner: User, stage: Stage, **kwargs: object) -> Initiative:
    return InitiativeFactory(owner=owner, stage=stage, **kwargs)


# --- Proposing and editing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "feasibility", "alignment", "effort", "score", "band"),
    [
        # 9×3 + 6×3 + 5×3 + 5×(5−2) = 27 + 18 + 15 + 15
        (4, 4, 4, 2, 75, "high"),
        # 9×2 + 6×2 + 5×2 + 5×2
        (3, 3, 3, 3, 50, "medium"),
        # 9×4 + 6×4 + 5×4 + 5×4: the strongest possible
        (5, 5, 5, 1, 100, "high"),
        # 9×0 + 6×0 + 5×0 + 5×0: the weakest possible
        (1, 1, 1, 5, 0, "low"),
        # 9×3 + 6×1 + 5×1 + 5×1 = 43, just into medium
        (4, 2, 2, 4, 43, "medium"),
        # 9×2 + 6×2 + 5×0 + 5×1 = 35, low
        (3, 3, 1, 4, 35, "low"),
        # 9×4 + 6×2 + 5×2 + 5×2 = 68, medium; 9×4 + 6×3 + 5×2 + 5×2 = 74, high
        (5, 3, 3, 3, 68, "medium"),
        (5, 4, 3, 3, 74, "high"),
    ],
)
def test_create_derives_the_priority(
    alice, finance, value, feasibility, alignment, effort, score, band
) -> None:
    initiative = create(alice, finance, **scores(value, feasibility, alignment, effort))
    initiative.refresh_from_db()
    assert (initiative.priority_score, initiative.priority_band) == (score, band)


def test_a_proposal_starts_as_an_idea_owned_by_the_proposer(alice, bob, finance) -> None:
    initiative = services.initiative_create(
        actor=alice,
        data={
            "title": "Invoice coding assistant",
            "problem": "Invoices are coded by hand.",
            "department": finance,
            "build_type": BuildType.CUSTOM,
            **scores(3, 3, 3, 3),
        },
        members=[bob],
    )
    assert (initiative.owner, initiative.stage) == (alice, Stage.IDEA)
    assert list(initiative.members.all()) == [bob]
    assert sorted(
        ReadinessItem.objects.filter(initiative=initiative).values_list("kind", flat=True)
    ) == sorted(ReadinessKind.values)
    assert initiative.history.first().history_user == alice


def test_only_team_leads_propose(leader, finance) -> None:
    with pytest.raises(PermissionDenied):
        create(leader, finance)
    assert not Initiative.objects.exists()


def test_a_score_outside_one_to_five_is_refused_and_nothing_is_saved(alice, finance) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(alice, finance, implementation_effort=6)
    assert list(excinfo.value.message_dict) == ["implementation_effort"]
    assert not Initiative.objects.exists()
    assert not ReadinessItem.objects.exists()


def test_an_update_rederives_the_priority(alice, finance) -> None:
    initiative = create(alice, finance)
    services.initiative_update(
        actor=alice, initiative=initiative, data={"implementation_effort": 1}
    )
    initiative.refresh_from_db()
    # 50 + 5×2 more for effort 1 instead of 3
    assert (initiative.priority_score, initiative.priority_band) == (60, "medium")


def test_an_outsider_cannot_update(alice, charlie, finance) -> None:
    initiative = create(alice, finance)
    with pytest.raises(PermissionDenied):
        services.initiative_update(actor=charlie, initiative=initiative, data={"title": "Mine"})
    initiative.refresh_from_db()
    assert initiative.title == "Invoice coding assistant"


# --- Stage changes ----------------------------------------------------------------------------


def test_a_transition_records_who_when_and_why(alice, bob, finance) -> None:
    initiative = create(alice, finance)
    initiative.members.set([bob])
    before = timezone.now()
    change = services.initiative_transition(
        actor=bob, initiative=initiative, target=Stage.ASSESSMENT, reason="  Data sample agreed "
    )
    assert (change.from_stage, change.to_stage) == (Stage.IDEA, Stage.ASSESSMENT)
    assert (change.actor, change.reason) == (bob, "Data sample agreed")
    assert before <= change.changed_at <= timezone.now()
    initiative.refresh_from_db()
    assert initiative.stage == Stage.ASSESSMENT
    assert initiative.stage_changed_at == change.changed_at
    assert initiative.history.first().history_change_reason == "Data sample agreed"


def test_on_hold_remembers_the_stage_and_resumes_to_it(alice) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    services.initiative_transition(
        actor=alice, initiative=initiative, target=Stage.ON_HOLD, reason="Vendor contract paused"
    )
    initiative.refresh_from_db()
    assert (initiative.stage, initiative.held_in_stage) == (Stage.ON_HOLD, Stage.PILOT)
    assert services.available_transitions(initiative, alice) == [Stage.PILOT, Stage.STOPPED]

    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.initiative_transition(
            actor=alice, initiative=initiative, target=Stage.ASSESSMENT, reason="Rethink"
        )
    assert (excinfo.value.code, excinfo.value.conflict) == ("resume_to_other_stage", True)

    services.initiative_transition(
        actor=alice, initiative=initiative, target=Stage.PILOT, reason="Contract signed"
    )
    initiative.refresh_from_db()
    assert (initiative.stage, initiative.held_in_stage) == (Stage.PILOT, "")
    assert list(
        StageChange.objects.order_by("id").values_list("from_stage", "to_stage", "reason")
    ) == [
        ("pilot", "on_hold", "Vendor contract paused"),
        ("on_hold", "pilot", "Contract signed"),
    ]


def test_an_illegal_jump_is_a_conflict_and_changes_nothing(alice) -> None:
    initiative = in_stage(alice, Stage.IDEA)
    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.initiative_transition(
            actor=alice, initiative=initiative, target=Stage.PILOT, reason="Hurry"
        )
    assert (excinfo.value.code, excinfo.value.conflict) == ("illegal_jump", True)
    assert "Assessment, On hold, Stopped" in excinfo.value.message
    initiative.refresh_from_db()
    assert initiative.stage == Stage.IDEA
    assert not StageChange.objects.exists()


def test_a_team_lead_may_not_move_into_scaling(alice) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.initiative_transition(
            actor=alice, initiative=initiative, target=Stage.SCALING, reason="Went well"
        )
    assert (excinfo.value.code, excinfo.value.conflict) == ("role_not_allowed", False)


def test_an_outsider_team_lead_is_told_it_is_not_theirs(alice, charlie) -> None:
    initiative = in_stage(alice, Stage.IDEA)
    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.initiative_transition(
            actor=charlie, initiative=initiative, target=Stage.ASSESSMENT, reason="Go"
        )
    assert (excinfo.value.code, excinfo.value.conflict) == ("not_owner_or_member", False)


def test_a_transition_needs_a_reason(alice) -> None:
    initiative = in_stage(alice, Stage.IDEA)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_transition(
            actor=alice, initiative=initiative, target=Stage.ASSESSMENT, reason="   "
        )
    assert list(excinfo.value.message_dict) == ["reason"]
    assert not StageChange.objects.exists()


# --- The gate ---------------------------------------------------------------------------------


def test_go_moves_to_scaling_and_records_the_change(alice, leader) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    decision = services.gate_decide(
        actor=leader,
        initiative=initiative,
        outcome="go",
        rationale="Savings proven",
        evidence={"roi_percent": "310.0"},
    )
    initiative.refresh_from_db()
    assert initiative.stage == Stage.SCALING
    assert (decision.outcome, decision.decided_by, decision.evidence) == (
        "go",
        leader,
        {"roi_percent": "310.0"},
    )
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.actor, change.reason) == (
        "pilot",
        "scaling",
        leader,
        "Savings proven",
    )


def test_no_go_stops_the_initiative(alice, leader) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    services.gate_decide(actor=leader, initiative=initiative, outcome="no_go", rationale="No ROI")
    initiative.refresh_from_db()
    assert initiative.stage == Stage.STOPPED
    assert StageChange.objects.get().to_stage == Stage.STOPPED


def test_needs_work_stays_in_pilot(alice, leader) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    services.gate_decide(
        actor=leader, initiative=initiative, outcome="needs_work", rationale="Baseline missing"
    )
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PILOT
    assert GateDecision.objects.get().outcome == "needs_work"
    assert not StageChange.objects.exists()


def test_after_needs_work_leadership_cannot_move_to_scaling_without_go(alice, leader) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    services.gate_decide(
        actor=leader, initiative=initiative, outcome="needs_work", rationale="Baseline missing"
    )
    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.initiative_transition(
            actor=leader, initiative=initiative, target=Stage.SCALING, reason="Anyway"
        )
    assert (excinfo.value.code, excinfo.value.conflict) == ("gate_decision_required", True)


@pytest.mark.parametrize("stage", [Stage.IDEA, Stage.PROOF_OF_CONCEPT, Stage.SCALING])
def test_a_gate_outside_pilot_is_a_conflict(alice, leader, stage) -> None:
    initiative = in_stage(alice, stage)
    with pytest.raises(services.StageChangeRefused) as excinfo:
        services.gate_decide(actor=leader, initiative=initiative, outcome="go", rationale="Yes")
    assert (excinfo.value.code, excinfo.value.conflict) == ("not_in_pilot", True)
    assert not GateDecision.objects.exists()
    initiative.refresh_from_db()
    assert initiative.stage == stage


def test_only_leadership_decides_the_gate(alice) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    with pytest.raises(PermissionDenied):
        services.gate_decide(actor=alice, initiative=initiative, outcome="go", rationale="Mine")
    assert not GateDecision.objects.exists()


# --- Pilots -----------------------------------------------------------------------------------


def test_a_pilot_with_departments_and_a_sceptic(alice, finance) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    pilot = services.pilot_create(
        actor=alice,
        initiative=initiative,
        data={
            "scope": "Accounts payable, 14 people",
            "start_date": datetime.date(2026, 2, 2),
            "end_date": datetime.date(2026, 4, 30),
            "success_criteria": "Coding time down from 6 to 3 minutes",
        },
        departments=[finance],
        participants=[
            services.ParticipantData(name=" Jonas Berg ", role="senior clerk", is_sceptic=True),
            services.ParticipantData(name="   "),
        ],
    )
    assert list(pilot.departments.all()) == [finance]
    assert list(pilot.participants.values_list("name", "is_sceptic")) == [("Jonas Berg", True)]


def test_a_pilot_ending_before_it_starts_saves_nothing(alice) -> None:
    initiative = in_stage(alice, Stage.PILOT)
    with pytest.raises(ValidationError) as excinfo:
        services.pilot_create(
            actor=alice,
            initiative=initiative,
            data={
                "scope": "Accounts payable",
                "start_date": datetime.date(2026, 4, 30),
                "end_date": datetime.date(2026, 4, 29),
                "success_criteria": "Faster",
            },
            participants=[services.ParticipantData(name="Jonas Berg")],
        )
    assert excinfo.value.message_dict == {"end_date": ["The end cannot be before the start."]}
    assert not Pilot.objects.exists()
    assert not PilotParticipant.objects.exists()


def test_a_one_day_pilot_is_fine(alice) -> None:
    pilot = PilotFactory(initiative=in_stage(alice, Stage.PILOT))
    services.pilot_update(
        actor=alice,
        pilot=pilot,
        data={"start_date": datetime.date(2026, 3, 1), "end_date": datetime.date(2026, 3, 1)},
    )
    pilot.refresh_from_db()
    assert pilot.start_date == pilot.end_date == datetime.date(2026, 3, 1)


def test_leadership_does_not_write_pilots(alice, leader) -> None:
    pilot = PilotFactory(initiative=in_stage(alice, Stage.PILOT))
    with pytest.raises(PermissionDenied):
        services.pilot_update(actor=leader, pilot=pilot, data={"scope": "Everyone"})
    pilot.refresh_from_db()
    assert pilot.scope == "Two teams in Customer Service"
