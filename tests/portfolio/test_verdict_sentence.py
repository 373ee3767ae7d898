"""The portfolio's verdict sentence: each count agrees with its own verb, in every language."""

from __future__ import annotations

import pytest
from django.utils import translation

from portfolio.templatetags.portfolio_ui import verdict_sentence


@pytest.mark.parametrize(
    ("language", "counts", "sentence"),
    [
        ("en", (1, 3, 2), "1 investment has paid off, 3 are on track and 2 need adjustment."),
        ("en", (4, 1, 1), "4 investments have paid off, 1 is on track and 1 needs adjustment."),
        ("de", (1, 1, 11), "1 Investition hat sich ausgezahlt, 1 ist im Plan und 11 brauchen Anpassungen."),
        ("de", (4, 0, 1), "4 Investitionen haben sich ausgezahlt, 0 sind im Plan und 1 braucht Anpassungen."),
        ("nl", (1, 2, 1), "1 investering is terugverdiend, 2 liggen op schema en 1 moet worden bijgestuurd."),
        ("sv", (2, 1, 1234), "2 investeringar har betalat sig, 1 följer planen och 1\u00a0234 behöver justeras."),
    ],
)  # fmt: skip
def test_the_sentence_agrees_with_each_count(language, counts, sentence) -> None:
    with translation.override(language):
        assert verdict_sentence(*counts) == sentence
