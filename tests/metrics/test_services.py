"""Writes of the metrics app: who may change what, bad input refused with reasons, history kept."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metrics import services
from metrics.models import Benefit, CostItem, Kpi, Measurement
from tests.factories.metrics import CostItemFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

KPI_DATA = {
    "name": "First-time-right rate",
    "category": "quality",
    "unit": "%",
    "direction": "higher",
    "baseline_value": "62.5",
    "baseline_date": datetime.date(2026, 1, 1),
    "target_value": "85",
    "target_date": datetime.date(2026, 9, 30),
    "frequency": "month",
}


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- KPIs -------------------------------------------------------------------------------------


def test_owner_defines_a_smart_kpi_and_becomes_its_owner(alice, initiative) -> None:
    kpi = services.kpi_create(actor=alice, initiative=initiative, data=KPI_DATA)
    assert kpi.baseline_value == Decimal("62.5")
    assert kpi.owner == alice
    assert kpi.history.get().history_user == alice


@pytest.mark.parametrize(
    ("missing", "reason"),
    [
        ("baseline_value", "without a starting value"),
        ("target_date", "by when it is reached"),
    ],
)
def test_a_kpi_without_baseline_or_target_date_is_refused_with_the_reason(
    alice, initiative, missing, reason
) -> None:
    data = {**KPI_DATA, missing: None}
    with pytest.raises(ValidationError) as exc:
        services.kpi_create(actor=alice, initiative=initiative, data=data)
    assert reason in errors_of(exc)[missing][0]
    assert not Kpi.objects.exists()


def test_a_target_worse_than_the_baseline_is_refused(alice, initiative) -> None:
    with pytest.raises(ValidationError) as exc:
        services.kpi_create(
            actor=alice, initiative=initiative, data={**KPI_DATA, "target_value": "50"}
        )
    assert "must not be below the baseline" in errors_of(exc)["target_value"][0]


def test_a_target_date_before_the_baseline_is_refused(alice, initiative) -> None:
    data = {**KPI_DATA, "target_date": datetime.date(2025, 12, 1)}
    with pytest.raises(ValidationError) as exc:
        services.kpi_create(actor=alice, initiative=initiative, data=data)
    assert "after the baseline date" in errors_of(exc)["target_date"][0]


def test_a_team_member_may_define_kpis_but_others_may_not(
    bob, charlie, leader, finance_user, compliance_officer, initiative
) -> None:
    assert services.kpi_create(actor=bob, initiative=initiative, data=KPI_DATA).pk
    for outsider in (charlie, leader, finance_user, compliance_officer):
        with pytest.raises(PermissionDenied):
            services.kpi_create(
                actor=outsider, initiative=initiative, data={**KPI_DATA, "name": "x"}
            )


def test_changing_a_kpi_is_recorded_with_who_and_what(alice, bob, kpi) -> None:
    services.kpi_update(actor=bob, kpi=kpi, data={"target_value": "12"})
    latest = kpi.history.order_by("-history_date").first()
    assert latest.history_user == bob
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("target_value", Decimal("10.0000"), Decimal("12"))
    ]


# --- Measurements -----------------------------------------------------------------------------


def test_team_members_log_measurements_and_outsiders_cannot(
    alice, bob, charlie, leader, finance_user, kpi, past_day
) -> None:
    services.measurement_create(actor=bob, kpi=kpi, data={"value": "15", "measured_on": past_day})
    for outsider in (charlie, leader, finance_user):
        with pytest.raises(PermissionDenied):
            services.measurement_create(
                actor=outsider,
                kpi=kpi,
                data={"value": "14", "measured_on": past_day - datetime.timedelta(days=1)},
            )
    assert Measurement.objects.get().logged_by == bob


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": "abc", "measured_on": datetime.date(2026, 1, 5)}, "value", "plain number"),
        ({"value": "1,5", "measured_on": datetime.date(2026, 1, 5)}, "value", "plain number"),
        ({"value": "NaN", "measured_on": datetime.date(2026, 1, 5)}, "value", "plain number"),
        ({"value": "3", "measured_on": "31-01-2026"}, "measured_on", "YYYY-MM-DD"),
        ({"value": "3", "measured_on": datetime.date(2099, 1, 1)}, "measured_on", "future"),
        ({"value": "1.23456", "measured_on": datetime.date(2026, 1, 5)}, "value", "decimals"),
    ],
)
def test_bad_measurements_are_refused_and_nothing_is_saved(
    alice, kpi, data, field, message
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.measurement_create(actor=alice, kpi=kpi, data=data)
    assert message in " ".join(errors_of(exc)[field])
    assert not Measurement.objects.exists()


def test_a_second_value_on_the_same_day_is_a_duplicate(alice, kpi, past_day) -> None:
    services.measurement_create(actor=alice, kpi=kpi, data={"value": "15", "measured_on": past_day})
    with pytest.raises(ValidationError) as exc:
        services.measurement_create(
            actor=alice, kpi=kpi, data={"value": "14", "measured_on": past_day}
        )
    assert "already has a measurement" in errors_of(exc)["measured_on"][0]


def test_only_the_person_who_logged_a_measurement_edits_or_deletes_it(alice, bob, kpi) -> None:
    measurement = MeasurementFactory(kpi=kpi, logged_by=alice)
    pk = measurement.pk
    with pytest.raises(PermissionDenied):
        services.measurement_update(actor=bob, measurement=measurement, data={"value": "1"})
    with pytest.raises(PermissionDenied):
        services.measurement_delete(actor=bob, measurement=measurement)
    services.measurement_update(actor=alice, measurement=measurement, data={"value": "14.5"})
    services.measurement_delete(actor=alice, measurement=measurement)
    history = list(Measurement.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [(h.history_type, h.history_user) for h in history[1:]] == [
        ("~", alice),
        ("-", alice),
    ]
    assert history[1].value == Decimal("14.5")


# --- Costs and benefits -----------------------------------------------------------------------

RECURRING = {
    "kind": "recurring",
    "category": "licences",
    "description": "Seats",
    "amount": "1000",
    "start_date": datetime.date(2026, 1, 15),
    "end_date": datetime.date(2026, 4, 14),
}


def test_finance_books_costs_and_team_leads_cannot(
    finance_user, alice, leader, compliance_officer, initiative
) -> None:
    cost = services.cost_create(actor=finance_user, initiative=initiative, data=RECURRING)
    assert cost.amount == Decimal("1000")
    assert cost.history.get().history_user == finance_user
    for person in (alice, leader, compliance_officer):
        with pytest.raises(PermissionDenied):
            services.cost_create(actor=person, initiative=initiative, data=RECURRING)
        with pytest.raises(PermissionDenied):
            services.cost_update(actor=person, cost=cost, data={"amount": "1"})
        with pytest.raises(PermissionDenied):
            services.cost_delete(actor=person, cost=cost)
    assert CostItem.objects.get().amount == Decimal("1000")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "must not be negative"),
        ({"amount": "lots"}, "amount", "plain number"),
        ({"amount": "1.005"}, "amount", "decimals"),
        ({"end_date": None}, "end_date", "needs an end date"),
        ({"end_date": datetime.date(2026, 1, 1)}, "end_date", "before the start date"),
        ({"kind": "one_time"}, "end_date", "leave the end empty"),
        ({"category": "snacks"}, "category", "category"),
    ],
)
def test_bad_costs_are_refused_with_a_reason(
    finance_user, initiative, changes, field, message
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.cost_create(
            actor=finance_user, initiative=initiative, data={**RECURRING, **changes}
        )
    assert message in " ".join(errors_of(exc)[field])
    assert not CostItem.objects.exists()


def test_bad_benefits_are_refused(finance_user, initiative) -> None:
    data = {"description": "Uplift", "amount": "-1", "start_date": datetime.date(2026, 3, 1)}
    with pytest.raises(ValidationError) as exc:
        services.benefit_create(actor=finance_user, initiative=initiative, data=data)
    assert "negative" in errors_of(exc)["amount"][0]
    data = {**data, "amount": "100", "end_date": datetime.date(2026, 2, 1)}
    with pytest.raises(ValidationError) as exc:
        services.benefit_create(actor=finance_user, initiative=initiative, data=data)
    assert "before the start date" in errors_of(exc)["end_date"][0]
    assert not Benefit.objects.exists()


def test_cost_changes_keep_who_changed_what(finance_user, initiative) -> None:
    cost = CostItemFactory(initiative=initiative, amount=Decimal("100.00"))
    pk = cost.pk
    services.cost_update(actor=finance_user, cost=cost, data={"amount": "250.50"})
    services.cost_delete(actor=finance_user, cost=cost)
    history = list(CostItem.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert history[1].history_user == finance_user
    assert history[1].amount == Decimal("250.50")


# --- Adoption ---------------------------------------------------------------------------------


def test_adoption_is_one_figure_per_department_and_month(alice, finance_user, leader) -> None:
    from tests.factories.initiatives import DepartmentFactory

    department = DepartmentFactory(headcount=200)
    services.adoption_record(
        actor=alice,
        department=department,
        data={"month": datetime.date(2026, 3, 17), "active_users": 40},
    )
    record = services.adoption_record(
        actor=finance_user,
        department=department,
        data={"month": datetime.date(2026, 3, 2), "active_users": "55"},
    )
    assert record.month == datetime.date(2026, 3, 1)
    assert department.adoption_records.get().active_users == 55
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            actor=leader, department=department, data={"month": "2026-03-01", "active_users": 1}
        )
    for bad in ("-3", "many", "1.5"):
        with pytest.raises(ValidationError):
            services.adoption_record(
                actor=alice,
                department=department,
                data={"month": "2026-04-01", "active_users": bad},
            )
