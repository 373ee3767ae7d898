"""Personal API tokens: issued once, stored hashed, revocable, and the 401 without them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_issue
from core.roles import Role

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


def test_anonymous_api_request_gets_401_in_the_error_format(api_client) -> None:
    response = api_client.get(ME)
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_authenticates_and_tells_the_roles(alice) -> None:
    secret = api_token_issue(user=alice, name="script").secret
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert response.json()["roles"] == [Role.TEAM_LEAD.value]
    assert "decide_gates" not in response.json()["capabilities"]


def test_tokens_are_stored_hashed(alice) -> None:
    secret = api_token_issue(user=alice, name="script").secret
    stored = ApiToken.objects.get(user=alice)
    assert secret not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64


def test_a_revoked_token_no_longer_works(client, alice) -> None:
    issued = api_token_issue(user=alice, name="script")
    client.force_login(alice)
    response = client.post(reverse("accounts:api-token-revoke", args=[issued.token.pk]))
    assert response.status_code == 302
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    response = api.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid or revoked token."


def test_nobody_can_revoke_another_persons_token(client, alice, bob) -> None:
    issued = api_token_issue(user=alice, name="script")
    client.force_login(bob)
    client.post(reverse("accounts:api-token-revoke", args=[issued.token.pk]))
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_the_token_page_shows_a_new_secret_once(client, alice) -> None:
    client.force_login(alice)
    response = client.post(reverse("accounts:api-tokens"), {"name": "Power BI"})
    secret = response.context["new_secret"]
    token = ApiToken.objects.get(user=alice)
    assert token.name == "Power BI"
    assert secret.startswith("aip_")
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("accounts:api-tokens")).content.decode()


def test_issue_api_token_command_prints_a_working_token(alice, capsys) -> None:
    call_command("issue_api_token", "alice")
    secret = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(ME).json()["username"] == "alice"


def test_session_authentication_works_for_the_api(client, leader) -> None:
    client.force_login(leader)
    assert client.get(ME).json()["roles"] == ["leadership"]


def test_a_locked_account_s_token_stops_working_until_the_lock_ends(client, alice) -> None:
    secret = api_token_issue(user=alice, name="script").secret
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(ME).status_code == 200
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    response = api.get(ME)
    assert response.status_code == 401
    assert "locked after failed sign-ins" in response.json()["detail"]


def test_a_deactivated_account_s_token_stops_working(alice) -> None:
    secret = api_token_issue(user=alice, name="script").secret
    alice.is_active = False
    alice.save()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(ME).status_code == 401
