"""The person who requested a quarterly report hears once that it is ready."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from notifications.models import Notification
from portfolio.events import REPORT_READY, emit_report_ready
from portfolio.models import ReportStatus
from portfolio.services import report_request

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_the_requester_alone_hears_once_that_the_report_is_ready(
    reference_case, finance_user, leader
) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    told = list(Notification.objects.filter(kind=REPORT_READY))
    assert [n.recipient_id for n in told] == [finance_user.pk]
    assert told[0].sentence == ("The quarterly report 2025 Q4 (version 1) you requested is ready.")
    assert told[0].target_url == reverse("reports:report-detail", args=[report.pk])
    assert told[0].delivery == "in_app"
    # The same event delivered again tells nobody twice.
    with transaction.atomic():
        emit_report_ready(report)
    assert Notification.objects.filter(kind=REPORT_READY).count() == 1
