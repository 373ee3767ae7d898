"""The production description stays in step with the settings."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT


def test_env_example_lists_every_variable_the_settings_read() -> None:
    settings_source = (REPO_ROOT / "portfolio" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_source))
    documented = (REPO_ROOT / ".env.example").read_text()
    assert read, "no variables found in settings"
    missing = sorted(name for name in read if name not in documented)
    assert missing == []


def test_compose_runs_web_worker_beat_database_and_redis() -> None:
    compose = (REPO_ROOT / "docker-compose.yml").read_text()
    for service in ("web:", "worker:", "beat:", "db:", "redis:"):
        assert f"\n  {service}" in compose
    assert "gunicorn" in (REPO_ROOT / "Dockerfile").read_text()
    assert 'celery", "-A", "portfolio", "worker' in compose
    assert 'celery", "-A", "portfolio", "beat' in compose
    assert "chromium" in (REPO_ROOT / "Dockerfile").read_text()
