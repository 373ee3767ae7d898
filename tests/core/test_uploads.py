"""Hostile uploads are refused before parsing, quickly and with a message a person can act on."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from core.uploads import (
    BoundedCsvReader,
    UploadLimits,
    UploadRefused,
    bounded_rows,
    cell_problem,
    check_json_depth,
    check_xlsx,
    csv_rows,
    json_document,
    printable,
    upload_limits,
)


def _xlsx(rows=(("kpi_id", "date", "value"), (1, "2026-01-31", 3))) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, member: str, change) -> bytes:
    """The same archive with one member's bytes changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_a_real_workbook_passes():
    check_xlsx(_xlsx())


def test_json_nested_deeper_than_the_limit_is_refused_without_recursion():
    body = "[" * 50_000 + "]" * 50_000
    with pytest.raises(UploadRefused, match="nested more than 64 levels"):
        check_json_depth(body)


def test_brackets_inside_strings_do_not_count():
    check_json_depth('{"note": "' + "[" * 1000 + '"}')


def test_an_xlsx_with_a_doctype_is_refused():
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
    hostile = _rewrite(
        _xlsx(), "xl/worksheets/sheet1.xml", lambda xml: entity + xml.split(b"?>", 1)[-1]
    )
    with pytest.raises(UploadRefused, match="declares XML entities"):
        check_xlsx(hostile)


def test_an_xlsx_declaring_a_million_rows_is_refused_from_a_small_file():
    hostile = _rewrite(
        _xlsx(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:C2"', b'<dimension ref="A1:XFD1048576"'),
    )
    assert len(hostile) < 10_000
    with pytest.raises(UploadRefused, match="1048576 rows"):
        check_xlsx(hostile)


def test_a_zip_bomb_is_refused_within_a_second():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"A" * (300 * 1024 * 1024) + b"</sst>")
    bomb = out.getvalue()
    assert len(bomb) < 1_000_000
    # Refused from the archive's declared sizes, before anything is inflated (how fast:
    # benchmarks/test_hostile_bench.py).
    with pytest.raises(UploadRefused, match="unpacks to more than"):
        check_xlsx(bomb)


def test_a_file_that_is_no_zip_is_refused():
    with pytest.raises(UploadRefused, match="not an Excel"):
        check_xlsx(b"PK\x03\x04 not really")


def test_a_csv_field_over_the_limit_is_a_refusal_not_a_crash():
    text = "kpi_id,note\n1," + "x" * 200_000 + "\n"
    with pytest.raises(UploadRefused, match="Line 2 cannot be read"):
        list(csv_rows(text, limits=UploadLimits(max_cell_chars=100_000)))


def test_csv_rows_and_columns_are_bounded():
    limits = UploadLimits(max_rows=3, max_columns=4)
    assert len(list(csv_rows("a,b\n1,2\n3,4\n5,6\n", limits=limits))) == 4
    with pytest.raises(UploadRefused, match="more than 3 rows"):
        list(csv_rows("a\n1\n2\n3\n4\n", limits=limits))
    with pytest.raises(UploadRefused, match="more than 4 columns"):
        list(csv_rows("a,b,c,d,e\n", limits=limits))


def test_nul_bytes_are_a_cell_problem():
    assert cell_problem("fine\ttext\n") is None
    assert "NUL" in cell_problem("bad\x00text")
    assert cell_problem(12) is None


def test_sheet_rows_are_bounded_but_empty_cells_at_the_right_do_not_count():
    limits = UploadLimits(max_rows=2, max_columns=3, max_cell_chars=5)
    assert len(list(bounded_rows([("a", "b", "c", None, ""), (1, 2, 3)], limits))) == 2
    with pytest.raises(UploadRefused, match="Row 2 has more than 3 columns"):
        list(bounded_rows([("a",), (1, 2, 3, 4)], limits))
    with pytest.raises(UploadRefused, match="Row 1 has a cell longer than 5 characters"):
        list(bounded_rows([("abcdef",)], limits))
    with pytest.raises(UploadRefused, match="more than 2 rows"):
        list(bounded_rows([("a",)] * 4, limits))


def test_the_csv_reader_keeps_line_numbers_and_restores_the_field_limit():
    import csv

    before = csv.field_size_limit()
    reader = BoundedCsvReader('a;b\n"two\nlines";x\n', delimiter=";")
    assert [(row, reader.line_num) for row in reader] == [
        (["a", "b"], 1),
        (["two\nlines", "x"], 3),
    ]
    assert csv.field_size_limit() == before


def test_json_without_nan_or_infinity():
    assert json_document(b'[{"value": 1.5}]') == [{"value": 1.5}]
    for constant in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(UploadRefused, match=f"holds {constant}"):
            json_document(f'[{{"value": {constant}}}]')


def test_a_damaged_archive_member_is_a_refusal_not_a_crash():
    data = _xlsx()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    damaged = data[:start] + b"\xff" * 16 + data[start + 16 :]
    with pytest.raises(UploadRefused, match="damaged"):
        check_xlsx(damaged)


def test_half_of_a_utf16_pair_is_a_cell_problem_and_never_reaches_a_message():
    assert "half of a UTF-16 pair" in cell_problem("a\ud800b")
    assert printable("a\x00b\ud800c") == "a\ufffdb\ufffdc"


def test_import_limits_follow_the_request_limit(settings):
    assert upload_limits().max_bytes == 10 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.PORTFOLIO_MAX_JSON_DEPTH = 8
    assert (upload_limits().max_bytes, upload_limits().max_json_depth) == (1000, 8)
