"""Load the demo organisation, in any of the product's languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from seeding.demo import DEMO_PEOPLE, demo_language, seed_demo_organisation
from seeding.management.guard import add_force_argument, refuse_production


class Command(BaseCommand):
    """manage.py seed_demo [--language nl] [--force]."""

    help = (
        "Create a believable demo organisation, its texts in one of the product's languages. "
        "Refuses with DEBUG off unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_force_argument(parser)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=None,
            help=f"Language of the demo texts (default: LANGUAGE_CODE, {settings.LANGUAGE_CODE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production(force=options["force"], what="Demo accounts have public passwords.")
        language = options["language"] or translation.get_supported_language_variant(
            settings.LANGUAGE_CODE
        )
        existing = demo_language()
        if existing is not None and existing != language:
            # A second set of use cases beside the first would tell two stories at once.
            raise CommandError(
                f"The demo organisation is already loaded in '{existing}'. "
                f"Seed '{language}' into an empty database."
            )
        with translation.override(language):
            seed_demo_organisation()
        self.stdout.write(self.style.SUCCESS(f"Demo organisation loaded ({language}). Accounts:"))
        for person in DEMO_PEOPLE:
            roles = ", ".join(role.value for role in person.roles)
            self.stdout.write(f"  {person.username:<8} {person.password:<18} {roles}")
