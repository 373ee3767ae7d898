"""Importing measurements from CSV or XLSX: preview with row errors, then all or nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

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


def test_an_import_of_5000_rows_with_bad_rows_reports_each_and_saves_nothing(
    alice, initiative
) -> None:
    kpis = [KpiFactory(initiative=initiative, name=f"KPI {n}") for n in range(5)]
    start = datetime.date(2010, 1, 1)
    lines = ["kpi_id,date,value,note"]
    for n in range(5000):
        kpi = kpis[n % 5]
        day = start + datetime.timedelta(days=n // 5)
        lines.append(f"{kpi.pk},{day.isoformat()},{n % 97}.5,row {n}")
    # Spreadsheet rows: the header is row 1, so data row n sits on row n + 2.
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

    commit = post(client, csv_file(lines), dry_run=False)
    assert commit.status_code == 400
    assert commit.json()["committed"] is False
    assert len(commit.json()["errors"]) == 4
    assert not Measurement.objects.exists()

    good = [line for number, line in enumerate(lines, start=1) if number not in (11, 21, 31, 42)]
    commit = post(client, csv_file(good), dry_run=False)
    assert commit.status_code == 200, commit.json()["errors"][:3]
    assert commit.json()["counts"]["created"] == 4996
    assert Measurement.objects.filter(source="import", logged_by=alice).count() == 4996
    assert Measurement.history.filter(history_user=alice).count() == 4996


def test_xlsx_with_kpi_names_imports_like_csv(alice, initiative, kpi) -> None:
    upload = xlsx_file(
        [
            ["initiative_id", "kpi_name", "date", "value", "note"],
            [initiative.pk, "minutes per invoice", datetime.datetime(2026, 1, 31), 15, "Jan"],
            [initiative.pk, "Minutes per invoice", "2026-02-28", 13.25, None],
        ]
    )
    response = post(token_client(alice), upload, dry_run=False)
    assert response.status_code == 200, response.json()
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [
        pytest.approx(13.25),
        15,
    ]


def test_a_date_that_already_has_a_value_is_a_duplicate(alice, kpi) -> None:
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31))
    response = post(
        token_client(alice), csv_file(["kpi_id,date,value", f"{kpi.pk},2026-01-31,3"]), True
    )
    assert response.json()["errors"][0]["message"] == (
        "This KPI already has a measurement on this date."
    )


def test_kpis_of_other_teams_are_unknown(charlie, kpi) -> None:
    response = post(
        token_client(charlie), csv_file(["kpi_id,date,value", f"{kpi.pk},2026-01-31,3"]), False
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kpi_id"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("m.pdf", b"%PDF-1.4"), "CSV (.csv) or Excel (.xlsx)"),
        (SimpleUploadedFile("m.xlsx", b"not a zip"), "not an Excel"),
        (SimpleUploadedFile("m.csv", b"a,b\n1,2\n"), "download the template"),
        (SimpleUploadedFile("m.csv", b"\xff\xfe\x00k"), "UTF-8"),
    ],
)
def test_files_that_cannot_be_read_get_a_field_error(alice, upload, message) -> None:
    response = post(token_client(alice), upload, dry_run=True)
    assert response.status_code == 400
    assert message in response.json()["errors"]["file"][0]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_files_above_the_upload_limit_are_refused(alice, kpi) -> None:
    lines = ["kpi_id,date,value"] + [f"{kpi.pk},2026-01-31,3"] * 200
    response = post(token_client(alice), csv_file(lines), dry_run=True)
    assert response.status_code == 400
    assert "larger than" in response.json()["errors"]["file"][0]
