"""A compliance officer's week: register a system, classify it, record a risk, do an overdue review."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from governance.choices import ApprovalStatus, ReviewKind, ReviewOutcome, RiskClass
from governance.models import AISystem, Review
from governance.questionnaire_texts import QUESTION_TEXTS
from initiatives.choices import Stage
from tests.e2e.conftest import sign_in
from tests.factories.governance import AISystemFactory, ReviewFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The CV screener: an Annex III employment system that profiles people, so the exception of
# Art. 6(3) does not apply and the class is high risk.
YES = {"annex_iii_4_employment", "art6_3_significant_risk", "art6_3_profiling"}


def answer_questionnaire(page: Page) -> None:
    """Answer every question on the page: yes for the keys in YES, no for the others."""
    keys = page.locator("main form input[type=radio][value=no]").evaluate_all(
        "radios => radios.map(radio => radio.name)"
    )
    for key in keys:
        question = page.get_by_role("group", name=str(QUESTION_TEXTS[key]), exact=True)
        question.get_by_label("Yes" if key in YES else "No", exact=True).check()


@pytest.fixture
def register(compliance_officer, alice):
    """An initiative waiting for its register entry, and another system whose review is overdue."""
    hr = DepartmentFactory(name="Human Resources", code="hr")
    InitiativeFactory(title="Candidate shortlisting", owner=alice, department=hr, stage=Stage.PILOT)
    letters = AISystemFactory(
        name="Letter sorting", owner=compliance_officer, risk_class=RiskClass.HIGH
    )
    overdue = ReviewFactory(
        system=letters,
        kind=ReviewKind.COMPLIANCE,
        owner=compliance_officer,
        due_date=timezone.localdate() - datetime.timedelta(days=12),
    )
    return {"letters": letters, "overdue": overdue}


def test_compliance_officer_maintains_the_register(new_page, compliance_officer, register) -> None:
    page = new_page()
    sign_in(page, "carla")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="AI register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AI register")

    # 1. A new register entry with one model and one data source.
    page.get_by_role("link", name="Add an AI system").click()
    # The system's fields have unique labels; the formset rows repeat theirs ("Name:"): ids there.
    page.locator("#id_name").fill("CV screening assistant")
    page.get_by_label("Purpose:", exact=True).fill("Ranks job applications for recruiters.")
    page.get_by_label("AI system owner:", exact=True).select_option(label=str(compliance_officer))
    page.get_by_label("Department:", exact=True).select_option(label="Human Resources")
    page.get_by_label("Status:", exact=True).select_option(label="In use")
    page.get_by_label("Provider or vendor as named:", exact=True).fill("HireTech")
    page.get_by_label("Deployment:", exact=True).select_option(label="Cloud")
    page.get_by_label("Processes personal data:", exact=True).select_option(label="Yes")
    page.get_by_label("Lawful basis:", exact=True).select_option(label="Legitimate interests (f)")
    page.get_by_label("AI Act role:", exact=True).select_option(label="Deployer")
    page.get_by_label("Linked initiatives:", exact=True).select_option(
        label="Candidate shortlisting"
    )
    page.locator("#id_models-0-name").fill("gpt-4o")
    page.locator("#id_models-0-provider").fill("OpenAI")
    page.locator("#id_sources-0-name").fill("Applicant tracking system")
    page.locator("#id_sources-0-personal_data").check()
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text("added to the register as a draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("CV screening assistant")
    expect(page.locator("main .page-header")).to_contain_text("Not yet classified")
    expect(page.locator("section[aria-labelledby=models-title]")).to_contain_text("gpt-4o")
    system = AISystem.objects.get(name="CV screening assistant")
    assert system.approval_status == ApprovalStatus.DRAFT
    assert list(system.initiatives.values_list("title", flat=True)) == ["Candidate shortlisting"]
    assert system.data_sources.get().personal_data is True

    # 2. The guided AI Act questionnaire: a yes on employment brings the Art. 6(3) questions.
    page.get_by_role("link", name="Classify (AI Act questionnaire)").click()
    expect(page.get_by_label("Your organisation's role:", exact=True)).to_have_value("deployer")
    answer_questionnaire(page)
    page.get_by_role("button", name="Classify").click()
    expect(page.locator(".messages")).to_contain_text("Your answers raise further questions below.")
    expect(
        page.get_by_role("group", name=str(QUESTION_TEXTS["art6_3_profiling"]), exact=True)
    ).to_be_visible()
    answer_questionnaire(page)
    page.get_by_role("button", name="Classify").click()

    expect(page.locator(".messages")).to_contain_text("The system was classified.")
    classification = page.locator("section[aria-labelledby=class-title]")
    expect(classification.locator("dl")).to_contain_text("High risk")
    expect(classification).to_contain_text("An Annex III area: high-risk under Art. 6(2).")
    expect(classification.get_by_role("table")).to_contain_text("Art. 26")
    system.refresh_from_db()
    assert system.risk_class == RiskClass.HIGH
    assert system.classifications.get().answers["annex_iii_4_employment"] is True

    # 3. A risk, which lands in the risk register and its heatmap.
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("Category:", exact=True).select_option(label="Legal")
    page.get_by_label("Description:", exact=True).fill("Ranking disadvantages older applicants.")
    page.get_by_label("Likelihood:", exact=True).select_option(label="4 · Likely")
    page.get_by_label("Impact:", exact=True).select_option(label="5 · Severe")
    page.get_by_label("Mitigation:", exact=True).fill(
        "Quarterly bias audit; recruiters see all applications."
    )
    page.get_by_label("Owner:", exact=True).select_option(label=str(compliance_officer))
    page.get_by_label("Due:", exact=True).fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The risk was saved.")
    expect(page.locator("main dl")).to_contain_text("4 × 5 = 20")
    risk = system.risks.get()
    assert (risk.likelihood, risk.impact, risk.score, risk.owner) == (4, 5, 20, compliance_officer)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="AI register").click()
    page.get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register")
    expect(page.locator("[data-source=risk-heatmap-data] .main-svg").first).to_be_attached()
    page.locator("section[aria-labelledby=heatmap-title]").get_by_text("Table view").click()
    heatmap_table = page.get_by_role(
        "table", name="Open risks by likelihood (rows) and impact (columns)"
    )
    expect(
        heatmap_table.get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name="4"))
        .get_by_role("cell")
        .nth(4)
    ).to_have_text("1")
    expect(page.get_by_role("table", name="Risks", exact=True)).to_contain_text(
        "CV screening assistant"
    )

    # 4. The overdue review of another system, found from the register's headline numbers.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="AI register").click()
    page.locator(".kpi-tile", has_text="Overdue reviews").get_by_role("link").click()
    reviews = page.get_by_role("table", name="Reviews")
    expect(reviews.get_by_role("row")).to_have_count(2)
    expect(reviews).to_contain_text("Overdue")
    reviews.get_by_role("row", name=re.compile("Letter sorting")).get_by_role(
        "link", name="Compliance"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliance · Letter sorting")
    expect(page.locator("main dl")).to_contain_text("Overdue")
    page.get_by_label("Completed on:", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("Outcome:", exact=True).select_option(label="Pass with findings")
    page.get_by_label("Findings:", exact=True).fill("Two letters misrouted in a sample of 200.")
    page.get_by_role("button", name="Complete the review").click()

    expect(page.locator(".messages")).to_contain_text("The review was completed.")
    expect(page.locator("main dl")).to_contain_text("Pass with findings")
    expect(page.get_by_role("button", name="Complete the review")).to_have_count(0)
    review = Review.objects.get(pk=register["overdue"].pk)
    assert review.completed_on == timezone.localdate()
    assert review.outcome == ReviewOutcome.PASS_WITH_FINDINGS
    following = Review.objects.get(system=register["letters"], completed_on__isnull=True)
    assert following.kind == ReviewKind.COMPLIANCE
    assert following.due_date > timezone.localdate()
