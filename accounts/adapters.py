"""Account behaviour: invited or provisioned people only; SSO matched on the stable subject."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import render

from accounts.domain.sso import email_allowed
from accounts.models import User
from accounts.sso import sso_policy, sso_scim_user


def break_glass(user: Any) -> bool:
    """Whether this person may still use a password while sign-in is SSO only."""
    return bool(
        user is not None
        and user.get_username() in settings.PORTFOLIO_BREAK_GLASS_USERS
        and (user.is_superuser or user.groups.filter(name="Administrator").exists())
    )


class AccountAdapter(DefaultAccountAdapter):
    """Closes sign-up; in SSO-only mode, passwords work for break-glass administrators only."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None and settings.PORTFOLIO_SSO_ONLY and not break_glass(user):
            # Refused like a wrong password: the form does not reveal that the password was right.
            self.authentication_failed(request, **credentials)
            return None
        return user


def _refuse(request: HttpRequest, reason: str) -> ImmediateHttpResponse:
    return ImmediateHttpResponse(
        render(request, "account/sso_refused.html", {"reason": reason}, status=403)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Matches people on (provider, subject) only; creates accounts when the provider allows."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return email_allowed(sso_policy(sociallogin.provider.app), sociallogin.user.email or "")

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing or sociallogin.state.get("process") == "connect":
            return
        policy = sso_policy(sociallogin.provider.app)
        provisioned = sso_scim_user(sociallogin, policy)
        if provisioned is not None:
            linked = SocialAccount.objects.filter(
                user=provisioned, provider=sociallogin.account.provider
            )
            if linked.exists():
                raise _refuse(request, "linked")
            sociallogin.connect(request, provisioned)
            return
        email = sociallogin.user.email or ""
        if not email:
            raise _refuse(request, "no_email")
        # An e-mail address can be changed or reused at the provider: it never links an account.
        if User.objects.filter(email__iexact=email).exists():
            raise _refuse(request, "email_taken")
        if not email_allowed(policy, email):
            raise _refuse(request, "signup_closed")
