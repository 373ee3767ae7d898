"""Personal API tokens: list, issue and revoke one's own."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.forms import ApiTokenForm
from accounts.models import ApiToken
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
