"""One figure, one definition: the dashboard, the register pages, the API and the frozen report
show the same number for every shared governance and money figure on the same data.

The data is made so that a wrong definition shows: a retired high-risk system (not counted), a
closed high risk and an open medium one (not open high risks), a critical open risk (counted), a
completed review past its due date (not overdue).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from governance.choices import RiskClass, RiskStatus, SystemStatus
from portfolio.services import report_request
from tests.conftest import token_client
from tests.factories.governance import AISystemFactory, ReviewFactory, RiskFactory

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = datetime.date.today()


@pytest.fixture
def register(reference_case):  # type: ignore[no-untyped-def]
    high = AISystemFactory(risk_class=RiskClass.HIGH, initiatives=[reference_case])
    AISystemFactory(risk_class=RiskClass.HIGH)
    AISystemFactory(risk_class=RiskClass.HIGH, status=SystemStatus.RETIRED)
    AISystemFactory(risk_class=RiskClass.UNCLASSIFIED)
    RiskFactory(system=high, likelihood=4, impact=4, score=16)  # open high
    RiskFactory(system=high, likelihood=5, impact=5, score=25, status=RiskStatus.MITIGATING)
    RiskFactory(system=high, likelihood=4, impact=4, score=16, status=RiskStatus.CLOSED)
    RiskFactory(system=high, likelihood=2, impact=3, score=6)  # open, medium
    ReviewFactory(system=high, due_date=TODAY - datetime.timedelta(days=3))  # overdue
    ReviewFactory(system=high, due_date=TODAY - datetime.timedelta(days=40), completed_on=TODAY)
    ReviewFactory(system=high, due_date=TODAY + datetime.timedelta(days=5))
    return reference_case


def _count_on(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """How many rows the list page behind a tile holds (from its pagination summary)."""
    page = client.get(url)
    assert page.status_code == 200, url
    return page.context["page_obj"].paginator.count


def _tile(html: str, label: str) -> str:
    match = re.search(
        rf'kpi-tile__label">{re.escape(label)}</p>\s*<p class="kpi-tile__value">'
        r'(?:<a href="([^"]*)">)?([^<]*)',
        html,
    )
    assert match, label
    return match.group(2).strip(), (match.group(1) or "").replace("&amp;", "&")  # type: ignore[return-value]


def test_governance_figures_agree_everywhere(client, leader, finance_user, register):
    client.force_login(leader)
    dashboard = client.get(reverse("dashboard")).content.decode()
    register_page = client.get(reverse("governance:system-list"))
    summary = register_page.context["summary"]
    api = token_client(leader).get("/api/v1/figures/").json()["governance"]
    report = report_request(actor=finance_user, year=TODAY.year, quarter=(TODAY.month - 1) // 3 + 1)
    report.refresh_from_db()
    frozen = report.snapshot["governance"]

    expected = {"high_risk_systems": 2, "unclassified_systems": 1, "overdue_reviews": 1,
                "open_high_risks": 2}  # fmt: skip
    for key, value in expected.items():
        assert api[key] == value, key
        assert frozen[key] == value, key
    assert (summary.high_risk, summary.unclassified) == (2, 1)
    assert (summary.overdue_reviews, summary.open_high_risks) == (1, 2)

    for label, key in (("High-risk systems", "high_risk_systems"),
                       ("Overdue reviews", "overdue_reviews"),
                       ("Open high risks", "open_high_risks")):  # fmt: skip
        value, url = _tile(dashboard, label)
        assert int(value) == expected[key], label
        # The list the tile links to holds exactly the rows it counts.
        assert _count_on(client, url) == expected[key], (label, url)
        register_value, register_url = _tile(register_page.content.decode(), label)
        assert int(register_value) == expected[key], label
        absolute = (
            register_url
            if register_url.startswith("/")
            else reverse("governance:system-list") + register_url
        )
        assert _count_on(client, absolute) == expected[key], (label, register_url)

    api_client = token_client(leader)
    systems = api_client.get("/api/v1/ai-systems/", {"risk_class": "high",
                                                    "status": ["planned", "in_development", "in_use"]})  # fmt: skip
    assert systems.json()["count"] == 2
    assert api_client.get("/api/v1/reviews/", {"state": "overdue"}).json()["count"] == 1
    risks = api_client.get("/api/v1/risks/", {"band": "high_or_critical",
                                             "status": ["open", "mitigating"]})  # fmt: skip
    assert risks.json()["count"] == 2


def test_money_figures_agree_everywhere(client, leader, finance_user, reference_case):
    client.force_login(leader)
    page = client.get(reverse("dashboard"), {"period": "2025-Q4"})
    shown = page.context["snapshot"]["summary"]
    api = token_client(leader).get("/api/v1/figures/", {"period": "2025-Q4"}).json()["summary"]
    report = report_request(actor=finance_user, year=2025, quarter=4)
    report.refresh_from_db()
    frozen = report.snapshot["summary"]
    for key in ("invested_total", "benefits_total", "net_total", "roi_total", "invested_year",
                "benefits_year", "roi_year"):  # fmt: skip
        assert shown[key] == api[key] == frozen[key], key
    assert frozen["invested_total"] == "2500000.00"
    assert frozen["net_total"] == "7500000.00"
    # The initiative's own figures, through its ROI endpoint, sum to the same totals.
    roi = token_client(leader).get(f"/api/v1/initiatives/{reference_case.pk}/roi/").json()
    quarter = next(row for row in roi["periods"] if row["period"] == "2025-Q4")
    row = report.snapshot["initiatives"][0]
    assert quarter["realised"]["cumulative_costs"] == row["cumulative"]["costs"] == "2500000.00"
    assert quarter["realised"]["cumulative_net"] == row["cumulative"]["net"] == frozen["net_total"]
