"""A figure shown in several places, with the one definition every view states beside it.

Each app declares the figures it owns (`metrics/definitions.py`, `governance/definitions.py`)
next to the one selector that computes them; pages show the definition in a tooltip and a
"What these figures count" list, and the quarterly report's methods page lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class FigureDefinition:
    """What a figure counts, in the person's language."""

    key: str
    label: str | Promise
    definition: str | Promise
    # Where it is computed, for readers of the code and the methods page's appendix.
    source: str = ""


def figure_book(*definitions: FigureDefinition) -> dict[str, FigureDefinition]:
    """Definitions by key; a key declared twice is a mistake caught at import."""
    book: dict[str, FigureDefinition] = {}
    for item in definitions:
        if item.key in book:
            raise ValueError(f"figure {item.key!r} is defined twice")
        book[item.key] = item
    return book
