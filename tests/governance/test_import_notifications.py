"""Whoever starts a register import hears once that it is finished, with its counts."""

from __future__ import annotations

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from core.roles import Role
from governance import services
from governance.choices import ImportStatus
from governance.events import IMPORT_FINISHED, emit_import_finished
from notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.governance.conftest import dataset

pytestmark = pytest.mark.django_db

UK = ("uk-atrs", "atrs_records_2026-08-17.csv")
EDUCATION = "department-for-education"


@pytest.fixture
def second_officer(db: None) -> User:
    """Another compliance officer, who did not start the import."""
    return UserFactory(username="cora", roles=[Role.COMPLIANCE])


def _education_rows() -> int:
    with dataset(*UK).open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["organisation"].strip() == EDUCATION)


def test_the_importer_alone_hears_once_what_the_import_did(
    compliance_officer, second_officer, django_capture_on_commit_callbacks
) -> None:
    path = dataset(*UK)
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    run = services.import_preview(actor=compliance_officer, file=upload, format_id="")
    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit(actor=compliance_officer, run=run, organisations=[EDUCATION])
    run.refresh_from_db()
    assert run.status == ImportStatus.SUCCEEDED, run.error
    added = _education_rows()
    assert added > 0 and run.result["added"] == added
    told = list(Notification.objects.filter(kind=IMPORT_FINISHED))
    assert [n.recipient_id for n in told] == [compliance_officer.pk]
    assert told[0].sentence == (
        f"The register import of “{path.name}” is finished: {added} added, 0 changed, "
        "0 removed, 0 unchanged."
    )
    assert told[0].target_url == reverse("governance:import-preview", args=[run.pk])
    assert told[0].delivery == "in_app"
    with transaction.atomic():
        emit_import_finished(run, run.result)
    assert Notification.objects.filter(kind=IMPORT_FINISHED).count() == 1
