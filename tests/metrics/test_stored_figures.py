"""What the recompute stores so that pages read instead of computing: a KPI's latest value and
count, each quarter's verdict, and each KPI's track per quarter."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.models import Kpi, KpiQuarterStatus, RoiSnapshot
from metrics.services import roi_recompute
from metrics.services.imports.rows import measurement_import
from metrics.services.kpis import measurement_create, measurement_delete, measurement_update
from tests.conftest import token_client
from tests.factories.metrics import BenefitFactory, CostItemFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

D = Decimal


def stored(kpi: Kpi) -> tuple[Decimal | None, datetime.date | None, int]:
    kpi.refresh_from_db()
    return kpi.latest_value, kpi.latest_on, kpi.measurement_count


def test_every_write_of_a_measurement_keeps_the_kpis_latest_value(alice, kpi) -> None:
    assert stored(kpi) == (None, None, 0)
    first = measurement_create(
        actor=alice, kpi=kpi, data={"value": D("15"), "measured_on": datetime.date(2026, 1, 31)}
    )
    second = measurement_create(
        actor=alice, kpi=kpi, data={"value": D("14"), "measured_on": datetime.date(2026, 2, 10)}
    )
    assert stored(kpi) == (D("14"), datetime.date(2026, 2, 10), 2)
    measurement_update(actor=alice, measurement=second, data={"value": D("13.5")})
    assert stored(kpi) == (D("13.5"), datetime.date(2026, 2, 10), 2)
    measurement_delete(actor=alice, measurement=second)
    assert stored(kpi) == (D("15"), datetime.date(2026, 1, 31), 1)
    measurement_delete(actor=alice, measurement=first)
    assert stored(kpi) == (None, None, 0)


def test_an_import_stores_the_latest_value_and_the_api_shows_it(alice, kpi) -> None:
    rows = [
        {"row": 2, "kpi_id": str(kpi.pk), "date": "2026-03-05", "value": "12", "note": ""},
        {"row": 3, "kpi_id": str(kpi.pk), "date": "2026-02-05", "value": "14", "note": ""},
    ]
    result = measurement_import(actor=alice, rows=rows, dry_run=False)
    assert result.committed, result.errors
    assert stored(kpi) == (D("12"), datetime.date(2026, 3, 5), 2)
    body = token_client(alice).get(f"/api/v1/kpis/{kpi.pk}/").json()
    assert (body["latest_value"], body["last_measured"], body["measurement_count"]) == (
        "12.0000",
        "2026-03-05",
        2,
    )


def test_each_quarter_stores_its_verdict_and_its_kpis_track(initiative, kpi) -> None:
    """Q1: 10,000 invested, 20,800 of benefits (KPI 15 then 12, worth 1,600 a minute): paid off.
    Q2: a 40,000 cost and the KPI back at 19.5, far behind the plan: needs adjustment."""
    CostItemFactory(
        initiative=initiative, amount=D("10000.00"), start_date=datetime.date(2026, 1, 10)
    )
    CostItemFactory(
        initiative=initiative, amount=D("40000.00"), start_date=datetime.date(2026, 5, 2)
    )
    for value, day in (("15", (1, 31)), ("12", (2, 25)), ("19.5", (5, 20))):
        MeasurementFactory(kpi=kpi, value=D(value), measured_on=datetime.date(2026, *day))
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2026, 6, 30))

    q1 = RoiSnapshot.objects.get(initiative=initiative, kind="realised", period_label="2026-Q1")
    q2 = RoiSnapshot.objects.get(initiative=initiative, kind="realised", period_label="2026-Q2")
    assert (q1.cumulative_costs, q1.cumulative_benefits) == (D("10000.00"), D("20800.00"))
    assert q1.verdict == "paid_off"
    assert q2.verdict == "needs_adjustment"
    assert q2.kpis_off_track == ["Minutes per invoice"]
    assert "kpis_off_track" in q2.verdict_reasons

    statuses = {
        s.period_start: s for s in KpiQuarterStatus.objects.filter(kpi=kpi).order_by("period_start")
    }
    assert list(statuses) == [datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)]
    q1_status, q2_status = statuses.values()
    assert (q1_status.latest_value, q1_status.latest_on) == (D("12"), datetime.date(2026, 2, 25))
    assert q1_status.track == "on_track"
    assert (q2_status.latest_value, q2_status.track) == (D("19.5"), "off_track")
    # Five per cent of the way from 20 to the target of 10.
    assert q2_status.progress == D("5.0")


def test_a_benefit_spread_over_months_is_stored_to_the_cent(initiative) -> None:
    """10,000 spread evenly over the 89 days from 1 February to 30 April: 59 days in Q1
    (6,629.21), 30 in Q2 (3,370.79), which add up to 10,000.00 exactly."""
    BenefitFactory(
        initiative=initiative,
        amount=D("10000.00"),
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 4, 30),
    )
    CostItemFactory(
        initiative=initiative, amount=D("1000.00"), start_date=datetime.date(2026, 1, 5)
    )
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2026, 6, 30))
    rows = RoiSnapshot.objects.filter(initiative=initiative, kind="realised").order_by(
        "period_start"
    )
    assert [row.benefits for row in rows] == [D("6629.21"), D("3370.79")]
    assert rows[1].cumulative_benefits == D("10000.00")
