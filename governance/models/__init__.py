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
from governance.models.vendors import (
    CandidateCost,
    CandidateScore,
    EvaluationCandidate,
    EvaluationCriterion,
    Vendor,
    VendorEvaluation,
    VendorProduct,
    VendorQuestionnaire,
)

__all__ = [
    "AIModel",
    "AISystem",
    "ApprovalEvent",
    "CandidateCost",
    "CandidateScore",
    "Classification",
    "DataSource",
    "EstateDataSource",
    "EvaluationCandidate",
    "EvaluationCriterion",
    "ITSystem",
    "ImportRun",
    "InfrastructureCheck",
    "Review",
    "ReviewCadence",
    "Risk",
    "SystemLiteracy",
    "Vendor",
    "VendorEvaluation",
    "VendorProduct",
    "VendorQuestionnaire",
]
