"""Declarations of the governance app: the AI register, its risks, reviews and imports, the estate."""

from governance.models.estate import EstateDataSource, InfrastructureCheck, ITSystem
from governance.models.imports import ImportRun
from governance.models.literacy import SystemLiteracy
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
    "EstateDataSource",
    "ITSystem",
    "ImportRun",
    "InfrastructureCheck",
    "Review",
    "ReviewCadence",
    "Risk",
    "SystemLiteracy",
]
