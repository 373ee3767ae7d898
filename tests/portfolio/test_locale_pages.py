"""Every page that shows money, in English, Dutch, Swedish and German: the locale's format only.

The bugs this guards against: "2,500,000,00" in Dutch (grouping applied twice), raw decimals in
the gate evidence ("7464000.00"), "4.17000000000000 EUR" on the dashboard. The visible text of
each page (tags, attributes and scripts removed) must show amounts in the language's format and
no amount in another language's format.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)
NB = "\u00a0"

# The reference case books 1,500,000 and 1,000,000 of costs against 10,000,000 of benefits:
# every money page shows one of these amounts (a cost, the costs, or the net benefit).
EXPECTED = {
    "en": ("€1,500,000.00", "€2,500,000.00", "€2.5\u00a0M", "€7,500,000.00"),
    "nl": (f"€{NB}1.500.000,00", f"€{NB}2.500.000,00", f"€{NB}2,5{NB}mln.", f"€{NB}7.500.000,00"),
    "sv": (
        f"1{NB}500{NB}000,00{NB}€",
        f"2{NB}500{NB}000,00{NB}€",
        f"2,5{NB}mn{NB}€",
        f"7{NB}500{NB}000,00{NB}€",
    ),
    "de": (f"1.500.000,00{NB}€", f"2.500.000,00{NB}€", f"2,5{NB}Mio.{NB}€", f"7.500.000,00{NB}€"),
}
# What must never appear in the visible text, by language.
WRONG = {
    "en": [r"\d\.\d{3},\d{2}\b", r"\d,\d{3},\d{2}\b"],
    "nl": [r"\d,\d{3}\.\d{2}\b", r"\d,\d{3},\d{2}\b"],
    "sv": [r"\d,\d{3}\.\d{2}\b", r"\d\.\d{3},\d{2}\b"],
    "de": [r"\d,\d{3}\.\d{2}\b", r"\d,\d{3},\d{2}\b"],
}
EVERYWHERE_WRONG = [r"\b\d{5,}\.\d{2}\b", r"\d\.\d{5,}", r"\bEUR\b"]


def visible_text(html: str) -> str:
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"<style\b.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return text.replace("&nbsp;", NB)


def money_pages(initiative_pk: int) -> list[str]:
    return [
        reverse("dashboard") + "?period=2025-Q4",
        reverse("metrics:financial-overview"),
        reverse("metrics:initiative-financials", args=[initiative_pk]),
        reverse("metrics:initiative-metrics", args=[initiative_pk]),
        reverse("initiatives:initiative-detail", args=[initiative_pk]),
        reverse("initiatives:gate-decision", args=[initiative_pk]),
    ]


@pytest.mark.parametrize("language", ["en", "nl", "sv", "de"])
def test_every_money_page_speaks_the_locale(client, leader, reference_case, language):
    client.force_login(leader)
    client.cookies["django_language"] = language
    for url in money_pages(reference_case.pk):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert any(amount in text for amount in EXPECTED[language]), (url, language)
        for pattern in WRONG[language] + EVERYWHERE_WRONG:
            found = re.findall(pattern, text)
            assert not found, (url, language, pattern, found[:3])
