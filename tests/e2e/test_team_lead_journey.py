"""A team lead's week: log KPI measurements on the initiative page, then import a CSV file."""

from __future__ import annotations

import csv
import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from initiatives.choices import Stage
from metrics.choices import Direction, MeasurementSource
from metrics.models import Measurement
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import KpiFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kpis(alice):
    """A pilot of alice's with two KPIs and no measurements yet."""
    initiative = InitiativeFactory(title="Invoice data extraction", owner=alice, stage=Stage.PILOT)
    minutes = KpiFactory(
        initiative=initiative,
        name="Minutes per invoice",
        baseline_date=datetime.date(2025, 1, 1),
        target_date=datetime.date(2025, 12, 31),
    )
    first_time_right = KpiFactory(
        initiative=initiative,
        name="First-time-right rate",
        unit="%",
        direction=Direction.HIGHER,
        baseline_value=Decimal("70"),
        target_value=Decimal("95"),
        baseline_date=datetime.date(2025, 1, 1),
        target_date=datetime.date(2025, 12, 31),
        value_per_unit=None,
    )
    return {"initiative": initiative, "minutes": minutes, "ftr": first_time_right}


def write_csv(path, header: list[str], rows: list[dict[str, str]]) -> None:
    """A CSV file with the template's columns, in the template's order."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def test_team_lead_logs_measurements_and_imports_a_file(new_page, alice, kpis, tmp_path) -> None:
    initiative, minutes, ftr = kpis["initiative"], kpis["minutes"], kpis["ftr"]
    page = new_page()
    sign_in(page, "alice")
    page.goto(f"/initiatives/{initiative.pk}/")
    page_url = page.url
    page.evaluate("window.journeyMarker = 'still the same page'")

    panel = page.locator("#metrics-kpi-panel")
    for kpi, value, day, by_keyboard in (
        (minutes, "15", "2025-07-31", False),
        (minutes, "13", "2025-08-29", False),
        (ftr, "82", "2025-08-29", True),
    ):
        row = panel.get_by_role("article").filter(
            has=page.get_by_role("heading", name=re.compile(kpi.name))
        )
        row.get_by_label(f"Value ({kpi.unit})", exact=True).fill(value)
        row.get_by_label("Date", exact=True).fill(day)
        note = row.get_by_label("Note", exact=True)
        note.fill("Weekly sample")
        if by_keyboard:
            note.press("Enter")
        else:
            row.get_by_role("button", name="Log").click()
        expect(row.get_by_role("status")).to_have_text("Saved")
        expect(row.locator("dl")).to_contain_text(f"{value} {kpi.unit}")
        # The panel was swapped; the focus stays where the person was, not back at the top.
        expect(note if by_keyboard else row.get_by_role("button", name="Log")).to_be_focused()
    # Saved with htmx: the same page, never reloaded.
    assert page.url == page_url
    assert page.evaluate("window.journeyMarker") == "still the same page"
    assert Measurement.objects.filter(kpi__initiative=initiative).count() == 3
    assert set(
        Measurement.objects.filter(kpi=minutes).values_list("value", "source", "logged_by")
    ) == {
        (Decimal("15"), MeasurementSource.BROWSER, alice.pk),
        (Decimal("13"), MeasurementSource.BROWSER, alice.pk),
    }

    # Bulk: the CSV template gives the columns; the file has one bad row.
    panel.get_by_role("link", name="Import measurements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import measurements")
    with page.expect_download() as download:
        page.get_by_role("link", name="Template (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    assert {"kpi_id", "initiative_id", "kpi_name", "date", "value", "note"} <= set(header)
    rows = [
        {"kpi_id": str(minutes.pk), "date": "2025-09-30", "value": "12", "note": "September"},
        {"initiative_id": str(initiative.pk), "kpi_name": ftr.name, "date": "2025-09-30",
         "value": "86", "note": "September"},
        {"kpi_id": str(minutes.pk), "date": "2025-10-31", "value": "eleven", "note": "October"},
    ]  # fmt: skip
    upload = tmp_path / "measurements.csv"
    write_csv(upload, header, rows)

    page.get_by_label("File:", exact=True).set_input_files(upload)
    page.get_by_role("button", name="Preview").click()
    result = page.locator("#import-result")
    expect(result.get_by_role("alert")).to_contain_text("Nothing was saved.")
    errors = result.get_by_role("table")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and row 4
    expect(errors.get_by_role("row").nth(1)).to_contain_text(re.compile(r"4\s*value"))
    expect(errors).to_contain_text("value 'eleven' is not a number")
    expect(result.get_by_role("button", name=re.compile("Save"))).to_have_count(0)
    assert Measurement.objects.filter(kpi__initiative=initiative).count() == 3

    rows[2]["value"] = "11"
    write_csv(upload, header, rows)
    page.get_by_label("File:", exact=True).set_input_files(upload)
    page.get_by_role("button", name="Preview").click()
    preview = result.get_by_role("table")
    expect(preview.get_by_role("row")).to_have_count(4)
    expect(preview).to_contain_text("First-time-right rate")
    assert Measurement.objects.filter(kpi__initiative=initiative).count() == 3
    result.get_by_role("button", name="Save 3 measurements").click()

    expect(page.locator("main")).to_contain_text("3 measurements saved.")
    imported = Measurement.objects.filter(
        kpi__initiative=initiative, source=MeasurementSource.IMPORT
    )
    assert sorted(imported.values_list("kpi__name", "measured_on", "value")) == [
        ("First-time-right rate", datetime.date(2025, 9, 30), Decimal("86")),
        ("Minutes per invoice", datetime.date(2025, 9, 30), Decimal("12")),
        ("Minutes per invoice", datetime.date(2025, 10, 31), Decimal("11")),
    ]
    assert set(imported.values_list("logged_by", flat=True)) == {alice.pk}
