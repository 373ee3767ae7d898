"""Security behaviour a reviewer would check: CSRF on forms, upload limits, secrets kept out of
the logs, and a trail of failed sign-ins and refused accesses.

`check --deploy` with the production variables is covered in tests/portfolio/test_settings.py.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import api_token_issue
from governance.models import ImportRun, Review
from initiatives.choices import Stage
from initiatives.models import Initiative
from metrics.models import AdoptionRecord, Measurement
from tests.conftest import token_client
from tests.factories.accounts import PASSWORD
from tests.factories.governance import AISystemFactory, ReviewFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import KpiFactory

pytestmark = pytest.mark.django_db

SECURITY_LOGGER = "portfolio.security"


def _csrf_token(client: Client, url: str) -> str:
    """The token the page embeds in its forms, as a browser would submit it."""
    page = client.get(url)
    assert page.status_code == 200
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)
    assert match, f"{url} has no form with a CSRF token"
    return match.group(1).decode()


# --- CSRF ---------------------------------------------------------------------------------------


def _token_form(alice: Any) -> tuple[str, str, dict[str, Any], Callable[[], Any]]:
    url = reverse("accounts:api-tokens")
    return url, url, {"name": "laptop"}, lambda: ApiToken.objects.filter(user=alice).count()


def _adoption_form(alice: Any) -> tuple[str, str, dict[str, Any], Callable[[], Any]]:
    url = reverse("metrics:adoption")
    data = {"department": DepartmentFactory().pk, "month": "2026-02-01", "active_users": "12"}
    return url, url, data, AdoptionRecord.objects.count


def _transition_form(alice: Any) -> tuple[str, str, dict[str, Any], Callable[[], Any]]:
    initiative = InitiativeFactory(owner=alice, stage=Stage.IDEA)
    page = reverse("initiatives:initiative-detail", args=[initiative.pk])
    url = reverse("initiatives:initiative-transition", args=[initiative.pk])
    data = {"stage": Stage.ASSESSMENT, "reason": "Data owner agreed"}
    return page, url, data, lambda: Initiative.objects.get(pk=initiative.pk).stage


@pytest.mark.parametrize(
    "form", [_token_form, _adoption_form, _transition_form], ids=["token", "adoption", "stage"]
)
def test_a_form_posted_without_its_csrf_token_is_refused_and_works_with_it(alice, form) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page, url, data, state = form(alice)
    before = state()

    refused = client.post(url, data)
    assert refused.status_code == 403
    assert state() == before

    accepted = client.post(url, {**data, "csrfmiddlewaretoken": _csrf_token(client, page)})
    assert accepted.status_code in (200, 302)
    assert state() != before


def test_sign_in_without_csrf_token_is_refused(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_api_with_a_session_needs_the_csrf_token_but_not_with_a_bearer_token(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    body = {"stage": Stage.ASSESSMENT, "reason": "Data owner agreed"}
    initiative = InitiativeFactory(owner=alice, stage=Stage.IDEA)
    url = reverse("initiative-transition", args=[initiative.pk])
    assert client.post(url, body, content_type="application/json").status_code == 403
    initiative.refresh_from_db()
    assert initiative.stage == Stage.IDEA
    assert token_client(alice).post(url, body, format="json").status_code == 200


# --- Uploads ------------------------------------------------------------------------------------


@pytest.fixture
def small_upload_limit(settings: Any) -> int:
    """Files above 1 KB are too large; the limit applies to the file, not to the request."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    return 1024


@pytest.fixture
def small_evidence_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("governance.validators.EVIDENCE_MAX_BYTES", 1024)
    return 1024


def _count(model: type[models.Model]) -> int:
    return model._default_manager.count()


BIG_CSV = b"kpi_id,date,value,note\n" + b"1,2026-01-31,15,padding\n" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("measurements.csv", BIG_CSV, "text/csv"),
        ("measurements.exe", EXE, "application/octet-stream"),
        ("measurements.pdf", b"%PDF-1.4 not a table", "application/pdf"),
    ],
    ids=["too-large", "executable", "wrong-type"],
)
def test_measurement_import_refuses_bad_files(
    client, alice, small_upload_limit, name, content, content_type
) -> None:
    KpiFactory(initiative__owner=alice)
    before = _count(Measurement)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    client.force_login(alice)
    page = client.post(reverse("metrics:measurement-import"), {"file": upload})
    assert page.status_code == 400
    assert page.context["form"].errors["file"]

    upload = SimpleUploadedFile(name, content, content_type=content_type)
    api = token_client(alice).post(
        reverse("measurement-import-file"), {"file": upload, "dry_run": "false"}, format="multipart"
    )
    assert api.status_code == 400
    assert api.json()["errors"]["file"]
    assert _count(Measurement) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("inventory.csv", b"Use Case Name,Agency\n" + b"Letter sorter,Tax office\n" * 100),
        ("inventory.exe", EXE),
        ("inventory.xlsx", b"this is not a spreadsheet"),
    ],
    ids=["too-large", "executable", "wrong-type"],
)
def test_register_import_refuses_bad_files(
    client, compliance_officer, small_upload_limit, name, content
) -> None:
    before = _count(ImportRun)
    client.force_login(compliance_officer)
    page = client.post(
        reverse("governance:import-upload"), {"file": SimpleUploadedFile(name, content)}
    )
    assert page.status_code == 400
    assert page.context["form"].errors["file"]

    api = token_client(compliance_officer).post(
        reverse("register-import"),
        {"file": SimpleUploadedFile(name, content), "dry_run": "true"},
        format="multipart",
    )
    assert api.status_code == 400
    assert api.json()["errors"]["file"]
    assert _count(ImportRun) == before


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("audit.pdf", b"%PDF-1.4\n" + b"0" * 4096, "application/pdf"),
        ("audit.exe", EXE, "application/octet-stream"),
        ("audit.pdf", b"<html>not a pdf</html>", "application/pdf"),
        ("audit.png", b"%PDF-1.4 disguised", "image/png"),
    ],
    ids=["too-large", "executable", "content-not-pdf", "pdf-named-png"],
)
def test_review_evidence_refuses_bad_files(
    client, compliance_officer, small_evidence_limit, name, content, content_type
) -> None:
    review = ReviewFactory(system=AISystemFactory())
    body = {"completed_on": "2026-03-31", "outcome": "pass", "findings": "All good"}
    client.force_login(compliance_officer)
    page = client.post(
        reverse("governance:review-complete", args=[review.pk]),
        {**body, "evidence": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    assert page.status_code == 400
    assert page.context["complete_form"].errors["evidence"]

    api = token_client(compliance_officer).post(
        reverse("review-complete", args=[review.pk]),
        {**body, "evidence": SimpleUploadedFile(name, content, content_type=content_type)},
        format="multipart",
    )
    assert api.status_code == 400
    assert api.json()["errors"]["evidence"]
    review.refresh_from_db()
    assert review.completed_on is None
    assert not review.evidence
    assert _count(Review) == 1


# --- Secrets stay out of the logs ---------------------------------------------------------------


def _everything_logged(records: list[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts.append(str(record.msg))
        parts.append(repr(record.args))
        parts.append(record.getMessage())
        if record.exc_text:
            parts.append(record.exc_text)
    return "\n".join(parts)


def test_passwords_and_token_secrets_never_reach_the_logs(client, alice, caplog) -> None:
    wrong_password = "Tr0ub4dor&3-wrong-horse"
    caplog.set_level(logging.DEBUG)

    client.post(reverse("account_login"), {"login": "alice", "password": wrong_password})
    client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    issued = client.post(reverse("accounts:api-tokens"), {"name": "laptop"})
    secret = issued.context["new_secret"]
    assert secret
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(reverse("api-me")).status_code == 200
    assert api.get(reverse("cost-list")).status_code == 200
    other = api_token_issue(user=alice, name="script").secret
    assert Client(HTTP_AUTHORIZATION=f"Bearer {other}x").get(reverse("api-me")).status_code == 401

    logged = _everything_logged(caplog.records)
    assert caplog.records, "nothing was logged at all: the capture is not working"
    for value in (wrong_password, PASSWORD, secret, other):
        assert value not in logged


# --- The security trail -------------------------------------------------------------------------


def _security_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == SECURITY_LOGGER]


def test_a_failed_sign_in_is_logged_without_the_password(client, alice, caplog) -> None:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
    client.post(reverse("account_login"), {"login": "alice", "password": "not-her-password"})
    records = _security_records(caplog)
    assert len(records) == 1
    message = records[0].getMessage()
    assert records[0].levelno == logging.WARNING
    assert "sign-in failed" in message
    assert "alice" in message
    assert "not-her-password" not in _everything_logged(records)


def test_a_successful_sign_in_logs_no_failure(client, alice, caplog) -> None:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
    client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert not [r for r in _security_records(caplog) if "sign-in failed" in r.getMessage()]


def test_a_refused_page_is_logged(client, alice, caplog) -> None:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
    client.force_login(alice)
    url = reverse("governance:system-create")
    assert client.get(url).status_code == 403
    messages = [record.getMessage() for record in _security_records(caplog)]
    assert any(
        "page access refused" in m and f"user={alice.pk}" in m and url in m for m in messages
    )


@pytest.mark.parametrize(("who", "status"), [("nobody", 401), ("alice", 403)])
def test_a_refused_api_call_is_logged(alice, api_client, caplog, who, status) -> None:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
    client = token_client(alice) if who == "alice" else api_client
    url = reverse("ai-system-list")
    response = client.post(url, {"name": "Shadow AI", "purpose": "Unregistered"}, format="json")
    assert response.status_code == status
    messages = [record.getMessage() for record in _security_records(caplog)]
    assert any(f"status={status}" in m and url in m for m in messages)


@pytest.mark.parametrize(
    "target", ["https://evil.example/login", "//evil.example/login", "javascript:alert(1)"]
)
def test_the_quick_entry_never_sends_people_to_another_site(client, alice, target) -> None:
    kpi = KpiFactory(initiative__owner=alice)
    client.force_login(alice)
    url = reverse("metrics:measurement-quick-create", args=[kpi.pk])
    data = {f"kpi{kpi.pk}-value": "14", f"kpi{kpi.pk}-measured_on": "2026-02-28", "next": target}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("metrics:kpi-detail", args=[kpi.pk])
    own_page = reverse("metrics:initiative-metrics", args=[kpi.initiative_id])
    response = client.post(url, {**data, "next": own_page})
    assert response.url == own_page
