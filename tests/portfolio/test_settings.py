"""Settings in both modes, the refusal of weak production settings and `check --deploy`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
    " 'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG,"
    " 'email': s.EMAIL_BACKEND}))"
)
PRODUCTION_KEY = "k" * 20 + "-production-secret-that-is-long-enough-0123456789"


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python in a clean environment holding only the given variables (and PATH)."""
    clean = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "portfolio.settings", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_nothing_set_means_the_embedded_default(tmp_path) -> None:
    result = run_with({"PORTFOLIO_DATA_DIR": str(tmp_path)}, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    # Jobs queue in files for the worker `make demo` starts, so requests answer at once.
    assert values["eager"] is False
    assert values["broker"] == "filesystem://"
    assert (tmp_path / "queue").is_dir()
    assert values["debug"] is False
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (tmp_path / "portfolio.sqlite3").parent.exists()


def test_the_embedded_default_makes_its_secret_key_once_readable_by_its_owner(tmp_path) -> None:
    key_probe = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_with({"PORTFOLIO_DATA_DIR": str(tmp_path)}, "-c", key_probe)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(first.stdout.strip()) >= 50
    second = run_with({"PORTFOLIO_DATA_DIR": str(tmp_path)}, "-c", key_probe)
    assert second.stdout == first.stdout  # sessions survive a restart


def test_the_embedded_default_can_run_jobs_in_the_request(tmp_path) -> None:
    env = {"PORTFOLIO_DATA_DIR": str(tmp_path), "PORTFOLIO_JOBS_INLINE": "true"}
    assert json.loads(run_with(env, "-c", PROBE).stdout)["eager"] is True


def test_database_and_redis_urls_switch_to_the_production_parts(tmp_path) -> None:
    env = {
        "PORTFOLIO_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://app:pw@db.internal:5432/portfolio",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "DJANGO_SECRET_KEY": PRODUCTION_KEY,
    }
    values = json.loads(run_with(env, "-c", PROBE).stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.internal:6379/0"
    assert values["cache"] == "core.cache.FallbackRedisCache"


def test_a_database_server_with_debug_off_refuses_a_missing_secret_key(tmp_path) -> None:
    env = {
        "PORTFOLIO_DATA_DIR": str(tmp_path),
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": "postgres://app:pw@db.internal:5432/portfolio",
    }
    result = run_with(env, "-c", PROBE)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_debug_off_refuses_the_development_secret_key(tmp_path) -> None:
    env = {
        "PORTFOLIO_DATA_DIR": str(tmp_path),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "development-only-secret-key-never-use-in-production",
    }
    result = run_with(env, "-c", PROBE)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_malformed_boolean_fails_loudly(tmp_path) -> None:
    result = run_with({"PORTFOLIO_DATA_DIR": str(tmp_path), "DJANGO_DEBUG": "maybe"}, "-c", PROBE)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_check_deploy_passes_with_production_variables(tmp_path) -> None:
    env = {
        "PORTFOLIO_DATA_DIR": str(tmp_path),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": PRODUCTION_KEY,
        "DJANGO_ALLOWED_HOSTS": "portfolio.example.org",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://app@localhost/portfolio"),
    }
    result = run_with(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout
