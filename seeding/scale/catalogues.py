"""What the scale portfolio looks like: stage mix, per-stage counts, KPI templates and names."""

from __future__ import annotations

from dataclasses import dataclass

from governance.choices import Deployment, RiskCategory, SystemStatus
from initiatives.choices import Stage
from metrics.choices import CostCategory, Direction, Frequency, KpiCategory, KpiKind

# Share of initiatives per stage, and how long ago (days) such an initiative started.
STAGE_MIX: dict[str, tuple[float, int, int]] = {
    Stage.IDEA: (0.14, 10, 200),
    Stage.ASSESSMENT: (0.12, 30, 300),
    Stage.PROOF_OF_CONCEPT: (0.12, 60, 500),
    Stage.PILOT: (0.18, 120, 700),
    Stage.SCALING: (0.10, 300, 1000),
    Stage.PRODUCTION: (0.20, 365, 1400),
    Stage.RETIRED: (0.05, 700, 1500),
    Stage.ON_HOLD: (0.05, 100, 600),
    Stage.STOPPED: (0.04, 100, 700),
}
# Stages whose KPIs have been measured.
MEASURED_STAGES = frozenset(
    {
        Stage.PROOF_OF_CONCEPT,
        Stage.PILOT,
        Stage.SCALING,
        Stage.PRODUCTION,
        Stage.RETIRED,
        Stage.ON_HOLD,
        Stage.STOPPED,
    }
)
# Weight of an initiative when KPIs are handed out: later stages define more KPIs.
KPI_WEIGHT: dict[str, int] = {
    Stage.IDEA: 1,
    Stage.ASSESSMENT: 2,
    Stage.PROOF_OF_CONCEPT: 4,
    Stage.PILOT: 6,
    Stage.SCALING: 7,
    Stage.PRODUCTION: 7,
    Stage.RETIRED: 5,
    Stage.ON_HOLD: 4,
    Stage.STOPPED: 3,
}
# Cost items per initiative by stage: one-time costs first, then recurring ones.
COSTS_PER_STAGE: dict[str, int] = {
    Stage.IDEA: 0,
    Stage.ASSESSMENT: 1,
    Stage.PROOF_OF_CONCEPT: 2,
    Stage.PILOT: 3,
    Stage.SCALING: 4,
    Stage.PRODUCTION: 5,
    Stage.RETIRED: 4,
    Stage.ON_HOLD: 2,
    Stage.STOPPED: 2,
}
# Direct benefits (revenue uplift, avoided cost) per initiative by stage.
BENEFITS_PER_STAGE: dict[str, int] = {Stage.SCALING: 1, Stage.PRODUCTION: 2, Stage.RETIRED: 1}
ONE_TIME_CATEGORIES = (
    CostCategory.DEVELOPMENT,
    CostCategory.IMPLEMENTATION,
    CostCategory.CONSULTING,
    CostCategory.TRAINING,
)
RECURRING_CATEGORIES = (
    CostCategory.LICENCES,
    CostCategory.CLOUD,
    CostCategory.MAINTENANCE,
    CostCategory.SUPPORT,
)
# Measurements per KPI are shared out in proportion to these, so that a weekly, a monthly and
# a quarterly KPI cover about the same stretch of time.
FREQUENCY_WEIGHT = {Frequency.WEEK: 13, Frequency.MONTH: 3, Frequency.QUARTER: 1}
FREQUENCY_MIX = ((Frequency.WEEK, 0.45), (Frequency.MONTH, 0.45), (Frequency.QUARTER, 0.10))
# How far back a KPI can be measured: ten years at each frequency.
FREQUENCY_CAPACITY = {Frequency.WEEK: 520, Frequency.MONTH: 120, Frequency.QUARTER: 40}


@dataclass(frozen=True)
class KpiTemplate:
    """A kind of KPI: its unit, direction, a baseline range and the improvement aimed for."""

    name: str
    kind: str
    category: str
    unit: str
    direction: str
    low: float
    high: float
    improvement: tuple[float, float]  # share of the baseline gained (or lost, lower-better)
    bounded: bool = False  # a percentage: stays within 0..100
    valued: bool = True  # may carry a money value per unit


HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
OP, BUS = KpiKind.OPERATIONAL, KpiKind.BUSINESS
KPI_TEMPLATES = (
    KpiTemplate(
        "Minutes per case", OP, KpiCategory.EFFICIENCY, "minutes", LOWER, 8, 45, (0.2, 0.6)
    ),
    KpiTemplate("Response time", OP, KpiCategory.EFFICIENCY, "seconds", LOWER, 20, 600, (0.3, 0.7)),
    KpiTemplate("Cases per day", OP, KpiCategory.EFFICIENCY, "cases", HIGHER, 20, 400, (0.1, 0.8)),
    KpiTemplate("Cost per case", OP, KpiCategory.COST, "EUR", LOWER, 4, 90, (0.1, 0.5)),
    KpiTemplate("Accuracy", OP, KpiCategory.QUALITY, "%", HIGHER, 70, 90, (0.04, 0.12), True),
    KpiTemplate("Error rate", OP, KpiCategory.QUALITY, "%", LOWER, 3, 15, (0.3, 0.7), True),
    KpiTemplate(
        "First-contact resolution", OP, KpiCategory.QUALITY, "%", HIGHER, 50, 75, (0.05, 0.25), True
    ),
    KpiTemplate(
        "Revenue contribution", BUS, KpiCategory.REVENUE, "kEUR", HIGHER, 20, 900, (0.05, 0.3)
    ),
    KpiTemplate("Savings per month", BUS, KpiCategory.COST, "kEUR", HIGHER, 5, 300, (0.2, 1.0)),
    KpiTemplate("NPS", BUS, KpiCategory.QUALITY, "points", HIGHER, 5, 40, (0.2, 0.8), False, False),
    KpiTemplate("CSAT", BUS, KpiCategory.QUALITY, "%", HIGHER, 60, 85, (0.03, 0.12), True),
    KpiTemplate(
        "Employee satisfaction",
        BUS,
        KpiCategory.EMPLOYEE_SATISFACTION,
        "score 1-10",
        HIGHER,
        5.5,
        7.5,
        (0.05, 0.2),
        False,
        False,
    ),
    KpiTemplate(
        "Active users",
        BUS,
        KpiCategory.ADOPTION,
        "users",
        HIGHER,
        10,
        800,
        (0.5, 3.0),
        False,
        False,
    ),
    KpiTemplate(
        "Ideas tested per quarter",
        BUS,
        KpiCategory.INNOVATION,
        "ideas",
        HIGHER,
        2,
        20,
        (0.3, 1.5),
        False,
        False,
    ),
)

DEPARTMENT_NAMES = (
    "Finance",
    "Customer Service",
    "Human Resources",
    "IT",
    "Legal",
    "Procurement",
    "Sales",
    "Marketing",
    "Logistics",
    "Manufacturing",
    "Research",
    "Quality",
    "Facilities",
    "Risk",
    "Compliance",
    "Communications",
    "Data Office",
    "Claims",
    "Billing",
    "Field Service",
)
REGIONS = ("North", "South", "East", "West", "Central", "International")
USE_CASES = (
    ("Invoice reading", "Accounts payable", "Invoices are typed in by hand."),
    ("Email triage", "Customer contact", "Mails wait days before the right team sees them."),
    ("Contract review", "Contract management", "Lawyers read every clause of standard contracts."),
    ("Demand forecast", "Planning", "Stock runs out while other items pile up."),
    ("Chat assistant", "Customer contact", "Simple questions fill the phone queue."),
    ("Fraud signals", "Payments", "Fraud is found months after the fact."),
    ("CV screening support", "Recruitment", "Recruiters drown in applications."),
    ("Meeting summaries", "Knowledge work", "Decisions get lost after meetings."),
    ("Predictive maintenance", "Maintenance", "Machines break down without warning."),
    ("Document search", "Knowledge work", "People cannot find the policy that applies."),
    ("Translation", "Communications", "Translations take two weeks."),
    ("Claim assessment", "Claims handling", "Simple claims wait as long as complex ones."),
    ("Route planning", "Logistics", "Vans drive half-empty."),
    ("Code assistant", "Software development", "Boilerplate eats developer time."),
    ("Quality inspection", "Production", "Defects are found at the customer."),
    ("Report drafting", "Reporting", "Monthly reports take three days to write."),
)
VENDORS = (
    ("Microsoft", "Copilot", Deployment.CLOUD),
    ("OpenAI", "GPT service", Deployment.CLOUD),
    ("Google", "Vertex model", Deployment.CLOUD),
    ("Mistral AI", "Mistral model", Deployment.HYBRID),
    ("Aleph Alpha", "Luminous", Deployment.ON_PREMISES),
    ("In-house", "Custom model", Deployment.ON_PREMISES),
    ("UiPath", "Document Understanding", Deployment.CLOUD),
    ("SAP", "Business AI", Deployment.CLOUD),
)
OBJECTIVES = (
    "Operational excellence",
    "Customer experience",
    "Growth in new markets",
    "Responsible and compliant operations",
    "Attractive employer",
    "Sustainability",
)


SYSTEM_STATUS: dict[str, str] = {
    Stage.IDEA: SystemStatus.PLANNED,
    Stage.ASSESSMENT: SystemStatus.PLANNED,
    Stage.PROOF_OF_CONCEPT: SystemStatus.IN_DEVELOPMENT,
    Stage.PILOT: SystemStatus.IN_DEVELOPMENT,
    Stage.SCALING: SystemStatus.IN_USE,
    Stage.PRODUCTION: SystemStatus.IN_USE,
    Stage.RETIRED: SystemStatus.RETIRED,
    Stage.ON_HOLD: SystemStatus.PLANNED,
    Stage.STOPPED: SystemStatus.RETIRED,
}
RISK_DESCRIPTIONS = {
    RiskCategory.TECHNICAL: "Model quality drifts as the input data changes.",
    RiskCategory.LEGAL: "Personal data is processed without a documented lawful basis.",
    RiskCategory.ORGANISATIONAL: "Staff rely on the output without checking it.",
}


def risks_for(index: int) -> int:
    """Risks of the index-th AI system (0, 1, 2 or 3)."""
    return index % 4


def reviews_for(index: int) -> int:
    """Reviews of the index-th AI system (1 or 2)."""
    return 1 + index % 2
