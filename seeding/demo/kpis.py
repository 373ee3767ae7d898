"""The demo KPIs: each use case measures what its own problem is about.

The first KPI of each use case carries the money (a value per unit of improvement); the others
are tracked for quality. A KPI name belongs to one use case only, except the shared ones that
any initiative may track (satisfaction of the people who use the tool).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class KpiTemplate:
    """A believable KPI: name, category, unit, direction, baseline, target."""

    name: str
    category: str
    unit: str
    direction: str
    baseline: Decimal
    target: Decimal
    kind: str = "operational"


def _kpi(name: str, category: str, unit: str, direction: str, baseline: str, target: str,
         kind: str = "operational") -> KpiTemplate:  # fmt: skip
    return KpiTemplate(name, category, unit, direction, Decimal(baseline), Decimal(target), kind)


# By use-case title (seeding.demo.initiatives.USE_CASES), for every use case that reaches a pilot.
DOMAIN_KPIS: dict[str, tuple[KpiTemplate, ...]] = {
    "E-mail triage assistant": (
        _kpi("Minutes to route an incoming e-mail", "efficiency", "minutes", "lower", "3.5", "0.8"),
        _kpi("E-mails routed to the right queue first time", "quality", "%", "higher", "78", "95"),
        _kpi("Agent hours per day spent routing e-mails", "efficiency", "hours", "lower", "52", "12"),
    ),
    "Chatbot for order status questions": (
        _kpi("Order status calls per week", "efficiency", "calls", "lower", "2400", "1200"),
        _kpi("Order status questions answered by the chatbot", "efficiency", "%", "higher", "5", "60"),
        _kpi("Customer wait on hold for order status", "quality", "minutes", "lower", "6.5", "2",
             "business"),
    ),
    "Call summarisation for case notes": (
        _kpi("Minutes of note-taking after each call", "efficiency", "minutes", "lower", "4", "1.5"),
        _kpi("Case notes complete at first review", "quality", "%", "higher", "62", "90"),
    ),
    "Invoice data extraction": (
        _kpi("Minutes per invoice", "efficiency", "minutes", "lower", "20", "5"),
        _kpi("Cost per invoice", "cost", "EUR", "lower", "4.80", "2.90", "business"),
        _kpi("Invoices booked without retyping", "efficiency", "%", "higher", "5", "75"),
    ),
    "Expense fraud detection": (
        _kpi("Auditor hours per thousand expense claims", "efficiency", "hours", "lower", "40", "12"),
        _kpi("Expense claims screened", "quality", "%", "higher", "2", "100"),
        _kpi("Duplicate claims found before payment", "quality", "%", "higher", "20", "85"),
    ),
    "HR policy questions assistant": (
        _kpi("HR hours per month answering policy questions", "efficiency", "hours", "lower", "160",
             "60"),
        _kpi("Leave and benefits questions answered by the assistant", "efficiency", "%", "higher",
             "5", "65"),
    ),
    "Job advertisement writing assistant": (
        _kpi("Hours to write a job advertisement", "efficiency", "hours", "lower", "6", "1.5"),
        _kpi("Applicants per job advertisement", "quality", "applicants", "higher", "18", "30",
             "business"),
    ),
    "Predictive maintenance for conveyor belts": (
        _kpi("Unplanned conveyor downtime per month", "efficiency", "hours", "lower", "40", "12"),
        _kpi("Unplanned conveyor stops per month", "quality", "stops", "lower", "14", "5"),
    ),
    "Route optimisation for deliveries": (
        _kpi("Kilometres driven per delivery", "cost", "km", "lower", "9.4", "8.3"),
        _kpi("Planner hours per night on delivery routes", "efficiency", "hours", "lower", "5", "1"),
    ),
    "Demand forecasting per warehouse": (
        _kpi("Stock-outs per warehouse per month", "quality", "stock-outs", "lower", "35", "15"),
        _kpi("Forecast error per warehouse (MAPE)", "quality", "%", "lower", "28", "12"),
    ),
    "Inventory anomaly detection": (
        _kpi("Days until an inventory difference is found", "efficiency", "days", "lower", "180",
             "14"),
        _kpi("Inventory differences explained before the stock count", "quality", "%", "higher",
             "10", "70"),
    ),
    "Lead scoring": (
        _kpi("Inbound leads converted to opportunities", "revenue", "%", "higher", "8", "14",
             "business"),
        _kpi("Hours until the best inbound leads get a follow-up", "efficiency", "hours", "lower",
             "30", "4"),
    ),
    "Product description generator": (
        _kpi("Minutes of writing per product text", "efficiency", "minutes", "lower", "35", "10"),
        _kpi("Days from new article to web shop launch", "revenue", "days", "lower", "21", "7",
             "business"),
    ),
    "Contract review assistant": (
        _kpi("Hours of legal review per standard contract", "efficiency", "hours", "lower", "2",
             "0.75"),
        _kpi("Standard contracts reviewed within two days", "quality", "%", "higher", "40", "85"),
    ),
    "Translation of legal documents": (
        _kpi("Contract pages translated externally per month", "cost", "pages", "lower", "900",
             "150"),
        _kpi("Days to translate a contract", "efficiency", "days", "lower", "7", "1"),
    ),
}  # fmt: skip

# Any initiative may track these beside its own.
SHARED_KPIS: tuple[KpiTemplate, ...] = (
    _kpi("Employee satisfaction with tooling", "employee_satisfaction", "points", "higher", "6.2",
         "7.5"),
)  # fmt: skip

# For initiatives that are not demo use cases (tests build their own): case-handling KPIs.
FALLBACK_KPIS: tuple[KpiTemplate, ...] = (
    _kpi("Handling time per case", "efficiency", "minutes", "lower", "24", "15"),
    _kpi("Cases closed per FTE per day", "efficiency", "cases", "higher", "38", "52"),
    _kpi("First-time-right rate", "quality", "%", "higher", "71", "88"),
    _kpi("Customer satisfaction (CSAT)", "quality", "points", "higher", "7.1", "8.0", "business"),
    _kpi("Response time", "efficiency", "hours", "lower", "30", "8"),
    *SHARED_KPIS,
)
