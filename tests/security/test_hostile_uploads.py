"""Hostile uploads against every import endpoint and page: refused or listed, never a 500.

Every file here is made in the test from a file the import would accept (the control test at the
end shows that it does): the same header and rows, with one hostile change. Each (input x
endpoint) is one test. A refused file answers 400 in the API's error format with a field
error, and on the page as a form error the person can read (how fast: benchmarks/
test_hostile_bench.py, against a budget of one second); a cell that cannot be stored (a NUL
byte, a control character, half of a UTF-16 pair) is listed as a row error with its row and
column in the dry run. Either way nothing is saved: the models each import writes
are counted before and after.

Endpoints: the measurement import (API dry run, API commit, page) and the register's inventory
import (API dry run, API commit, page). Two people import: alice logs her KPI's measurements,
carla (compliance) keeps the register.
"""

from __future__ import annotations

import csv
import datetime
import functools
import html
import io
import json
import random
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse
from openpyxl import Workbook

from governance.models import AISystem, ApprovalEvent, ImportRun
from initiatives.choices import Stage
from jobs.models import Job
from metrics.models import Measurement
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import KpiFactory

pytestmark = pytest.mark.django_db

# --- What each import reads ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One importer: the name of its files, a header and rows it accepts, the free-text column."""

    name: str
    filename: str
    header: tuple[str, ...]
    row: Callable[[int, int], list[str]]  # (index, kpi id) -> cells
    text_column: str
    xlsx_header: tuple[str, ...]
    xlsx_row: Callable[[int, int], list[Any]]

    def rows(self, count: int, kpi_id: int) -> list[list[str]]:
        return [self.row(index, kpi_id) for index in range(count)]


def _measurement_row(index: int, kpi_id: int) -> list[str]:
    day = datetime.date(2025, 12, 31) - datetime.timedelta(days=index)
    return [str(kpi_id), day.isoformat(), "15", "Month close"]


def _atrs_row(index: int, _kpi_id: int) -> list[str]:
    return [
        f"/algorithmic-transparency-records/letter-sorter-{index}",
        f"Tax office: Letter sorter {index}",
        "tax-office",
        "production",
        "Sorts incoming letters by topic.",
    ]


def _us_2025_row(index: int, _kpi_id: int) -> list[Any]:
    return ["Department of Examples", f"Letter sorter {index}", "Deployed", "No"]


MEASUREMENTS = Target(
    name="measurements",
    filename="measurements",
    header=("kpi_id", "date", "value", "note"),
    row=_measurement_row,
    text_column="note",
    xlsx_header=("kpi_id", "date", "value", "note"),
    xlsx_row=lambda index, kpi_id: _measurement_row(index, kpi_id),
)
# The register reads UK ATRS records from CSV and JSON and the US 2025 inventory from XLSX.
INVENTORY = Target(
    name="inventory",
    filename="inventory",
    header=("link", "title", "organisation", "phase", "description"),
    row=_atrs_row,
    text_column="description",
    xlsx_header=("agency", "use_case_name", "development_stage", "is_high_impact"),
    xlsx_row=_us_2025_row,
)


# --- Making the files ---------------------------------------------------------------------------


def _csv(header: tuple[str, ...] | list[str], rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def _with_text(target: Target, row: list[str], text: str) -> list[str]:
    row = list(row)
    row[target.header.index(target.text_column)] = text
    return row


def _xlsx(target: Target, rows: int, kpi_id: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(target.xlsx_header))
    for index in range(rows):
        sheet.append(target.xlsx_row(index, kpi_id))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same archive with one member's bytes changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = b"".join(
    [b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">']
    + [
        b'<!ENTITY lol%d "%s">' % (level, b"".join([b"&lol%d;" % (level - 1)] * 10))
        for level in range(1, 10)
    ]
    + [b"]>"]
)


def _billion_laughs(data: bytes) -> bytes:
    def change(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[-1]
        # The first text cell expands to 10^9 "lol"s if anything resolves the entity.
        return LAUGHS + re.sub(rb"<t>[^<]*</t>", b"<t>&lol9;</t>", body, count=1)

    return _rewrite(data, SHEET, change)


def _huge_dimension(data: bytes) -> bytes:
    return _rewrite(
        data,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )


@functools.cache
def _zip_bomb(compression: int) -> bytes:
    """A workbook whose sheet inflates to 210 MB of blank space inside <sheetData>."""
    base = zipfile.ZipFile(io.BytesIO(_xlsx(MEASUREMENTS, 1, 1)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression, compresslevel=9) as archive:
        for info in base.infolist():
            if info.filename != SHEET:
                archive.writestr(info.filename, base.read(info.filename))
        sheet = base.read(SHEET)
        start, end = sheet.split(b"<sheetData>", 1)
        with archive.open(SHEET, "w", force_zip64=True) as stream:
            stream.write(start + b"<sheetData>")
            blank = b" " * (1 << 20)
            for _ in range(210):
                stream.write(blank)
            stream.write(end)
    return out.getvalue()


def _damaged_member(data: bytes) -> bytes:
    """The sheet's compressed bytes overwritten half-way, as a broken download leaves them."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    return data[:start] + b"\xff" * 16 + data[start + 16 :]


def _damaged_sheet(data: bytes) -> bytes:
    """A sheet whose XML stops in the middle of a row."""
    return _rewrite(data, SHEET, lambda xml: xml[: xml.index(b"</row>") + 6] + b'<row r="2"><c')


def _json_records(target: Target, rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(target.header, row, strict=True)) for row in rows]


def _oversized(target: Target, kpi_id: int) -> bytes:
    rows = target.rows(1000, kpi_id)
    chunk = _csv(target.header, rows)
    body = chunk.split(b"\n", 1)[1]
    return chunk + body * (11 * 1024 * 1024 // len(body))


Builder = Callable[[Target, int], tuple[str, bytes]]


def _as(extension: str, make: Callable[[Target, int], bytes]) -> Builder:
    return lambda target, kpi_id: (f"{target.filename}.{extension}", make(target, kpi_id))


def _json_text(records: Callable[[Target, int], Any]) -> Builder:
    return _as("json", lambda t, k: json.dumps(records(t, k)).encode())


HOSTILE: dict[str, Builder] = {
    "csv-field-200kb": _as(
        "csv", lambda t, k: _csv(t.header, [_with_text(t, t.row(0, k), "x" * 200_000)])
    ),
    "csv-nul-byte": _as(
        "csv", lambda t, k: _csv(t.header, [_with_text(t, t.row(0, k), "Approved\x00by finance")])
    ),
    # One long but ordinary row: the NUL lies past the first 2 KB that a file type sniff reads.
    "csv-nul-byte-past-2kb": _as(
        "csv",
        lambda t, k: _csv(
            t.header, [_with_text(t, t.row(0, k), "Sorted by hand before. " * 130 + "\x00")]
        ),
    ),
    "csv-control-character": _as(
        "csv",
        lambda t, k: _csv(t.header, [_with_text(t, t.row(0, k), "Approved\x1b[31m by finance")]),
    ),
    "csv-60000-rows": _as("csv", lambda t, k: _csv(t.header, t.rows(60_000, k))),
    "csv-1000-columns": _as(
        "csv",
        lambda t, k: _csv(
            [*t.header, *(f"extra_{n}" for n in range(1000 - len(t.header)))], t.rows(2, k)
        ),
    ),
    # Bytes that are neither UTF-8 nor Windows-1252 (which the register reads on purpose).
    "csv-not-utf8": _as(
        "csv",
        lambda t, k: _csv(t.header, [_with_text(t, t.row(0, k), "@@@")]).replace(
            b"@@@", b"Caf\x81\x8d\x90"
        ),
    ),
    "csv-empty": _as("csv", lambda t, k: b""),
    "csv-binary-garbage": _as("csv", lambda t, k: random.Random(2026).randbytes(4096)),
    "xlsx-billion-laughs": _as("xlsx", lambda t, k: _billion_laughs(_xlsx(t, 2, k))),
    "xlsx-dimension-XFD1048576": _as("xlsx", lambda t, k: _huge_dimension(_xlsx(t, 2, k))),
    "xlsx-zip-bomb-deflate": _as("xlsx", lambda t, k: _zip_bomb(zipfile.ZIP_DEFLATED)),
    "xlsx-zip-bomb-bzip2": _as("xlsx", lambda t, k: _zip_bomb(zipfile.ZIP_BZIP2)),
    "xlsx-not-a-zip": _as("xlsx", lambda t, k: b"kpi_id,date,value\n1,2026-01-31,3\n"),
    "xlsx-damaged-zip-member": _as("xlsx", lambda t, k: _damaged_member(_xlsx(t, 50, k))),
    "xlsx-damaged-sheet-xml": _as("xlsx", lambda t, k: _damaged_sheet(_xlsx(t, 2, k))),
    "json-nested-50000-levels": _as("json", lambda t, k: b"[" * 50_000 + b"]" * 50_000),
    "json-nan": _as(
        "json",
        lambda t, k: json.dumps(
            [{**_json_records(t, [t.row(0, k)])[0], "score": float("nan")}]
        ).encode(),
    ),
    "json-nul-escape": _json_text(
        lambda t, k: _json_records(t, [_with_text(t, t.row(0, k), "Sorts\x00letters")])
    ),
    "json-lone-surrogate": _as(
        "json",
        lambda t, k: (
            json.dumps(_json_records(t, [_with_text(t, t.row(0, k), "@@@")]))
            .replace("@@@", "Sorts \\ud800 letters")
            .encode()
        ),
    ),
    "json-not-a-list-of-records": _as("json", lambda t, k: b'{"link": "/x", "title": "T"}'),
    "oversized-11mb": _as("csv", _oversized),
}


# --- What each importer must answer -------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """A 400 with this text in the error on `field`."""

    text: str
    field: str = "file"


@dataclass(frozen=True)
class RowError:
    """Listed in the dry run as a row error at this row and column; the file saves nothing."""

    text: str
    row: int
    column: str


NOT_MEASUREMENTS = Refused("Upload a CSV (.csv) or Excel (.xlsx) file.")
UNSTORABLE = "holds a character that cannot be stored"

EXPECTED: dict[str, dict[str, Refused | RowError]] = {
    "csv-field-200kb": {
        "measurements": Refused("longer than 100000 characters"),
        "inventory": Refused("longer than 100000 characters"),
    },
    "csv-nul-byte": {
        "measurements": RowError("control character (such as a NUL byte)", 2, "note"),
        # A NUL in the first 2 KB marks a binary file to the register's type check.
        "inventory": Refused("The file's content is not a CSV file."),
    },
    "csv-nul-byte-past-2kb": {
        "measurements": RowError("control character (such as a NUL byte)", 2, "note"),
        "inventory": RowError(UNSTORABLE, 1, "description"),
    },
    "csv-control-character": {
        "measurements": RowError("control character (such as a NUL byte)", 2, "note"),
        "inventory": RowError(UNSTORABLE, 1, "description"),
    },
    "csv-60000-rows": {
        "measurements": Refused("more than 50000 rows"),
        "inventory": Refused("more than 50000 rows"),
    },
    "csv-1000-columns": {
        "measurements": Refused("more than 500 columns"),
        "inventory": Refused("more than 500 columns"),
    },
    "csv-not-utf8": {
        "measurements": Refused("Save the CSV file as UTF-8."),
        "inventory": Refused("neither UTF-8 nor Windows-1252"),
    },
    "csv-empty": {
        "measurements": Refused("The submitted file is empty."),
        "inventory": Refused("The submitted file is empty."),
    },
    "csv-binary-garbage": {
        "measurements": Refused("Save the CSV file as UTF-8."),
        "inventory": Refused("The file's content is not a CSV file."),
    },
    "xlsx-billion-laughs": {
        "measurements": Refused("declares XML entities"),
        "inventory": Refused("declares XML entities"),
    },
    "xlsx-dimension-XFD1048576": {
        "measurements": Refused("declares 1048576 rows"),
        "inventory": Refused("declares 1048576 rows"),
    },
    "xlsx-zip-bomb-deflate": {
        "measurements": Refused("unpacks to more than 200 MB"),
        "inventory": Refused("unpacks to more than 200 MB"),
    },
    "xlsx-zip-bomb-bzip2": {
        "measurements": Refused("unpacks to more than 200 MB"),
        "inventory": Refused("unpacks to more than 200 MB"),
    },
    "xlsx-not-a-zip": {
        "measurements": Refused("This is not an Excel (.xlsx) file."),
        "inventory": Refused("The file's content is not a XLSX file."),
    },
    "xlsx-damaged-zip-member": {
        "measurements": Refused("This Excel file is damaged"),
        "inventory": Refused("This Excel file is damaged"),
    },
    "xlsx-damaged-sheet-xml": {
        "measurements": Refused("This Excel file cannot be read."),
        "inventory": Refused("The file is not a readable XLSX workbook"),
    },
    "json-nested-50000-levels": {
        "measurements": NOT_MEASUREMENTS,
        "inventory": Refused("nested more than 64 levels deep"),
    },
    "json-nan": {
        "measurements": NOT_MEASUREMENTS,
        "inventory": Refused("The JSON holds NaN"),
    },
    "json-nul-escape": {
        "measurements": NOT_MEASUREMENTS,
        "inventory": RowError(UNSTORABLE, 1, "description"),
    },
    "json-lone-surrogate": {
        "measurements": NOT_MEASUREMENTS,
        "inventory": RowError(UNSTORABLE, 1, "description"),
    },
    "json-not-a-list-of-records": {
        "measurements": NOT_MEASUREMENTS,
        "inventory": Refused("could not be recognised", field="format"),
    },
    "oversized-11mb": {
        "measurements": Refused("larger than 10 MB"),
        "inventory": Refused("larger than 10 MB"),
    },
}


# --- The endpoints ------------------------------------------------------------------------------


@dataclass
class Answer:
    """What one upload got back, in the terms a person sees."""

    status: int
    seconds: float
    field_errors: dict[str, list[str]] = field(default_factory=dict)
    row_errors: list[dict[str, Any]] = field(default_factory=list)
    page: str = ""
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scene:
    """The people, the KPI alice logs for, and the fixtures the endpoints need."""

    alice: Any
    carla: Any
    kpi_id: int
    client: Any
    capture: Any


def _timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def _api(scene: Scene, url: str, user: Any, name: str, content: bytes, **fields: str) -> Answer:
    api = token_client(user)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    commit = fields.get("dry_run") == "false"
    if commit:
        with scene.capture(execute=True):
            response, seconds = _timed(
                lambda: api.post(url, {"file": upload, **fields}, "multipart")
            )
    else:
        response, seconds = _timed(lambda: api.post(url, {"file": upload, **fields}, "multipart"))
    body = response.json()
    answer = Answer(response.status_code, seconds, body=body)
    if response.status_code == 400:
        assert (body["status"], body["code"]) == (400, "invalid"), body  # the one error format
        answer.field_errors = body.get("errors") if isinstance(body.get("errors"), dict) else {}
        answer.row_errors = body["errors"] if isinstance(body.get("errors"), list) else []
    elif response.status_code == 202:
        # The job ran when the request's transaction committed; its outcome is what people see.
        if "status_url" in body:
            status = api.get(body["status_url"]).json()
            answer.row_errors = status["errors"]
        else:
            status = api.get(reverse("register-import-status", args=[body["job_id"]])).json()
            answer.row_errors = status["row_errors"]
        answer.body = status
    else:
        answer.row_errors = body.get("errors") or body.get("row_errors") or []
    return answer


def _page(scene: Scene, url: str, user: Any, name: str, content: bytes, **fields: str) -> Answer:
    scene.client.force_login(user)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response, seconds = _timed(lambda: scene.client.post(url, {"file": upload, **fields}))
    answer = Answer(response.status_code, seconds)
    if response.status_code == 302:  # the register's preview page
        response = scene.client.get(response.url)
    answer.page = response.content.decode()
    context = response.context or {}
    if "form" in context:
        answer.field_errors = {key: list(value) for key, value in context["form"].errors.items()}
    if context.get("result") is not None:
        answer.row_errors = [error.as_dict() for error in context["result"].errors]
    if context.get("run") is not None:
        answer.row_errors = list(context["run"].row_errors)
    return answer


ENDPOINTS: dict[str, tuple[Target, Callable[[Scene, str, bytes], Answer]]] = {
    "measurements-api-dry-run": (
        MEASUREMENTS,
        lambda s, n, c: _api(s, reverse("measurement-import-file"), s.alice, n, c, dry_run="true"),
    ),
    "measurements-api-commit": (
        MEASUREMENTS,
        lambda s, n, c: _api(s, reverse("measurement-import-file"), s.alice, n, c, dry_run="false"),
    ),
    "measurements-page": (
        MEASUREMENTS,
        lambda s, n, c: _page(s, reverse("metrics:measurement-import"), s.alice, n, c),
    ),
    "register-api-dry-run": (
        INVENTORY,
        lambda s, n, c: _api(
            s, reverse("register-import"), s.carla, n, c, format="", dry_run="true"
        ),
    ),
    "register-api-commit": (
        INVENTORY,
        lambda s, n, c: _api(
            s,
            reverse("register-import"),
            s.carla,
            n,
            c,
            format="",
            dry_run="false",
            all_organisations="true",
        ),
    ),
    "register-page": (
        INVENTORY,
        lambda s, n, c: _page(s, reverse("governance:import-upload"), s.carla, n, c, format=""),
    ),
}

# What an import writes, and what a refused upload must not leave behind either.
WRITTEN: dict[str, tuple[type[Model], ...]] = {
    "measurements": (Measurement,),
    "inventory": (AISystem, ApprovalEvent),
}
KEPT: dict[str, tuple[type[Model], ...]] = {"measurements": (Job,), "inventory": (ImportRun, Job)}


def _counts(models: tuple[type[Model], ...]) -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in models}


@pytest.fixture
def scene(alice, compliance_officer, client, django_capture_on_commit_callbacks) -> Scene:
    initiative = InitiativeFactory(title="Invoice reading", owner=alice, stage=Stage.PILOT)
    kpi = KpiFactory(initiative=initiative, name="Minutes per invoice")
    return Scene(alice, compliance_officer, kpi.pk, client, django_capture_on_commit_callbacks)


def _messages(answer: Answer) -> list[str]:
    return [message for messages in answer.field_errors.values() for message in messages]


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_a_hostile_upload_is_refused_or_listed_and_saves_nothing(
    scene: Scene, hostile: str, endpoint: str
) -> None:
    target, send = ENDPOINTS[endpoint]
    name, content = HOSTILE[hostile](target, scene.kpi_id)
    expected = EXPECTED[hostile][target.name]
    written, kept = _counts(WRITTEN[target.name]), _counts(KEPT[target.name])

    answer = send(scene, name, content)

    assert _counts(WRITTEN[target.name]) == written  # not one row saved, not half a file
    if isinstance(expected, Refused):
        assert answer.status == 400, (answer.status, answer.body)
        errors = answer.field_errors.get(expected.field, [])
        assert any(expected.text in message for message in errors), answer.field_errors
        if answer.page:
            # The person sees the reason beside the field, not just a status.
            assert any(html.escape(message) in answer.page for message in errors)
        assert _counts(KEPT[target.name]) == kept  # no job queued, no preview kept
    else:
        assert answer.status in (200, 202, 302), (answer.status, answer.body)
        located = [
            error
            for error in answer.row_errors
            if error["row"] == expected.row
            and error["field"] == expected.column
            and expected.text in error["message"]
        ]
        assert located, answer.row_errors
        if answer.page:
            assert html.escape(located[0]["message"]) in answer.page
            assert 'name="token"' not in answer.page  # the page offers no save
        if endpoint == "measurements-api-commit":
            assert answer.body["status"] == "failed" and not answer.body["committed"]


@pytest.mark.parametrize(
    ("endpoint", "extension"),
    [
        (endpoint, extension)
        for endpoint, (target, _send) in ENDPOINTS.items()
        for extension in ("csv", "xlsx", "json")
        if not (target is MEASUREMENTS and extension == "json")
    ],
)
def test_the_files_the_corpus_starts_from_are_accepted(
    scene: Scene, endpoint: str, extension: str
) -> None:
    """Control: without the hostile change, every endpoint takes the file and saves its rows."""
    target, send = ENDPOINTS[endpoint]
    rows = target.rows(3, scene.kpi_id)
    content = {
        "csv": lambda: _csv(target.header, rows),
        "xlsx": lambda: _xlsx(target, 3, scene.kpi_id),
        "json": lambda: json.dumps(_json_records(target, rows)).encode(),
    }[extension]()
    before = _counts(WRITTEN[target.name])

    answer = send(scene, f"{target.filename}.{extension}", content)

    assert answer.status in (200, 202, 302), (answer.status, answer.field_errors, answer.body)
    assert answer.row_errors == []
    saved = sum(_counts(WRITTEN[target.name]).values()) - sum(before.values())
    assert saved == (3 if endpoint.endswith("-commit") else 0)


def test_openpyxl_itself_refuses_entities_behind_the_doctype_check() -> None:
    """A second wall: even a workbook handed straight to openpyxl never expands an entity."""
    from defusedxml import DTDForbidden, EntitiesForbidden
    from openpyxl import load_workbook

    hostile = _rewrite(
        _xlsx(MEASUREMENTS, 1, 1),
        "xl/workbook.xml",
        lambda xml: LAUGHS + xml.split(b"?>", 1)[-1].replace(b"<sheets>", b"<sheets>&lol9;"),
    )
    with pytest.raises(ValueError, match="Unable to read workbook") as refused:
        load_workbook(io.BytesIO(hostile), read_only=True)
    # openpyxl wraps the parser's refusal; nothing was expanded.
    assert isinstance(refused.value.__cause__, EntitiesForbidden | DTDForbidden)


def test_the_system_check_refuses_openpyxl_without_defusedxml(monkeypatch) -> None:
    import openpyxl.xml

    from core.checks import openpyxl_uses_defusedxml

    assert openpyxl_uses_defusedxml() == []
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    assert [message.id for message in openpyxl_uses_defusedxml()] == ["core.E001"]


def test_the_system_check_refuses_openpyxl_on_lxml(monkeypatch) -> None:
    """lxml is installed (the SAML libraries need it); openpyxl must still parse with defusedxml."""
    import openpyxl.xml

    from core.checks import openpyxl_uses_defusedxml

    assert openpyxl.xml.LXML is False
    monkeypatch.setattr(openpyxl.xml, "LXML", True)
    assert [message.id for message in openpyxl_uses_defusedxml()] == ["core.E001"]
