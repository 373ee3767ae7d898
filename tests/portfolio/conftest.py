"""Shared data of the portfolio tests."""

from __future__ import annotations

import datetime

import pytest

from initiatives.choices import Stage
from metrics.services.financials import benefit_create, cost_create
from metrics.services.roi import roi_recompute
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory


@pytest.fixture
def reference_case(finance_user, alice):
    """DESIGN.md's reference: 2.5 million one-time costs, 10 million savings in the first year."""
    initiative = InitiativeFactory(
        title="Invoice data extraction",
        owner=alice,
        stage=Stage.PRODUCTION,
        department=DepartmentFactory(name="Finance & Control"),
    )
    cost_create(
        actor=finance_user,
        initiative=initiative,
        data={"kind": "one_time", "category": "development", "amount": "1500000",
              "start_date": datetime.date(2025, 1, 15), "description": "Build"},
    )  # fmt: skip
    cost_create(
        actor=finance_user,
        initiative=initiative,
        data={"kind": "one_time", "category": "implementation", "amount": "1000000",
              "start_date": datetime.date(2025, 2, 1), "description": "Roll-out"},
    )  # fmt: skip
    benefit_create(
        actor=finance_user,
        initiative=initiative,
        data={"description": "Avoided manual processing", "amount": "10000000",
              "start_date": datetime.date(2025, 1, 1), "end_date": datetime.date(2025, 12, 31)},
    )  # fmt: skip
    roi_recompute(initiative_ids=[initiative.pk], as_of=datetime.date(2025, 12, 31))
    return initiative
