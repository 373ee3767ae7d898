"""API bodies are bounded before parsing: 400 in the one error format, never a 500."""

from __future__ import annotations

import pytest

from initiatives.models import Initiative
from tests.conftest import token_client

pytestmark = pytest.mark.django_db


def _post_raw(client, path, body: str):
    return client.generic("POST", path, body, content_type="application/json")


def test_a_body_nested_fifty_thousand_levels_deep_is_a_400(alice):
    response = _post_raw(token_client(alice), "/api/v1/initiatives/", "[" * 50_000 + "]" * 50_000)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert "nested more than 64 levels" in body["detail"]
    assert Initiative.objects.count() == 0


def test_nan_is_not_a_number_the_api_accepts(alice):
    response = _post_raw(token_client(alice), "/api/v1/measurements/bulk/", '[{"value": NaN}]')
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_a_body_over_the_upload_limit_is_refused(alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = _post_raw(
        token_client(alice), "/api/v1/initiatives/", '{"title": "' + "x" * 2000 + '"}'
    )
    assert response.status_code == 400
    assert "larger than" in response.json()["detail"]
