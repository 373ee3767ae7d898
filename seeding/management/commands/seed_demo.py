"""Load the demo organisation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seeding.demo import DEMO_PEOPLE, seed_demo_organisation


class Command(BaseCommand):
    """manage.py seed_demo [--force]."""

    help = "Create a believable demo organisation. Refuses with DEBUG off unless --force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed a database server with DEBUG off (never in production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The embedded default (SQLite, `make demo`) runs with DEBUG off too; a database server
        # with DEBUG off is what production looks like.
        if not settings.DEBUG and not settings.PORTFOLIO_EMBEDDED and not options["force"]:
            raise CommandError(
                "DEBUG is off on a database server: this looks like production. Demo accounts have public passwords; "
                "use --force only on a throw-away installation."
            )
        seed_demo_organisation()
        self.stdout.write(self.style.SUCCESS("Demo organisation loaded. Accounts:"))
        for person in DEMO_PEOPLE:
            roles = ", ".join(role.value for role in person.roles)
            self.stdout.write(f"  {person.username:<8} {person.password:<18} {roles}")
