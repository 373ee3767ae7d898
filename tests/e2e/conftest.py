"""Browser journeys: Playwright driving headless Chromium against a live server."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import REPO_ROOT
from tests.factories.accounts import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(os.environ.get("PORTFOLIO_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))


def chromium_path() -> str:
    """The system Chromium; the suite never downloads a browser."""
    path = os.environ.get("PORTFOLIO_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is not installed: run `make test`, which installs it")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep a screenshot of every page open when a journey fails."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for index, page in enumerate(getattr(item, "_pages", [])):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            target = ARTIFACTS / f"{item.name}-{index}.png"
            with contextlib.suppress(Exception):  # a crashed page must not hide the failure
                page.screenshot(path=str(target), full_page=True)


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest, live_server):  # type: ignore[no-untyped-def]
    """Open a fresh browser context (no shared cookies) per person in the journey."""
    contexts = []
    request.node._pages = []

    def factory() -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        request.node._pages.append(page)
        return page

    yield factory
    for context in contexts:
        context.close()


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would (in whatever language is chosen)."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")


def choose_language(page: Page, language: str) -> None:
    """Pick a language with the switcher in the top bar (it submits on change)."""
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.select_option("#language-select", language)
