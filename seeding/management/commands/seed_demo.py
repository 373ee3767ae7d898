"""Load the demo organisation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seeding.demo import DEMO_PEOPLE, seed_demo_organisation
from seeding.management.guard import add_force_argument, refuse_production


class Command(BaseCommand):
    """manage.py seed_demo [--force]."""

    help = "Create a believable demo organisation. Refuses with DEBUG off unless --force."

    def add_arguments(self, parser: CommandParser) -> None:
        add_force_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production(force=options["force"], what="Demo accounts have public passwords.")
        seed_demo_organisation()
        self.stdout.write(self.style.SUCCESS("Demo organisation loaded. Accounts:"))
        for person in DEMO_PEOPLE:
            roles = ", ".join(role.value for role in person.roles)
            self.stdout.write(f"  {person.username:<8} {person.password:<18} {roles}")
