"""Fixtures of the initiatives API tests: alice's initiative with bob on the team."""

from __future__ import annotations

import pytest

from accounts.models import User
from initiatives.choices import Stage
from initiatives.models import Department, Initiative
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory


@pytest.fixture
def customer_service(db: None) -> Department:
    """The department alice's initiative belongs to."""
    return DepartmentFactory(name="Customer Service", code="cs", headcount=240)


@pytest.fixture
def invoice_bot(alice: User, bob: User, customer_service: Department) -> Initiative:
    """Alice owns it, bob is on the team; an idea scoring 3 on everything (priority 50)."""
    return InitiativeFactory(
        title="Invoice triage assistant",
        problem="Invoices wait four days for manual coding.",
        department=customer_service,
        owner=alice,
        members=[bob],
        stage=Stage.IDEA,
    )
