"""Fixtures shared by the whole suite: personas, API clients and a real Celery worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tokens import api_token_issue
from core.roles import Role
from portfolio.celery import app as celery_app
from tests.factories.accounts import UserFactory

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_cache_and_eager_jobs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with an empty cache (rate limits) and runs jobs in-process,
    except the tests marked `worker`, which use the real worker over Redis."""
    cache.clear()
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous
    # A request in another language leaves it active in this thread: the next test starts in
    # the default language, as every real request does.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    """Hashing every persona's password with PBKDF2 would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


# --- Personas ---------------------------------------------------------------------------------
# alice owns initiatives, bob is a member of them, charlie is a team lead outside them.


@pytest.fixture
def alice(db: None) -> User:
    """A team lead who owns initiatives."""
    return UserFactory(username="alice", roles=[Role.TEAM_LEAD])


@pytest.fixture
def bob(db: None) -> User:
    """A team lead who is a member of alice's initiatives."""
    return UserFactory(username="bob", roles=[Role.TEAM_LEAD])


@pytest.fixture
def charlie(db: None) -> User:
    """A team lead with no part in alice's initiatives."""
    return UserFactory(username="charlie", roles=[Role.TEAM_LEAD])


@pytest.fixture
def leader(db: None) -> User:
    """Leadership."""
    return UserFactory(username="lena", roles=[Role.LEADERSHIP])


@pytest.fixture
def compliance_officer(db: None) -> User:
    """A compliance officer."""
    return UserFactory(username="carla", roles=[Role.COMPLIANCE])


@pytest.fixture
def finance_user(db: None) -> User:
    """Finance."""
    return UserFactory(username="finn", roles=[Role.FINANCE])


@pytest.fixture
def administrator(db: None) -> User:
    """An administrator (Django superuser)."""
    user = UserFactory(username="ada", roles=[Role.ADMIN])
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def it_person(db: None) -> User:
    """Someone of the IT department, who rates the estate."""
    return UserFactory(username="ivan", roles=[Role.IT])


@pytest.fixture
def users_by_role(
    leader: User,
    alice: User,
    compliance_officer: User,
    finance_user: User,
    administrator: User,
    it_person: User,
) -> dict[Role, User]:
    """One person per role."""
    return {
        Role.LEADERSHIP: leader,
        Role.TEAM_LEAD: alice,
        Role.COMPLIANCE: compliance_officer,
        Role.FINANCE: finance_user,
        Role.ADMIN: administrator,
        Role.IT: it_person,
    }


@pytest.fixture
def api_client() -> APIClient:
    """An unauthenticated API client."""
    return APIClient()


def token_client(user: User) -> APIClient:
    """An API client that authenticates with a fresh personal token of the user."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, name='test').secret}"
    )
    return client


# --- A real Celery worker ---------------------------------------------------------------------


def test_database_url() -> str:
    """The URL of the test database, for worker processes started by tests."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(name: str, **env_overrides: str) -> subprocess.Popen[bytes]:
    """Start a real Celery worker process on the test database; wait until it answers."""
    from django.conf import settings
    from django.db import connection

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.fail("worker tests need DATABASE_URL (PostgreSQL) and REDIS_URL: run `make test`")
    env = {**os.environ, "DATABASE_URL": test_database_url(), **env_overrides}
    log_path = Path(os.environ.get("PORTFOLIO_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))
    log_path.mkdir(parents=True, exist_ok=True)
    log_file = (log_path / f"celery-{name}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portfolio", "worker", "--pool=solo",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
        cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited early; see {log_path / f'celery-{name}.log'}")
        replies = celery_app.control.ping(timeout=0.5)
        if any(f"{name}@" in host for reply in replies for host in reply):
            return process
    process.kill()
    pytest.fail("the Celery worker did not answer within 60 seconds")


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    """Stop a worker started by start_worker."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup: None, django_db_blocker: object) -> Iterator[int]:
    """A real Celery worker process against the test database and Redis; yields its pid."""
    celery_app.control.purge()
    process = start_worker("suite")
    try:
        yield process.pid
    finally:
        stop_worker(process)


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll until predicate() returns something truthy, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} seconds")
