"""Finance's quarter close: book a recurring cost, generate the quarterly report, download the PDF."""

from __future__ import annotations

import datetime
import hashlib
import re
import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

import jobs.services
from initiatives.choices import Stage
from metrics.choices import CostCategory, CostKind
from metrics.models import CostItem
from portfolio.models import QuarterlyReport, ReportStatus
from tests.e2e.conftest import sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import BenefitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def initiative(alice):
    """A pilot with a direct benefit in the first quarter of 2026 and no costs yet."""
    department = DepartmentFactory(name="Customer Service", code="cs")
    pilot = InitiativeFactory(
        title="Call summaries", owner=alice, department=department, stage=Stage.PILOT
    )
    BenefitFactory(
        initiative=pilot, amount=Decimal("5000.00"), start_date=datetime.date(2026, 2, 15)
    )
    return pilot


def test_finance_books_a_cost_and_downloads_the_quarterly_report(
    new_page, finance_user, initiative, tmp_path, monkeypatch
) -> None:
    # The report job runs in-process, but only when the journey lets it go, so that the person
    # sees it queued first and then watches the page follow it to "Ready" by itself.
    held_jobs: list[int] = []
    dispatch = jobs.services.job_dispatch
    monkeypatch.setattr(jobs.services, "job_dispatch", held_jobs.append)
    page = new_page()
    sign_in(page, "finn")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Costs & benefits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Costs & benefits")
    page.get_by_role("link", name="Call summaries").click()

    # A licence of 1,000 a month from 15 January to 14 April 2026 (the example of DESIGN.md §3).
    page.get_by_role("link", name="Add a cost").click()
    page.get_by_label("Kind:", exact=True).select_option(label="Recurring per month")
    page.get_by_label("Category:", exact=True).select_option(label="Licences")
    page.get_by_label("Description:", exact=True).fill("Summarisation licences")
    page.get_by_label("Amount:", exact=True).fill("1000")
    page.get_by_label("Date or start:", exact=True).fill("2026-01-15")
    page.get_by_label("End:", exact=True).fill("2026-04-14")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text("Cost booked.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Call summaries")
    costs = page.get_by_role("table", name="Costs", exact=True)
    expect(costs.get_by_role("row", name=re.compile("Summarisation licences"))).to_contain_text(
        "1,000.00 per month"
    )
    # The ROI was recomputed: the first quarter carries 548.39 + 1,000 + 1,000 of the licence.
    per_period = page.get_by_role("table", name="ROI per period")
    expect(per_period.get_by_role("row", name=re.compile("2026-Q1"))).to_contain_text("2,548.39")
    expect(per_period.get_by_role("row", name=re.compile("2026-Q2"))).to_contain_text("466.67")
    cost = CostItem.objects.get(initiative=initiative)
    assert (cost.kind, cost.category, cost.amount) == (
        CostKind.RECURRING,
        CostCategory.LICENCES,
        Decimal("1000.00"),
    )
    assert (cost.start_date, cost.end_date) == (
        datetime.date(2026, 1, 15),
        datetime.date(2026, 4, 14),
    )

    # The quarterly report: generated as a job, followed on its page, downloaded as a PDF.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_label("Year:", exact=True).fill("2026")
    page.get_by_label("Quarter:", exact=True).select_option(label="Q1 (January–March)")
    page.get_by_role("button", name="Generate").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Quarterly ROI report 2026 Q1, version 1"
    )
    status = page.locator("#report-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Queued")
    expect(status.get_by_role("progressbar", name="Progress")).to_be_visible()
    page.evaluate("window.journeyMarker = 'still the same page'")
    assert len(held_jobs) == 1
    dispatch(held_jobs[0])  # the job runs now, here; the page polls for its status
    expect(status).to_contain_text("Ready", timeout=30_000)
    expect(status).to_contain_text(re.compile(r"\d+ pages?, finished"))
    assert page.evaluate("window.journeyMarker") == "still the same page"
    with page.expect_download() as download:
        status.get_by_role("link", name="Download PDF").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert download.value.suggested_filename == "ai-portfolio-roi-2026-Q1-v1.pdf"

    report = QuarterlyReport.objects.get(year=2026, quarter=1)
    assert report.status == ReportStatus.READY
    assert report.created_by == finance_user
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    expect(status).to_contain_text(report.sha256)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Call summaries" in text
    assert "2,548.39" in text

    page.get_by_role("link", name="All versions").click()
    versions = page.get_by_role("table")
    expect(versions.get_by_role("row", name=re.compile("2026 Q1"))).to_contain_text("Ready")
