"""Whoever starts a measurement import hears once that it is finished, with the count."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from jobs.models import Job
from metrics.events import IMPORT_FINISHED, emit_import_finished
from notifications.models import Notification
from tests.factories.metrics import MeasurementFactory

pytestmark = pytest.mark.django_db


def test_the_importer_alone_hears_once_how_many_measurements_were_saved(
    client, alice, bob, kpi, django_capture_on_commit_callbacks
) -> None:
    client.force_login(alice)
    url = reverse("metrics:measurement-import")
    upload = SimpleUploadedFile(
        "m.csv",
        f"kpi_id,date,value,note\n{kpi.pk},2026-01-31,15,\n{kpi.pk},2026-02-28,14,\n".encode(),
    )
    token = client.post(url, {"file": upload}).context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"token": token})
    job = Job.objects.get(kind="metrics.measurement_import")
    told = list(Notification.objects.filter(kind=IMPORT_FINISHED))
    assert [n.recipient_id for n in told] == [alice.pk]
    assert (
        told[0].sentence == "The measurement import of “m.csv” is finished: 2 measurements saved."
    )
    assert told[0].target_url == reverse("metrics:measurement-import-job", args=[job.pk])
    assert told[0].delivery == "in_app"
    with transaction.atomic():
        emit_import_finished(job, job.result["counts"])
    assert Notification.objects.filter(kind=IMPORT_FINISHED).count() == 1


def test_an_import_that_saves_nothing_tells_nobody_it_finished(
    client, alice, kpi, django_capture_on_commit_callbacks
) -> None:
    client.force_login(alice)
    url = reverse("metrics:measurement-import")
    upload = SimpleUploadedFile(
        "m.csv", f"kpi_id,date,value,note\n{kpi.pk},2026-01-31,15,\n".encode()
    )
    token = client.post(url, {"file": upload}).context["token"]
    # Someone logs the same day between the preview and the job: the job saves nothing.
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 1, 31))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"token": token})
    assert not Notification.objects.filter(kind=IMPORT_FINISHED).exists()
