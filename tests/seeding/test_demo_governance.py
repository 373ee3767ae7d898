"""The demo register: about 25 systems in every state, deterministic, safe to run twice."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db.models import Count

from governance.models import AISystem, ApprovalEvent, Review, Risk
from seeding.demo import seed_demo_organisation
from seeding.demo.governance import CATALOGUE, seed_governance

pytestmark = pytest.mark.django_db


def test_demo_register_covers_every_state():
    seed_demo_organisation()
    seed_governance(rng=random.Random(7))
    seed_governance(rng=random.Random(7))
    assert AISystem.objects.count() == len(CATALOGUE) == 25
    classes = set(AISystem.objects.values_list("risk_class", flat=True))
    assert {"prohibited", "high", "limited", "minimal", "unclassified"} <= classes
    approvals = dict(
        AISystem.objects.values_list("approval_status")
        .annotate(n=Count("pk"))
        .values_list("approval_status", "n")
    )
    assert set(approvals) == {"draft", "submitted", "approved", "rejected"}
    assert Risk.objects.count() >= 25
    today = datetime.date.today()
    assert Review.objects.filter(completed_on__isnull=True, due_date__lt=today).exists()
    assert Review.objects.filter(completed_on__isnull=False).exists()
    assert ApprovalEvent.objects.exclude(material_fields=[]).exists()
    assert AISystem.history.filter(history_type="~").exists()
