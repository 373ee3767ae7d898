"""axe-core on the pages of the weekly journeys, in all four languages: no WCAG 2.1 A/AA violations.

Every page a journey of tests/e2e visits is checked here, in the state the journey sees it (an import
preview with row errors, a KPI panel just saved through htmx, a report queued and ready, ...). Pages
are opened by URL or by language-neutral selectors, so the same steps work in every language.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page

from governance.choices import RiskClass
from governance.domain.classification import required_questions
from governance.services import ai_system_classify, infrastructure_check_record
from initiatives.choices import GateOutcome, Stage
from initiatives.services import gate_decide, gate_request, initiative_create
from metrics.choices import CostCategory, CostKind
from metrics.services.roi import roi_recompute
from portfolio.models import QuarterlyReport, ReportStatus
from tests.e2e.conftest import choose_language, sign_in
from tests.factories.accounts import UserFactory
from tests.factories.governance import (
    AISystemFactory,
    EstateDataSourceFactory,
    ITSystemFactory,
    ReviewFactory,
    RiskFactory,
)
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory
from tests.factories.metrics import (
    BenefitFactory,
    CostItemFactory,
    KpiFactory,
    MeasurementFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LANGUAGES = ("en", "nl", "sv", "de")
AXE_SCRIPT = Axe().axe_script


def violations(page) -> list[str]:
    """axe's violations on the current page, one readable line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]


def classified_high_risk(system, actor) -> None:
    """Classify a system through the service: an Annex III employment system that profiles."""
    yes = {"annex_iii_4_employment", "art6_3_significant_risk", "art6_3_profiling"}
    answers: dict[str, bool] = {}
    while missing := [key for key in required_questions(answers, "deployer") if key not in answers]:
        answers.update({key: key in yes for key in missing})
    ai_system_classify(actor=actor, system=system, answers=answers, role="deployer")


@pytest.fixture
def portfolio(alice, leader, compliance_officer, finance_user):
    """One of everything the journeys touch, built with factories and services."""
    department = DepartmentFactory(name="Customer Service", code="cs")
    proposed = initiative_create(
        actor=alice,
        data={"title": "E-mail triage", "problem": "Routing e-mails by hand.", "department": department,
              "build_type": "off_the_shelf", "business_value": 4, "technical_feasibility": 5,
              "implementation_effort": 2, "strategic_alignment": 4},
    )  # fmt: skip
    pilot = InitiativeFactory(
        title="Call summaries", owner=alice, stage=Stage.PILOT, department=department
    )
    kpi = KpiFactory(
        initiative=pilot,
        name="Minutes per call note",
        baseline_date=datetime.date(2025, 1, 1),
        target_date=datetime.date(2025, 12, 31),
    )
    MeasurementFactory(kpi=kpi, value=Decimal("17"), measured_on=datetime.date(2025, 3, 31))
    MeasurementFactory(kpi=kpi, value=Decimal("14"), measured_on=datetime.date(2025, 4, 30))
    CostItemFactory(initiative=pilot, start_date=datetime.date(2025, 1, 10))
    CostItemFactory(
        initiative=pilot,
        kind=CostKind.RECURRING,
        category=CostCategory.LICENCES,
        description="Licences",
        amount=Decimal("1000.00"),
        start_date=datetime.date(2025, 1, 15),
        end_date=datetime.date(2025, 12, 31),
    )
    BenefitFactory(initiative=pilot, start_date=datetime.date(2025, 2, 15))
    roi_recompute(initiative_ids=[pilot.pk])

    system = AISystemFactory(
        name="Call summariser", owner=compliance_officer, initiatives=[pilot],
        risk_class=RiskClass.UNCLASSIFIED,
    )  # fmt: skip
    classified_high_risk(system, compliance_officer)
    risk = RiskFactory(system=system, owner=compliance_officer)
    overdue = ReviewFactory(
        system=system,
        owner=compliance_officer,
        due_date=timezone.localdate() - datetime.timedelta(days=12),
    )
    crm = ITSystemFactory(name="CRM", readiness=2, initiatives=[pilot], ai_systems=[system])
    customer_data = EstateDataSourceFactory(
        name="Customer data", it_system=crm, personal_data=True,
        integration_tasks=["Sync with the ERP by hand"], initiatives=[pilot],
    )  # fmt: skip
    infrastructure_check_record(
        actor=compliance_officer,
        answers={"structured_databases_with_apis": True, "stable_cloud_connectivity": True,
                 "modern_web_services": False, "current_backup_and_security": True},
    )  # fmt: skip
    ready = QuarterlyReport.objects.create(
        year=2025, quarter=4, version=1, status=ReportStatus.READY, created_by=finance_user,
        sha256="0" * 64, page_count=4, charts_included=True, finished_at=timezone.now(),
    )  # fmt: skip
    queued = QuarterlyReport.objects.create(
        year=2026, quarter=1, version=1, status=ReportStatus.QUEUED, created_by=finance_user
    )
    # The pilot had its gate decided (needs work: alice is told); another waits in the queue
    # (leadership is told), so homes, the queue and the notifications are not empty.
    gate_request(actor=alice, initiative=pilot, note="Call notes take 9 minutes instead of 17.")
    gate_decide(
        actor=leader, initiative=pilot, outcome=GateOutcome.NEEDS_WORK,
        rationale="Strong ROI, but the readiness checklist is still empty.",
    )  # fmt: skip
    waiting = InitiativeFactory(
        title="Invoice matching", owner=alice, stage=Stage.PILOT, department=department
    )
    gate_request(actor=alice, initiative=waiting, note="Matched 94% of invoices in the pilot.")
    evaluation, candidate = _vendor_evaluation(leader, pilot)
    return {
        "proposed": proposed, "pilot": pilot, "kpi": kpi, "system": system, "risk": risk,
        "review": overdue, "ready": ready, "queued": queued, "waiting": waiting,
        "crm": crm, "customer_data": customer_data, "evaluation": evaluation,
        "candidate": candidate,
    }  # fmt: skip


def _vendor_evaluation(leader, initiative):  # type: ignore[no-untyped-def]
    """An open evaluation with one scored candidate that has a cost line."""
    from governance.services import vendors

    vendor = vendors.vendor_create(actor=leader, data={"name": "Northwind", "country": "Germany"})
    product = vendors.vendor_product_create(actor=leader, vendor=vendor, data={"name": "Scribe"})
    evaluation = vendors.vendor_evaluation_create(
        actor=leader, data={"title": "Call note tools", "initiative": initiative}
    )
    candidate = vendors.evaluation_candidate_add(
        actor=leader, evaluation=evaluation, product=product, data={"data_residency": "eu"}
    )
    vendors.candidate_scores_set(
        actor=leader, candidate=candidate, scores={"functions": (4, "Good"), "exit": (2, "")}
    )
    vendors.candidate_cost_create(
        actor=leader,
        candidate=candidate,
        data={"category": "licence", "recurrence": "monthly", "amount": Decimal("900")},
    )
    return evaluation, candidate


def csv_file(rows: str) -> dict:
    """An in-memory CSV upload with the import template's columns."""
    header = "kpi_id,initiative_id,kpi_name,date,value,note\n"
    return {"name": "measurements.csv", "mimeType": "text/csv", "buffer": (header + rows).encode()}


def upload(page: Page, rows: str) -> None:
    """Upload a file on the import page and wait for its preview."""
    page.goto("/metrics/measurements/import/")
    page.set_input_files("main input[type=file]", csv_file(rows))
    with page.expect_navigation():
        page.locator("main form[enctype] button[type=submit]").click()


def journey_steps(portfolio) -> dict[str, list[str | tuple[str, Callable[[Page], None]]]]:
    """Per person, the pages to check: a URL, or a named step that leaves the page in a state."""
    pilot, kpi = portfolio["pilot"], portfolio["kpi"]
    system = portfolio["system"]

    def log_measurement(page: Page) -> None:
        page.goto(f"/initiatives/{pilot.pk}/")
        form = page.locator("#metrics-kpi-panel form.quick-entry").first
        form.locator("input[type=number]").fill("12")
        form.locator("input[type=date]").fill("2025-05-30")
        form.locator("button[type=submit]").click()
        page.locator("#metrics-kpi-panel [role=status]").wait_for()

    def preview_with_errors(page: Page) -> None:
        upload(page, f"{kpi.pk},,,2025-06-30,11,\n{kpi.pk},,,2025-07-31,eleven,\n")
        page.locator("#import-result [role=alert]").wait_for()

    def preview_and_save(page: Page) -> None:
        upload(page, f"{kpi.pk},,,2025-06-30,11,\n{kpi.pk},,,2025-07-31,10,\n")
        with page.expect_navigation():
            page.locator("#import-result form button[type=submit]").click()

    def dashboard_filtered(page: Page) -> None:
        page.goto("/dashboard/")
        funnel = "#dashboard-body [data-key=funnel]"
        page.locator(funnel).evaluate("chart => chart.dataset.before = 'swap'")
        page.select_option("#id_department", str(pilot.department_id))
        page.locator(f"{funnel}[data-rendered]:not([data-before])").wait_for(state="attached")
        page.wait_for_url(f"**department={pilot.department_id}*")

    def check_with_field_errors(page: Page) -> None:
        page.goto("/register/estate/check/")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.locator("main [role=alert]").wait_for()

    def gate_request_with_field_error(page: Page) -> None:
        page.goto(f"/initiatives/{pilot.pk}/gate/request/")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.locator("main form [role=alert]").wait_for()

    def questionnaire_further_questions(page: Page) -> None:
        page.goto(f"/register/{system.pk}/classify/")
        page.locator("#id_annex_iii_4_employment_0").check()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()

    return {
        "alice": [
            "/",
            "/initiatives/",
            "/initiatives/matrix/",
            "/initiatives/new/",
            f"/initiatives/{portfolio['proposed'].pk}/",
            f"/initiatives/{pilot.pk}/",
            ("quick entry saved", log_measurement),
            f"/initiatives/{pilot.pk}/pilots/new/",
            f"/initiatives/{pilot.pk}/gate/request/",
            ("gate request with a field error", gate_request_with_field_error),
            f"/initiatives/{portfolio['waiting'].pk}/gate/request/",
            f"/metrics/kpis/{kpi.pk}/",
            "/metrics/measurements/import/",
            ("import preview with errors", preview_with_errors),
            ("import saved", preview_and_save),
            "/initiatives/departments/",
            "/accounts/tokens/",
            "/notifications/",
            "/notifications/settings/",
        ],
        "lena": [
            "/",
            "/dashboard/",
            ("dashboard filtered by department", dashboard_filtered),
            f"/initiatives/{pilot.pk}/gate/",
            "/initiatives/gates/",
            f"/initiatives/{portfolio['waiting'].pk}/gate/",
            "/notifications/",
            "/notifications/?unread=true",
            "/notifications/settings/",
            "/notifications/following/",
            "/accounts/password/change/",
        ],
        "carla": [
            "/",
            "/register/",
            "/register/new/",
            f"/register/{system.pk}/",
            f"/register/{system.pk}/classify/",
            ("questionnaire with further questions", questionnaire_further_questions),
            f"/register/{system.pk}/risks/new/",
            f"/register/risks/{portfolio['risk'].pk}/",
            "/register/risks/",
            "/register/reviews/?state=overdue",
            f"/register/reviews/{portfolio['review'].pk}/",
            "/register/estate/",
            "/register/estate/check/",
            ("infrastructure check with field errors", check_with_field_errors),
            "/register/estate/systems/",
            "/register/estate/systems/new/",
            f"/register/estate/systems/{portfolio['crm'].pk}/",
            "/register/estate/data/",
            f"/register/estate/data/{portfolio['customer_data'].pk}/edit/",
            f"/register/estate/data/{portfolio['customer_data'].pk}/",
            "/register/vendors/",
            f"/register/vendors/{portfolio['candidate'].product.vendor_id}/",
            "/register/evaluations/",
            f"/register/evaluations/{portfolio['evaluation'].pk}/",
            f"/register/evaluations/{portfolio['evaluation'].pk}/weights/",
            f"/register/evaluations/{portfolio['evaluation'].pk}/candidates/"
            f"{portfolio['candidate'].pk}/scores/",
        ],
        "finn": [
            "/",
            "/metrics/financials/",
            f"/metrics/initiatives/{pilot.pk}/financials/",
            f"/metrics/initiatives/{pilot.pk}/costs/new/",
            f"/register/evaluations/{portfolio['evaluation'].pk}/",
            f"/register/evaluations/{portfolio['evaluation'].pk}/candidates/"
            f"{portfolio['candidate'].pk}/",
            "/reports/",
            f"/reports/{portfolio['ready'].pk}/",
            f"/reports/{portfolio['queued'].pk}/",
            "/notifications/",
        ],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_accessibility_violations(new_page, portfolio, language) -> None:
    found: dict[str, list[str]] = {}
    # One browser context for everyone, its cookies cleared between people: the browser keeps
    # its cache of Plotly and axe-core, which keeps this test fast. axe is added to every page
    # by the browser itself, outside the page's content security policy.
    page = new_page()
    page.context.add_init_script(script=AXE_SCRIPT)
    choose_language(page, language)
    for path in ("/accounts/login/", "/accounts/password/reset/"):
        page.goto(path)
        if problems := violations(page):
            found[f"anonymous {path}"] = problems
    for username, steps in journey_steps(portfolio).items():
        page.context.clear_cookies()
        choose_language(page, language)
        sign_in(page, username)
        for step in steps:
            if isinstance(step, tuple):
                name, act = step
                act(page)
            else:
                name = step
                page.goto(step)
            assert page.locator("html").get_attribute("lang") == language, name
            # Charts draw after load as they come near the screen; bring each one there and
            # check them drawn, with Plotly's own controls in place.
            for chart in page.locator("[data-chart]").all():
                chart.scroll_into_view_if_needed()
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-chart]')].every(c => c.dataset.rendered)"
            )
            if problems := violations(page):
                found[f"{username} {name}"] = problems
    assert found == {}


def test_language_switcher_is_keyboard_friendly(new_page, live_server) -> None:
    """Arrow keys move through the languages without leaving the page; Enter switches."""
    page = new_page()
    page.goto("/accounts/login/")
    select = page.locator("#language-select")
    select.focus()
    select.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.locator("html").get_attribute("lang") == "en"
    assert select.input_value() != "en"
    with page.expect_navigation():
        select.press("Enter")
    assert page.locator("html").get_attribute("lang") == select.input_value() != "en"


def test_owner_filter_suggests_as_one_types_and_applies_with_enter(new_page, leader) -> None:
    """The register's owner box: typing offers the matching owners, Enter filters the list."""
    dora = UserFactory(username="dora", first_name="Dora", last_name="Visser")
    olaf = UserFactory(username="olaf", first_name="Olaf", last_name="Holm")
    AISystemFactory(name="Letter classifier", owner=dora)
    AISystemFactory(name="Fraud scoring", owner=olaf)
    page = new_page()
    page.context.add_init_script(script=AXE_SCRIPT)
    sign_in(page, leader.username)
    page.goto("/register/")
    box = page.locator("#id_owner")
    assert box.get_attribute("list") == "id_owner-suggestions"
    box.focus()
    page.keyboard.type("viss")
    # The list offered on focus (every owner) gives way to the matches of what was typed.
    page.wait_for_function(
        "() => document.querySelectorAll('#id_owner-suggestions option').length === 1"
    )
    options = page.locator("#id_owner-suggestions option")
    assert options.evaluate_all("all => all.map(o => [o.value, o.textContent])") == [
        ["dora", "Dora Visser"]
    ]
    assert violations(page) == []
    box.fill("dora")
    page.keyboard.press("Enter")
    results = page.locator("#system-results")
    results.get_by_text("Fraud scoring").wait_for(state="detached")
    assert results.get_by_role("link", name="Letter classifier").count() == 1
    assert "owner=dora" in page.url
