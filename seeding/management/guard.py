"""The one refusal both seed commands share: never fill a production database."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError, CommandParser


def add_force_argument(parser: CommandParser) -> None:
    """The --force option of a seed command."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="Seed a database server with DEBUG off (never in production).",
    )


def refuse_production(*, force: bool, what: str) -> None:
    """Refuse unless this is the embedded default, DEBUG is on, or --force was given.

    The embedded default (SQLite, `make demo`) runs with DEBUG off too; a database server with
    DEBUG off is what production looks like.
    """
    if not settings.DEBUG and not settings.PORTFOLIO_EMBEDDED and not force:
        raise CommandError(
            f"DEBUG is off on a database server: this looks like production. {what} "
            "Use --force only on a throw-away installation."
        )
