"""Importing measurements from CSV or XLSX: a preview with row errors, then an all-or-nothing job."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook
from rest_framework.test import APIClient

from jobs.models import Job
from metrics.models import Measurement
from tests.conftest import token_client
from tests.factories.metrics import KpiFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/measurements/import/"


def csv_file(lines: list[str], name: str = "measurements.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def xlsx_file(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("m.xlsx", buffer.getvalue())


def post(client, upload, dry_run: bool):
    return client.post(URL, {"file": upload, "dry_run": str(dry_run).lower()}, format="multipart")


def commit(client, upload, capture):
    """POST a commit (202) and return the job's status once it ran in-process after commit."""
    with capture(execute=True):
        response = post(client, upload, dry_run=False)
    assert response.status_code == 202, response.json()
    assert response["Location"] == response.json()["status_url"]
    return client.get(response["Location"]).json()


def test_an_import_of_5000_rows_previews_each_bad_row_and_saves_all_or_nothing(
    alice, initiative, django_capture_on_commit_callbacks
) -> None:
    kpis = [KpiFactory(initiative=initiative, name=f"KPI {n}") for n in range(5)]
    start = datetime.date(2010, 1, 1)
    clean = ["kpi_id,date,value,note"]
    for n in range(5000):
        kpi = kpis[n % 5]
        day = start + datetime.timedelta(days=n // 5)
        clean.append(f"{kpi.pk},{day.isoformat()},{n % 97}.5,row {n}")
    # Spreadsheet rows: the header is row 1, so data row n sits on row n + 2.
    lines = list(clean)
    lines[10] = "999999,2012-01-01,3,unknown KPI"  # row 11
    lines[20] = f"{kpis[0].pk},2012-01-01,3.2.1,"  # row 21: bad number
    lines[30] = f"{kpis[0].pk},31/01/2012,3,"  # row 31: bad date
    lines[41] = lines[40]  # row 42 duplicates row 41
    client = token_client(alice)

    preview = post(client, csv_file(lines), dry_run=True)
    assert preview.status_code == 200
    body = preview.json()
    assert body["counts"] == {"rows": 5000, "valid": 4996, "invalid": 4, "created": 0}
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (11, "kpi_id"),
        (21, "value"),
        (31, "date"),
        (42, "date"),
    ]
    assert "Duplicate of row 41" in body["errors"][3]["message"]
    assert not Job.objects.exists()  # a preview is not a job

    status = commit(client, csv_file(lines), django_capture_on_commit_callbacks)
    assert status["status"] == "failed"
    assert status["committed"] is False
    assert status["error"] == "4 rows are not valid; nothing was saved."
    assert [(e["row"], e["field"]) for e in status["errors"]] == [
        (11, "kpi_id"),
        (21, "value"),
        (31, "date"),
        (42, "date"),
    ]
    assert not Measurement.objects.exists()
    assert not default_storage.exists(Job.objects.get(pk=status["job_id"]).params["file"])

    status = commit(client, csv_file(clean), django_capture_on_commit_callbacks)
    assert status["status"] == "succeeded", status["errors"][:3]
    assert status["counts"]["created"] == 5000
    assert (status["done"], status["total"], status["percent"]) == (5000, 5000, 100)
    assert Measurement.objects.filter(source="import", logged_by=alice).count() == 5000
    assert Measurement.history.filter(history_user=alice).count() == 5000
    assert not default_storage.exists(Job.objects.get(pk=status["job_id"]).params["file"])


def test_a_commit_re_checks_the_rows_and_saves_nothing_when_one_fails_meanwhile(
    alice, kpi, django_capture_on_commit_callbacks
) -> None:
    lines = ["kpi_id,date,value", f"{kpi.pk},2026-01-30,14", f"{kpi.pk},2026-01-31,13"]
    client = token_client(alice)
    assert post(client, csv_file(lines), dry_run=True).json()["errors"] == []
    # Someone logs 31 January between the preview and the commit.
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31), value=12)
    status = commit(client, csv_file(lines), django_capture_on_commit_callbacks)
    assert status["status"] == "failed"
    assert status["errors"] == [
        {"row": 3, "field": "date", "message": "This KPI already has a measurement on this date."}
    ]
    assert list(Measurement.objects.values_list("value", flat=True)) == [12]


def test_xlsx_with_kpi_names_imports_like_csv(
    alice, initiative, kpi, django_capture_on_commit_callbacks
) -> None:
    upload = xlsx_file(
        [
            ["initiative_id", "kpi_name", "date", "value", "note"],
            [initiative.pk, "minutes per invoice", datetime.datetime(2026, 1, 31), 15, "Jan"],
            [initiative.pk, "Minutes per invoice", "2026-02-28", 13.25, None],
        ]
    )
    job = commit(token_client(alice), upload, django_capture_on_commit_callbacks)
    assert job["status"] == "succeeded", job
    assert job["counts"]["created"] == 2
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [
        pytest.approx(13.25),
        15,
    ]


def test_the_status_of_an_import_is_only_shown_to_whoever_started_it(
    alice, bob, kpi, django_capture_on_commit_callbacks
) -> None:
    lines = ["kpi_id,date,value", f"{kpi.pk},2026-01-31,15"]
    job = commit(token_client(alice), csv_file(lines), django_capture_on_commit_callbacks)
    assert token_client(alice).get(job["status_url"]).status_code == 200
    assert token_client(bob).get(job["status_url"]).status_code == 404
    assert APIClient().get(job["status_url"]).status_code in (401, 403)
    assert token_client(alice).get(f"{URL}999999/").status_code == 404


def test_a_role_that_logs_no_measurements_cannot_queue_an_import(finance_user, kpi) -> None:
    lines = ["kpi_id,date,value", f"{kpi.pk},2026-01-31,15"]
    response = post(token_client(finance_user), csv_file(lines), dry_run=False)
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_a_date_that_already_has_a_value_is_a_duplicate(alice, kpi) -> None:
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31))
    response = post(
        token_client(alice), csv_file(["kpi_id,date,value", f"{kpi.pk},2026-01-31,3"]), True
    )
    assert response.json()["errors"][0]["message"] == (
        "This KPI already has a measurement on this date."
    )


def test_kpis_of_other_teams_are_unknown(charlie, kpi, django_capture_on_commit_callbacks) -> None:
    upload = csv_file(["kpi_id,date,value", f"{kpi.pk},2026-01-31,3"])
    job = commit(token_client(charlie), upload, django_capture_on_commit_callbacks)
    assert job["status"] == "failed"
    assert job["errors"][0]["field"] == "kpi_id"
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.pdf", b"%PDF-1.4", "CSV (.csv) or Excel (.xlsx)"),
        ("m.xlsx", b"not a zip", "not an Excel"),
        ("m.csv", b"a,b\n1,2\n", "download the template"),
        ("m.csv", b"\xff\xfe\x00k", "UTF-8"),
        ("m.csv", b"", "empty"),
    ],
)
@pytest.mark.parametrize("dry_run", [True, False])
def test_files_that_cannot_be_read_get_a_field_error(
    alice, name, content, message, dry_run
) -> None:
    response = post(token_client(alice), SimpleUploadedFile(name, content), dry_run=dry_run)
    assert response.status_code == 400
    assert message in response.json()["errors"]["file"][0]
    assert not Job.objects.exists()


def test_a_commit_of_a_header_without_rows_is_a_field_error(alice) -> None:
    response = post(token_client(alice), csv_file(["kpi_id,date,value"]), dry_run=False)
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["The file has no rows to import."]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_files_above_the_upload_limit_are_refused(alice, kpi) -> None:
    lines = ["kpi_id,date,value"] + [f"{kpi.pk},2026-01-31,3"] * 200
    response = post(token_client(alice), csv_file(lines), dry_run=True)
    assert response.status_code == 400
    assert "larger than" in response.json()["errors"]["file"][0]


def test_while_the_job_writes_its_progress_comes_from_the_cache(alice) -> None:
    from django.core.cache import cache

    from metrics.services.imports import JOB_KIND, measurement_import_progress_key

    job = Job.objects.create(
        kind=JOB_KIND, status="running", created_by=alice, total=5000, params={"filename": "m.csv"}
    )
    # Rows written inside the job's transaction: invisible in the Job row, visible in the cache.
    cache.set(measurement_import_progress_key(job.pk), {"done": 3000, "total": 5000})
    status = token_client(alice).get(f"{URL}{job.pk}/").json()
    assert (status["status"], status["done"], status["percent"]) == ("running", 3000, 60)
    assert status["active"] is True and status["filename"] == "m.csv"
