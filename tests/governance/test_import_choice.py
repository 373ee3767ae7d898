"""Choosing what to import from a public inventory, where imported systems come from, and why
other organisations' systems do not count as ours.

Expected numbers come from the real files through the csv module, independently of the parsers.
"""

from __future__ import annotations

import csv
import datetime
import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import selectors, services
from governance.choices import ImportStatus, RiskClass
from governance.models import AISystem, ImportRun
from portfolio.services import build_report_snapshot
from tests.conftest import token_client
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import DepartmentFactory
from tests.governance.conftest import dataset

pytestmark = pytest.mark.django_db

US_2025 = ("us-fed-ai-inventory-2025", "2025_individually_reported_AI_use_cases.csv")
UK = ("uk-atrs", "atrs_records_2026-08-17.csv")
ENERGY = "Department of Energy"
EDUCATION = "department-for-education"


def _upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _distinct(rows: list[list[str]]) -> list[list[str]]:
    """The rows without exact repeats (an exact copy of a row is imported once)."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(cell.strip() for cell in row)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _uk_rows_of(organisation: str) -> int:
    header, rows = _rows(dataset(*UK))
    column = header.index("organisation")
    return sum(1 for row in rows if row[column].strip() == organisation)


def _commit(actor, run, capture, **choice) -> ImportRun:
    with capture(execute=True):
        services.import_commit(actor=actor, run=run, **choice)
    run.refresh_from_db()
    return run


def test_one_agency_of_the_us_inventory_lands_exactly_its_rows(
    compliance_officer, django_capture_on_commit_callbacks
):
    header, rows = _rows(dataset(*US_2025))
    agency = header.index("agency_name")
    energy = [row for row in rows if row[agency].strip() == ENERGY]
    assert len(energy) == len(_distinct(energy)) == 340
    agencies = {row[agency].strip() for row in rows}

    api = token_client(compliance_officer)
    preview = api.post(
        "/api/v1/register/import/", {"file": _upload(dataset(*US_2025))}, format="multipart"
    )
    assert preview.status_code == 200, preview.json()
    listed = {item["name"]: item for item in preview.json()["organisations"]}
    assert set(listed) == agencies
    assert listed[ENERGY]["rows"] == listed[ENERGY]["added"] == 340
    run_id = preview.json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        commit = api.post(
            f"/api/v1/register/import/runs/{run_id}/commit/",
            {"organisations": [ENERGY]},
            format="json",
        )
    assert commit.status_code == 202, commit.json()
    assert commit.json()["choice"]["organisations"] == [ENERGY]
    run = ImportRun.objects.get(pk=run_id)
    assert run.status == ImportStatus.SUCCEEDED
    assert (run.result["added"], run.result["removed"], run.result["rows_chosen"]) == (340, 0, 340)
    imported = AISystem.objects.filter(source="us_2025")
    assert imported.count() == 340
    assert set(imported.values_list("organisation", flat=True)) == {ENERGY}
    # Each keeps where it came from, and is another organisation's system: a reference entry.
    assert set(imported.values_list("source_file", "is_reference")) == {(US_2025[1], True)}

    # Importing another agency of the same file later neither removes nor touches Energy's.
    second = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*US_2025)), format_id="us_2025"
    )
    assert second.counts["removed"] == 0
    second = _commit(
        compliance_officer,
        second,
        django_capture_on_commit_callbacks,
        organisations=["Department of Veterans Affairs"],
    )
    assert (second.result["added"], second.result["removed"]) == (367, 0)
    assert AISystem.objects.filter(source="us_2025", organisation=ENERGY).count() == 340
    assert not AISystem.objects.filter(source_removed_at__isnull=False).exists()


def test_a_mapped_and_adopted_organisation_lands_in_our_department(
    compliance_officer, django_capture_on_commit_callbacks
):
    legal = DepartmentFactory(name="Legal")
    run = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*UK)), format_id="uk_atrs"
    )
    run = _commit(
        compliance_officer,
        run,
        django_capture_on_commit_callbacks,
        organisations=[EDUCATION],
        departments={EDUCATION: legal.pk},
        adopt=True,
    )
    assert run.choice == {
        "all": False,
        "organisations": [EDUCATION],
        "departments": {EDUCATION: legal.pk},
        "adopt": True,
    }
    systems = AISystem.objects.filter(source="uk_atrs")
    assert systems.count() == _uk_rows_of(EDUCATION) == 14
    assert set(systems.values_list("department", "is_reference")) == {(legal.pk, False)}


def test_a_bad_choice_is_a_field_error_everywhere(client, compliance_officer):
    path = dataset(*UK)
    api = token_client(compliance_officer)
    response = api.post(
        "/api/v1/register/import/",
        {"file": _upload(path), "dry_run": "false", "organisations": ["Ministry of Silly Walks"]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "Ministry of Silly Walks" in response.json()["errors"]["organisations"][0]
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEWED and run.job is None

    commit = f"/api/v1/register/import/runs/{run.pk}/commit/"
    response = api.post(commit, {"organisations": []}, format="json")
    assert response.status_code == 400 and "organisations" in response.json()["errors"]
    response = api.post(
        commit, {"organisations": [EDUCATION], "departments": {EDUCATION: 999999}}, format="json"
    )
    assert response.status_code == 400 and "departments" in response.json()["errors"]
    response = api.post(
        commit, {"organisations": [EDUCATION], "departments": {"cabinet-office": 1}}, format="json"
    )
    assert response.status_code == 400 and "departments" in response.json()["errors"]

    client.force_login(compliance_officer)
    preview = reverse("governance:import-preview", args=[run.pk])
    page = client.get(preview, {"organisation": "Ministry of Silly Walks", "choose": "1"})
    assert "The file names no organisation “Ministry of Silly Walks”." in page.content.decode()
    assert "Import now" not in page.content.decode()
    page = client.get(preview, {"choose": "1"})
    assert "Choose the organisations to import, or all of them." in page.content.decode()
    response = client.post(
        reverse("governance:import-commit", args=[run.pk]),
        {"organisation": "Ministry of Silly Walks"},
    )
    assert response.status_code == 400
    assert "The file names no organisation" in response.content.decode()
    assert not AISystem.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED


def test_the_source_filter_on_the_page_and_the_api(
    client, compliance_officer, django_capture_on_commit_callbacks
):
    AISystemFactory(name="Our chatbot")
    run = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*UK)), format_id="uk_atrs"
    )
    _commit(compliance_officer, run, django_capture_on_commit_callbacks, organisations=[EDUCATION])
    api = token_client(compliance_officer)
    adopted = AISystem.objects.filter(source="uk_atrs").order_by("pk").first()
    # A reference entry is found by id whatever the list's filters, and adopted.
    response = api.post(f"/api/v1/ai-systems/{adopted.pk}/adopt/")
    assert response.status_code == 200, response.json()
    assert response.json()["is_reference"] is False

    def names(source: str | None) -> set[str]:
        query = {"page_size": 100} | ({"source": source} if source is not None else {})
        response = api.get("/api/v1/ai-systems/", query)
        assert response.status_code == 200, response.json()
        return {item["name"] for item in response.json()["results"]}

    # The register is our own entries unless another source is asked for.
    assert names(None) == names("own") == {"Our chatbot", adopted.name}
    assert len(names("all")) == 15
    assert len(names("reference")) == 13 and adopted.name not in names("reference")
    assert len(names("uk_atrs")) == 14 and "Our chatbot" not in names("uk_atrs")
    assert names("us_2025") == set()
    response = api.get("/api/v1/ai-systems/", {"source": "somewhere"})
    assert response.status_code == 400 and "source" in response.json()["errors"]

    client.force_login(compliance_officer)
    reference = AISystem.objects.filter(is_reference=True).first()
    for query in ({}, {"source": "own"}):
        page = client.get(reverse("governance:system-list"), query).content.decode()
        assert "Our chatbot" in page and html.escape(adopted.name) in page
        assert html.escape(reference.name) not in page
    page = client.get(reverse("governance:system-list"), {"source": "reference"}).content.decode()
    assert html.escape(reference.name) in page and "Our chatbot" not in page
    assert 'name="source"' in page

    # Exports follow the same filter: our own register, unless a source is asked for.
    exported = api.get("/api/v1/register/export/", {"format": "csv"}).content.decode()
    assert "Our chatbot" in exported and reference.name not in exported
    exported = api.get("/api/v1/register/export/", {"format": "csv", "source": "uk_atrs"})
    assert reference.name in exported.content.decode()


def test_the_migration_makes_untouched_imported_entries_reference_entries(compliance_officer):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("governance.migrations.0003_import_sources_and_reference_entries")
    run = ImportRun.objects.create(
        format_id="uk_atrs",
        filename="atrs.csv",
        sha256="0" * 64,
        status=ImportStatus.SUCCEEDED,
        created_by=compliance_officer,
    )
    untouched = AISystemFactory(
        source="uk_atrs", source_key="a", import_run=run, risk_class=RiskClass.UNCLASSIFIED
    )
    classified = AISystemFactory(source="uk_atrs", source_key="b", risk_class=RiskClass.HIGH)
    owned = AISystemFactory(
        source="uk_atrs", source_key="c", risk_class="unclassified", owner=compliance_officer
    )
    ours = AISystemFactory(risk_class=RiskClass.UNCLASSIFIED)
    migration.mark_imported_entries(apps, None)
    references = set(AISystem.objects.filter(is_reference=True).values_list("pk", flat=True))
    assert references == {untouched.pk}
    assert {classified.pk, owned.pk, ours.pk}.isdisjoint(references)
    untouched.refresh_from_db()
    assert untouched.source_file == "atrs.csv"


def test_reference_entries_stay_out_of_not_yet_classified(
    client, compliance_officer, leader, django_capture_on_commit_callbacks
):
    AISystemFactory(name="Ours, unclassified", risk_class=RiskClass.UNCLASSIFIED)
    AISystemFactory(name="Ours, minimal", risk_class=RiskClass.MINIMAL)
    run = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*US_2025)), format_id="us_2025"
    )
    _commit(compliance_officer, run, django_capture_on_commit_callbacks, organisations=[ENERGY])
    assert AISystem.objects.filter(risk_class=RiskClass.UNCLASSIFIED).count() == 341

    today = datetime.date.today()
    assert selectors.register_summary(user=compliance_officer).unclassified == 1
    assert selectors.register_summary(user=compliance_officer).systems == 2
    assert selectors.register_status(on=today)["unclassified_systems"] == 1
    board = build_report_snapshot(today.year, (today.month - 1) // 3 + 1, actor=leader)
    assert (board["governance"]["systems"], board["governance"]["unclassified_systems"]) == (2, 1)

    # The tile links to the list of exactly what it counts.
    client.force_login(compliance_officer)
    response = client.get(reverse("governance:system-list") + "?" + selectors.CURRENT_SYSTEMS_QUERY)
    assert response.context["page_obj"].paginator.count == 2

    # Adopted, an entry is one of ours and counts.
    adopted = AISystem.objects.filter(source="us_2025").first()
    response = client.post(reverse("governance:system-adopt", args=[adopted.pk]))
    assert response.status_code == 302
    assert selectors.register_status(on=today)["unclassified_systems"] == 2
    again = token_client(compliance_officer).post(f"/api/v1/ai-systems/{adopted.pk}/adopt/")
    assert again.status_code == 409


def test_the_preview_is_paged_with_the_row_errors_first(client, compliance_officer):
    header, rows = _rows(dataset(*US_2025))
    name = header.index("use_case_name")
    records = _distinct(rows)
    assert (len(rows), len(records)) == (3611, 3609)  # two exact copies: the row errors
    run = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*US_2025)), format_id="us_2025"
    )
    client.force_login(compliance_officer)
    url = reverse("governance:import-preview", args=[run.pk])

    first = client.get(url).content.decode()
    assert first.count("Not imported</span>") == 2
    assert first.index("Not imported</span>") < first.index(html.escape(records[0][name].strip()))
    assert html.escape(records[47][name].strip()) in first  # 2 errors and 48 records
    assert 'aria-current="page"' in first and "?page=2#preview-rows" in first

    second = client.get(url, {"page": 2})
    page = second.context["page_obj"]
    assert (page.start_index(), page.end_index(), page.paginator.count) == (51, 100, 3611)
    body = second.content.decode()
    assert "51–100 of 3611" in body and "Not imported</span>" not in body
    # Positions 51–100 are the file's records 49–98 (the two row errors come first).
    shown = [row["name"] for row in page.object_list]
    assert shown == [row[name].strip() for row in records[48:98]]

    # With one agency chosen, the pages hold the errors and that agency's rows only.
    chosen = client.get(url, {"organisation": ENERGY, "choose": "1", "page": 2})
    page = chosen.context["page_obj"]
    assert page.paginator.count == 2 + 340
    assert {row["organisation"] for row in page.object_list} == {ENERGY}
    assert "Import now (340 rows)" in chosen.content.decode()


def test_the_preview_makes_the_same_queries_for_a_small_and_a_large_file(
    client, compliance_officer
):
    small = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*UK)), format_id="uk_atrs"
    )
    large = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*US_2025)), format_id="us_2025"
    )
    client.force_login(compliance_officer)
    counts = []
    for run in (small, large):
        url = reverse("governance:import-preview", args=[run.pk])
        client.get(url, {"all": "on", "choose": "1"})  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"all": "on", "choose": "1", "page": 3})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
