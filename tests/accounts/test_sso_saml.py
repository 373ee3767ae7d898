"""Single sign-on over SAML 2.0 against pysaml2 acting as the identity provider."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from accounts.models import RoleChange, SsoSync, User
from core.roles import Role, user_roles
from portfolio.settings import sso_apps
from tests.accounts.saml_idp import SAML_SLUG

pytestmark = pytest.mark.django_db

HOME = "/accounts/tokens/"
# python3-saml refuses single-label hosts such as the test client's "testserver".
HOST = "portfolio.example.test"
POLICY = {
    "allow_signup": True,
    "email_domains": ["example.com"],
    "role_map": {"sg-finance": ["finance"], "sg-leads": ["team_lead"]},
    "default_roles": ["leadership"],
}


@pytest.fixture
def client(settings):
    settings.ALLOWED_HOSTS = [HOST]
    return Client(HTTP_HOST=HOST)


@pytest.fixture
def saml(settings, saml_idp):
    settings.SOCIALACCOUNT_PROVIDERS = sso_apps([saml_idp.portfolio_app(**POLICY)])
    saml_idp.people.clear()
    return saml_idp


def _roles(user: User) -> set[Role]:
    return set(user_roles(User.objects.get(pk=user.pk)))


def test_first_sign_in_creates_the_account_matched_on_the_name_id(client, saml) -> None:
    person = saml.person("uma", groups=["sg-finance", "unmapped"])
    response = saml.sign_in(client, "uma")
    assert response.status_code == 302 and response.url == "/"
    assert client.get(HOME).status_code == 200
    account = SocialAccount.objects.get(provider=SAML_SLUG)
    assert account.uid == person.name_id
    assert account.user.email == "uma@example.com"
    assert _roles(account.user) == {Role.FINANCE, Role.LEADERSHIP}
    sync = SsoSync.objects.get(user=account.user)
    assert sync.subject == person.name_id
    assert sync.groups == ["sg-finance", "unmapped"]
    assert sync.acr == "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def test_groups_add_and_remove_roles_and_the_name_id_not_the_email_finds_the_person(
    client, saml
) -> None:
    saml.person("vic", groups=["sg-finance"])
    saml.sign_in(client, "vic")
    user = SocialAccount.objects.get(provider=SAML_SLUG).user
    client.post("/accounts/logout/")
    saml.person("vic", groups=["sg-leads"], email="victor@example.com")
    response = saml.sign_in(client, "vic")
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert _roles(user) == {Role.TEAM_LEAD, Role.LEADERSHIP}
    history = set(RoleChange.objects.filter(user=user).values_list("role", "change", "source"))
    assert ("finance", "removed", f"sso:{SAML_SLUG}") in history
    assert ("team_lead", "added", f"sso:{SAML_SLUG}") in history


def test_the_sp_metadata_names_the_acs_and_a_persistent_name_id(client, saml) -> None:
    metadata = client.get(f"/accounts/saml/{SAML_SLUG}/metadata/").content.decode()
    assert f"http://{HOST}/accounts/saml/{SAML_SLUG}/acs/" in metadata
    assert "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" in metadata


def _tamper(xml: str) -> str:
    assert "sg-finance" in xml
    return xml.replace("sg-finance", "sg-leads")


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ({"tamper": _tamper}, "Signature validation failed"),
        ({"lifetime_minutes": -10}, "Could not validate timestamp: expired"),
    ],
    ids=["tampered", "expired"],
)
def test_a_tampered_or_expired_assertion_is_refused(client, saml, caplog, fault, reason) -> None:
    saml.person("wes", groups=["sg-finance"])
    response = saml.sign_in(client, "wes", **fault)
    # allauth's "third-party login failure" page, for the reason python3-saml found.
    assert response.status_code == 401
    assert reason in caplog.text
    assert not User.objects.exists()
    assert client.get(HOME).status_code == 302


def test_no_account_is_created_when_the_provider_may_not_create_any(client, settings, saml) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = sso_apps([saml.portfolio_app(allow_signup=False)])
    saml.person("xena")
    response = saml.sign_in(client, "xena")
    assert response.status_code == 403
    assert not User.objects.exists()


def test_the_sign_in_page_lets_its_provider_buttons_reach_the_idp(client, saml) -> None:
    page = client.get("/accounts/login/")
    assert "Sign in with Corp SAML" in page.content.decode()
    form_action = next(
        part for part in page["Content-Security-Policy"].split(";") if "form-action" in part
    )
    assert "'self'" in form_action and "https://idp.example.test" in form_action
