"""The quarterly PDF as a board reads it: no two words overlap, nothing crosses the margin.

The report is rendered at 50 and 500 initiatives with long names and eight-digit amounts; the
position of every word is read back from the PDF (`pdftotext -bbox`). Amounts that ran into each
other ("316,548.39 EUR51,556.71 EUR") would either overlap or fuse into one malformed word, so
every word that carries a euro sign must be one well-formed amount.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from portfolio.figures import build_snapshot
from portfolio.reports.pdf import render_report
from tests.factories.accounts import UserFactory
from tests.portfolio.report_data import build_report_portfolio

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
# The @page margins of templates/reports/quarterly.html: portrait 15 mm, landscape 12 mm.
SIDE_MARGIN = {"portrait": 15 * MM, "landscape": 12 * MM}
TOLERANCE = 0.6  # points: glyph boxes of neighbouring words may touch, never overlap
MONEY_WORD = re.compile(r"^[(]?−?€[0-9.,]+(?:[)]|[.,;])?$|^[(]?€[)]?$")


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float


def read_words(pdf: Path) -> tuple[list[Page], list[Word]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[Page] = []
    words: list[Word] = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        page = Page(len(pages) + 1, float(match.group(1)), float(match.group(2)))
        pages.append(page)
        for word in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            match.group(3),
        ):
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            words.append(Word(page.number, html.unescape(word.group(5)), x0, y0, x1, y1))
    return pages, words


def overlapping(words: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words on a page whose boxes intersect by more than the tolerance."""
    found = []
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w.x0)
        for i, a in enumerate(page_words):
            for b in page_words[i + 1 :]:
                if b.x0 >= a.x1 - TOLERANCE:
                    break
                x_overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
                y_overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
                if x_overlap > TOLERANCE and y_overlap > TOLERANCE:
                    found.append((a, b))
    return found


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The report at 50 and at 500 initiatives, rendered once for all tests here."""
    from django.db import connection, transaction

    results = {}
    with django_db_blocker.unblock():
        for size in (50, 500):
            with transaction.atomic():
                build_report_portfolio(size, UserFactory())
                last = _current_quarter()
                snapshot = build_snapshot(year=last[0], quarter=last[1])
                context = {
                    "snapshot": snapshot,
                    "report": type("R", (), {"version": 1})(),
                    "generated_by": "Layout test",
                }
                document = render_report(context)
                path = tmp_path_factory.mktemp(f"report{size}") / "report.pdf"
                path.write_bytes(document.pdf)
                results[size] = (path, snapshot, document.pages)
                transaction.set_rollback(True)
        connection.close()
    return results


def _current_quarter() -> tuple[int, int]:
    from django.utils import timezone

    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


@pytest.mark.parametrize("size", [50, 500])
def test_no_two_words_overlap(rendered, size):
    path, _snapshot, _pages = rendered[size]
    _unused, words = read_words(path)
    assert words, "the PDF has no text"
    clashes = overlapping(words)
    assert not clashes, [(a.page, a.text, b.text) for a, b in clashes[:10]]


@pytest.mark.parametrize("size", [50, 500])
def test_nothing_crosses_the_page_margins(rendered, size):
    path, _snapshot, _pages = rendered[size]
    pages, words = read_words(path)
    crossing = []
    for word in words:
        page = pages[word.page - 1]
        margin = SIDE_MARGIN["landscape" if page.width > page.height else "portrait"]
        if word.x0 < margin - TOLERANCE or word.x1 > page.width - margin + TOLERANCE:
            crossing.append((word.page, word.text, round(word.x0), round(word.x1)))
    assert not crossing, crossing[:10]


@pytest.mark.parametrize("size", [50, 500])
def test_every_amount_is_one_well_formed_word(rendered, size):
    path, _snapshot, _pages = rendered[size]
    _unused, words = read_words(path)
    money_words = [w.text for w in words if "€" in w.text]
    assert len(money_words) > size  # the appendix alone has several amounts per initiative
    malformed = [text for text in money_words if not MONEY_WORD.match(text)]
    assert not malformed, malformed[:10]


def test_wide_tables_go_landscape_and_the_report_says_what_it_covers(rendered):
    path, snapshot, page_count = rendered[500]
    pages, words = read_words(path)
    assert any(p.width > p.height for p in pages), "the appendix should be on landscape pages"
    text = " ".join(w.text for w in words)
    assert f"Totals of all {len(snapshot['initiatives'])} initiatives" in text
    assert "Contents" in text and "Methods and definitions" in text
    assert "Figures as of" in text
    assert page_count == len(pages)
