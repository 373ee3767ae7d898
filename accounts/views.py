"""Sign-in page with single sign-on, and personal API tokens: list, issue and revoke one's own."""

from __future__ import annotations

from typing import Any

from allauth.account.utils import get_next_redirect_url
from allauth.account.views import LoginView as AllauthLoginView
from allauth.socialaccount.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.i18n import set_language as django_set_language

from accounts.forms import ApiTokenForm
from accounts.models import ApiToken
from accounts.services import user_language_set
from accounts.sso import sso_form_origins
from accounts.tokens import api_token_issue, api_token_revoke


class ApiTokenListView(View):
    """Show the person's tokens and a form to issue a new one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, ApiTokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        issued = api_token_issue(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        return self._render(request, ApiTokenForm(), new_secret=issued.secret)

    def _render(
        self, request: HttpRequest, form: ApiTokenForm, new_secret: str = "", status: int = 200
    ) -> HttpResponse:
        tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")  # type: ignore[misc]
        return render(
            request,
            "account/api_tokens.html",
            {"tokens": tokens, "form": form, "new_secret": new_secret},
            status=status,
        )


class ApiTokenRevokeView(View):
    """Revoke one of the person's own tokens."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if api_token_revoke(actor=request.user, token_id=pk):  # type: ignore[arg-type]
            messages.success(request, _("The token was revoked."))
        else:
            messages.error(request, _("There is no such active token."))
        return redirect("accounts:api-tokens")


class SsoLoginView(AllauthLoginView):
    """The sign-in page: provider buttons, and the password form unless sign-in is SSO only.

    With a direct-redirect provider set, the page sends people straight to it; `?local=1` shows
    the page itself, so that a break-glass administrator can still reach the password form.
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_id = settings.PORTFOLIO_SSO_AUTO_REDIRECT
        if provider_id and request.method == "GET" and "local" not in request.GET:
            apps = get_adapter().list_apps(request)
            app = next((a for a in apps if a.provider_id == provider_id), None)
            if app is not None:
                provider = app.get_provider(request)
                next_url = get_next_redirect_url(request) or ""
                params = {"process": "login", **({"next": next_url} if next_url else {})}
                return redirect(provider.get_login_url(request, **params))
        response = super().dispatch(request, *args, **kwargs)
        origins = sso_form_origins(get_adapter().list_apps(request))
        if origins:
            response._csp_update = {"form-action": origins}
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["password_form_shown"] = (
            not settings.PORTFOLIO_SSO_ONLY or "local" in self.request.GET
        )
        context["sso_only"] = settings.PORTFOLIO_SSO_ONLY
        return context


@login_not_required
def language_set(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's view sets the cookie; a signed-in person's choice is kept."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and check_for_language(language):
        user_language_set(user=request.user, language=language)
    return response
