"""The rollups the dashboard reads (sums per quarter, department and stage, kept by database
triggers) always equal the sum of the stored rows, through every way the rows change; and the
dashboard's figures from them equal the same figures summed from the rows."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum

from initiatives.choices import Stage
from initiatives.models import Initiative
from metrics.models import KpiQuarterStatus, KpiRollup, RoiRollup, RoiSnapshot
from metrics.rollups import rollups_rebuild
from metrics.selectors.reporting import Slice
from metrics.services import roi_recompute
from portfolio.figures import QuarterView
from portfolio.figures.kpis import kpi_counts, kpi_rows
from portfolio.figures.money import departments_section, quarters_section, summary_section
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import (
    BenefitFactory,
    CostItemFactory,
    KpiFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db

D = Decimal
AS_OF = datetime.date(2026, 9, 30)


def live() -> tuple[dict[Any, Any], dict[Any, Any]]:
    """The sums the rollups must hold, summed here from the stored rows."""
    roi = {
        (r["period_start"], r["initiative__department_id"], r["initiative__stage"]): (
            r["n"], r["costs"], r["benefits"], r["cumulative_costs"], r["cumulative_benefits"],
            r["paid_off"], r["on_track"], r["needs_adjustment"],
        )
        for r in RoiSnapshot.objects.filter(kind="realised")
        .values("period_start", "initiative__department_id", "initiative__stage")
        .annotate(
            n=Count("pk"), costs=Sum("costs"), benefits=Sum("benefits"),
            cumulative_costs=Sum("cumulative_costs"),
            cumulative_benefits=Sum("cumulative_benefits"),
            paid_off=Count("pk", filter=Q(verdict="paid_off")),
            on_track=Count("pk", filter=Q(verdict="on_track")),
            needs_adjustment=Count("pk", filter=Q(verdict="needs_adjustment")),
        )
        .order_by()
    }  # fmt: skip
    kpis = {
        (r["period_start"], r["initiative__department_id"], r["initiative__stage"], r["track"]): r[
            "n"
        ]
        for r in KpiQuarterStatus.objects.values(
            "period_start", "initiative__department_id", "initiative__stage", "track"
        )
        .annotate(n=Count("pk"))
        .order_by()
    }
    return roi, kpis


def rolled_up() -> tuple[dict[Any, Any], dict[Any, Any]]:
    """What the rollups hold (groups emptied by a move or a delete left out)."""
    roi = {
        (r.period_start, r.department_id, r.stage): (
            r.initiatives, r.costs, r.benefits, r.cumulative_costs, r.cumulative_benefits,
            r.paid_off, r.on_track, r.needs_adjustment,
        )
        for r in RoiRollup.objects.filter(initiatives__gt=0)
    }  # fmt: skip
    kpis = {
        (r.period_start, r.department_id, r.stage, r.track): r.kpis
        for r in KpiRollup.objects.filter(kpis__gt=0)
    }
    return roi, kpis


def assert_rollups_hold() -> None:
    expected, actual = live(), rolled_up()
    assert actual[0] == expected[0]
    assert actual[1] == expected[1]


@pytest.fixture
def two_departments(alice) -> tuple[Initiative, Initiative, Initiative]:
    """Three initiatives in two departments, with costs, benefits and KPIs, recomputed."""
    finance = DepartmentFactory(name="Finance", code="fin")
    service = DepartmentFactory(name="Customer service", code="cs")
    made = []
    for title, department, stage, cost, benefit in (
        ("Invoice reading", finance, Stage.PILOT, "10000.00", "4000.00"),
        ("Contract review", finance, Stage.PRODUCTION, "25000.00", "90000.00"),
        ("Call summaries", service, Stage.PILOT, "8000.00", "1500.00"),
    ):
        initiative = InitiativeFactory(title=title, owner=alice, department=department, stage=stage)
        CostItemFactory(
            initiative=initiative, amount=D(cost), start_date=datetime.date(2026, 1, 20)
        )
        BenefitFactory(
            initiative=initiative, amount=D(benefit), start_date=datetime.date(2026, 2, 1),
            end_date=datetime.date(2026, 7, 31),
        )  # fmt: skip
        kpi = KpiFactory(initiative=initiative, name=f"Minutes per case, {title}")
        for value, day in (("18", (2, 27)), ("16.5", (5, 29)), ("19", (8, 28))):
            MeasurementFactory(kpi=kpi, value=D(value), measured_on=datetime.date(2026, *day))
        made.append(initiative)
    roi_recompute(initiative_ids=[i.pk for i in made], as_of=AS_OF)
    return made[0], made[1], made[2]


def test_the_rollups_follow_every_write_of_the_stored_rows(two_departments) -> None:
    invoice, contracts, calls = two_departments
    roi, kpis = rolled_up()
    assert roi and kpis
    assert_rollups_hold()
    # Three quarters for each initiative; the two pilots of Finance share one group.
    q3 = datetime.date(2026, 7, 1)
    finance_pilots = roi[(q3, invoice.department_id, Stage.PILOT)]
    assert finance_pilots[0] == 1
    assert finance_pilots[3] == D("10000.00")

    # A recompute after a new cost replaces the rows: the sums follow.
    CostItemFactory(initiative=calls, amount=D("2500.00"), start_date=datetime.date(2026, 8, 3))
    roi_recompute(initiative_ids=[calls.pk], as_of=AS_OF)
    assert_rollups_hold()
    assert rolled_up()[0][(q3, calls.department_id, Stage.PILOT)][3] == D("10500.00")

    # An initiative that moves to another department and stage takes its figures along.
    calls.department = invoice.department
    calls.stage = Stage.SCALING
    calls.save()
    assert_rollups_hold()
    assert (q3, invoice.department_id, Stage.SCALING) in rolled_up()[0]

    # A bulk update of many initiatives at once, as an import or a script makes it.
    Initiative.objects.filter(pk__in=[invoice.pk, contracts.pk]).update(stage=Stage.ON_HOLD)
    assert_rollups_hold()
    assert rolled_up()[0][(q3, invoice.department_id, Stage.ON_HOLD)][0] == 2

    # Rows updated in place, and an initiative deleted with its rows.
    RoiSnapshot.objects.filter(initiative=contracts, kind="realised").update(verdict="on_track")
    KpiQuarterStatus.objects.filter(initiative=invoice).update(track="off_track")
    assert_rollups_hold()
    invoice.delete()
    assert_rollups_hold()

    # Summed afresh, the rollups are what the triggers kept.
    before = rolled_up()
    rollups_rebuild()
    assert rolled_up() == before


def test_a_truncated_source_empties_its_rollup(two_departments) -> None:
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; a TRUNCATE wants them checked now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {RoiSnapshot._meta.db_table}")
    assert not RoiRollup.objects.exists()
    assert KpiRollup.objects.exists()


def test_the_dashboards_figures_from_the_rollups_equal_the_sums_of_the_rows(
    two_departments,
) -> None:
    """A department's tiles, series, per-department rows and KPI counts read from the rollups
    equal the same figures summed from the stored rows of its initiatives (a team lead's view)."""
    invoice, _contracts, _calls = two_departments
    department = invoice.department_id
    for rolled, rows in (
        (Slice(), Initiative.objects.all()),
        (Slice(department_id=department), Initiative.objects.filter(department_id=department)),
        (Slice(stage=Stage.PILOT), Initiative.objects.filter(stage=Stage.PILOT)),
        (
            Slice(department_id=department, stage=Stage.PILOT),
            Initiative.objects.filter(department_id=department, stage=Stage.PILOT),
        ),
    ):
        fast = QuarterView.of(2026, 3, scope=rolled, today=AS_OF)
        slow = QuarterView.of(2026, 3, scope=rows, today=AS_OF)
        assert summary_section(fast) == summary_section(slow)
        assert quarters_section(fast) == quarters_section(slow)
        assert departments_section(fast) == departments_section(slow)
        assert kpi_counts(fast) == kpi_counts(slow)
    whole = summary_section(QuarterView.of(2026, 3, scope=Slice(), today=AS_OF))
    assert whole["invested_total"] == "43000.00"
    assert whole["initiatives"] == 3


def test_kpis_needing_attention_come_furthest_behind_first(two_departments, alice) -> None:
    """Off track before at risk; within a track, the lowest progress towards target first."""
    view = QuarterView.of(2026, 3, scope=Slice(), today=AS_OF)
    behind = InitiativeFactory(title="Claims triage", owner=alice, stage=Stage.PILOT)
    kpi = KpiFactory(initiative=behind, name="Minutes per claim")
    MeasurementFactory(kpi=kpi, value=D("21"), measured_on=datetime.date(2026, 8, 28))
    roi_recompute(initiative_ids=[behind.pk], as_of=AS_OF)
    rows = kpi_rows(view, tracks=("off_track", "at_risk"), limit=25, worst_first=True)
    assert [row["track"] for row in rows] == sorted(
        (row["track"] for row in rows), key=("off_track", "at_risk").index
    )
    assert rows[0]["name"] == "Minutes per claim"
    assert rows[0]["progress"] == "-10.0"
    progress = [D(row["progress"]) for row in rows if row["track"] == "off_track"]
    assert progress == sorted(progress)
    assert len(rows) == kpi_counts(view)["off_track"] + kpi_counts(view)["at_risk"]
