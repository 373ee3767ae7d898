"""Exports of the filtered register, and exports that import back to the same records."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from governance import services
from governance.domain.inventories import parse, record_fingerprint
from tests.conftest import token_client
from tests.factories.governance import AIModelFactory, AISystemFactory
from tests.governance.conftest import dataset

pytestmark = pytest.mark.django_db


def _head_of(parts: tuple[str, ...], lines: int) -> bytes:
    """The header and the first data records of a real CSV file, as a smaller file."""
    text = dataset(*parts).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[: lines + 1]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _import(actor, name: str, data: bytes, format_id: str, capture) -> None:
    run = services.import_preview(
        actor=actor,
        file=SimpleUploadedFile(name, data, content_type="text/csv"),
        format_id=format_id,
    )
    with capture(execute=True):
        services.import_commit(actor=actor, run=run, all_organisations=True)


def test_csv_and_xlsx_are_formula_safe_and_follow_the_filter(compliance_officer, leader):
    AISystemFactory(name='=HYPERLINK("http://evil")', risk_class="high")
    AISystemFactory(name="Chatbot", risk_class="limited")
    api = token_client(leader)
    response = api.get("/api/v1/register/export/?format=csv&risk_class=high")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    assert rows[1][rows[0].index("name")] == '\'=HYPERLINK("http://evil")'
    response = api.get("/api/v1/register/export/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = sorted(str(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ['\'=HYPERLINK("http://evil")', "Chatbot"]


def test_export_respects_scope(alice, linked_system, other_system):
    response = token_client(alice).get("/api/v1/register/export/?format=csv")
    assert "Letter classifier" in response.content.decode()
    assert "Fraud scoring" not in response.content.decode()


def test_unknown_export_format_is_400(leader):
    assert token_client(leader).get("/api/v1/register/export/?format=pdf").status_code == 400


def test_us_csv_export_imports_back_to_the_same_records(
    compliance_officer, django_capture_on_commit_callbacks
):
    data = _head_of(("us-fed-ai-inventory-2025", "2025_individually_reported_AI_use_cases.csv"), 60)
    original = parse("us_2025", data, "us.csv")
    _import(compliance_officer, "us.csv", data, "us_2025", django_capture_on_commit_callbacks)
    exported = token_client(compliance_officer).get(
        "/api/v1/register/export/?format=us_csv&source=us_2025"
    )
    again = parse("us_2025", exported.content, "export.csv")
    assert again.counts.records == original.counts.records == 60
    assert {r.source_key: record_fingerprint(r) for r in again.records} == {
        r.source_key: record_fingerprint(r) for r in original.records
    }


def test_dutch_publication_json_export_imports_back(
    compliance_officer, django_capture_on_commit_callbacks
):
    data = _head_of(("nl-algoritmeregister", "algoritmes_2026-08-08.csv"), 40)
    original = parse("nl_algoritmeregister", data, "nl.csv")
    _import(
        compliance_officer,
        "nl.csv",
        data,
        "nl_algoritmeregister",
        django_capture_on_commit_callbacks,
    )
    # Not adopted, the imported entries are reference entries: asked for by their source.
    exported = token_client(compliance_officer).get(
        "/api/v1/register/export/?format=nl_json&source=nl_algoritmeregister"
    )
    assert exported["Content-Type"] == "application/json"
    again = parse("nl_algoritmeregister_publication", exported.content, "export.json")
    assert again.counts.records == 40
    before = {r.source_key: (r.name, r.organisation, r.status) for r in original.records}
    after = {r.source_key: (r.name, r.organisation, r.status) for r in again.records}
    assert after == before


def test_annex_viii_lists_high_risk_systems_only(leader):
    high = AISystemFactory(
        name="CV screening", risk_class="high", eu_role="provider", vendor="HireCo"
    )
    AIModelFactory(system=high, name="ranker", version="3", provider="HireCo")
    AISystemFactory(name="Spell checker", risk_class="minimal")
    deployer = AISystemFactory(name="Benefit triage", risk_class="high", eu_role="deployer")
    body = token_client(leader).get("/api/v1/register/export/?format=annex_viii").json()
    sections = {entry["name"]: entry["section"] for entry in body}
    assert sections == {"CV screening": "A", "Benefit triage": "C"}
    fields = {
        f["number"]: f["value"] for f in body[[e["id"] for e in body].index(high.pk)]["fields"]
    }
    assert fields["A.1"].startswith("HireCo")
    assert "ranker 3" in fields["A.5"]
    assert deployer.pk in [e["id"] for e in body]
