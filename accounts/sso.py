"""Glue between allauth's social logins and our single sign-on rules (accounts.domain.sso)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp, SocialLogin

from accounts.domain.sso import SsoPolicy, policy_from_settings
from accounts.models import ScimIdentity, SsoSync, User
from accounts.services import sso_login_sync


def sso_policy(app: SocialApp | None) -> SsoPolicy:
    """The administrator's policy for a provider, from its settings' "portfolio" part."""
    if app is None:
        return SsoPolicy()
    return policy_from_settings((app.settings or {}).get("portfolio"))


def sso_claims(sociallogin: SocialLogin) -> dict[str, Any]:
    """What the provider said: OIDC userinfo overlaid with the verified ID token, or SAML
    attributes."""
    data = sociallogin.account.extra_data or {}
    if "id_token" in data or "userinfo" in data:
        return {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}
    return dict(data)


def sso_subject(sociallogin: SocialLogin, claims: dict[str, Any]) -> str:
    """The stable subject shown to administrators: issuer and sub, or the SAML NameID."""
    issuer = claims.get("iss")
    uid = sociallogin.account.uid
    return f"{issuer} {uid}" if isinstance(issuer, str) else uid


def sso_scim_user(sociallogin: SocialLogin, policy: SsoPolicy) -> User | None:
    """The person SCIM provisioned under the provider's own id for them, if any."""
    if not policy.scim_link_claim:
        return None
    external_id = sso_claims(sociallogin).get(policy.scim_link_claim)
    if not isinstance(external_id, str) or not external_id:
        return None
    identity = ScimIdentity.objects.select_related("user").filter(external_id=external_id).first()
    return identity.user if identity is not None else None


def sso_login_complete(*, user: User, sociallogin: SocialLogin) -> SsoSync:
    """Apply the provider's groups and record the sign-on (called at every sign-on)."""
    app = sociallogin.provider.app
    claims = sso_claims(sociallogin)
    return sso_login_sync(
        user=user,
        provider_id=sociallogin.account.provider,
        subject=sso_subject(sociallogin, claims),
        claims=claims,
        policy=sso_policy(app),
    )


def sso_policy_by_id(provider_id: str) -> SsoPolicy:
    """The policy of the provider with this id (from the settings or the admin)."""
    if not provider_id:
        return SsoPolicy()
    apps = get_adapter().list_apps(None)
    return sso_policy(next((app for app in apps if app.provider_id == provider_id), None))


def _origin(url: Any) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    return f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme and parts.netloc else ""


def sso_form_origins(apps: list[SocialApp]) -> list[str]:
    """Where a provider button's form ends up: the OIDC issuer's or the SAML IdP's origin.

    The sign-in page's Content-Security-Policy (form-action 'self') would otherwise stop the
    browser at the redirect to the provider; an authorization endpoint on another host than
    the issuer can be added with the app setting "form_action".
    """
    origins: list[str] = []
    for app in apps:
        app_settings = app.settings or {}
        idp = app_settings.get("idp")
        idp = idp if isinstance(idp, dict) else {}
        urls = [app_settings.get("server_url"), idp.get("sso_url"), idp.get("metadata_url")]
        extra = app_settings.get("form_action")
        urls += extra if isinstance(extra, list) else [extra]
        for origin in map(_origin, urls):
            if origin and origin not in origins:
                origins.append(origin)
    return origins
