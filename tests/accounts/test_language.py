"""The language a person chooses is kept with them: on another browser and in their e-mails."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

HOME = "/"


def _choose(client: Client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": HOME})
    assert response.status_code == 302


def test_the_switcher_keeps_a_signed_in_persons_choice(client, alice) -> None:
    client.force_login(alice)
    _choose(client, "nl")
    assert User.objects.get(pk=alice.pk).language == "nl"
    # Another browser, no language cookie, an English Accept-Language header: still Dutch.
    other = Client(headers={"accept-language": "en"})
    other.force_login(alice)
    page = other.get(HOME)
    assert page["Content-Language"] == "nl"
    assert "Uitloggen" in page.content.decode()
    assert "Sign out" not in page.content.decode()


def test_this_browsers_cookie_still_wins_over_the_saved_choice(client, alice) -> None:
    User.objects.filter(pk=alice.pk).update(language="de")
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert client.get(HOME)["Content-Language"] == "sv"


def test_someone_who_never_chose_gets_the_browsers_language(alice) -> None:
    browser = Client(headers={"accept-language": "de"})
    browser.force_login(alice)
    assert browser.get(HOME)["Content-Language"] == "de"
    assert User.objects.get(pk=alice.pk).language == ""


def test_choosing_before_signing_in_saves_nothing(client, alice) -> None:
    _choose(client, "sv")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    assert User.objects.get(pk=alice.pk).language == ""


def test_an_unknown_language_is_ignored(client, alice) -> None:
    client.force_login(alice)
    _choose(client, "xx")
    assert User.objects.get(pk=alice.pk).language == ""
    assert client.get(HOME)["Content-Language"] == "en"
