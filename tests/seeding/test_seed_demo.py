"""seed_demo: the demo organisation with one account per role, never on a production setup."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from initiatives.models import Department

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_with_debug_off() -> None:
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")


def test_seed_demo_creates_one_account_per_role(client) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo")
    assert Department.objects.count() == 6
    for username, password in [("lena", "demo-leadership"), ("tom", "demo-teamlead"),
                               ("carla", "demo-compliance"), ("finn", "demo-finance"),
                               ("ivan", "demo-it"), ("admin", "demo-admin")]:  # fmt: skip
        assert client.login(username=username, password=password), username


def test_the_embedded_default_seeds_with_debug_off() -> None:
    with override_settings(DEBUG=False, PORTFOLIO_EMBEDDED=True):
        call_command("seed_demo")
    assert Department.objects.count() == 6
