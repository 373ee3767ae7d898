"""The register's figures for the dashboard and the quarterly report (selectors.register_status)."""

from __future__ import annotations

import datetime

import pytest

from governance.choices import ApprovalStatus, RiskClass, RiskStatus, SystemStatus
from governance.selectors import register_status
from initiatives.choices import Stage
from initiatives.models import Initiative
from tests.factories.governance import AISystemFactory, ReviewFactory, RiskFactory
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 3, 31)


@pytest.fixture
def register(alice):
    """Two pilots of alice's (one registered), a proof of concept, and systems around them."""
    registered = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    InitiativeFactory(owner=alice, stage=Stage.PILOT)
    InitiativeFactory(owner=alice, stage=Stage.PROOF_OF_CONCEPT)
    high = AISystemFactory(
        initiatives=[registered],
        risk_class=RiskClass.HIGH,
        approval_status=ApprovalStatus.APPROVED,
    )
    AISystemFactory(initiatives=[registered], risk_class=RiskClass.UNCLASSIFIED)
    AISystemFactory(initiatives=[registered], status=SystemStatus.RETIRED)
    elsewhere = AISystemFactory(risk_class=RiskClass.PROHIBITED)
    RiskFactory(system=high, likelihood=4, impact=4, score=16)  # open, high
    RiskFactory(system=high, likelihood=4, impact=4, score=16, status=RiskStatus.CLOSED)
    RiskFactory(system=high, likelihood=2, impact=2, score=4)  # open, low
    RiskFactory(system=elsewhere, likelihood=5, impact=5, score=25)
    ReviewFactory(system=high, due_date=ON - datetime.timedelta(days=1))  # overdue
    ReviewFactory(system=high, due_date=ON)  # due that day: not yet overdue
    ReviewFactory(system=elsewhere, due_date=ON - datetime.timedelta(days=10))
    return registered


def test_the_whole_register(register):
    assert register_status(on=ON) == {
        "register_coverage": {"registered": 1, "initiatives": 2},
        "systems": 3,
        "high_risk_systems": 1,
        "prohibited_systems": 1,
        "unclassified_systems": 1,
        "approved_systems": 1,
        "overdue_reviews": 2,
        "open_high_risks": 2,
    }


def test_a_view_of_some_initiatives_counts_only_their_systems(register):
    status = register_status(on=ON, initiatives=Initiative.objects.filter(pk=register.pk))
    assert status == {
        "register_coverage": {"registered": 1, "initiatives": 1},
        "systems": 2,
        "high_risk_systems": 1,
        "prohibited_systems": 0,
        "unclassified_systems": 1,
        "approved_systems": 1,
        "overdue_reviews": 1,
        "open_high_risks": 1,
    }
