"""The Dutch, Swedish and German catalogues: complete, current, faithful to their placeholders,
compiled, and used by the pages; numbers and money in each locale's own format."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from core.templatetags.formatting import money, percent

REPO_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "sv", "de")

# The same folders the documented `makemessages` command leaves out (the demo organisation's
# texts have their own catalogue in seeding/locale).
MAKEMESSAGES_IGNORES = (".venv", "staticfiles", "test-artifacts", "benchmarks", "tests", "seeding")
# What the fresh extraction does not need to see in its copy of the repository.
COPY_IGNORES = shutil.ignore_patterns(
    ".venv",
    ".git",
    "var",
    "staticfiles",
    "test-artifacts",
    "benchmarks",
    "tests",
    "locale",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
)


def po_path(language: str) -> Path:
    return REPO_ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


# --- A small .po reader -------------------------------------------------------------------------


@dataclass
class Entry:
    """One message of a catalogue."""

    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.msgctxt or "", self.msgid, self.msgid_plural or "")

    def pairs(self) -> list[tuple[str, str]]:
        """(source, translation) for every form: the singular against msgid, others against
        msgid_plural."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr)]
        return [
            (self.msgid if index == 0 else self.msgid_plural, text)
            for index, text in sorted(self.msgstr_plural.items())
        ]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def read_po(path: Path) -> list[Entry]:
    """The catalogue's live entries (obsolete `#~` entries and the header left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        if current is not None and (current.msgid or current.msgid_plural):
            entries.append(current)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            current, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if index is not None:
                target = ("msgstr_plural", int(index))
                current.msgstr_plural[int(index)] = value
            else:
                target = (keyword, None)
                setattr(current, keyword, value)
            continue
        if line.startswith('"') and target is not None:
            name, index = target
            if index is not None:
                current.msgstr_plural[index] += _unquote(line)
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(line))
            continue
        raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def describe(entry: Entry) -> str:
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return f"line {entry.line}{context}: {entry.msgid[:90]!r}"


# --- Placeholders --------------------------------------------------------------------------------

# %(name)s and %s style, %% , str.format fields, and HTML tags.
PLACEHOLDER = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^{}\s]*\}|</?[a-zA-Z][^>]*>"
)


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


# --- (a) complete ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    entries = read_po(po_path(language))
    assert entries, f"{po_path(language)} has no entries"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {describe(entry)}")
        if entry.msgid_plural is None:
            if not entry.msgstr.strip():
                problems.append(f"untranslated: {describe(entry)}")
        elif len(entry.msgstr_plural) < 2 or not all(
            text.strip() for text in entry.msgstr_plural.values()
        ):
            problems.append(f"plural form missing: {describe(entry)}")
    assert not problems, f"{language}: {len(problems)} entries to fix:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_is_final(language: str) -> None:
    text = po_path(language).read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert "#, fuzzy" not in header
    assert f'"Language: {language}\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header


# --- (b) current ----------------------------------------------------------------------------------


def test_the_catalogue_holds_every_marked_string(tmp_path: Path) -> None:
    """Extract the strings afresh in a copy of the repository and compare with the committed
    catalogue: a string missing there is shown untranslated."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("GNU gettext (xgettext, msgmerge) is needed: apt-get install gettext")
    copy = tmp_path / "repo"
    shutil.copytree(REPO_ROOT, copy, ignore=COPY_IGNORES, symlinks=True)
    command = [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete"]
    command += [f"--ignore={folder}" for folder in MAKEMESSAGES_IGNORES]
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = {entry.key for entry in read_po(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    committed = {entry.key for entry in read_po(po_path("nl"))}

    def show(keys: set[tuple[str, str, str]]) -> str:
        return "\n".join(f"  {key[1][:100]!r}" for key in sorted(keys, key=lambda k: k[1]))

    missing, gone = fresh - committed, committed - fresh
    assert not missing and not gone, (
        "The catalogues are stale; run makemessages -l nl -l sv -l de (see README), "
        "translate and compilemessages.\n"
        f"Not in the catalogue ({len(missing)}):\n{show(missing)}\n"
        f"No longer in the code ({len(gone)}):\n{show(gone)}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_languages_have_the_same_entries(language: str) -> None:
    reference = {entry.key for entry in read_po(po_path("nl"))}
    assert {entry.key for entry in read_po(po_path(language))} == reference


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    mo = po_path(language).with_suffix(".mo")
    assert mo.is_file(), f"{mo.relative_to(REPO_ROOT)} is missing: run compilemessages"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    stale = []
    for entry in read_po(po_path(language)):
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural is None:
            if catalog.get(msgid) != entry.msgstr:
                stale.append(describe(entry))
        elif any(catalog.get((msgid, i)) != text for i, text in entry.msgstr_plural.items()):
            stale.append(describe(entry))
    assert not stale, (
        f"{mo.relative_to(REPO_ROOT)} is older than its .po; run compilemessages:\n"
        + "\n".join(stale[:50])
    )


# --- (c) faithful ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_markup_are_kept(language: str) -> None:
    problems = []
    for entry in read_po(po_path(language)):
        for source, text in entry.pairs():
            if text and placeholders(source) != placeholders(text):
                problems.append(
                    f"{describe(entry)}\n    expected {sorted(placeholders(source).elements())}"
                    f"\n    found    {sorted(placeholders(text).elements())}"
                )
            if text and source.endswith("\n") != text.endswith("\n"):
                problems.append(f"{describe(entry)}: the final line break differs")
    assert not problems, f"{language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_yesno_mappings_keep_their_parts(language: str) -> None:
    """Arguments of the yesno filter ("yes,no,unknown") must keep their comma-separated parts."""
    for entry in read_po(po_path(language)):
        if re.fullmatch(r"[A-Za-z]+(,[A-Za-z]+){1,2}", entry.msgid):
            assert entry.msgstr.count(",") == entry.msgid.count(","), describe(entry)
            assert " " not in entry.msgstr, describe(entry)


# --- (d) used by the pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "departments", "sign_out"),
    [
        ("nl", "Afdelingen", "Uitloggen"),
        ("sv", "Avdelningar", "Logga ut"),
        ("de", "Abteilungen", "Abmelden"),
    ],
)
def test_pages_render_in_the_chosen_language(
    client: Client, alice: User, language: str, departments: str, sign_out: str
) -> None:
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert f'<html lang="{language}">' in page
    assert departments in page
    assert sign_out in page
    assert ">Departments<" not in page


def test_pages_stay_english_by_default(client: Client, alice: User) -> None:
    client.force_login(alice)
    page = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    assert "Departments" in page


# --- Numbers and money in the locale's format ---------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected_money", "expected_percent"),
    [
        ("en", "€1,234,567.50", "1,234.5%"),
        ("nl", "€\xa01.234.567,50", "1.234,5%"),
        ("de", "1.234.567,50\xa0€", "1.234,5\xa0%"),
        # Swedish groups with a no-break space and puts the sign after the number.
        ("sv", "1\xa0234\xa0567,50\xa0€", "1\xa0234,5\xa0%"),
    ],
)
def test_money_and_percent_follow_the_locale(
    language: str, expected_money: str, expected_percent: str
) -> None:
    with translation.override(language):
        assert money("1234567.5") == expected_money
        assert percent("1234.54") == expected_percent
        assert money(None) == "—"
