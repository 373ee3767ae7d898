"""The demo organisation: people and departments first, then each app's part in dependency order.

`people` holds the accounts and departments; `initiatives`, `metrics` and `governance` add the use
cases, their figures and the AI register on top; `estate` rates the IT systems and data sources
they build on and links them to both; `competences` puts the people on the competence map, with
their training plans and the AI-literacy measures for the register's systems.

Every text is written in the active language (`translation.override`, as `seed_demo --language`
does), from the seeding app's own catalogue in seeding/locale; the numbers, dates and links are
the same in every language.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.utils import translation

from initiatives.models import Initiative
from seeding.demo.competences import seed_competences
from seeding.demo.estate import seed_estate
from seeding.demo.governance import seed_governance
from seeding.demo.initiatives import USE_CASES, seed_gate_requests, seed_initiatives
from seeding.demo.metrics import seed_metrics
from seeding.demo.people import DEMO_PEOPLE, seed_people_and_departments
from seeding.demo.vendors import seed_vendors

__all__ = ["DEMO_PEOPLE", "demo_language", "seed_demo_organisation"]


def seed_demo_organisation(*, seed: int = 2026) -> None:
    """Seed every app's part of the demo organisation, in dependency order."""
    rng = random.Random(seed)
    people = seed_people_and_departments()
    seed_initiatives(people=people, rng=rng)
    seed_metrics(rng=rng)
    seed_governance(rng=rng)
    # After the register, whose entries it links to; it draws nothing from rng, so the figures
    # seeded before and after it stay the same.
    seed_estate()
    # After the register and the use cases it links to; no rng either.
    seed_vendors()
    seed_gate_requests()
    # Last: links people to register entries and books two trainings on use cases whose
    # metrics are seeded; it draws nothing from rng either.
    seed_competences()


def demo_language() -> str | None:
    """The language the demo organisation was loaded in, or None when it is not there."""
    first_title = USE_CASES[0][0]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            title = translation.gettext(first_title)
        if Initiative.objects.filter(title=title).exists():
            return code
    return None
