"""Normalisation helpers for messy inventory cells: whitespace, categories, yes/no and dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from governance.domain.inventories.records import Precision, SourceDate

# OWASP CSV-injection triggers; shared by the export sanitiser and the import that undoes it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'"})
_OPTION_PREFIX = re.compile(r"^(?:[a-z]\)\s*)+", re.IGNORECASE)


def clean_line(value: str | None) -> str:
    """Collapse every run of whitespace (line breaks, tabs, no-break spaces) to one space and trim."""
    if not value:
        return ""
    return " ".join(value.split())


def clean_category(value: str | None) -> str:
    """A category value without trailing spaces or line breaks and with single inner spaces."""
    return clean_line(value)


def clean_block(value: str | None) -> str:
    """Free text with uniform line endings, no trailing spaces on lines and no blank margins."""
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def category_key(value: str | None) -> str:
    """A lookup key for a category: cleaned, case-folded, typographic dashes and quotes made plain."""
    return clean_line(value).translate(_DASHES).casefold()


def option_key(value: str | None) -> str:
    """Like category_key, but without a questionnaire option letter such as 'a) ' in front."""
    return _OPTION_PREFIX.sub("", category_key(value)).strip()


def unescape_formula(value: str) -> str:
    """Drop the apostrophe that formula-safe exports put before = + - @ tab or CR.

    Spreadsheet programs treat a leading apostrophe as a "text" marker that is not part of the
    value, so reading it back the same way keeps exports and imports symmetrical.
    """
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        return value[1:]
    return value


_YES = frozenset({"yes", "y", "true", "t", "1", "ja", "j", "oui"})
_NO = frozenset({"no", "n", "false", "f", "0", "nee", "non"})
_UNKNOWN = frozenset(
    {
        "",
        "n/a",
        "na",
        "n.a.",
        "n.v.t.",
        "nvt",
        "-",
        "none",
        "null",
        "unknown",
        "onbekend",
        "inconnu",
        "not applicable",
        "tbd",
    }
)
_FIRST_WORD = re.compile(r"^([a-z]+)\b(.*)$", re.DOTALL)


def parse_yes_no(value: str | None) -> tuple[bool | None, bool]:
    """Read a yes/no cell in English, Dutch or French; returns (value, recognised).

    Blank and "not applicable" variants are recognised as unknown (None). Sentences that start
    with a clear yes or no ("No, because ...", "Yes - by the CAIO") count as that answer.
    """
    key = option_key(value)
    if key in _UNKNOWN:
        return None, True
    if key in _YES:
        return True, True
    if key in _NO:
        return False, True
    match = _FIRST_WORD.match(key)
    if match and match.group(2)[:1] in {",", ".", "-", "(", ":", ";", " "}:
        word = match.group(1)
        if word in {"yes", "ja", "oui"}:
            return True, True
        if word in {"no", "nee", "non"}:
            return False, True
    return None, False


def is_unknown_marker(value: str | None) -> bool:
    """True for blanks and placeholders such as N/A, TBD or Unknown."""
    return option_key(value) in _UNKNOWN


_MONTHS = {
    "jan": 1,
    "january": 1,
    "januari": 1,
    "feb": 2,
    "february": 2,
    "februari": 2,
    "mar": 3,
    "march": 3,
    "mrt": 3,
    "maart": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "mei": 5,
    "jun": 6,
    "june": 6,
    "juni": 6,
    "jul": 7,
    "july": 7,
    "juli": 7,
    "aug": 8,
    "august": 8,
    "augustus": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_SLASHED = re.compile(rf"^(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}|\d{{2}}){_TIME}$")
_DOTTED_OR_DASHED = re.compile(rf"^(\d{{1,2}})[.-](\d{{1,2}})[.-](\d{{4}}){_TIME}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_NAMED_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?[- ,]+(\d{4}|\d{2})$", re.IGNORECASE)
_DAY_NAMED_MONTH_YEAR = re.compile(r"^(\d{1,2})[- ]([a-z]{3,9})\.?[- ,]+(\d{4})$", re.IGNORECASE)
_NAMED_MONTH_DAY_YEAR = re.compile(r"^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$", re.IGNORECASE)
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials outside 1954..2119 are more likely ids or amounts than dates.
_EXCEL_SERIAL_RANGE = range(20000, 80001)
_YEAR_RANGE = range(1900, 2101)


def _year(text: str) -> int:
    """A four-digit year, or a two-digit year read as 1970-2069 (the spreadsheet convention)."""
    number = int(text)
    if len(text) == 2:
        return 2000 + number if number < 70 else 1900 + number
    return number


def _day(year: int, month: int, day: int) -> date | None:
    """A valid calendar day or None."""
    if year not in _YEAR_RANGE:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(year: int, month: int) -> date | None:
    """The first of a valid month or None."""
    return _day(year, month, 1)


def parse_date(value: str | None, *, day_first: bool = False) -> SourceDate | None:
    """Read a date in any of the shapes found in the inventories; None for a blank cell.

    ISO dates and timestamps, m/d/Y (or d/m/Y with day_first), d-m-Y and d.m.Y, month/year,
    year-month, year alone, "Jul-25", "1 March 2024" and Excel serial numbers are understood.
    Anything else comes back with value None and the raw text kept.
    """
    raw = value if value is not None else ""
    text = clean_line(raw)
    if not text:
        return None
    parsed = _parse(text, day_first)
    if parsed is None:
        return SourceDate(raw=raw)
    found, precision = parsed
    return SourceDate(raw=raw, value=found, precision=precision)


def _parse(text: str, day_first: bool) -> tuple[date, Precision] | None:
    """The date and its precision, or None when the text is not a date we understand."""
    day: date | None
    if match := _ISO.match(text):
        day = _day(int(match[1]), int(match[2]), int(match[3]))
        return (day, Precision.DAY) if day else None
    if match := _YMD_SLASH.match(text):
        day = _day(int(match[1]), int(match[2]), int(match[3]))
        return (day, Precision.DAY) if day else None
    if match := _SLASHED.match(text):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        day = _day(year, first, second) if not day_first else _day(year, second, first)
        return (day, Precision.DAY) if day else None
    if match := _DOTTED_OR_DASHED.match(text):
        day = _day(int(match[3]), int(match[2]), int(match[1]))
        return (day, Precision.DAY) if day else None
    if match := _YEAR_MONTH.match(text):
        month = _month(int(match[1]), int(match[2]))
        return (month, Precision.MONTH) if month else None
    if match := _MONTH_YEAR.match(text):
        month = _month(int(match[2]), int(match[1]))
        return (month, Precision.MONTH) if month else None
    if match := _YEAR.match(text):
        january = _day(int(match[1]), 1, 1)
        return (january, Precision.YEAR) if january else None
    if match := _NAMED_MONTH_YEAR.match(text):
        number = _MONTHS.get(match[1].casefold())
        month = _month(_year(match[2]), number) if number else None
        return (month, Precision.MONTH) if month else None
    if match := _DAY_NAMED_MONTH_YEAR.match(text):
        number = _MONTHS.get(match[2].casefold())
        day = _day(int(match[3]), number, int(match[1])) if number else None
        return (day, Precision.DAY) if day else None
    if match := _NAMED_MONTH_DAY_YEAR.match(text):
        number = _MONTHS.get(match[1].casefold())
        day = _day(int(match[3]), number, int(match[2])) if number else None
        return (day, Precision.DAY) if day else None
    if (match := _EXCEL_SERIAL.match(text)) and int(match[1]) in _EXCEL_SERIAL_RANGE:
        return _EXCEL_EPOCH + timedelta(days=int(match[1])), Precision.DAY
    return None


def format_date(found: SourceDate | None, *, style: str = "iso") -> str:
    """Write a date back as text: the raw text when unparsed, else ISO or US style by precision."""
    if found is None:
        return ""
    if found.value is None:
        return found.raw
    value = found.value
    if found.precision is Precision.YEAR:
        return f"{value.year:04d}"
    if found.precision is Precision.MONTH:
        if style == "us":
            return f"{value.month:02d}/{value.year:04d}"
        if style == "nl":
            return f"{value.month:02d}-{value.year:04d}"
        return f"{value.year:04d}-{value.month:02d}"
    if style == "us":
        return f"{value.month}/{value.day}/{value.year:04d}"
    return value.isoformat()
