"""API throttling per token and per address: 429 with Retry-After in the one error format."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.tokens import api_token_issue

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


def _rates(settings, token: str, address: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": token, "address": address},
    }


def test_a_token_over_its_rate_gets_429_and_another_token_does_not(settings, alice, bob):
    _rates(settings, token="3/min", address="1000/min")
    first, second = APIClient(), APIClient()
    first.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=alice, name='a').secret}")
    second.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=bob, name='b').secret}")
    assert [first.get(ME).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(ME)
    assert refused.status_code == 429
    assert refused.json()["status"] == 429
    assert int(refused["Retry-After"]) > 0
    assert second.get(ME).status_code == 200


def test_one_address_is_limited_whichever_token_it_uses(settings, alice, bob):
    _rates(settings, token="1000/min", address="2/min")
    clients = []
    for user, address in ((alice, "203.0.113.9"), (bob, "203.0.113.9"), (bob, "203.0.113.10")):
        client = APIClient(REMOTE_ADDR=address)
        secret = api_token_issue(user=user, name="t").secret
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        clients.append(client)
    assert [clients[0].get(ME).status_code, clients[1].get(ME).status_code] == [200, 200]
    assert clients[1].get(ME).status_code == 429
    assert clients[2].get(ME).status_code == 200
