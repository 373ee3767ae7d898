"""Account behaviour: people are invited by administrators, not self-registered."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Closes sign-up; administrators create accounts and assign roles."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
