"""Administrators may require two-factor authentication for everyone who signs in by password."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

# Pages a person must reach to set up TOTP or to leave; everything else waits for MFA.
_ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/i18n/",
    "/healthz",
)


class RequireLocalMfaMiddleware:
    """Send a password-only session to the TOTP set-up until the person has an authenticator.

    Single sign-on sessions are left alone: there the provider's MFA counts (its amr/acr claims
    are shown to administrators on the person's SSO sync record).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.PORTFOLIO_REQUIRE_MFA_LOCAL
            and request.user.is_authenticated
            and not request.path_info.startswith(_ALLOWED_PREFIXES)
            and self._password_only(request)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _password_only(request: HttpRequest) -> bool:
        methods = {
            record.get("method") for record in get_authentication_records(request, request.user)
        }
        if "socialaccount" in methods or "mfa" in methods:
            return False
        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()


class SavedLanguageMiddleware:
    """Show a signed-in person the language they chose, on any browser.

    A language cookie (this browser's choice) still wins; without one, the saved choice beats
    the browser's Accept-Language header, which LocaleMiddleware used before the user was known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        saved = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if (
            saved
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.check_for_language(saved)
        ):
            translation.activate(saved)
            request.LANGUAGE_CODE = saved
        return self.get_response(request)
