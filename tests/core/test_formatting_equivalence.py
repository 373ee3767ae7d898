"""The fast formatting path writes exactly what Babel's own patterns write.

core.formatting takes each locale's frame (currency sign, spacing, minus, percent sign) from
Babel once and writes the digits itself; this compares it with Babel applied directly (the
formatting layer as it was before) on thousands of values in every language.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel import Locale
from babel.numbers import format_currency, format_decimal

from core import formatting
from core.formatting import LOCALES, MINUS

LANGUAGES = list(LOCALES)


def _values() -> list[Decimal]:
    rng = random.Random(20261204)
    values = [Decimal(v) for v in ("0", "-0", "0.004", "-0.004", "0.005", "-0.005", "1", "-1")]
    values += [Decimal(v) for v in ("999.995", "-999.995", "1000", "999999.994", "1E+3", "2.50")]
    for _ in range(1500):
        magnitude = rng.randint(-3, 10)
        digits = rng.randint(0, 10**8)
        value = Decimal(digits).scaleb(magnitude - 8)
        values.append(-value if rng.random() < 0.4 else value)
    return values


VALUES = _values()


def _round(value: Decimal, places: int) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _signed(text: str) -> str:
    return text.replace("-", MINUS, 1) if "-" in text else text


def babel_money(value: Decimal, language: str) -> str:
    locale = Locale.parse(LOCALES[language])
    return _signed(format_currency(_round(value, 2), "EUR", locale=locale))


def babel_number(value: Decimal, language: str, places: int | None) -> str:
    locale = Locale.parse(LOCALES[language])
    if places is None:
        normalised = value.normalize()
        exponent = normalised.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return _signed(format_decimal(normalised, format=pattern, locale=locale))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return _signed(format_decimal(_round(value, places), format=pattern, locale=locale))


def babel_percent(value: Decimal, language: str) -> str:
    locale = Locale.parse(LOCALES[language])
    pattern = locale.percent_formats[None].pattern.split(";")[0].replace("#,##0", "#,##0.0", 1)
    return _signed(format_decimal(_round(value, 1) / 100, format=pattern, locale=locale))


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_matches_babel(language: str) -> None:
    differing = [
        (v, formatting.money(v, language=language), babel_money(v, language))
        for v in VALUES
        if formatting.money(v, language=language) != babel_money(v, language)
    ]
    assert differing == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("places", [None, 0, 1, 2])
def test_numbers_match_babel(language: str, places: int | None) -> None:
    differing = [
        (v, formatting.number(v, language=language, places=places))
        for v in VALUES
        # Babel writes a negative zero as "−0"; a reader sees 0.
        if not (v.is_zero() and v.is_signed())
        and formatting.number(v, language=language, places=places)
        != babel_number(v, language, places)
    ]
    assert differing == []
    zero = formatting.number(Decimal("0"), language=language, places=places)
    assert formatting.number(Decimal("-0"), language=language, places=places) == zero


@pytest.mark.parametrize("language", LANGUAGES)
def test_percentages_match_babel(language: str) -> None:
    differing = [
        (v, formatting.percent(v, language=language))
        for v in VALUES
        if formatting.percent(v, language=language) != babel_percent(v, language)
    ]
    assert differing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compact_money_digits_match_babel(language: str) -> None:
    """The compact tile writes its rounded digits like Babel's "#,##0.##"."""
    locale = Locale.parse(LOCALES[language])
    for value in VALUES:
        shown = abs(_round(value, 2))
        exponent = shown.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        ours = formatting._grouped(shown, places, LOCALES[language])
        assert ours == format_decimal(shown, format="#,##0.##", locale=locale), value


def test_a_few_figures_as_a_reader_sees_them() -> None:
    figure = Decimal("-1234567.891")
    assert formatting.money(figure, language="en") == "−€1,234,567.89"
    assert formatting.money(figure, language="nl") == "€\u00a0−1.234.567,89"
    assert formatting.money(figure, language="sv") == "−1\u00a0234\u00a0567,89\u00a0€"
    assert formatting.money(figure, language="de") == "−1.234.567,89\u00a0€"
    assert formatting.percent(Decimal("12.34"), language="de") == "12,3\u00a0%"
    assert formatting.number(Decimal("1234.50"), language="sv") == "1\u00a0234,5"
