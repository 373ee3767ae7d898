"""Sign-in start and callback of the enterprise OpenID Connect provider."""

from __future__ import annotations

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.http import Http404, HttpRequest, HttpResponse

from accounts.oidc.provider import EnterpriseOIDCAdapter


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Send the person to the provider."""
    try:
        return OAuth2LoginView.adapter_view(EnterpriseOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Take the provider's answer, check the ID token and sign the person in."""
    try:
        return OAuth2CallbackView.adapter_view(EnterpriseOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
