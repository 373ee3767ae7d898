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


def money(value: Any, *, language: str | None = None, currency: str = "EUR") -> str:
    """Exact money in cents: en "€1,234.56", nl "€ 1.234,56", sv "1 234,56 €", de "1.234,56 €"."""
    number = to_number(value)
    if number is None:
        return DASH
    return _signed(_babel_currency(_round(number, 2), currency, locale=_locale(language)))


def money_compact(value: Any, *, language: str | None = None, currency: str = "EUR") -> str:
    """Money for a tile: "€3.99 M", "−€890.9 k", "3,99 Mio. €"; below a thousand, whole units."""
    number = to_number(value)
    if number is None:
        return DASH
    lang = _language(language)
    locale = _locale(language)
    magnitude = abs(number)
    shown, suffix = _round(magnitude, 0), ""
    for scale, name in zip(_SCALES, _COMPACT_SUFFIXES[lang], strict=True):
        if _round(magnitude / scale, 2) >= 1:
            scaled = magnitude / scale
            # Three significant digits: 3.99 M, 12.4 M, 890.9 k keeps one decimal above 100.
            places = 2 if scaled < 10 else 1
            shown, suffix = _round(scaled, places), name
            break
    digits = _babel_decimal(shown, format="#,##0.##" if suffix else "#,##0", locale=locale)
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
    locale = _locale(language)
    if places is None:
        normalised = parsed.normalize()
        exponent = normalised.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return _signed(_babel_decimal(normalised, format=pattern, locale=locale))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return _signed(_babel_decimal(_round(parsed, places), format=pattern, locale=locale))


def percent(value: Any, *, language: str | None = None) -> str:
    """A percentage given in percent (12.3 → "12.3%", de "12,3 %"), one decimal; None → "—"."""
    parsed = to_number(value)
    if parsed is None:
        return DASH
    locale = _locale(language)
    pattern = locale.percent_formats[None].pattern
    # CLDR writes "#,##0%" / "#,##0 %"; keep its spacing and sign placement, with one decimal.
    pattern = pattern.split(";")[0].replace("#,##0", "#,##0.0", 1)
    return _signed(_babel_decimal(_round(parsed, 1) / 100, format=pattern, locale=locale))


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
