"""Figures as people read them, in English, Dutch, Swedish and German: the one formatting layer.

Templates (through core.templatetags.formatting), charts (axis and hover formats), the PDF and the
human-facing CSV headers all format here, so a figure reads the same everywhere. The patterns come
from the Unicode CLDR (through Babel); English follows the European convention (en_GB: 24 Aug
2026, €1,234.56) because the product reports in euros to European boards.

Exact money keeps its cents ("€2,500,000.00", "2.500.000,00 €"); compact money is for executive
tiles ("€3.99 M", "−€890.9 k") and always sits next to the exact figure (tooltip or table).
A missing figure (an ROI without costs) is "—", never 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal as _babel_decimal

DASH = "—"
MINUS = "−"  # U+2212: a real minus sign, as typeset in financial statements

# Our language codes → the CLDR locale whose conventions they follow.
LOCALES = {"en": "en_GB", "nl": "nl_NL", "sv": "sv_SE", "de": "de_DE"}

# Compact scales per language: (threshold, divisor, suffix), largest first. CLDR's own compact
# currency patterns leave German thousands uncompacted and mix "K" and "k"; boards read these.
_COMPACT_SUFFIXES = {
    "en": ("bn", "M", "k"),
    "nl": ("mld.", "mln.", "k"),
    "sv": ("md", "mn", "tn"),
    "de": ("Mrd.", "Mio.", "Tsd."),
}
_SCALES = (Decimal(10) ** 9, Decimal(10) ** 6, Decimal(10) ** 3)


def _locale_name(language: str | None) -> str:
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return LOCALES.get(code, LOCALES["en"])


@lru_cache(maxsize=16)
def _babel_locale(name: str) -> Locale:
    """One parsed Locale per locale name: Babel parses a name given as text on every call."""
    return Locale.parse(name)


def _locale(language: str | None) -> Locale:
    return _babel_locale(_locale_name(language))


def _language(language: str | None) -> str:
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return code if code in LOCALES else "en"


def to_number(value: Any) -> Decimal | None:
    """A Decimal from a Decimal, int or numeric text (as stored in the report JSON); else None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Only chart code hands over floats; their shortest repr is the intended value.
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _signed(text: str) -> str:
    """Typeset the minus sign (Babel writes a hyphen-minus)."""
    return text.replace("-", MINUS, 1) if "-" in text else text


def _round(value: Decimal, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


@dataclass(frozen=True)
class _CurrencyPattern:
    """Where the currency sign stands around the number in a locale ("€", "€ ", " €")."""

    prefix: str
    suffix: str


@lru_cache(maxsize=32)
def _currency_pattern(locale_name: str, currency: str) -> _CurrencyPattern:
    locale = _babel_locale(locale_name)
    sample = _babel_currency(Decimal(1), currency, locale=locale)
    number = _babel_decimal(Decimal(1), format="0.00", locale=locale)
    prefix, _, suffix = sample.partition(number)
    return _CurrencyPattern(prefix=prefix, suffix=suffix)


@lru_cache(maxsize=16)
def _marks(locale_name: str) -> dict[int, str]:
    """Python's "1,234.5" to the locale's marks ("1.234,5", "1\u00a0234,5")."""
    locale = _babel_locale(locale_name)
    decimal_mark = _babel_decimal(Decimal("1.5"), format="0.0", locale=locale)[1]
    group_mark = _babel_decimal(Decimal(1000), format="#,##0", locale=locale)[1]
    return str.maketrans({",": group_mark, ".": decimal_mark})


def _grouped(value: Decimal, places: int, locale_name: str) -> str:
    """The absolute value grouped by thousands with `places` decimals, in the locale's marks.

    A page formats hundreds of figures; Babel parses and applies its pattern for each one, so
    the patterns' frames are taken from Babel once (below) and the digits written here. The
    tests compare both ways on thousands of values in every language.
    """
    return format(value.copy_abs(), f",.{places}f").translate(_marks(locale_name))


@dataclass(frozen=True)
class _Frame:
    """What stands before and after the digits of a positive and of a negative figure."""

    prefix: str
    suffix: str
    negative_prefix: str
    negative_suffix: str

    def around(self, digits: str, negative: bool) -> str:
        if negative:
            return f"{self.negative_prefix}{digits}{self.negative_suffix}"
        return f"{self.prefix}{digits}{self.suffix}"


def _frame(positive: str, negative: str, digits: str) -> _Frame:
    prefix, found, suffix = positive.partition(digits)
    negative_prefix, negative_found, negative_suffix = _signed(negative).partition(digits)
    if not (found and negative_found):  # pragma: no cover - a CLDR pattern we do not know
        raise ValueError(f"cannot find {digits!r} in {positive!r} / {negative!r}")
    return _Frame(prefix, suffix, negative_prefix, negative_suffix)


_SAMPLE = Decimal("1234.56")


@lru_cache(maxsize=32)
def _money_frame(locale_name: str, currency: str) -> _Frame:
    locale = _babel_locale(locale_name)
    return _frame(
        _babel_currency(_SAMPLE, currency, locale=locale),
        _babel_currency(-_SAMPLE, currency, locale=locale),
        _grouped(_SAMPLE, 2, locale_name),
    )


@lru_cache(maxsize=16)
def _percent_frame(locale_name: str) -> tuple[str, _Frame]:
    """The locale's percent pattern with one decimal, and its frame."""
    locale = _babel_locale(locale_name)
    pattern = locale.percent_formats[None].pattern
    # CLDR writes "#,##0%" / "#,##0 %"; keep its spacing and sign placement, with one decimal.
    pattern = pattern.split(";")[0].replace("#,##0", "#,##0.0", 1)
    sample = Decimal("1234.5")
    frame = _frame(
        _babel_decimal(sample / 100, format=pattern, locale=locale),
        _babel_decimal(-sample / 100, format=pattern, locale=locale),
        _grouped(sample, 1, locale_name),
    )
    return pattern, frame


def money(value: Any, *, language: str | None = None, currency: str = "EUR") -> str:
    """Exact money in cents: en "€1,234.56", nl "€ 1.234,56", sv "1 234,56 €", de "1.234,56 €"."""
    number = to_number(value)
    if number is None:
        return DASH
    name = _locale_name(language)
    rounded = _round(number, 2)
    return _money_frame(name, currency).around(_grouped(rounded, 2, name), rounded < 0)


def money_compact(value: Any, *, language: str | None = None, currency: str = "EUR") -> str:
    """Money for a tile: "€3.99 M", "−€890.9 k", "3,99 Mio. €"; below a thousand, whole units."""
    number = to_number(value)
    if number is None:
        return DASH
    lang = _language(language)
    magnitude = abs(number)
    shown, suffix = _round(magnitude, 0), ""
    for scale, name in zip(_SCALES, _COMPACT_SUFFIXES[lang], strict=True):
        if _round(magnitude / scale, 2) >= 1:
            scaled = magnitude / scale
            # Three significant digits: 3.99 M, 12.4 M, 890.9 k keeps one decimal above 100.
            places = 2 if scaled < 10 else 1
            shown, suffix = _round(scaled, places), name
            break
    name = _locale_name(language)
    if suffix:
        # "#,##0.##": the rounded digits without trailing zeros.
        exponent = shown.normalize().as_tuple().exponent
        digits = _grouped(
            shown, -exponent if isinstance(exponent, int) and exponent < 0 else 0, name
        )
    else:
        digits = _grouped(shown, 0, name)
    if suffix:
        # A no-break space keeps "3.99 M" together in a narrow tile.
        digits = f"{digits}\u00a0{suffix}"
    pattern = _currency_pattern(_locale_name(language), currency)
    sign = MINUS if number < 0 and (shown != 0) else ""
    return f"{sign}{pattern.prefix}{digits}{pattern.suffix}"


def number(value: Any, *, language: str | None = None, places: int | None = None) -> str:
    """A plain number with grouping; `places` fixes the decimals, else trailing zeros go."""
    parsed = to_number(value)
    if parsed is None:
        return DASH
    if places is None:
        shown = parsed.normalize()
        exponent = shown.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        shown = _round(parsed, places)
    digits = _grouped(shown, places, _locale_name(language))
    return f"{MINUS}{digits}" if shown < 0 else digits


def percent(value: Any, *, language: str | None = None) -> str:
    """A percentage given in percent (12.3 → "12.3%", de "12,3 %"), one decimal; None → "—"."""
    parsed = to_number(value)
    if parsed is None:
        return DASH
    name = _locale_name(language)
    shown = _round(parsed, 1)
    return _percent_frame(name)[1].around(_grouped(shown, 1, name), shown < 0)


def date(value: datetime.date | None, *, language: str | None = None) -> str:
    """A date that cannot be misread: en "24 Aug 2026", nl "24 aug 2026", de "24.08.2026"."""
    if value is None:
        return DASH
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _babel_date(value, "medium", locale=_locale(language))


def datetime_local(value: datetime.datetime | None, *, language: str | None = None) -> str:
    """Date and time to the minute, as given (convert to the organisation's zone first)."""
    if value is None:
        return DASH
    return f"{date(value, language=language)}, {_babel_datetime(value, 'HH:mm', locale=_locale(language))}"


def currency_symbol(*, language: str | None = None, currency: str = "EUR") -> str:
    """The sign of the currency in a language ("€")."""
    pattern = _currency_pattern(_locale_name(language), currency)
    return (pattern.prefix + pattern.suffix).strip("\u00a0 ")


@dataclass(frozen=True)
class ChartFormat:
    """What Plotly needs to write numbers like the rest of the page."""

    separators: str  # decimal mark, then thousands mark (Plotly's layout.separators)
    tick_prefix: str
    tick_suffix: str


def chart_format(*, language: str | None = None, currency: str = "EUR") -> ChartFormat:
    """Plotly axis settings for money in a language: marks, and where the euro sign stands."""
    locale = _locale(language)
    decimal_mark = _babel_decimal(Decimal("1.5"), format="0.0", locale=locale)[1]
    group_mark = _babel_decimal(Decimal(1000), format="#,##0", locale=locale)[1]
    pattern = _currency_pattern(_locale_name(language), currency)
    return ChartFormat(
        separators=decimal_mark + group_mark,
        tick_prefix=pattern.prefix,
        tick_suffix=pattern.suffix,
    )
