"""Declarations of the governance app: the AI register, its risks, reviews and imports."""

from governance.models.imports import ImportRun
from governance.models.reviews import Review, ReviewCadence
from governance.models.risks import Risk
from governance.models.systems import (
    AIModel,
    AISystem,
    ApprovalEvent,
    Classification,
    DataSource,
)

__all__ = [
    "AIModel",
    "AISystem",
    "ApprovalEvent",
    "Classification",
    "DataSource",
    "ImportRun",
    "Review",
    "ReviewCadence",
    "Risk",
]
