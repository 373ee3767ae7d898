"""Single sign-on in the browser: the portfolio's sign-in page, a real OIDC provider, and back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from accounts.models import User
from core.roles import Role, user_roles
from tests.accounts.conftest import PROVIDER_ID, OidcProvider, oidc_app, running_oidc_provider
from tests.e2e.test_accessibility import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

POLICY = {
    "allow_signup": True,
    "email_domains": ["example.com"],
    "role_map": {"portfolio-finance": ["finance"]},
}


@pytest.fixture(scope="session")
def browser_oidc_provider(
    live_server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OidcProvider]:
    """django-oauth-toolkit's provider, with the live server's callback registered."""
    callback = f"{live_server.url}/accounts/sso/{PROVIDER_ID}/login/callback/"
    with running_oidc_provider(tmp_path_factory.mktemp("sso-e2e"), callback) as provider:
        yield provider


@pytest.fixture
def sso(settings, browser_oidc_provider) -> OidcProvider:
    settings.SOCIALACCOUNT_PROVIDERS = oidc_app(browser_oidc_provider, **POLICY)
    return browser_oidc_provider


def test_a_person_signs_in_through_the_provider_and_arrives_with_their_role(
    new_page, live_server, sso
) -> None:
    sso.person("nina", groups=["portfolio-finance"], first_name="Nina")
    page = new_page()
    page.goto("/accounts/login/")
    button = page.get_by_role("button", name="Sign in with Test IdP")
    expect(button).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
    assert violations(page) == []

    button.click()
    page.wait_for_url(f"{sso.base}/login/**")
    page.get_by_label("Username").fill("nina")
    page.get_by_label("Password").fill("provider-pass")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("header summary")).to_contain_text("Finance")
    user = User.objects.get(email="nina@example.com")
    assert user_roles(user) == {Role.FINANCE}


def test_in_sso_only_mode_the_sign_in_page_has_no_password_form(new_page, settings, sso) -> None:
    settings.PORTFOLIO_SSO_ONLY = True
    page = new_page()
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Sign in with Test IdP")).to_be_visible()
    expect(page.locator("#id_password")).to_have_count(0)
    expect(page.locator("#id_login")).to_have_count(0)
    assert violations(page) == []
