"""Single sign-on against a real OpenID Connect provider running in a second process."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp

from accounts.models import RoleChange, SsoSync, User
from core.roles import Role, user_roles
from tests.accounts.conftest import CLIENT_ID, CLIENT_SECRET, PROVIDER_ID, oidc_app
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# A page of this app: whether a session is signed in, without depending on other apps' pages.
HOME = "/accounts/tokens/"

POLICY = {
    "allow_signup": True,
    "email_domains": ["example.com"],
    "role_map": {"portfolio-finance": ["finance"], "portfolio-leads": ["team_lead"]},
    "default_roles": ["leadership"],
}


@pytest.fixture
def sso(settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = oidc_app(oidc_provider, **POLICY)
    return oidc_provider


def _roles(username: str) -> set[Role]:
    return set(user_roles(User.objects.get(username=username)))


def test_first_sign_in_creates_the_account_with_roles_from_groups(client, sso) -> None:
    sso.person("nora", groups=["portfolio-finance", "unmapped"], first_name="Nora")
    response = sso.sign_in(client, "nora")
    assert response.status_code == 302 and response.url == "/"
    assert client.get(HOME).status_code == 200
    account = SocialAccount.objects.get(provider=PROVIDER_ID)
    user = account.user
    assert user.email == "nora@example.com"
    assert _roles(user.username) == {Role.FINANCE, Role.LEADERSHIP}
    sync = SsoSync.objects.get(user=user)
    assert sync.subject == f"{sso.issuer} {account.uid}"
    assert sync.groups == ["portfolio-finance", "unmapped"]
    assert sync.amr == ["pwd", "mfa"] and sync.acr == "urn:example:mfa"


def test_group_changes_at_the_provider_add_and_remove_roles_at_the_next_sign_in(
    client, sso
) -> None:
    sso.person("omar", groups=["portfolio-finance"])
    sso.sign_in(client, "omar")
    username = SocialAccount.objects.get(provider=PROVIDER_ID).user.username
    client.post("/accounts/logout/")
    sso.person("omar", groups=["portfolio-leads"])
    sso.sign_in(client, "omar")
    assert _roles(username) == {Role.TEAM_LEAD, Role.LEADERSHIP}
    history = list(
        RoleChange.objects.filter(user__username=username)
        .order_by("pk")
        .values_list("role", "change", "source")
    )
    assert ("finance", "removed", "sso:idp") in history
    assert ("team_lead", "added", "sso:idp") in history
    assert ("finance", "added", "sso:idp") in history


def test_the_subject_not_the_email_finds_the_person_again(client, sso) -> None:
    sso.person("pia", groups=[])
    sso.sign_in(client, "pia")
    first = SocialAccount.objects.get(provider=PROVIDER_ID).user
    client.post("/accounts/logout/")
    sso.person("pia", email="pia.new@example.com")
    sso.sign_in(client, "pia")
    assert SocialAccount.objects.get().user == first
    assert User.objects.count() == 1


def test_an_existing_local_account_is_never_joined_by_email(client, sso) -> None:
    local = UserFactory(username="quinn-local", email="quinn@example.com", roles=[Role.ADMIN])
    sso.person("quinn", groups=["portfolio-finance"])
    response = sso.sign_in(client, "quinn")
    assert response.status_code == 403
    assert "not joined to your sign-in provider automatically" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert client.get(HOME).status_code == 302
    assert _roles(local.username) == {Role.ADMIN}


def test_no_account_is_created_for_a_domain_outside_the_allowed_ones(client, sso) -> None:
    sso.person("rita", email="rita@elsewhere.org")
    response = sso.sign_in(client, "rita")
    assert response.status_code == 403
    assert not User.objects.exists()


def test_no_account_is_created_when_the_provider_may_not_create_any(
    client, settings, oidc_provider
) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = oidc_app(oidc_provider, allow_signup=False)
    oidc_provider.person("sam")
    response = oidc_provider.sign_in(client, "sam")
    assert response.status_code == 403
    assert not User.objects.exists()


@pytest.mark.parametrize("fault", ["tamper", "expire"])
def test_a_tampered_or_expired_id_token_is_refused(client, sso, fault) -> None:
    sso.person(f"ted-{fault}", groups=["portfolio-finance"], fault=fault)
    response = sso.sign_in(client, f"ted-{fault}")
    # allauth's "third-party login failure" page.
    assert response.status_code == 401
    assert not User.objects.exists()
    assert client.get(HOME).status_code == 302


def test_a_person_deactivated_here_cannot_sign_in_through_the_provider(client, sso) -> None:
    sso.person("uma", groups=[])
    sso.sign_in(client, "uma")
    user = SocialAccount.objects.get().user
    client.post("/accounts/logout/")
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = sso.sign_in(client, "uma")
    assert response.status_code == 302 and "inactive" in response.url
    assert client.get(HOME).status_code == 302


def test_sso_only_hides_the_password_form_and_refuses_passwords(
    client, sso, settings, alice, administrator
) -> None:
    settings.PORTFOLIO_SSO_ONLY = True
    settings.PORTFOLIO_BREAK_GLASS_USERS = ["ada"]
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Test IdP" in page
    assert 'name="password"' not in page
    refused = client.post("/accounts/login/?local=1", {"login": "alice", "password": PASSWORD})
    assert refused.status_code == 200
    assert client.get(HOME).status_code == 302
    allowed = client.post("/accounts/login/?local=1", {"login": "ada", "password": PASSWORD})
    assert allowed.status_code == 302
    assert client.get(HOME).status_code == 200


def test_break_glass_needs_the_administrator_role(client, sso, settings, alice) -> None:
    settings.PORTFOLIO_SSO_ONLY = True
    settings.PORTFOLIO_BREAK_GLASS_USERS = ["alice"]
    client.post("/accounts/login/?local=1", {"login": "alice", "password": PASSWORD})
    assert client.get(HOME).status_code == 302


def test_the_sign_in_page_can_send_people_straight_to_the_provider(client, sso, settings) -> None:
    settings.PORTFOLIO_SSO_AUTO_REDIRECT = PROVIDER_ID
    settings.SOCIALACCOUNT_LOGIN_ON_GET = True
    response = client.get("/accounts/login/?next=/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith(f"/accounts/sso/{PROVIDER_ID}/login/?")
    provider = client.get(response.url)
    assert provider.status_code == 302 and provider["Location"].startswith(sso.issuer)
    assert client.get("/accounts/login/?local=1").status_code == 200


def test_administrators_can_require_mfa_for_password_sign_ins(client, settings, alice) -> None:
    settings.PORTFOLIO_REQUIRE_MFA_LOCAL = True
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    response = client.get(HOME)
    assert response.status_code == 302 and response.url == "/accounts/2fa/totp/activate/"


def test_single_sign_on_sessions_are_not_asked_for_local_mfa(client, sso, settings) -> None:
    settings.PORTFOLIO_REQUIRE_MFA_LOCAL = True
    sso.person("wim")
    sso.sign_in(client, "wim")
    assert client.get(HOME).status_code == 200


def test_a_provider_configured_only_in_the_admin_signs_people_in(
    client, settings, oidc_provider
) -> None:
    # As an administrator adds it in the Django admin: a SocialApp row, no settings entry.
    settings.SOCIALACCOUNT_PROVIDERS = {"oidc": {"APPS": []}, "saml": {"APPS": []}}
    SocialApp.objects.create(
        provider="oidc",
        provider_id=PROVIDER_ID,
        name="Admin IdP",
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings={
            "server_url": oidc_provider.issuer,
            "oauth_pkce_enabled": True,
            "portfolio": {**POLICY, "default_roles": []},
        },
    )
    assert "Sign in with Admin IdP" in client.get("/accounts/login/").content.decode()
    oidc_provider.person("xena", groups=["portfolio-leads"])
    response = oidc_provider.sign_in(client, "xena")
    assert response.status_code == 302 and response.url == "/"
    account = SocialAccount.objects.get(provider=PROVIDER_ID)
    assert _roles(account.user.username) == {Role.TEAM_LEAD}
    client.post("/accounts/logout/")
    oidc_provider.person("xena", email="xena.new@example.com", groups=["portfolio-finance"])
    oidc_provider.sign_in(client, "xena")
    assert SocialAccount.objects.get().user == account.user
    assert User.objects.count() == 1
    assert _roles(account.user.username) == {Role.FINANCE}
    sync = SsoSync.objects.filter(user=account.user).latest("pk")
    assert sync.subject == f"{oidc_provider.issuer} {account.uid}"
    assert sync.provider_id == PROVIDER_ID
