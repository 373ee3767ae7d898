"""Demo estate: the IT systems and data sources the demo organisation's AI builds on, and two
infrastructure checks a few months apart.

Deterministic and without the random generator, so the figures seeded before stay as they
were; safe to call twice (the second call does nothing). Writes go through the services, as the
compliance officer, so the estate's history is real. Texts are English here, marked with `_`
(gettext_noop), and written in the active language; the English names stay the keys of the
link tables below, as in seeding.demo.governance.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from accounts.models import User
from core.roles import Cap, has_capability
from governance import services
from governance.choices import ApiAccess, Hosting, ITSystemKind
from governance.models import AISystem, InfrastructureCheck, ITSystem
from initiatives.models import Initiative


@dataclass(frozen=True)
class DemoITSystem:
    name: str
    kind: str
    owner: str
    hosting: str
    api_access: str
    readiness: int
    reasons: str
    notes: str = ""


@dataclass(frozen=True)
class DemoDataSource:
    name: str
    description: str
    owner: str
    it_system: str
    # completeness, timeliness, consistency (1–5)
    ratings: tuple[int, int, int]
    personal_data: bool
    special_categories: bool
    integration_tasks: tuple[str, ...] = ()
    notes: str = ""


CRM = _("CRM")
ERP = _("ERP system")
DOCUMENTS = _("Document management system")
TICKETING = _("Customer service ticketing")
EMAIL = _("E-mail and calendar")
PROJECTS = _("Project and task board")
WAREHOUSE = _("Warehouse management system")
HR = _("HR system")

IT_SYSTEMS: tuple[DemoITSystem, ...] = (
    DemoITSystem(
        CRM, ITSystemKind.CRM, "tom", Hosting.CLOUD, ApiAccess.READ_WRITE, 4,
        _("Cloud service with a documented interface for reading and writing customers, "
          "contacts and activities. Duplicate customer records and free-text notes still limit "
          "what a model can rely on."),
        _("Account managers record about half of their customer meetings."),
    ),
    DemoITSystem(
        ERP, ITSystemKind.ERP, "ivan", Hosting.ON_PREMISES, ApiAccess.READ, 2,
        _("Custom modules, no documented API for purchase orders. The read interface covers the "
          "general ledger and the customer and supplier lists only, and the system runs two "
          "releases behind the vendor's current one."),
        _("The upgrade to the current release is planned for next year; it brings an interface "
          "for orders and invoices."),
    ),
    DemoITSystem(
        DOCUMENTS, ITSystemKind.DOCUMENT_STORE, "carla", Hosting.HYBRID, ApiAccess.READ, 3,
        _("Current contracts and invoices are in the cloud archive with full-text search. Older "
          "files are still on the file server in the head office, many of them scans without "
          "recognised text."),
        _("Legal and finance are moving the older files folder by folder."),
    ),
    DemoITSystem(
        TICKETING, ITSystemKind.TICKETING, "tom", Hosting.CLOUD, ApiAccess.READ_WRITE, 5,
        _("Every customer contact is a ticket with queue, category and history. A modern "
          "interface and instant notifications let other tools read and update tickets as they "
          "happen."),
    ),
    DemoITSystem(
        EMAIL, ITSystemKind.EMAIL, "ivan", Hosting.CLOUD, ApiAccess.READ_WRITE, 4,
        _("Cloud mailboxes with a standard interface and audit logs. The shared service mailboxes "
          "are well organised; personal mailboxes stay out of bounds for automation."),
    ),
    DemoITSystem(
        PROJECTS, ITSystemKind.PROJECT_TOOL, "lena", Hosting.CLOUD, ApiAccess.READ_WRITE, 3,
        _("Tasks and boards can be read and written through an interface, but every team "
          "structures its projects differently and many decisions are found only in comments."),
    ),
    DemoITSystem(
        WAREHOUSE, ITSystemKind.OTHER, "ivan", Hosting.ON_PREMISES, ApiAccess.NONE, 2,
        _("Runs on a server in the main warehouse and offers no interface besides a nightly file "
          "export. The conveyor belts' sensor readings are kept for 30 days only."),
        _("The supplier offers an interface module at extra cost; a quote has been requested."),
    ),
    DemoITSystem(
        HR, ITSystemKind.OTHER, "tara", Hosting.CLOUD, ApiAccess.READ, 3,
        _("Cloud suite with a read interface for employees, positions and vacancies. Applications "
          "arrive as attachments, and sickness records sit in a separate module that few people "
          "may open."),
    ),
)  # fmt: skip

CUSTOMERS = _("Customer master data")
SUPPLIER_INVOICES = _("Supplier invoices")
EMPLOYEES = _("Employee records")
SENSORS = _("Conveyor belt sensor data")
ROUTES = _("Delivery routes and GPS tracks")
CONTRACTS = _("Contracts")
TICKETS = _("Support tickets")
LEADS = _("Sales leads")

DATA_SOURCES: tuple[DemoDataSource, ...] = (
    DemoDataSource(
        CUSTOMERS, _("Business customers, their contacts, addresses and account managers."),
        "tom", CRM, (4, 4, 3), True, False,
        (_("Merge the duplicate customers created by the web shop and by the sales team"),
         _("Customer numbers in the CRM and the ERP system are matched by hand")),
    ),
    DemoDataSource(
        SUPPLIER_INVOICES, _("Incoming supplier invoices with their bookings in accounts payable."),
        "finn", ERP, (3, 2, 2), False, False,
        (_("Scanned invoices arrive by e-mail and are retyped"),
         _("Supplier numbers differ between ERP and document store")),
        _("About 4,000 invoices a month; a third still arrive as scans or on paper."),
    ),
    DemoDataSource(
        EMPLOYEES, _("Employees, contracts, skills, leave and sickness absence."),
        "tara", HR, (4, 3, 4), True, True,
        (_("Sickness is reported by phone and entered the next day"),
         _("Applications arrive as attachments outside the HR system")),
        _("Sickness data is health data: only HR and the employee's manager may see it."),
    ),
    DemoDataSource(
        SENSORS, _("Vibration, temperature and motor current of the conveyor belts, every second."),
        "tara", WAREHOUSE, (3, 5, 2), False, False,
        (_("Readings are kept for 30 days only; failure patterns need at least a year"),
         _("The older and the newer sensors report vibration in different units")),
    ),
    DemoDataSource(
        ROUTES, _("Planned delivery routes and the GPS tracks the trucks actually drove."),
        "tara", ERP, (4, 2, 3), True, False,
        (_("GPS tracks are uploaded once a night, not during the trip"),
         _("Delivery addresses are typed by hand and often lack the house number")),
        _("GPS tracks show where drivers were, so they are personal data."),
    ),
    DemoDataSource(
        CONTRACTS, _("Customer and supplier contracts with their amendments and price agreements."),
        "carla", DOCUMENTS, (3, 4, 2), False, False,
        (_("Older contracts are scans without recognised text"),
         _("Contract end dates are kept in a separate spreadsheet")),
    ),
    DemoDataSource(
        TICKETS, _("Customer questions and complaints from e-mail, phone and the web form."),
        "tom", TICKETING, (5, 5, 4), True, False,
        (_("Phone calls become tickets only when the agent remembers to log them"),),
    ),
    DemoDataSource(
        LEADS, _("Inbound enquiries from the website, trade fairs and campaigns."),
        "tom", CRM, (3, 4, 2), True, False,
        (_("Trade fair leads are collected in spreadsheets and imported once a month"),
         _("Every campaign names its lead sources differently")),
    ),
)  # fmt: skip

# The IT systems and data sources each use case (seeding.demo.initiatives.USE_CASES) needs,
# by English name. Chosen by hand: a use case is linked only to what its work reads or writes.
# (IT systems, data sources), by English name
Links = tuple[tuple[str, ...], tuple[str, ...]]

INITIATIVE_LINKS: dict[str, Links] = {
    "E-mail triage assistant": ((EMAIL, TICKETING), (TICKETS,)),
    "Chatbot for order status questions": ((ERP, TICKETING, CRM), (CUSTOMERS,)),
    "Call summarisation for case notes": ((TICKETING, CRM), (TICKETS,)),
    "Sentiment alerts on complaints": ((TICKETING, EMAIL), (TICKETS,)),
    "Knowledge-base answer suggestions": ((TICKETING, DOCUMENTS), (TICKETS,)),
    "Invoice data extraction": ((ERP, DOCUMENTS), (SUPPLIER_INVOICES,)),
    "Expense fraud detection": ((ERP,), ()),
    "Cash-flow forecasting": ((ERP,), (SUPPLIER_INVOICES,)),
    "Contract clause extraction for audit": ((DOCUMENTS,), (CONTRACTS,)),
    "Automated month-end reconciliation": ((ERP,), ()),
    "CV screening assistant": ((HR,), (EMPLOYEES,)),
    "HR policy questions assistant": ((HR, DOCUMENTS), ()),
    "Attrition risk signals": ((HR,), (EMPLOYEES,)),
    "Job advertisement writing assistant": ((HR,), ()),
    "Predictive maintenance for conveyor belts": ((WAREHOUSE,), (SENSORS,)),
    "Route optimisation for deliveries": ((ERP,), (ROUTES,)),
    "Demand forecasting per warehouse": ((ERP, WAREHOUSE), ()),
    "Visual damage inspection of returns": ((WAREHOUSE,), ()),
    "Shift planning optimiser": ((HR, WAREHOUSE), (EMPLOYEES,)),
    "Inventory anomaly detection": ((WAREHOUSE,), ()),
    "Lead scoring": ((CRM,), (LEADS,)),
    "Product description generator": ((ERP,), ()),
    "Churn prediction for business accounts": ((CRM, ERP), (CUSTOMERS,)),
    "Next-best-offer recommendations": ((CRM,), (CUSTOMERS,)),
    "Meeting notes to CRM": ((CRM, EMAIL), (CUSTOMERS,)),
    "Contract review assistant": ((DOCUMENTS,), (CONTRACTS,)),
    "Regulatory change monitoring": ((PROJECTS,), ()),
    "GDPR data subject request triage": (
        (EMAIL, TICKETING, CRM, DOCUMENTS),
        (CUSTOMERS, TICKETS),
    ),
    "Translation of legal documents": ((DOCUMENTS,), (CONTRACTS,)),
    "E-discovery document classification": ((DOCUMENTS, EMAIL), (CONTRACTS,)),
}

# What each register entry (seeding.demo.governance.CATALOGUE, by English name) reads.
AI_SYSTEM_LINKS: dict[str, Links] = {
    "Customer service chatbot": ((CRM, ERP), (CUSTOMERS,)),
    "Invoice data extraction": ((ERP, DOCUMENTS), (SUPPLIER_INVOICES,)),
    "CV screening assistant": ((HR,), (EMPLOYEES,)),
    "Demand forecasting": ((ERP, WAREHOUSE), ()),
    "Meeting summariser": ((EMAIL, CRM), ()),
    "Route optimisation": ((ERP,), (ROUTES,)),
    "Contract clause review": ((DOCUMENTS,), (CONTRACTS,)),
    "Fraud detection on expense claims": ((ERP,), ()),
    "Credit limit advisor": ((CRM, ERP), (CUSTOMERS,)),
    "E-mail routing classifier": ((EMAIL, TICKETING), (TICKETS,)),
    "Speech-to-text for call centre": ((TICKETING,), (TICKETS,)),
    "Predictive maintenance": ((WAREHOUSE,), (SENSORS,)),
    "Shift planning optimiser": ((HR, WAREHOUSE), (EMPLOYEES,)),
    "Knowledge base search": ((DOCUMENTS,), ()),
    "Translation service": ((DOCUMENTS,), (CONTRACTS,)),
    "Spend analytics classifier": ((ERP,), (SUPPLIER_INVOICES,)),
    "Sales lead scoring": ((CRM,), (LEADS,)),
    "Document anonymiser": ((DOCUMENTS,), ()),
    "Voice assistant for drivers": ((), (ROUTES,)),
}

# Two checks a few months apart (days ago, answers, notes): the second internet line at the
# main warehouse turned the infrastructure ready in principle; the ERP's interface still lacks.
CHECKS: tuple[tuple[int, dict[str, bool], str], ...] = (
    (
        160,
        {
            "structured_databases_with_apis": False,
            "stable_cloud_connectivity": False,
            "modern_web_services": True,
            "current_backup_and_security": True,
        },
        _("The ERP system and the warehouse management system offer no usable interfaces, and "
          "the main warehouse depends on a single internet line that failed twice this quarter. "
          "Not ready yet."),
    ),
    (
        25,
        {
            "structured_databases_with_apis": False,
            "stable_cloud_connectivity": True,
            "modern_web_services": True,
            "current_backup_and_security": True,
        },
        _("A second internet line now serves the main warehouse. The ERP system still has no "
          "documented interface for purchase orders; the upgrade planned for next year closes "
          "that gap."),
    ),
)  # fmt: skip


def _officer() -> User:
    officers = [u for u in User.objects.order_by("pk") if has_capability(u, Cap.EDIT_ESTATE)]
    if not officers:
        raise RuntimeError("The demo estate needs an IT person; seed the people first.")
    # The IT department rates the estate (issue 16); compliance does where there is none.
    preferred = [u for u in officers if u.username == "ivan"] or [
        u for u in officers if u.username == "carla"
    ]
    return (preferred or officers)[0]


@transaction.atomic
def seed_estate() -> None:
    """Fill the estate and link it to the demo use cases and AI systems; does nothing when the
    IT systems are already there."""
    if ITSystem.objects.filter(name=gettext(IT_SYSTEMS[0].name)).exists():
        return
    officer = _officer()
    people = {u.username: u for u in User.objects.all()}
    initiatives = {i.title: i for i in Initiative.objects.order_by("pk")}
    ai_systems = {s.name: s for s in AISystem.objects.order_by("pk")}

    def linked(table: dict[str, Links], part: int, key: str) -> list[str]:
        return [name for name, entry in table.items() if key in entry[part]]

    def initiatives_of(part: int, key: str) -> list[Initiative]:
        titles = [gettext(title) for title in linked(INITIATIVE_LINKS, part, key)]
        return [initiatives[title] for title in titles if title in initiatives]

    def ai_systems_of(part: int, key: str) -> list[AISystem]:
        names = [gettext(name) for name in linked(AI_SYSTEM_LINKS, part, key)]
        return [ai_systems[name] for name in names if name in ai_systems]

    systems: dict[str, ITSystem] = {}
    for system in IT_SYSTEMS:
        systems[system.name] = services.it_system_create(
            actor=officer,
            data={
                "name": gettext(system.name),
                "kind": system.kind,
                "owner": people.get(system.owner),
                "hosting": system.hosting,
                "api_access": system.api_access,
                "readiness": system.readiness,
                "readiness_reasons": gettext(system.reasons),
                "notes": gettext(system.notes) if system.notes else "",
            },
            initiatives=initiatives_of(0, system.name),
            ai_systems=ai_systems_of(0, system.name),
        )

    for source in DATA_SOURCES:
        completeness, timeliness, consistency = source.ratings
        services.estate_data_source_create(
            actor=officer,
            data={
                "name": gettext(source.name),
                "description": gettext(source.description),
                "owner": people.get(source.owner),
                "it_system": systems[source.it_system],
                "completeness": completeness,
                "timeliness": timeliness,
                "consistency": consistency,
                "personal_data": source.personal_data,
                "special_categories": source.special_categories,
                "integration_tasks": [gettext(task) for task in source.integration_tasks],
                "notes": gettext(source.notes) if source.notes else "",
            },
            initiatives=initiatives_of(1, source.name),
            ai_systems=ai_systems_of(1, source.name),
        )

    now = timezone.now()
    for days_ago, answers, notes in CHECKS:
        check = services.infrastructure_check_record(
            actor=officer, answers=answers, notes=gettext(notes)
        )
        # auto_now_add ignores given values, so the date is set afterwards.
        InfrastructureCheck.objects.filter(pk=check.pk).update(
            checked_at=now - datetime.timedelta(days=days_ago)
        )
