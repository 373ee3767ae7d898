"""axe-core on the pages of the weekly journeys, in all four languages: no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from initiatives.choices import Stage
from initiatives.services import initiative_create
from tests.e2e.conftest import choose_language, sign_in
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LANGUAGES = ("en", "nl", "sv", "de")


def violations(page) -> list[str]:
    """axe's violations on the current page, one readable line each."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def portfolio(alice, leader):
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
    return {"proposed": proposed, "pilot": pilot}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_accessibility_violations(new_page, portfolio, language) -> None:
    pages = {
        "alice": [
            "/",
            "/initiatives/",
            "/initiatives/matrix/",
            "/initiatives/new/",
            f"/initiatives/{portfolio['proposed'].pk}/",
            f"/initiatives/{portfolio['pilot'].pk}/pilots/new/",
            "/initiatives/departments/",
            "/accounts/tokens/",
        ],
        "lena": [f"/initiatives/{portfolio['pilot'].pk}/gate/", "/accounts/password/change/"],
    }
    found: dict[str, list[str]] = {}
    anonymous = new_page()
    choose_language(anonymous, language)
    for path in ("/accounts/login/", "/accounts/password/reset/"):
        anonymous.goto(path)
        if problems := violations(anonymous):
            found[f"anonymous {path}"] = problems
    for username, paths in pages.items():
        page = new_page()
        choose_language(page, language)
        sign_in(page, username)
        for path in paths:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            problems = violations(page)
            if problems:
                found[f"{username} {path}"] = problems
    assert found == {}
