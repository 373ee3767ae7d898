"""Quarterly ROI reports: frozen numbers, PDF, versions, jobs, permissions and the API."""

from __future__ import annotations

import hashlib
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio.celery import app as celery_app
from portfolio.figures import build_snapshot
from portfolio.models import QuarterlyReport, ReportStatus
from portfolio.reports import charts
from portfolio.services import report_request
from tests.conftest import token_client, wait_for

pytestmark = pytest.mark.django_db


def test_snapshot_numbers_equal_the_roi_engine_on_the_reference_case(reference_case) -> None:
    snapshot = build_snapshot(year=2025, quarter=4)
    summary = snapshot["summary"]
    assert summary["invested_year"] == "2500000.00"
    assert summary["benefits_year"] == "10000000.00"
    assert summary["roi_year"] == "300.0"
    assert summary["roi_total"] == "300.0"
    # Q4 2025 has no costs: ROI undefined, never 0; benefits are 92 of 365 days of 10 million.
    assert summary["invested_quarter"] == "0.00"
    assert summary["roi_quarter"] is None
    assert summary["benefits_quarter"] == "2520547.95"
    [row] = snapshot["initiatives"]
    assert row["verdict"] == "paid_off"
    # January to March bring 2,465,753.42; April's cumulative 3,287,671.23 passes 2.5 million.
    assert row["payback_month"] == "2025-04-01"
    # Both one-time costs fall in the first quarter.
    assert [q["costs"] for q in snapshot["quarters"][-4:]] == ["2500000.00", "0.00", "0.00", "0.00"]


def reset_broker_connections() -> None:
    """Forget the app's pools so the next message connects to the current broker URL.

    Kombu keeps one pool per URL in a registry, so the real broker's pool comes back unharmed.
    """
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def pdf_text(path: str) -> str:
    """The PDF's text with white space folded, so wrapped table cells read as one line."""
    return " ".join(_pdftotext(path).split())


def _pdftotext(path: str) -> str:
    return subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.django_db(transaction=True)
def test_finance_generates_a_report_whose_pdf_carries_the_summary(
    reference_case, finance_user
) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    assert report.version == 1
    data = report.pdf.read()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == report.sha256
    assert report.page_count >= 3
    text = pdf_text(report.pdf.path)
    assert "Quarterly ROI report" in text
    assert "2025-Q4" in text
    assert "€2,500,000.00" in text
    assert "€10,000,000.00" in text
    assert "300.0%" in text
    assert "Invoice data extraction" in text
    assert "Paid back in 2025-04" in text
    assert report.snapshot["summary"]["roi_year"] == "300.0"


@pytest.mark.django_db(transaction=True)
def test_generating_again_makes_version_two_and_keeps_version_one(
    reference_case, finance_user
) -> None:
    first = report_request(actor=finance_user, year=2025, quarter=4)
    first.refresh_from_db()
    second = report_request(actor=finance_user, year=2025, quarter=4)
    second.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert second.status == ReportStatus.READY
    assert first.pdf.name != second.pdf.name
    first_again = QuarterlyReport.objects.get(pk=first.pk)
    assert first_again.sha256 == first.sha256
    assert hashlib.sha256(first_again.pdf.read()).hexdigest() == first.sha256


@pytest.mark.django_db(transaction=True)
def test_without_chromium_the_report_renders_with_tables_and_says_so(
    reference_case, finance_user
) -> None:
    previous = dict(charts._export_state)
    charts._export_state.update(started=False, failed=True)  # what a failed browser start leaves
    try:
        report = report_request(actor=finance_user, year=2025, quarter=4)
    finally:
        charts._export_state.update(previous)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.charts_included is False
    text = pdf_text(report.pdf.path)
    assert "Charts were unavailable" in text
    assert "€2,500,000.00" in text


@pytest.mark.django_db(transaction=True)
def test_two_clicks_make_one_job(reference_case, finance_user, client) -> None:
    celery_app.conf.task_always_eager = False  # no worker here: the first version stays queued
    try:
        client.force_login(finance_user)
        url = reverse("reports:report-list")
        client.post(url, {"year": 2025, "quarter": 4})
        client.post(url, {"year": 2025, "quarter": 4})
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.control.purge()
    assert QuarterlyReport.objects.filter(year=2025, quarter=4).count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_the_queue_down_the_request_answers_at_once_that_it_is_queued(
    reference_case, finance_user
) -> None:
    client = token_client(finance_user)
    conf = celery_app.conf
    saved = conf.broker_url
    celery_app.conf.task_always_eager = False
    reset_broker_connections()
    conf.broker_url = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    try:
        response = client.post("/api/v1/reports/", {"year": 2025, "quarter": 4}, format="json")
    finally:
        reset_broker_connections()
        conf.broker_url = saved
        celery_app.conf.task_always_eager = True
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert body["message"] == "waiting for the job queue"
    report = QuarterlyReport.objects.get(pk=body["id"])
    assert report.job.status == "queued"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_generates_the_report(
    celery_worker_process, reference_case, finance_user
) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    ready = wait_for(
        lambda: QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.READY).first(),
        timeout=90,
    )
    assert ready.job.worker
    assert ready.snapshot["summary"]["roi_year"] == "300.0"
    assert hashlib.sha256(ready.pdf.read()).hexdigest() == ready.sha256


def test_team_leads_cannot_see_or_download_reports(client, alice) -> None:
    client.force_login(alice)
    assert client.get(reverse("reports:report-list")).status_code == 403
    assert token_client(alice).get("/api/v1/reports/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_compliance_neither_generates_nor_reads_the_money_report(
    reference_case, finance_user, client, compliance_officer
) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    client.force_login(compliance_officer)
    assert client.get(reverse("reports:report-list")).status_code == 403
    for name in ("reports:report-pdf", "reports:report-json", "reports:report-csv"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 403, name
    response = client.post(reverse("reports:report-list"), {"year": 2025, "quarter": 4})
    assert response.status_code == 403
    api = token_client(compliance_officer)
    assert api.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 403
    assert (
        api.post("/api/v1/reports/", {"year": 2025, "quarter": 4}, format="json").status_code == 403
    )
    assert QuarterlyReport.objects.count() == 1


def test_a_future_quarter_is_a_field_error(finance_user) -> None:
    response = token_client(finance_user).post(
        "/api/v1/reports/", {"year": 2099, "quarter": 1}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"quarter": ["This quarter has not started yet."]}


@pytest.mark.django_db(transaction=True)
def test_api_reports_progress_and_serves_the_pdf(reference_case, leader) -> None:
    api = token_client(leader)
    created = api.post("/api/v1/reports/", {"year": 2025, "quarter": 4}, format="json")
    assert created.status_code == 202
    status = api.get(f"/api/v1/reports/{created.json()['id']}/").json()
    assert (status["status"], status["progress"], status["version"]) == ("ready", 100, 1)
    pdf = api.get(status["pdf_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_downloads_of_the_frozen_numbers(reference_case, finance_user, client) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    client.force_login(finance_user)
    numbers = client.get(reverse("reports:report-json", args=[report.pk])).json()
    assert numbers["summary"]["invested_total"] == "2500000.00"
    csv_text = client.get(reverse("reports:report-csv", args=[report.pk])).content.decode()
    assert csv_text.splitlines()[1].startswith(f"{reference_case.pk},Invoice data extraction,")
    assert ",paid_off" in csv_text


def test_money_is_never_float_in_the_snapshot(reference_case) -> None:
    snapshot = build_snapshot(year=2025, quarter=4)
    row = snapshot["initiatives"][0]
    assert isinstance(row["cumulative"]["costs"], str)
    assert Decimal(row["cumulative"]["costs"]) == Decimal("2500000.00")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_no_half_report_and_a_second_worker_completes_it(
    reference_case, finance_user
) -> None:
    import os
    import signal
    import time

    from jobs.models import Job
    from tests.conftest import start_worker, stop_worker

    queue = "reports-kill-test"  # a queue of its own, so no other worker takes the job
    env = {"CELERY_TASK_DEFAULT_QUEUE": queue, "CELERY_BROKER_VISIBILITY_TIMEOUT": "3"}
    saved_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    workers = [start_worker("kill-a", **env)]
    try:
        report = report_request(actor=finance_user, year=2025, quarter=4)
        wait_for(
            lambda: Job.objects.filter(pk=report.job_id, status="running").exists(), interval=0.05
        )
        os.kill(workers[0].pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        half = QuarterlyReport.objects.get(pk=report.pk)
        assert half.status != ReportStatus.READY
        assert not half.pdf and not half.sha256
        # A starting worker hands back unacknowledged messages older than the visibility
        # timeout (later it checks only every 100 s), so start the second one after it.
        time.sleep(5)
        workers.append(start_worker("kill-b", **env))
        ready = wait_for(
            lambda: QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.READY).first(),
            timeout=90,
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                stop_worker(worker)
        celery_app.conf.task_default_queue = saved_queue
    assert ready.job.attempts == 2
    assert QuarterlyReport.objects.filter(year=2025, quarter=4).count() == 1
    assert hashlib.sha256(ready.pdf.read()).hexdigest() == ready.sha256


@pytest.mark.django_db(transaction=True)
def test_behind_nginx_the_proxy_sends_the_pdf_after_our_check(
    reference_case, finance_user, client, settings
) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    settings.PORTFOLIO_SENDFILE = "x-accel-redirect"
    client.force_login(finance_user)
    response = client.get(reverse("reports:report-pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/protected-files/reports/")
    assert response.content == b""
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db(transaction=True)
def test_stored_files_have_no_public_url(reference_case, finance_user, client) -> None:
    report = report_request(actor=finance_user, year=2025, quarter=4)
    report.refresh_from_db()
    client.force_login(finance_user)
    assert client.get("/media/" + report.pdf.name).status_code == 404


def test_the_pdf_renderer_loads_only_data_uris_and_our_static_files(tmp_path, settings) -> None:
    from weasyprint import HTML

    from portfolio.reports.pdf import url_fetcher

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for reports")
    fetch = url_fetcher()
    with pytest.raises(ValueError, match="may not load"):
        fetch.fetch(secret.as_uri())
    with pytest.raises(ValueError, match="may not load"):
        fetch.fetch("http://203.0.113.7/tracker.png")
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    assert fetch.fetch(pixel).read().startswith(b"GIF89a")
    # A document that tries both still renders; the forbidden images are simply left out.
    html = f'<img src="{secret.as_uri()}"><img src="http://203.0.113.7/x.png"><p>Figures</p>'
    assert HTML(string=html, url_fetcher=fetch).write_pdf().startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_a_report_made_at_once_shows_one_status_on_its_page_and_in_the_list(
    reference_case, finance_user, client
) -> None:
    client.force_login(finance_user)
    response = client.post(
        reverse("reports:report-list"), {"year": 2025, "quarter": 4}, follow=True
    )
    page = response.content.decode()
    assert "Report 2025 Q4 version 1 was requested." in page
    assert "being generated" not in page  # the job ran in-process: the version is ready
    status = page.split('id="report-status"', 1)[1].split("</section>", 1)[0]
    assert status.count('class="badge') == 1
    assert '<span class="badge badge--good">Ready</span>' in status
    listing = client.get(reverse("reports:report-list")).content.decode()
    assert '<span class="badge badge--good">Ready</span>' in listing


def test_a_version_waiting_for_the_queue_says_so_once(finance_user, client) -> None:
    from jobs.models import Job

    job = Job.objects.create(kind="report", message="waiting for the job queue")
    report = QuarterlyReport.objects.create(year=2025, quarter=4, version=1, job=job)
    client.force_login(finance_user)
    page = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    status = page.split('id="report-status"', 1)[1].split("</section>", 1)[0]
    assert '<span class="badge badge--warn">Queued</span>' in status
    assert "The job queue is not answering" in status
    assert "waiting for the job queue" not in status  # the worker's own words are not shown twice
    listing = client.get(reverse("reports:report-list")).content.decode()
    assert '<span class="badge badge--warn">Queued</span>' in listing


def test_the_stage_funnel_ticks_fall_on_whole_initiatives() -> None:
    """With one initiative a stage, the axis reads 0, 1, 2 … never 0, 0, 0, 1, 1, 1."""
    few = charts.stage_funnel([("Idea", 1), ("Pilot", 1)])["layout"]["xaxis"]
    assert (few["tick0"], few["dtick"], few["tickformat"]) == (0, 1, ",d")
    many = charts.stage_funnel([("Idea", 400), ("Pilot", 120)])["layout"]["xaxis"]
    assert "dtick" not in many  # a wide range has whole automatic ticks
