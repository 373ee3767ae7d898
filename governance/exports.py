"""Exports of a filtered register: CSV and XLSX (formula-safe), the Dutch publication standard,
the US inventory columns and the EU database fields of AI Act Annex VIII.

Register entries become InventoryRecords first, the shape every export of the inventories domain
takes. An imported entry starts from the record it was imported as, with the register's own
values laid over it only where someone changed them after the import, so exporting to the source's
format and importing again yields the same records.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from governance import literacy_selectors
from governance.choices import EURole, RiskClass
from governance.domain.inventories import InventoryRecord, Status
from governance.domain.inventories import exports as inv_exports
from governance.domain.record_codec import record_from_json
from governance.models import AIModel, AISystem, DataSource
from governance.services.imports import system_fields_from_record
from initiatives.models import Initiative
from people.domain import Coverage

EXPORT_FORMATS: dict[str, Any] = {
    "csv": _("CSV"),
    "xlsx": _("Excel (XLSX)"),
    "nl_json": _("Algoritmeregister publication standard (JSON)"),
    "us_csv": _("US federal inventory columns (CSV)"),
    "annex_viii": _("EU database, AI Act Annex VIII (JSON, high-risk systems)"),
}

REGISTER_COLUMNS = (
    ("id", "pk"),
    ("name", "name"),
    ("purpose", "purpose"),
    ("status", "status"),
    ("risk_class", "risk_class"),
    ("approval_status", "approval_status"),
    ("eu_role", "eu_role"),
    ("vendor", "vendor"),
    ("deployment", "deployment"),
    ("department", "department"),
    ("organisation", "organisation"),
    ("owner", "owner"),
    ("processes_personal_data", "processes_personal_data"),
    ("dpia_required", "dpia_required"),
    ("dpia_done", "dpia_done"),
    ("transfers_outside_eu", "transfers_outside_eu"),
    ("initiatives", "initiatives"),
    ("models", "models"),
    ("data_sources", "data_sources"),
    ("source", "source"),
    ("source_key", "source_key"),
    # AI literacy (EU AI Act Art. 4): users recorded, and those with a current measure for it.
    ("ai_literacy_users", "literacy_users"),
    ("ai_literacy_trained", "literacy_trained"),
)

# Register field -> InventoryRecord attribute, for laying later edits over the imported record.
_RECORD_FIELDS = {
    "name": "name",
    "purpose": "purpose",
    "description": "description",
    "organisation": "organisation",
    "organisation_unit": "department",
    "contact_email": "contact",
    "url": "url",
    "vendor": "vendor",
}


def _with_children(
    queryset: QuerySet[AISystem], initiatives: QuerySet[Initiative]
) -> QuerySet[AISystem]:
    # Linked initiatives are named only when the reader may see them.
    return queryset.select_related("owner", "department").prefetch_related(
        Prefetch("initiatives", queryset=initiatives.select_related(None).only("pk", "title")),
        Prefetch("models", queryset=AIModel.objects.all()),
        Prefetch("data_sources", queryset=DataSource.objects.all()),
    )


def _cell(system: AISystem, attribute: str) -> Any:
    if attribute == "initiatives":
        return "; ".join(initiative.title for initiative in system.initiatives.all())
    if attribute == "models":
        return "; ".join(" ".join(p for p in (m.name, m.version) if p) for m in system.models.all())
    if attribute == "data_sources":
        return "; ".join(source.name for source in system.data_sources.all())
    value = getattr(system, attribute)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, int | str) else str(value)


def register_table(
    queryset: QuerySet[AISystem],
    initiatives: QuerySet[Initiative],
    *,
    today: datetime.date | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the register's own CSV/XLSX export."""
    header = [name for name, _attribute in REGISTER_COLUMNS]
    coverage = literacy_selectors.coverage_by_system(queryset, today=today or datetime.date.today())
    no_users = Coverage(trained=0, users=0)

    def cell(system: AISystem, attribute: str) -> Any:
        if attribute == "literacy_users":
            return coverage.get(system.pk, no_users).users
        if attribute == "literacy_trained":
            return coverage.get(system.pk, no_users).trained
        return _cell(system, attribute)

    rows = [
        [cell(system, attribute) for _name, attribute in REGISTER_COLUMNS]
        for system in _with_children(queryset, initiatives).iterator(chunk_size=1000)
    ]
    return header, rows


def system_record(system: AISystem) -> InventoryRecord:
    """The register entry as an inventory record (see the module docstring)."""
    if system.source_record:
        record = record_from_json(system.source_record)
        derived = system_fields_from_record(record)
        changes = {
            attribute: getattr(system, field)
            for field, attribute in _RECORD_FIELDS.items()
            if getattr(system, field) != derived[field]
        }
        if system.status != derived["status"]:
            changes["status"] = Status(system.status)
        return dataclasses.replace(record, **changes) if changes else record
    contact = system.contact_email or (system.owner.email if system.owner else "")
    return InventoryRecord(
        source="register",
        source_key=f"register-{system.pk}",
        row_number=0,
        name=system.name,
        description=system.description,
        purpose=system.purpose,
        organisation=system.organisation,
        department=system.department.name if system.department else system.organisation_unit,
        status=Status(system.status),
        status_raw=system.get_status_display(),
        vendor=system.vendor,
        deployment=system.get_deployment_display() if system.deployment != "unknown" else "",
        contact=contact,
        url=system.url,
        personal_data=system.processes_personal_data,
        high_risk=None
        if system.risk_class == RiskClass.UNCLASSIFIED
        else system.risk_class == RiskClass.HIGH,
        impact_assessment=system.dpia_done if system.dpia_required else None,
    )


def _annex_viii(systems: Iterable[AISystem]) -> list[dict[str, Any]]:
    """Annex VIII sections for the high-risk systems: A for providers, C for deployers."""
    entries = []
    for system in systems:
        if system.risk_class != RiskClass.HIGH:
            continue
        role = "provider" if system.eu_role != EURole.DEPLOYER else "deployer"
        section = inv_exports.eu_database_section(role=role, high_risk=True)
        if section is None:
            continue
        record = system_record(system)
        models = "; ".join(
            f"{m.name} {m.version} ({m.provider})".strip() for m in system.models.all()
        )
        sources = "; ".join(s.name for s in system.data_sources.all())
        facts = dataclasses.replace(
            inv_exports.eu_database_facts_from_record(record),
            provider_name=system.vendor or system.organisation,
            intended_purpose=system.purpose or system.description,
            components_and_functions=models,
            data_and_logic=sources or record.data_sources,
            market_status=system.get_status_display(),
            reference=f"register-{system.pk}",
            deployer_name=system.organisation or record.organisation,
            deployer_contact=system.controller_contact or record.contact,
            dpia_summary=system.dpia_url if system.dpia_done else "",
        )
        entries.append(
            {
                "id": system.pk,
                "name": system.name,
                "section": section,
                "fields": [
                    dataclasses.asdict(item)
                    for item in inv_exports.eu_database_fields(facts, section)
                ],
            }
        )
    return entries


def export_response(
    queryset: QuerySet[AISystem],
    export_format: str,
    *,
    today: datetime.date,
    initiatives: QuerySet[Initiative],
) -> HttpResponse:
    """An attachment response with the filtered register in the chosen format; `initiatives`
    are those the reader may see (linked ones outside it are left out of the cells)."""
    stem = f"ai-register-{today.isoformat()}"
    if export_format in ("csv", "xlsx"):
        header, rows = register_table(queryset, initiatives, today=today)
        if export_format == "csv":
            body: bytes | str = inv_exports.to_csv_text(header, rows)
            return _attachment(body, f"{stem}.csv", "text/csv; charset=utf-8")
        body = inv_exports.to_xlsx_bytes(header, rows, sheet_title="AI register")
        return _attachment(
            body,
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    systems = list(_with_children(queryset, initiatives).iterator(chunk_size=1000))
    if export_format == "nl_json":
        records = [system_record(system) for system in systems]
        body = json.dumps(inv_exports.dutch_publication_json(records), ensure_ascii=False, indent=1)
        return _attachment(body, f"{stem}-algoritmeregister.json", "application/json")
    if export_format == "us_csv":
        header, us_rows = inv_exports.us_inventory_rows(system_record(s) for s in systems)
        body = inv_exports.to_csv_text(header, us_rows)
        return _attachment(body, f"{stem}-us-inventory.csv", "text/csv; charset=utf-8")
    body = json.dumps(_annex_viii(systems), ensure_ascii=False, indent=1)
    return _attachment(body, f"{stem}-annex-viii.json", "application/json")


def _attachment(body: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
