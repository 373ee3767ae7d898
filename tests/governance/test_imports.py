"""Importing the real public inventories end to end: preview, all-or-nothing job, re-import.

Expected numbers are computed here from the files with the csv module, independently of the
parsers: rows, exact duplicate rows, and for the Dutch listings the ids added and removed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import services
from governance.choices import ImportStatus
from governance.models import AISystem, ImportRun
from jobs.models import Job, JobStatus
from tests.conftest import token_client, wait_for
from tests.governance.conftest import dataset

pytestmark = pytest.mark.django_db

US_2025_CSV = ("us-fed-ai-inventory-2025", "2025_individually_reported_AI_use_cases.csv")
US_2025_XLSX = ("us-fed-ai-inventory-2025", "2025_individually_reported_AI_use_cases.xlsx")
NL_OLD = ("nl-algoritmeregister", "algoritmes_2026-05-13.csv")
NL_NEW = ("nl-algoritmeregister", "algoritmes_2026-08-08.csv")


def _upload(path: Path, content_type: str = "text/csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type)


def _csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))[1:]


def _import(actor, path: Path, format_id: str, capture) -> ImportRun:
    run = services.import_preview(actor=actor, file=_upload(path), format_id=format_id)
    with capture(execute=True):
        services.import_commit(actor=actor, run=run, all_organisations=True)
    run.refresh_from_db()
    return run


def test_us_2025_csv_end_to_end_through_the_api(
    compliance_officer, django_capture_on_commit_callbacks
):
    path = dataset(*US_2025_CSV)
    rows = _csv_rows(path)
    distinct = {tuple(cell.strip() for cell in row) for row in rows}
    assert (len(rows), len(distinct)) == (3611, 3609)  # two rows repeat another exactly

    api = token_client(compliance_officer)
    preview = api.post(
        "/api/v1/register/import/", {"file": _upload(path), "format": "us_2025"}, format="multipart"
    )
    assert preview.status_code == 200, preview.json()
    counts = preview.json()["counts"]
    assert counts["rows_in_file"] == 3611
    assert (counts["records"], counts["duplicates"], counts["errors"]) == (3609, 2, 0)
    assert (counts["added"], counts["changed"], counts["removed"]) == (3609, 0, 0)
    duplicates = preview.json()["row_errors"]
    assert len(duplicates) == 2 and all(issue["row"] and issue["message"] for issue in duplicates)
    assert not AISystem.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        commit = api.post(
            "/api/v1/register/import/",
            # The format is recognised; every organisation is chosen, explicitly.
            {"file": _upload(path), "dry_run": "false", "all_organisations": "true"},
            format="multipart",
        )
    assert commit.status_code == 202, commit.json()
    job_id = commit.json()["job_id"]
    status = api.get(f"/api/v1/register/import/{job_id}/").json()
    assert status["status"] == "succeeded"
    assert status["progress"]["percent"] == 100
    assert (status["result"]["added"], status["result"]["removed"]) == (3609, 0)
    assert AISystem.objects.filter(source="us_2025").count() == 3609
    assert AISystem.history.filter(history_user=compliance_officer).count() == 3609
    assert Job.objects.get(pk=job_id).status == JobStatus.SUCCEEDED

    # The XLSX of the same inventory holds the same records: nothing to add, change or remove.
    again = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*US_2025_XLSX)), format_id=""
    )
    assert again.format_id == "us_2025"
    assert (again.counts["added"], again.counts["removed"]) == (0, 0)
    assert again.counts["unchanged"] + again.counts["changed"] == 3609


def test_dutch_re_import_updates_in_place_and_reports_changes(
    compliance_officer, django_capture_on_commit_callbacks
):
    old_ids = {row[0] for row in _csv_rows(dataset(*NL_OLD))}
    new_rows = {row[0]: row for row in _csv_rows(dataset(*NL_NEW))}
    assert (len(old_ids), len(new_rows)) == (1431, 1530)
    added, removed = set(new_rows) - old_ids, old_ids - set(new_rows)
    assert (len(added), len(removed)) == (100, 1)

    first = _import(compliance_officer, dataset(*NL_OLD), "nl_algoritmeregister",
                    django_capture_on_commit_callbacks)  # fmt: skip
    assert first.status == ImportStatus.SUCCEEDED
    assert AISystem.objects.filter(source="nl_algoritmeregister").count() == 1431

    second = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*NL_NEW)), format_id="nl_algoritmeregister"
    )
    assert (second.counts["added"], second.counts["changed"], second.counts["removed"]) == (
        100,
        83,
        1,
    )
    assert second.counts["unchanged"] == 1530 - 100 - 83
    assert {item["key"] for item in second.plan["added"]} == added
    assert set(second.plan["removed"]) == removed
    changed = second.plan["changed"][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit(actor=compliance_officer, run=second, all_organisations=True)
    second.refresh_from_db()
    assert second.status == ImportStatus.SUCCEEDED
    assert (second.result["added"], second.result["changed"], second.result["removed"]) == (
        100,
        83,
        1,
    )

    systems = AISystem.objects.filter(source="nl_algoritmeregister")
    assert systems.count() == 1531  # nothing dropped: the removed one is kept and marked
    gone = systems.get(source_key=removed.pop())
    assert gone.source_removed_at is not None
    updated = systems.get(source_key=changed["key"])
    assert updated.import_run_id == second.pk
    assert updated.name == new_rows[changed["key"]][1].strip()
    assert updated.history.count() == 2


def test_a_failing_import_changes_nothing(
    compliance_officer, django_capture_on_commit_callbacks, monkeypatch
):
    _import(compliance_officer, dataset(*NL_OLD), "nl_algoritmeregister",
            django_capture_on_commit_callbacks)  # fmt: skip
    before = dict(AISystem.objects.values_list("source_key", "name"))

    from governance.services import imports

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    run = services.import_preview(
        actor=compliance_officer, file=_upload(dataset(*NL_NEW)), format_id="nl_algoritmeregister"
    )
    monkeypatch.setattr(imports, "bulk_update_with_history", fail)
    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit(actor=compliance_officer, run=run, all_organisations=True)
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED and "disk full" in run.error
    assert run.job.status == JobStatus.FAILED
    assert (
        dict(AISystem.objects.values_list("source_key", "name")) == before
    )  # not even the 100 new


@pytest.mark.parametrize(
    ("parts", "format_id", "encoding", "rows"),
    [
        (("us-fed-ai-inventory-2024", "2024_consolidated_ai_inventory_raw.csv"), "us_2024", "latin-1", 1757),
        (("uk-atrs", "atrs_records_2026-08-17.csv"), "uk_atrs", "utf-8-sig", 142),
        (("ca-gc-ai-register", "gc-ai-register-mvp-registre-de-lia-du-gc-pmv.csv"), "ca_gc", "utf-8-sig", 409),
    ],
)  # fmt: skip
def test_every_format_previews_with_every_row_accounted_for(
    compliance_officer, parts, format_id, encoding, rows
):
    path = dataset(*parts)
    assert (
        len([row for row in _csv_rows(path, encoding) if any(cell.strip() for cell in row)]) == rows
    )
    run = services.import_preview(actor=compliance_officer, file=_upload(path), format_id="")
    assert run.format_id == format_id
    counts = run.counts
    assert counts["rows_in_file"] == rows
    assert counts["records"] + counts["errors"] + counts["duplicates"] == rows
    assert counts["added"] == counts["records"]
    assert len(run.row_errors) == counts["errors"] + counts["duplicates"]


def test_dutch_listing_json_previews_the_same_records_as_the_csv(compliance_officer):
    path = dataset("nl-algoritmeregister", "algoritmes_2026-05-13.json")
    document = json.loads(path.read_bytes())
    items = (
        document
        if isinstance(document, list)
        else next(value for value in document.values() if isinstance(value, list))
    )
    run = services.import_preview(
        actor=compliance_officer,
        file=_upload(path, "application/json"),
        format_id="nl_algoritmeregister",
    )
    assert run.counts["records"] == len(items) == 1431


def test_bad_uploads_are_field_errors(compliance_officer, settings):
    api = token_client(compliance_officer)

    def post(name: str, content: bytes, **extra):
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        return api.post("/api/v1/register/import/", {"file": upload, **extra}, format="multipart")

    response = post("inventory.exe", b"MZ\x90")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    response = post("inventory.xlsx", b"name,purpose\nx,y\n")
    assert response.status_code == 400 and "not a XLSX" in response.json()["errors"]["file"][0]
    response = post("inventory.csv", b"foo,bar\n1,2\n", format="uk_atrs")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    response = post("inventory.csv", b"foo,bar\n1,2\n")
    assert response.status_code == 400 and "format" in response.json()["errors"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post("inventory.csv", b"a" * 2000)
    assert response.status_code == 400 and "larger than" in response.json()["errors"]["file"][0]
    assert not ImportRun.objects.exists()


def test_team_leads_cannot_import(alice):
    upload = SimpleUploadedFile("x.csv", b"a,b\n", content_type="text/csv")
    response = token_client(alice).post(
        "/api/v1/register/import/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 403


def test_preview_and_commit_pages(client, compliance_officer, django_capture_on_commit_callbacks):
    client.force_login(compliance_officer)
    path = dataset("uk-atrs", "atrs_records_2026-08-17.csv")
    response = client.post(
        reverse("governance:import-upload"), {"file": _upload(path), "format": ""}
    )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    page = client.get(response.url).content.decode()
    # Nothing can be imported before the organisations are chosen.
    assert "142" in page and "Import now" not in page
    page = client.get(response.url, {"all": "on", "choose": "1"}).content.decode()
    assert "Import now (142 rows)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("governance:import-commit", args=[run.pk]), {"all": "True"})
    assert response.url == reverse("governance:import-job", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "The import is complete." in page
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-progress"' in fragment and "every 1s" not in fragment
    # A second commit of the same preview is refused, not run twice.
    client.post(reverse("governance:import-commit", args=[run.pk]))
    assert Job.objects.count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_import_on_a_real_worker(celery_worker_process, compliance_officer):
    path = dataset("uk-atrs", "atrs_records_2026-08-17.csv")
    run = services.import_preview(actor=compliance_officer, file=_upload(path), format_id="uk_atrs")
    job = services.import_commit(actor=compliance_officer, run=run, all_organisations=True)
    wait_for(lambda: Job.objects.filter(pk=job.pk, status=JobStatus.SUCCEEDED).exists(), timeout=60)
    run.refresh_from_db()
    assert run.status == ImportStatus.SUCCEEDED
    assert AISystem.objects.filter(source="uk_atrs").count() == run.counts["records"]
