"""axe-core on the people pages and the AI literacy of a system: no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from governance.models import SystemLiteracy
from people.choices import Skill, TrainingStatus
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import AXE_SCRIPT, violations
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import InitiativeFactory
from tests.factories.people import LiteracyMeasureFactory, PersonFactory, TrainingPlanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_people_pages_have_no_accessibility_violations(
    new_page, compliance_officer, finance_user, leader
) -> None:
    maria = PersonFactory(
        name="Maria Jensen",
        is_champion=True,
        levels={Skill.BUSINESS_PROCESS: 4, Skill.API_INTEGRATION: 3},
    )
    jonas = PersonFactory(name="Jonas Berg", levels={Skill.PROMPT_ENGINEERING: 2})
    plan = TrainingPlanFactory(
        person=maria, budget=Decimal("2400.00"), status=TrainingStatus.BOOKED
    )
    TrainingPlanFactory(person=jonas)
    measure = LiteracyMeasureFactory(participants=[maria])
    LiteracyMeasureFactory(
        participants=[jonas], given_on=datetime.date.today() - datetime.timedelta(days=500)
    )
    system = AISystemFactory(name="Letter classifier")
    link = SystemLiteracy.objects.create(system=system)
    link.users.set([maria, jonas])
    link.measures.set([measure])
    InitiativeFactory(title="Letter sorting")
    steps = {
        "carla": [
            "/people/",
            "/people/?skill=api_integration&min_level=3&translators=on",
            "/people/new/",
            f"/people/{maria.pk}/",
            f"/people/{maria.pk}/edit/",
            "/people/training/",
            f"/people/training/{plan.pk}/edit/",
            "/people/literacy/",
            "/people/literacy/new/",
            f"/people/literacy/{measure.pk}/",
            f"/register/{system.pk}/",
            f"/register/{system.pk}/literacy/",
            "/people/?q=jensen",
            f"/people/{maria.pk}/delete/",
            f"/people/literacy/{measure.pk}/delete/",
            "/initiatives/team-roles/?q=maria",
        ],
        "finn": [
            "/people/training/",
            "/people/training/?q=maria",
            "/metrics/financials/training/",
            f"/metrics/financials/training/{plan.pk}/?q=letter",
            "/metrics/financials/",
        ],
        "lena": [f"/people/training/{plan.pk}/delete/"],
    }
    found: dict[str, list[str]] = {}
    page = new_page()
    page.context.add_init_script(script=AXE_SCRIPT)
    for username, paths in steps.items():
        page.context.clear_cookies()
        sign_in(page, username)
        for path in paths:
            page.goto(path)
            if problems := violations(page):
                found[f"{username} {path}"] = problems
        if username == "carla":
            # The person form with a field error.
            page.goto("/people/new/")
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            page.locator("main [role=alert]").wait_for()
            if problems := violations(page):
                found["carla person form with errors"] = problems
    assert found == {}
