"""Factories for notifications."""

from __future__ import annotations

import factory

from initiatives.events import GATE_DECIDED
from notifications.models import Notification
from tests.factories.accounts import UserFactory

# The parameters of a go decision, as initiatives.events stores them.
GO_PARAMS = {
    "initiative_id": 1,
    "initiative": "Invoice triage assistant",
    "decider": "Lena Leader",
    "outcome": "go",
    "rationale": "Savings proven in the pilot quarter.",
}


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread notice of a gate decision."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"gate-decision:{n}")
    kind = GATE_DECIDED
    params = factory.LazyFunction(lambda: dict(GO_PARAMS))
    target_url = "/initiatives/1/"
