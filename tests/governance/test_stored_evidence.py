"""Uploaded evidence: stored under a path nobody can guess, handed out only after the review's
permission check, in the page and the API alike, and by the proxy when one is configured."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.files import shortened_name
from governance.models import Review
from tests.conftest import token_client
from tests.factories.governance import ReviewFactory

PDF = b"%PDF-1.7\nboard minutes\n"
STORED = re.compile(r"^governance/evidence/[0-9a-f]{32}/audit_2026.pdf$")


def _complete(client, review: Review, name: str = "audit 2026.pdf") -> None:
    response = client.post(
        reverse("governance:review-complete", args=[review.pk]),
        {
            "completed_on": "2026-05-01",
            "outcome": "pass",
            "evidence": SimpleUploadedFile(name, PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302


@pytest.fixture
def completed(client, compliance_officer, linked_system) -> Review:
    review = ReviewFactory(system=linked_system)
    client.force_login(compliance_officer)
    _complete(client, review)
    review.refresh_from_db()
    return review


def test_evidence_is_stored_under_a_random_folder_and_downloads_under_its_own_name(
    client, completed, linked_system
) -> None:
    assert STORED.match(completed.evidence.name), completed.evidence.name
    other = ReviewFactory(system=linked_system)
    _complete(client, other)
    other.refresh_from_db()
    # The same upload name twice: two folders, neither derived from the other.
    assert other.evidence.name != completed.evidence.name
    assert STORED.match(other.evidence.name)
    response = client.get(reverse("governance:review-evidence", args=[completed.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="audit_2026.pdf"' in response["Content-Disposition"]
    assert client.get("/media/" + completed.evidence.name).status_code == 404


def test_the_api_links_the_checked_download_and_refuses_a_team_outside(
    completed, compliance_officer, alice, charlie
) -> None:
    api = token_client(compliance_officer)
    data = api.get(f"/api/v1/reviews/{completed.pk}/").json()
    assert data["evidence"] == f"http://testserver/api/v1/reviews/{completed.pk}/evidence/"
    assert data["evidence_name"] == "audit_2026.pdf"
    assert "/media/" not in str(data)
    download = api.get(data["evidence"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # alice owns the initiative behind the system; charlie's team has nothing to do with it.
    assert token_client(alice).get(data["evidence"]).status_code == 200
    refused = token_client(charlie).get(data["evidence"])
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"


def test_a_review_without_evidence_has_no_link_and_its_download_is_404(
    compliance_officer, linked_system
) -> None:
    review = ReviewFactory(system=linked_system)
    api = token_client(compliance_officer)
    data = api.get(f"/api/v1/reviews/{review.pk}/").json()
    assert (data["evidence"], data["evidence_name"]) == (None, "")
    assert api.get(f"/api/v1/reviews/{review.pk}/evidence/").status_code == 404


def test_behind_nginx_the_proxy_sends_the_evidence_after_our_check(
    client, completed, settings
) -> None:
    settings.PORTFOLIO_SENDFILE = "x-accel-redirect"
    response = client.get(reverse("governance:review-evidence", args=[completed.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-files/{completed.evidence.name}"
    assert response.content == b""


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("../../etc/passwd", "passwd"),
        ("Q1 audit (final).pdf", "Q1_audit_final.pdf"),
        ("%%%.pdf", "file.pdf"),
        ("", "file"),
        ("x" * 200 + ".docx", "x" * 35 + ".docx"),
    ],
)
def test_an_uploaded_name_becomes_a_short_safe_name(uploaded: str, stored: str) -> None:
    assert shortened_name(uploaded) == stored


def test_the_review_history_names_the_evidence_file_and_links_its_download(
    client, completed
) -> None:
    page = client.get(reverse("governance:review-detail", args=[completed.pk])).content.decode()
    history = page.split('id="history-title"', 1)[1]
    download = reverse("governance:review-evidence", args=[completed.pk])
    assert f'<ins><a href="{download}">audit_2026.pdf</a></ins>' in history
    assert "governance/evidence/" not in page  # the storage path is nobody's business
