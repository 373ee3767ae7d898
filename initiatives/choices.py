"""Choice sets of the initiatives app; values mirror the domain enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.domain.lifecycle import Stage as DomainStage
from initiatives.domain.priority import PriorityBand as DomainBand
from initiatives.domain.team import TeamRole as DomainTeamRole


class Stage(models.TextChoices):
    """Lifecycle stage (DESIGN.md section 2)."""

    IDEA = DomainStage.IDEA.value, _("Idea")
    ASSESSMENT = DomainStage.ASSESSMENT.value, _("Assessment")
    PROOF_OF_CONCEPT = DomainStage.PROOF_OF_CONCEPT.value, _("Proof of concept")
    PILOT = DomainStage.PILOT.value, _("Pilot")
    SCALING = DomainStage.SCALING.value, _("Scaling")
    PRODUCTION = DomainStage.PRODUCTION.value, _("Production")
    RETIRED = DomainStage.RETIRED.value, _("Retired")
    ON_HOLD = DomainStage.ON_HOLD.value, _("On hold")
    STOPPED = DomainStage.STOPPED.value, _("Stopped")


# The stages an initiative moves forward through, in order; the others stand beside them.
FORWARD_STAGES = (
    Stage.IDEA,
    Stage.ASSESSMENT,
    Stage.PROOF_OF_CONCEPT,
    Stage.PILOT,
    Stage.SCALING,
    Stage.PRODUCTION,
)
SIDE_STAGES = (Stage.ON_HOLD, Stage.STOPPED, Stage.RETIRED)


class PriorityBand(models.TextChoices):
    """Coarse priority derived from the scores."""

    HIGH = DomainBand.HIGH.value, _("High")
    MEDIUM = DomainBand.MEDIUM.value, _("Medium")
    LOW = DomainBand.LOW.value, _("Low")


class BuildType(models.TextChoices):
    """How the solution is obtained."""

    OFF_THE_SHELF = "off_the_shelf", _("Off-the-shelf")
    CUSTOM = "custom", _("Custom-built")
    FINE_TUNED = "fine_tuned", _("Fine-tuned model")


class DataAvailability(models.TextChoices):
    """Whether the data the use case needs exists and can be used."""

    AVAILABLE = "available", _("Available and accessible")
    PARTIAL = "partial", _("Partly available")
    TO_COLLECT = "to_collect", _("Must be collected")
    UNKNOWN = "unknown", _("Not yet known")


class DataQuality(models.TextChoices):
    """How fit the data is for the use case."""

    HIGH = "high", _("High: clean, complete, documented")
    MEDIUM = "medium", _("Medium: usable after cleaning")
    LOW = "low", _("Low: gaps, errors or bias expected")
    UNKNOWN = "unknown", _("Not yet assessed")


class GateOutcome(models.TextChoices):
    """A leadership decision at the stage gate to scaling."""

    GO = "go", _("Go: scale")
    NO_GO = "no_go", _("No-go: stop")
    NEEDS_WORK = "needs_work", _("Needs work")


class GateRequestStatus(models.TextChoices):
    """Where a team's request for a stage-gate decision stands."""

    OPEN = "open", _("Open")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECIDED = "decided", _("Decided")


class ReadinessKind(models.TextChoices):
    """Items of the scaling-readiness checklist."""

    BUDGET_MODEL = "budget_model", _("Budget model at full scale")
    CHAMPIONS = "champions", _("Champions in every target department")
    NEW_USE_CASES = "new_use_cases", _("Use cases for new teams")
    TRAINING = "training", _("Training approach beyond workshops")
    SUPPORT_TECHNICAL = "support_technical", _("Named owner for technical support")
    SUPPORT_ADOPTION = "support_adoption", _("Named owner for adoption support")
    SUPPORT_CONTENT = "support_content", _("Named owner for content")
    SUPPORT_GOVERNANCE = "support_governance", _("Named owner for governance")
    LEADERSHIP_SUPPORT = "leadership_support", _("Sustained leadership support")
    SUCCESS_METRICS = "success_metrics", _("Success metrics defined")


class ReadinessStatus(models.TextChoices):
    """Progress of one checklist item."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class TeamRoleKind(models.TextChoices):
    """A role on an initiative's cross-functional team (initiatives.domain.team)."""

    DATA_SCIENTIST = DomainTeamRole.DATA_SCIENTIST.value, _("Data scientist / ML engineer")
    IT_INFRASTRUCTURE = DomainTeamRole.IT_INFRASTRUCTURE.value, _("IT and infrastructure")
    BUSINESS_OWNER = DomainTeamRole.BUSINESS_OWNER.value, _("Business owner")
    END_USER = DomainTeamRole.END_USER.value, _("End-user representative")
    LEGAL_ETHICS = DomainTeamRole.LEGAL_ETHICS.value, _("Legal and ethics")


# A role as it reads inside a sentence ("2 of 5 roles missing: legal and ethics, …"); kept apart
# from the labels because lower-casing a label is wrong in German.
TEAM_ROLE_IN_SENTENCE = {
    TeamRoleKind.DATA_SCIENTIST: _("data scientist / ML engineer"),
    TeamRoleKind.IT_INFRASTRUCTURE: _("IT and infrastructure"),
    TeamRoleKind.BUSINESS_OWNER: _("business owner"),
    TeamRoleKind.END_USER: _("end-user representative"),
    TeamRoleKind.LEGAL_ETHICS: _("legal and ethics"),
}

# The warning shown for a role nobody holds.
TEAM_GAP_WARNINGS = {
    TeamRoleKind.DATA_SCIENTIST: _("No data scientist or ML engineer"),
    TeamRoleKind.IT_INFRASTRUCTURE: _("No IT and infrastructure member"),
    TeamRoleKind.BUSINESS_OWNER: _("No business owner"),
    TeamRoleKind.END_USER: _("No end-user representative"),
    TeamRoleKind.LEGAL_ETHICS: _("No legal and ethics member"),
}
