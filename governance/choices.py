"""Choices of the governance app; values match the domain's enums where both exist."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemStatus(models.TextChoices):
    """Where an AI system is in its life."""

    PLANNED = "planned", _("Planned")
    IN_DEVELOPMENT = "in_development", _("In development")
    IN_USE = "in_use", _("In use")
    RETIRED = "retired", _("Retired")


class ApprovalStatus(models.TextChoices):
    """Where a register entry is in the approval flow."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class EURole(models.TextChoices):
    """The organisation's role for the system under the AI Act (Art. 3(3) and 3(4))."""

    PROVIDER = "provider", _("Provider")
    DEPLOYER = "deployer", _("Deployer")
    PROVIDER_AND_DEPLOYER = "provider_and_deployer", _("Provider and deployer")


class RiskClass(models.TextChoices):
    """EU AI Act risk class; unclassified until the questionnaire is answered."""

    PROHIBITED = "prohibited", _("Prohibited")
    HIGH = "high", _("High risk")
    LIMITED = "limited", _("Limited risk")
    MINIMAL = "minimal", _("Minimal risk")
    UNCLASSIFIED = "unclassified", _("Not yet classified")


class Deployment(models.TextChoices):
    """Where the system runs."""

    CLOUD = "cloud", _("Cloud")
    ON_PREMISES = "on_premises", _("On premises")
    HYBRID = "hybrid", _("Hybrid")
    UNKNOWN = "unknown", _("Unknown")


class ModelKind(models.TextChoices):
    """What kind of model a system uses."""

    GENERAL_PURPOSE = "general_purpose", _("General-purpose model (LLM, foundation model)")
    MACHINE_LEARNING = "machine_learning", _("Machine-learning model")
    COMPUTER_VISION = "computer_vision", _("Computer vision")
    SPEECH = "speech", _("Speech and audio")
    RULES = "rules", _("Rules or statistics")
    OTHER = "other", _("Other")


class DataQuality(models.TextChoices):
    """How fit a data source is for its use."""

    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
    UNKNOWN = "unknown", _("Unknown")


class LawfulBasis(models.TextChoices):
    """GDPR Art. 6(1) lawful basis of the processing."""

    NONE = "", _("Not applicable or not yet known")
    CONSENT = "consent", _("Consent (a)")
    CONTRACT = "contract", _("Contract (b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (c)")
    VITAL_INTERESTS = "vital_interests", _("Vital interests (d)")
    PUBLIC_TASK = "public_task", _("Public task (e)")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests (f)")


class RiskCategory(models.TextChoices):
    """What kind of risk it is."""

    TECHNICAL = "technical", _("Technical")
    LEGAL = "legal", _("Legal")
    ORGANISATIONAL = "organisational", _("Organisational")


class RiskStatus(models.TextChoices):
    """Where a risk stands."""

    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Being mitigated")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


OPEN_RISK_STATUSES = (RiskStatus.OPEN, RiskStatus.MITIGATING)


class Likelihood(models.IntegerChoices):
    """How likely a risk is to occur, 1–5 on the risk matrix."""

    RARE = 1, _("Rare")
    UNLIKELY = 2, _("Unlikely")
    POSSIBLE = 3, _("Possible")
    LIKELY = 4, _("Likely")
    ALMOST_CERTAIN = 5, _("Almost certain")


class Impact(models.IntegerChoices):
    """How bad it is when a risk occurs, 1–5 on the risk matrix."""

    NEGLIGIBLE = 1, _("Negligible")
    MINOR = 2, _("Minor")
    MODERATE = 3, _("Moderate")
    MAJOR = 4, _("Major")
    SEVERE = 5, _("Severe")


class ReviewKind(models.TextChoices):
    """What a review examines."""

    BIAS_FAIRNESS_AUDIT = "bias_fairness_audit", _("Bias and fairness audit")
    COMPLIANCE = "compliance", _("Compliance")
    PERFORMANCE = "performance", _("Performance")
    SECURITY = "security", _("Security")


class ReviewOutcome(models.TextChoices):
    """The result of a completed review."""

    PASS = "pass", _("Pass")
    PASS_WITH_FINDINGS = "pass_with_findings", _("Pass with findings")
    FAIL = "fail", _("Fail")


class ImportStatus(models.TextChoices):
    """Where an inventory import is."""

    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Imported")
    FAILED = "failed", _("Failed")


class ITSystemKind(models.TextChoices):
    """The business-critical IT systems of the estate."""

    CRM = "crm", _("CRM")
    ERP = "erp", _("ERP")
    DOCUMENT_STORE = "document_store", _("Document store")
    TICKETING = "ticketing", _("Ticketing")
    EMAIL = "email", _("E-mail")
    PROJECT_TOOL = "project_tool", _("Project tool")
    OTHER = "other", _("Other")


class Hosting(models.TextChoices):
    """Where an IT system runs."""

    CLOUD = "cloud", _("Cloud")
    ON_PREMISES = "on_premises", _("On-premises")
    HYBRID = "hybrid", _("Hybrid")


class ApiAccess(models.TextChoices):
    """What an IT system's API allows another system to do."""

    NONE = "none", _("No API")
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class ReadinessLevel(models.IntegerChoices):
    """An IT system's AI-readiness rating; 4 and 5 suit early AI integration."""

    NOT_SUITED = 1, _("Not suited")
    NOT_YET_SUITED = 2, _("Not yet suited")
    PARTLY_SUITED = 3, _("Partly suited")
    SUITED = 4, _("Suited for early AI integration")
    WELL_SUITED = 5, _("Well suited")


class QualityLevel(models.IntegerChoices):
    """A data source's rating for completeness, timeliness or consistency."""

    VERY_POOR = 1, _("Very poor")
    POOR = 2, _("Poor")
    FAIR = 3, _("Fair")
    GOOD = 4, _("Good")
    EXCELLENT = 5, _("Excellent")


class DataResidency(models.TextChoices):
    """Where a vendor keeps the organisation's data."""

    EU = "eu", _("In the EU")
    EEA = "eea", _("In the EEA")
    ADEQUATE = "adequate", _("Country with an EU adequacy decision")
    OUTSIDE_EU = "outside_eu", _("Outside the EU")
    UNKNOWN = "unknown", _("Unknown")


class Certification(models.TextChoices):
    """Certifications a vendor may hold for the product evaluated."""

    ISO_42001 = "iso_42001", _("ISO/IEC 42001 (AI management)")
    ISO_27001 = "iso_27001", _("ISO/IEC 27001 (information security)")
    ISO_27701 = "iso_27701", _("ISO/IEC 27701 (privacy)")
    SOC_2 = "soc_2", _("SOC 2 Type II")
    C5 = "c5", _("BSI C5")


class EvaluationCriterionKind(models.TextChoices):
    """What a vendor and its product are weighed on (the source material's checklist)."""

    FUNCTIONS = "functions", _("Functions")
    INTEGRATION = "integration", _("Integration")
    SCALABILITY = "scalability", _("Scalability")
    SECURITY = "security", _("Security")
    COST = "cost", _("Cost (licences, operation, training)")
    SUPPORT = "support", _("Vendor support")
    DATA_RESIDENCY = "data_residency", _("Data residency and retention")
    CUSTOMER_DATA_TRAINING = "customer_data_training", _("No training on customer data")
    CERTIFICATIONS = "certifications", _("Certifications")
    CHANGE_NOTICE = "change_notice", _("Notice of model changes and incidents")
    EXIT = "exit", _("Exit and portability")


class EvaluationStatus(models.TextChoices):
    """Where an evaluation of candidates stands."""

    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")
    CANCELLED = "cancelled", _("Cancelled")


class VendorCostCategory(models.TextChoices):
    """What a cost line of a candidate pays for."""

    LICENCE = "licence", _("Licences")
    OPERATION = "operation", _("Operation and hosting")
    TRAINING = "training", _("Training")
    INTEGRATION = "integration", _("Integration and set-up")
    SUPPORT = "support", _("Support")
    OTHER = "other", _("Other")


class VendorCostRecurrence(models.TextChoices):
    """How often a cost line is paid within the three years of the total cost of ownership."""

    ONE_TIME = "one_time", _("One-time")
    MONTHLY = "monthly", _("Monthly")
    YEARLY = "yearly", _("Yearly")
