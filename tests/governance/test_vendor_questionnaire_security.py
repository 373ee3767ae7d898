"""The vendor's page is open without an account only through a valid link, and only for that."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from governance.services.questionnaires import questionnaire_send
from tests.factories.questionnaires import candidate_make
from tests.governance.test_vendor_questionnaire import ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def link_path(settings: Any, compliance_officer: Any, leader: Any) -> str:
    settings.PORTFOLIO_SITE_URL = "https://portfolio.example.org"
    candidate = candidate_make(owner=leader)
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    return sent.link.removeprefix("https://portfolio.example.org")


def test_anonymous_visitors_reach_only_the_page_of_a_valid_link(link_path: str) -> None:
    anonymous = Client()
    assert anonymous.get(link_path).status_code == 200
    for token in ("x" * 43, "a" * 200, link_path.split("/")[2][:-1]):
        response = anonymous.get(reverse("vendor-questionnaire", args=[token]))
        assert response.status_code == 404
        assert "This questionnaire link is not valid" in response.content.decode()
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Everything else about evaluations stays behind the sign-in.
    page = anonymous.get(
        reverse("governance:candidate-questionnaires", args=[1, 1]),
    )
    assert page.status_code == 302
    assert page.url.startswith(reverse("account_login"))
    assert anonymous.get(reverse("vendor-questionnaire-list")).status_code == 401


def test_another_site_cannot_post_answers(link_path: str) -> None:
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link_path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = {**ANSWERS, "csrfmiddlewaretoken": token}
    # Another site's origin (or an opaque one) is refused even with a token; a post without the
    # token is refused from our own origin too.
    assert browser.post(link_path, data, HTTP_ORIGIN="https://attacker.example").status_code == 403
    assert browser.post(link_path, data, HTTP_ORIGIN="null").status_code == 403
    own = "http://testserver"
    assert (
        Client(enforce_csrf_checks=True).post(link_path, ANSWERS, HTTP_ORIGIN=own).status_code
        == 403
    )
    assert browser.get(link_path).status_code == 200, "nothing was taken"
    assert browser.post(link_path, data, HTTP_ORIGIN=own).status_code == 200


def test_the_language_switcher_works_from_the_vendors_page(link_path: str) -> None:
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link_path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    switch = reverse("set_language")
    choice = {"language": "sv", "next": link_path}
    own = "http://testserver"
    assert browser.post(switch, choice, HTTP_ORIGIN=own).status_code == 403
    answer = browser.post(switch, {**choice, "csrfmiddlewaretoken": token}, HTTP_ORIGIN=own)
    assert answer.status_code == 302
    assert answer.url == link_path
    assert '<html lang="sv">' in browser.get(link_path).content.decode()
