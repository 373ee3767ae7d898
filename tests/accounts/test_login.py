"""Signing in and out, the login rate limit, password reset and two-factor login."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_person_signs_in_and_out(client, alice) -> None:
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    home = client.get(reverse("home"))
    assert "Welcome, " in home.content.decode()
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_an_error_and_does_not_sign_in(client, alice) -> None:
    response = client.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_five_failed_logins_lock_the_account_for_a_while(client, alice) -> None:
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_sends_a_mail_with_a_link(client, alice) -> None:
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_change(client, alice) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase-2026",
            "password2": "a-new-long-passphrase-2026",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-passphrase-2026")


def test_two_factor_login_asks_for_a_code(client, alice) -> None:
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in without the code
    counter = next(iter(yield_hotp_counters_from_time()))
    code = format_hotp_value(hotp_value(secret, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
