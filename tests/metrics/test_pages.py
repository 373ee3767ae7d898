"""Pages of the metrics app as people use them: quick entry, forms, import, adoption."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job
from metrics.models import CostItem, Kpi, Measurement
from metrics.services import roi_recompute
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import (
    AdoptionRecordFactory,
    CostItemFactory,
    KpiFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_initiative_metrics_page_shows_kpis_with_quick_entry_and_overdue_flags(
    client, alice, kpi
) -> None:
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31))
    response = page(client, alice, reverse("metrics:initiative-metrics", args=[kpi.initiative_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Minutes per invoice" in body
    assert f'hx-post="{reverse("metrics:measurement-quick-create", args=[kpi.pk])}"' in body
    assert "Overdue since" in body  # monthly KPI, last measured in January
    assert f'id="kpi-chart-{kpi.pk}"' in body
    assert "Costs, benefits and ROI" in body


def test_outsiders_get_404_and_compliance_sees_kpis_but_no_money(
    client, charlie, compliance_officer, kpi
) -> None:
    url = reverse("metrics:initiative-metrics", args=[kpi.initiative_id])
    assert page(client, charlie, url).status_code == 404
    body = page(client, compliance_officer, url).content.decode()
    assert "Minutes per invoice" in body
    assert "Costs, benefits and ROI" not in body
    assert "hx-post" not in body
    financials = reverse("metrics:initiative-financials", args=[kpi.initiative_id])
    assert page(client, compliance_officer, financials).status_code == 403


def test_quick_entry_saves_without_leaving_the_page(client, bob, kpi) -> None:
    client.force_login(bob)
    url = reverse("metrics:measurement-quick-create", args=[kpi.pk])
    data = {
        f"kpi{kpi.pk}-value": "14.5",
        f"kpi{kpi.pk}-measured_on": "2026-02-28",
        f"kpi{kpi.pk}-note": "ok",
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="metrics-kpi-panel"' in body and "Saved" in body and "14.5 minutes" in body
    assert Measurement.objects.get().logged_by == bob
    response = client.post(url, {**data, f"kpi{kpi.pk}-value": "abc"}, HTTP_HX_REQUEST="true")
    assert "field__errors" in response.content.decode()
    assert Measurement.objects.count() == 1


def test_quick_entry_is_refused_to_people_outside_the_team(client, leader, kpi) -> None:
    client.force_login(leader)
    url = reverse("metrics:measurement-quick-create", args=[kpi.pk])
    response = client.post(
        url, {f"kpi{kpi.pk}-value": "1", f"kpi{kpi.pk}-measured_on": "2026-02-28"}
    )
    assert response.status_code == 403


def test_the_kpi_form_says_why_a_baseline_is_needed(client, alice, initiative) -> None:
    client.force_login(alice)
    url = reverse("metrics:kpi-create", args=[initiative.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": "Cases per day", "kind": "operational", "category": "efficiency", "unit": "cases",
        "direction": "higher", "baseline_date": "2026-01-01", "target_value": "50",
        "frequency": "week",
    }  # fmt: skip
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "without a starting value" in body
    assert "by when it is reached" in body
    assert not Kpi.objects.exists()
    response = client.post(url, {**data, "baseline_value": "40", "target_date": "2026-06-30"})
    assert response.status_code == 302
    assert Kpi.objects.get().owner == alice


def test_kpi_detail_lists_entries_with_edit_for_ones_own_and_the_history(
    client, alice, bob, kpi
) -> None:
    mine = MeasurementFactory(kpi=kpi, logged_by=alice, measured_on=datetime.date(2026, 1, 31))
    theirs = MeasurementFactory(kpi=kpi, logged_by=bob, measured_on=datetime.date(2026, 2, 28))
    body = page(client, alice, reverse("metrics:kpi-detail", args=[kpi.pk])).content.decode()
    assert reverse("metrics:measurement-update", args=[mine.pk]) in body
    assert reverse("metrics:measurement-update", args=[theirs.pk]) not in body
    assert "Change history" in body
    client.force_login(alice)
    response = client.post(
        reverse("metrics:measurement-update", args=[mine.pk]),
        {"value": "16", "measured_on": "2026-01-31", "note": "recount"},
    )
    assert response.status_code == 302
    body = client.get(reverse("metrics:kpi-detail", args=[kpi.pk])).content.decode()
    assert "Corrected" in body and "<del>15.0000</del>" in body
    assert client.get(reverse("metrics:measurement-delete", args=[theirs.pk])).status_code == 403


def test_finance_maintains_costs_in_pages_and_team_leads_cannot(
    client, finance_user, alice, initiative
) -> None:
    url = reverse("metrics:cost-create", args=[initiative.pk])
    assert page(client, alice, url).status_code == 403
    client.force_login(finance_user)
    data = {"kind": "recurring", "category": "cloud", "amount": "900", "start_date": "2026-01-01"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "needs an end date" in response.content.decode()
    response = client.post(url, {**data, "end_date": "2026-12-31"})
    assert response.status_code == 302
    cost = CostItem.objects.get()
    assert cost.history.get().history_user == finance_user
    response = client.post(
        reverse("metrics:benefit-create", args=[initiative.pk]),
        {"description": "Avoided agency hours", "amount": "1200", "start_date": "2026-02-01"},
    )
    assert response.status_code == 302
    body = client.get(
        reverse("metrics:initiative-financials", args=[initiative.pk])
    ).content.decode()
    assert "900.00" in body and reverse("metrics:cost-update", args=[cost.pk]) in body
    assert "Avoided agency hours (€1,200.00)" in body  # in the change history
    alice_view = page(client, alice, reverse("metrics:initiative-financials", args=[initiative.pk]))
    assert reverse("metrics:cost-update", args=[cost.pk]) not in alice_view.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_the_financial_overview_makes_a_fixed_number_of_queries(
    client, finance_user, size, django_assert_num_queries
) -> None:
    for _ in range(size):
        cost = CostItemFactory()
        roi_recompute(initiative_ids=[cost.initiative_id], as_of=datetime.date(2026, 3, 31))
    client.force_login(finance_user)
    url = reverse("metrics:financial-overview")
    # session, user, roles (nav), roles (selector cached), count, page, the notification bell,
    # the organisation's training spend
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(">−€10,000.00<") == size  # net benefit per row


def test_the_import_page_previews_then_saves_in_a_job_with_a_progress_page(
    client, alice, kpi, django_capture_on_commit_callbacks
) -> None:
    client.force_login(alice)
    url = reverse("metrics:measurement-import")
    upload = SimpleUploadedFile(
        "m.csv",
        f"kpi_id,date,value,note\n{kpi.pk},2026-01-31,15,\n{kpi.pk},2026-02-28,14,\n".encode(),
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    token = response.context["token"]
    assert token and not Measurement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"token": token})
    job = Job.objects.get(kind="metrics.measurement_import")
    assert response.status_code == 302
    assert response.url == reverse("metrics:measurement-import-job", args=[job.pk])
    assert Measurement.objects.count() == 2
    body = client.get(response.url).content.decode()
    assert "2 measurements saved." in body
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-progress"' in fragment and "every 1s" not in fragment
    # The preview's file went with the job: committing the same preview again does nothing.
    response = client.post(url, {"token": token}, follow=True)
    assert "That preview has expired" in response.content.decode()
    assert Job.objects.count() == 1 and Measurement.objects.count() == 2


def test_the_progress_page_polls_while_the_job_waits_for_a_worker(client, alice, kpi) -> None:
    client.force_login(alice)
    url = reverse("metrics:measurement-import")
    upload = SimpleUploadedFile("m.csv", f"kpi_id,date,value\n{kpi.pk},2026-01-31,15\n".encode())
    token = client.post(url, {"file": upload}).context["token"]
    response = client.post(url, {"token": token})  # no commit in this test: the job stays queued
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "Waiting for a worker" in fragment
    # Someone else's import job is not found.
    client.force_login(UserFactory(username="dora"))
    assert client.get(response.url).status_code == 404


def test_a_commit_that_fails_on_re_check_shows_the_rows_and_saves_nothing(
    client, alice, kpi, django_capture_on_commit_callbacks
) -> None:
    client.force_login(alice)
    url = reverse("metrics:measurement-import")
    upload = SimpleUploadedFile(
        "m.csv", f"kpi_id,date,value\n{kpi.pk},2026-01-30,15\n{kpi.pk},2026-01-31,14\n".encode()
    )
    token = client.post(url, {"file": upload}).context["token"]
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"token": token})
    body = client.get(response.url).content.decode()
    assert "Nothing was saved." in body
    assert "1 row is not valid; nothing was saved." in body
    assert "This KPI already has a measurement on this date." in body
    assert Measurement.objects.count() == 1


def test_the_import_page_shows_row_errors_and_offers_no_save(client, alice, kpi) -> None:
    client.force_login(alice)
    upload = SimpleUploadedFile("m.csv", f"kpi_id,date,value\n{kpi.pk},2026-01-31,x\n".encode())
    response = client.post(reverse("metrics:measurement-import"), {"file": upload})
    body = response.content.decode()
    assert "Nothing was saved" in body and "plain number" in body
    assert not response.context["token"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_template_downloads(client, alice, fmt) -> None:
    response = page(client, alice, reverse("metrics:measurement-import-template", args=[fmt]))
    assert response.status_code == 200
    assert f"measurements-template.{fmt}" in response["Content-Disposition"]


def test_the_import_template_lists_my_kpis_and_imports_once_filled_in(
    client, alice, charlie, kpi, django_capture_on_commit_callbacks
) -> None:
    errors_kpi = KpiFactory(initiative=kpi.initiative, name="Errors per 100 invoices", unit="")
    KpiFactory(initiative=InitiativeFactory(owner=charlie), name="Not alice's")
    # The last value logged is shown for the reader (kept on the KPI by the measurement services).
    Kpi.objects.filter(pk=kpi.pk).update(
        latest_value=Decimal("15.25"), latest_on=datetime.date(2025, 12, 31)
    )
    response = page(client, alice, reverse("metrics:measurement-import-template", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["kpi_id", "initiative_id", "initiative", "kpi_name", "unit", "last_value", "last_date",
         "date", "value", "note"],
        [str(errors_kpi.pk), str(kpi.initiative_id), "Invoice reading", "Errors per 100 invoices",
         "", "", "", "", "", ""],
        [str(kpi.pk), str(kpi.initiative_id), "Invoice reading", "Minutes per invoice", kpi.unit,
         "15.25", "2025-12-31", "", "", ""],
    ]  # fmt: skip
    # Fill in one KPI's date and value; the other row stays as downloaded and is skipped.
    rows[2][7:9] = ["2026-01-31", "14.5"]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    url = reverse("metrics:measurement-import")
    response = client.post(url, {"file": SimpleUploadedFile("m.csv", text.getvalue().encode())})
    assert (response.context["result"].rows, response.context["result"].valid) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"token": response.context["token"]})
    assert list(Measurement.objects.values_list("kpi_id", "value")) == [(kpi.pk, Decimal("14.5"))]


def test_the_kpi_id_is_on_the_kpi_page_and_the_initiative_panel(client, alice, kpi) -> None:
    detail = page(client, alice, reverse("metrics:kpi-detail", args=[kpi.pk])).content.decode()
    assert f"<dt>KPI id (for imports)</dt><dd>{kpi.pk}</dd>" in detail
    panel = client.get(reverse("metrics:initiative-metrics", args=[kpi.initiative_id]))
    assert f"<dt>KPI id</dt><dd>{kpi.pk}</dd>" in panel.content.decode()


def test_import_row_errors_quote_the_bad_cell(client, alice, kpi) -> None:
    upload = SimpleUploadedFile(
        "m.csv",
        (
            "kpi_id,date,value\n"
            f"{kpi.pk},2026-01-31,12\n"
            f"{kpi.pk},2026-02-28,abc\n"
            f"{kpi.pk},28.02.2026,3\n"
            "999999,2026-01-31,3\n"
        ).encode(),
    )
    client.force_login(alice)
    response = client.post(reverse("metrics:measurement-import"), {"file": upload})
    errors = [(e.row, e.field, e.message) for e in response.context["result"].errors]
    assert errors == [
        (3, "value", "value 'abc' is not a number; enter a plain number such as 1234.56."),
        (4, "date", "date '28.02.2026' is not a date; enter it as YYYY-MM-DD."),
        (5, "kpi_id", "Unknown KPI: kpi_id '999999' is not one of the KPIs you may log."),
    ]
    assert "value &#x27;abc&#x27; is not a number" in response.content.decode()
    assert not Measurement.objects.exists()  # all or nothing: the good row 2 waits too


def test_the_adoption_page_shows_scaling_metrics(client, alice, leader) -> None:
    sales = DepartmentFactory(name="Sales", headcount=200)
    InitiativeFactory(department=sales, stage="production")
    DepartmentFactory(name="Legal", headcount=50)
    for month, users in ((1, 40), (2, 45), (3, 50)):
        AdoptionRecordFactory(
            department=sales, month=datetime.date(2026, month, 1), active_users=users
        )
    body = page(client, leader, reverse("metrics:adoption")).content.decode()
    assert "1 of 2 departments" in body
    assert "25.0 %" in body  # 50 of 200 in March
    assert "growing" in body
    assert "Record monthly active users" not in body  # leadership reads only
    client.force_login(alice)
    response = client.post(
        reverse("metrics:adoption"),
        {"department": sales.pk, "month": "2026-04-01", "active_users": "-2"},
    )
    assert response.status_code == 400


def test_the_scaling_estimate_shows_the_budget_multiple(client, finance_user, initiative) -> None:
    client.force_login(finance_user)
    url = reverse("metrics:scaling-estimate", args=[initiative.pk])
    query = {
        "basis": "seats",
        "fixed": "50000",
        "variable": "20000",
        "pilot_units": "50",
        "target_units": "500",
    }
    response = client.get(url, query, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "250,000.00" in body and "3.6×" in body and "typical" in body
    response = client.get(url, {**query, "pilot_units": "0"}, HTTP_HX_REQUEST="true")
    assert "above zero" in response.content.decode()


def test_the_kpi_list_panel_reads_in_few_queries_for_many_kpis(
    rf, alice, initiative, django_assert_max_num_queries
) -> None:
    from metrics.panels import kpi_panel_context

    for n in range(15):
        kpi = KpiFactory(initiative=initiative, value_per_unit=Decimal("1"))
        MeasurementFactory(
            kpi=kpi, measured_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
        )
    request = rf.get("/")
    request.user = alice
    with django_assert_max_num_queries(6):
        context = kpi_panel_context(request, initiative)
    assert len(context["rows"]) == 15
