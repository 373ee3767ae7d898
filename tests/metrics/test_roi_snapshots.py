"""ROI snapshots: the worked examples of DESIGN.md section 3, stored per quarter; coalescing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.models import RoiSnapshot, RoiState
from metrics.panels import realised_roi_evidence
from metrics.services import roi_mark_dirty, roi_recompute, roi_recompute_all
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import BenefitFactory, CostItemFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def worked_example(initiative, kpi):
    """1,000 a month from 15 January to 14 April 2026 and the 'minutes per invoice' KPI."""
    CostItemFactory(
        initiative=initiative,
        kind="recurring",
        category="licences",
        amount=D("1000"),
        start_date=datetime.date(2026, 1, 15),
        end_date=datetime.date(2026, 4, 14),
    )
    for value, day in (("15", (1, 31)), ("14", (2, 10)), ("12", (2, 25))):
        MeasurementFactory(kpi=kpi, value=D(value), measured_on=datetime.date(2026, *day))
    return initiative


def snapshot(initiative, kind: str, label: str) -> RoiSnapshot:
    return RoiSnapshot.objects.get(initiative=initiative, kind=kind, period_label=label)


def test_quarters_hold_the_worked_example_rounded_to_cents(worked_example) -> None:
    roi_recompute(initiative_ids=[worked_example.pk], as_of=datetime.date(2026, 4, 30))
    q1 = snapshot(worked_example, "realised", "2026-Q1")
    # 548.39 in January (17 of 31 days) + 2 × 1,000; benefits 8,000 (Jan) + 12,800 (Feb).
    assert (q1.costs, q1.benefits, q1.net) == (D("2548.39"), D("20800.00"), D("18251.61"))
    assert q1.roi == D("716.2")
    q2 = snapshot(worked_example, "realised", "2026-Q2")
    assert (q2.costs, q2.benefits, q2.roi) == (D("466.67"), D("0.00"), D("-100.0"))
    assert (q2.cumulative_costs, q2.cumulative_benefits) == (D("3015.05"), D("20800.00"))
    assert q2.cumulative_roi == D("589.9")
    assert q1.payback_month == datetime.date(2026, 1, 1)
    state = RoiState.objects.get(initiative=worked_example)
    assert state.realised_payback_month == datetime.date(2026, 1, 1)
    assert state.computed_at is not None


def test_planned_figures_sit_beside_realised_with_the_same_costs(worked_example) -> None:
    roi_recompute(initiative_ids=[worked_example.pk], as_of=datetime.date(2026, 4, 30))
    planned = snapshot(worked_example, "planned", "2026-Q1")
    realised = snapshot(worked_example, "realised", "2026-Q1")
    assert planned.costs == realised.costs
    # Linear from 20 on 1 January to 10 on 31 December: far less by March than measured.
    assert D("0") < planned.benefits < realised.benefits
    assert RoiSnapshot.objects.filter(initiative=worked_example).count() == 4


def test_a_reference_case_of_300_percent(initiative) -> None:
    CostItemFactory(
        initiative=initiative, amount=D("2500000"), start_date=datetime.date(2025, 1, 1)
    )
    BenefitFactory(
        initiative=initiative,
        amount=D("10000000"),
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2025, 12, 31))
    q4 = snapshot(initiative, "realised", "2025-Q4")
    assert q4.cumulative_roi == D("300.0")
    assert q4.cumulative_net == D("7500000.00")


def test_no_costs_gives_an_undefined_roi_not_zero(initiative) -> None:
    BenefitFactory(initiative=initiative, amount=D("100"), start_date=datetime.date(2026, 2, 1))
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2026, 3, 31))
    q1 = snapshot(initiative, "realised", "2026-Q1")
    assert q1.roi is None and q1.cumulative_roi is None
    assert realised_roi_evidence(initiative).value == "—"


def test_recomputing_replaces_snapshots_and_removes_stale_ones(worked_example) -> None:
    roi_recompute(initiative_ids=[worked_example.pk], as_of=datetime.date(2026, 4, 30))
    worked_example.cost_items.all().delete()
    worked_example.kpis.all().delete()
    roi_recompute(initiative_ids=[worked_example.pk], as_of=datetime.date(2026, 4, 30))
    assert not RoiSnapshot.objects.filter(initiative=worked_example).exists()
    assert RoiState.objects.get(initiative=worked_example).runs == 2


def test_the_nightly_run_covers_every_initiative_with_figures(worked_example) -> None:
    assert roi_recompute_all(as_of=datetime.date(2026, 4, 30)) == 4


def test_the_nightly_run_clears_an_initiative_whose_figures_were_all_removed(
    worked_example, alice
) -> None:
    other = InitiativeFactory(title="Contract triage", owner=alice)
    CostItemFactory(initiative=other, amount=D("500"), start_date=datetime.date(2026, 2, 3))
    as_of = datetime.date(2026, 4, 30)
    assert roi_recompute_all(as_of=as_of) == 8
    worked_example.cost_items.all().delete()
    worked_example.kpis.all().delete()
    # Only its stored quarters are left to find it by: they go, the other's stay as they were.
    others = RoiSnapshot.objects.filter(initiative=other).values_list("pk", "computed_at")
    kept = set(others)
    assert roi_recompute_all(as_of=as_of) == 4
    assert not RoiSnapshot.objects.filter(initiative=worked_example).exists()
    assert set(others) == kept
    q1 = snapshot(other, "realised", "2026-Q1")
    assert (q1.costs, q1.benefits, q1.cumulative_roi) == (D("500.00"), D("0.00"), D("-100.0"))


def test_recomputing_one_initiative_leaves_the_others_quarters_alone(worked_example, alice) -> None:
    other = InitiativeFactory(title="Contract triage", owner=alice)
    CostItemFactory(initiative=other, amount=D("500"), start_date=datetime.date(2026, 2, 3))
    as_of = datetime.date(2026, 4, 30)
    roi_recompute_all(as_of=as_of)
    CostItemFactory(initiative=other, amount=D("250"), start_date=datetime.date(2026, 3, 3))
    roi_recompute(initiative_ids=[worked_example.pk], as_of=as_of)
    # Not recomputed yet: still the figures of the last run.
    assert snapshot(other, "realised", "2026-Q1").costs == D("500.00")
    roi_recompute(initiative_ids=[other.pk], as_of=as_of)
    assert snapshot(other, "realised", "2026-Q1").costs == D("750.00")
    assert snapshot(worked_example, "realised", "2026-Q1").costs == D("2548.39")


def test_gate_evidence_shows_the_realised_cumulative_roi(worked_example) -> None:
    assert realised_roi_evidence(worked_example).value == "not yet computed"
    roi_recompute(initiative_ids=[worked_example.pk], as_of=datetime.date(2026, 4, 30))
    evidence = realised_roi_evidence(worked_example)
    assert evidence.value == "589.9%"
    # Positive, but no measurements since February put it behind the plan: a warning.
    planned = snapshot(worked_example, "planned", "2026-Q2").cumulative_roi
    assert planned > D("589.9")
    assert evidence.tone == "warn"
    assert f"planned ROI {planned}%" in evidence.detail
    assert evidence.data["quarter"] == "2026-Q2"
    assert str(evidence.url).endswith(f"/metrics/initiatives/{worked_example.pk}/financials/")


def test_a_burst_of_changes_enqueues_one_recompute(
    initiative, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        results = [roi_mark_dirty(initiative_id=initiative.pk) for _ in range(100)]
    assert results.count(True) == 1
    assert len(callbacks) == 1
    assert RoiState.objects.get(initiative=initiative).dirty


def test_a_lost_dirty_flag_is_reclaimed_after_ten_minutes(initiative) -> None:
    roi_mark_dirty(initiative_id=initiative.pk)
    RoiState.objects.filter(initiative=initiative).update(
        dirty_since=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert roi_mark_dirty(initiative_id=initiative.pk)
