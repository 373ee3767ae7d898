"""The demo organisation: people and departments first, then each app's part in dependency order.

`people` holds the accounts and departments; `initiatives`, `metrics` and `governance` add the use
cases, their figures and the AI register on top.
"""

from __future__ import annotations

import random

from seeding.demo.governance import seed_governance
from seeding.demo.initiatives import seed_gate_requests, seed_initiatives
from seeding.demo.metrics import seed_metrics
from seeding.demo.people import DEMO_PEOPLE, seed_people_and_departments

__all__ = ["DEMO_PEOPLE", "seed_demo_organisation"]


def seed_demo_organisation(*, seed: int = 2026) -> None:
    """Seed every app's part of the demo organisation, in dependency order."""
    rng = random.Random(seed)
    people = seed_people_and_departments()
    seed_initiatives(people=people, rng=rng)
    seed_metrics(rng=rng)
    seed_governance(rng=rng)
    seed_gate_requests()
