"""The demo KPIs: each use case measures what its own problem is about.

The first KPI of each use case carries the money (a value per unit of improvement); the others
are tracked for quality. A KPI name belongs to one use case only, except the shared ones that
any initiative may track (satisfaction of the people who use the tool).

Names and units are English here, marked with `_` (gettext_noop) for the seeding catalogue; the
seed translates them when it writes the KPIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop as _


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


# By use-case title (seeding.demo.initiatives.USE_CASES, in English), for every use case that
# reaches a pilot.
DOMAIN_KPIS: dict[str, tuple[KpiTemplate, ...]] = {
    "E-mail triage assistant": (
        _kpi(_("Minutes to route an incoming e-mail"), "efficiency", _("minutes"), "lower", "3.5", "0.8"),
        _kpi(_("E-mails routed to the right queue first time"), "quality", "%", "higher", "78", "95"),
        _kpi(_("Agent hours per day spent routing e-mails"), "efficiency", _("hours"), "lower", "52", "12"),
    ),
    "Chatbot for order status questions": (
        _kpi(_("Order status calls per week"), "efficiency", _("calls"), "lower", "2400", "1200"),
        _kpi(_("Order status questions answered by the chatbot"), "efficiency", "%", "higher", "5", "60"),
        _kpi(_("Customer wait on hold for order status"), "quality", _("minutes"), "lower", "6.5", "2",
             "business"),
    ),
    "Call summarisation for case notes": (
        _kpi(_("Minutes of note-taking after each call"), "efficiency", _("minutes"), "lower", "4", "1.5"),
        _kpi(_("Case notes complete at first review"), "quality", "%", "higher", "62", "90"),
    ),
    "Invoice data extraction": (
        _kpi(_("Minutes per invoice"), "efficiency", _("minutes"), "lower", "20", "5"),
        _kpi(_("Cost per invoice"), "cost", "EUR", "lower", "4.80", "2.90", "business"),
        _kpi(_("Invoices booked without retyping"), "efficiency", "%", "higher", "5", "75"),
    ),
    "Expense fraud detection": (
        _kpi(_("Auditor hours per thousand expense claims"), "efficiency", _("hours"), "lower", "40", "12"),
        _kpi(_("Expense claims screened"), "quality", "%", "higher", "2", "100"),
        _kpi(_("Duplicate claims found before payment"), "quality", "%", "higher", "20", "85"),
    ),
    "HR policy questions assistant": (
        _kpi(_("HR hours per month answering policy questions"), "efficiency", _("hours"), "lower", "160",
             "60"),
        _kpi(_("Leave and benefits questions answered by the assistant"), "efficiency", "%", "higher",
             "5", "65"),
    ),
    "Job advertisement writing assistant": (
        _kpi(_("Hours to write a job advertisement"), "efficiency", _("hours"), "lower", "6", "1.5"),
        _kpi(_("Applicants per job advertisement"), "quality", _("applicants"), "higher", "18", "30",
             "business"),
    ),
    "Predictive maintenance for conveyor belts": (
        _kpi(_("Unplanned conveyor downtime per month"), "efficiency", _("hours"), "lower", "40", "12"),
        _kpi(_("Unplanned conveyor stops per month"), "quality", _("stops"), "lower", "14", "5"),
    ),
    "Route optimisation for deliveries": (
        _kpi(_("Kilometres driven per delivery"), "cost", _("km"), "lower", "9.4", "8.3"),
        _kpi(_("Planner hours per night on delivery routes"), "efficiency", _("hours"), "lower", "5", "1"),
    ),
    "Demand forecasting per warehouse": (
        _kpi(_("Stock-outs per warehouse per month"), "quality", _("stock-outs"), "lower", "35", "15"),
        _kpi(_("Forecast error per warehouse (MAPE)"), "quality", "%", "lower", "28", "12"),
    ),
    "Inventory anomaly detection": (
        _kpi(_("Days until an inventory difference is found"), "efficiency", _("days"), "lower", "180",
             "14"),
        _kpi(_("Inventory differences explained before the stock count"), "quality", "%", "higher",
             "10", "70"),
    ),
    "Lead scoring": (
        _kpi(_("Inbound leads converted to opportunities"), "revenue", "%", "higher", "8", "14",
             "business"),
        _kpi(_("Hours until the best inbound leads get a follow-up"), "efficiency", _("hours"), "lower",
             "30", "4"),
    ),
    "Product description generator": (
        _kpi(_("Minutes of writing per product text"), "efficiency", _("minutes"), "lower", "35", "10"),
        _kpi(_("Days from new article to web shop launch"), "revenue", _("days"), "lower", "21", "7",
             "business"),
    ),
    "Contract review assistant": (
        _kpi(_("Hours of legal review per standard contract"), "efficiency", _("hours"), "lower", "2",
             "0.75"),
        _kpi(_("Standard contracts reviewed within two days"), "quality", "%", "higher", "40", "85"),
    ),
    "Translation of legal documents": (
        _kpi(_("Contract pages translated externally per month"), "cost", _("pages"), "lower", "900",
             "150"),
        _kpi(_("Days to translate a contract"), "efficiency", _("days"), "lower", "7", "1"),
    ),
}  # fmt: skip

# Any initiative may track these beside its own.
SHARED_KPIS: tuple[KpiTemplate, ...] = (
    _kpi(_("Employee satisfaction with tooling"), "employee_satisfaction", _("points"), "higher", "6.2",
         "7.5"),
)  # fmt: skip

# For initiatives that are not demo use cases (tests build their own): case-handling KPIs.
FALLBACK_KPIS: tuple[KpiTemplate, ...] = (
    _kpi(_("Handling time per case"), "efficiency", _("minutes"), "lower", "24", "15"),
    _kpi(_("Cases closed per FTE per day"), "efficiency", _("cases"), "higher", "38", "52"),
    _kpi(_("First-time-right rate"), "quality", "%", "higher", "71", "88"),
    _kpi(
        _("Customer satisfaction (CSAT)"),
        "quality",
        _("points"),
        "higher",
        "7.1",
        "8.0",
        "business",
    ),
    _kpi(_("Response time"), "efficiency", _("hours"), "lower", "30", "8"),
    *SHARED_KPIS,
)
