"""InventoryRecord to JSON and back, so the register keeps each imported record as read.

The register stores the record of its last import beside the entry: the next import is compared
with it, and exports to the same format write the source's own values back from it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance.domain.inventories.records import InventoryRecord, Precision, SourceDate, Status


def record_to_json(record: InventoryRecord) -> dict[str, Any]:
    """A JSON-ready dict holding every field of the record."""
    return {
        "source": record.source,
        "source_key": record.source_key,
        "row_number": record.row_number,
        "line_number": record.line_number,
        "name": record.name,
        "description": record.description,
        "purpose": record.purpose,
        "benefits": record.benefits,
        "data_sources": record.data_sources,
        "organisation": record.organisation,
        "department": record.department,
        "status": record.status.value if record.status else None,
        "status_raw": record.status_raw,
        "vendor": record.vendor,
        "deployment": record.deployment,
        "contact": record.contact,
        "url": record.url,
        "dates": {
            kind: {
                "raw": found.raw,
                "value": found.value.isoformat() if found.value else None,
                "precision": found.precision.value if found.precision else None,
            }
            for kind, found in record.dates.items()
        },
        "personal_data": record.personal_data,
        "high_risk": record.high_risk,
        "impact_assessment": record.impact_assessment,
        "risk_flags": list(record.risk_flags),
        "extra": dict(record.extra),
    }


def record_from_json(data: dict[str, Any]) -> InventoryRecord:
    """The record that record_to_json wrote."""
    dates = {
        kind: SourceDate(
            raw=found["raw"],
            value=date.fromisoformat(found["value"]) if found.get("value") else None,
            precision=Precision(found["precision"]) if found.get("precision") else None,
        )
        for kind, found in (data.get("dates") or {}).items()
    }
    return InventoryRecord(
        source=data["source"],
        source_key=data["source_key"],
        row_number=data.get("row_number") or 0,
        line_number=data.get("line_number"),
        name=data.get("name", ""),
        description=data.get("description", ""),
        purpose=data.get("purpose", ""),
        benefits=data.get("benefits", ""),
        data_sources=data.get("data_sources", ""),
        organisation=data.get("organisation", ""),
        department=data.get("department", ""),
        status=Status(data["status"]) if data.get("status") else None,
        status_raw=data.get("status_raw", ""),
        vendor=data.get("vendor", ""),
        deployment=data.get("deployment", ""),
        contact=data.get("contact", ""),
        url=data.get("url", ""),
        dates=dates,
        personal_data=data.get("personal_data"),
        high_risk=data.get("high_risk"),
        impact_assessment=data.get("impact_assessment"),
        risk_flags=tuple(data.get("risk_flags") or ()),
        extra=dict(data.get("extra") or {}),
    )
