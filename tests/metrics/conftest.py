"""Fixtures of the metrics tests: alice's initiative with bob as a member."""

from __future__ import annotations

import datetime

import pytest

from initiatives.choices import Stage
from initiatives.models import Initiative
from metrics.models import Kpi
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import KpiFactory


@pytest.fixture
def initiative(alice, bob) -> Initiative:
    """alice's pilot, with bob on the team."""
    return InitiativeFactory(title="Invoice reading", owner=alice, members=[bob], stage=Stage.PILOT)


@pytest.fixture
def kpi(initiative) -> Kpi:
    """'Minutes per invoice': monthly, lower is better, baseline 20, worth 1,600 per minute."""
    return KpiFactory(initiative=initiative, name="Minutes per invoice")


@pytest.fixture
def past_day() -> datetime.date:
    """A day safely in the past for measurements."""
    return datetime.date(2026, 1, 31)
