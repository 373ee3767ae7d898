"""Print a new personal API token for a user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.tokens import api_token_issue


class Command(BaseCommand):
    """manage.py issue_api_token USERNAME [--name NAME]."""

    help = "Issue a personal API token for USERNAME and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="A label for the token.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive.")
        issued = api_token_issue(user=user, name=options["name"])
        self.stdout.write(issued.secret)
