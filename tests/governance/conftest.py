"""Fixtures of the register tests: alice's initiative and the systems around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import User
from governance.models import AISystem
from initiatives.models import Initiative
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import InitiativeFactory

DATASETS: Path = settings.PORTFOLIO_DATASETS_DIR


@pytest.fixture
def initiative(alice: User, bob: User) -> Initiative:
    """alice owns it, bob is a member."""
    return InitiativeFactory(owner=alice, members=[bob], title="Letter sorting")


@pytest.fixture
def linked_system(initiative: Initiative) -> AISystem:
    """A system linked to alice's initiative."""
    return AISystemFactory(name="Letter classifier", initiatives=[initiative])


@pytest.fixture
def other_system(db: None) -> AISystem:
    """A system no team lead is linked to."""
    return AISystemFactory(name="Fraud scoring")


def dataset(*parts: str) -> Path:
    """A real inventory file; the suite fails loudly when the datasets are missing."""
    path = DATASETS.joinpath(*parts)
    assert path.exists(), f"dataset missing: {path}"
    return path
