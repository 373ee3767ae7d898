"""Exports of the estate's lists: IT systems and data sources as CSV or XLSX (formula-safe)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from governance.domain.inventories import exports as inv_exports

EXPORT_FORMATS: dict[str, Any] = {"csv": _("CSV"), "xlsx": _("Excel (XLSX)")}


def _names(items: Any, attribute: str) -> str:
    return "; ".join(str(getattr(item, attribute)) for item in items.all())


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


# Column name -> value of a row; links name only what the reader may see (see with_links).
IT_SYSTEM_COLUMNS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("id", lambda s: s.pk),
    ("name", lambda s: s.name),
    ("kind", lambda s: s.kind),
    ("owner", lambda s: str(s.owner) if s.owner else ""),
    ("hosting", lambda s: s.hosting),
    ("api_access", lambda s: s.api_access),
    ("readiness", lambda s: s.readiness),
    ("readiness_reasons", lambda s: s.readiness_reasons),
    ("notes", lambda s: s.notes),
    ("initiatives", lambda s: _names(s.initiatives, "title")),
    ("ai_systems", lambda s: _names(s.ai_systems, "name")),
)
DATA_SOURCE_COLUMNS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("id", lambda d: d.pk),
    ("name", lambda d: d.name),
    ("owner", lambda d: str(d.owner) if d.owner else ""),
    ("it_system", lambda d: d.it_system.name if d.it_system else ""),
    ("completeness", lambda d: d.completeness),
    ("timeliness", lambda d: d.timeliness),
    ("consistency", lambda d: d.consistency),
    ("quality", lambda d: d.quality),
    ("personal_data", lambda d: _yes_no(d.personal_data)),
    ("special_categories", lambda d: _yes_no(d.special_categories)),
    ("integration_tasks", lambda d: "; ".join(d.integration_tasks or [])),
    ("notes", lambda d: d.notes),
    ("initiatives", lambda d: _names(d.initiatives, "title")),
    ("ai_systems", lambda d: _names(d.ai_systems, "name")),
)
_KINDS = {
    "it_systems": (IT_SYSTEM_COLUMNS, "it-systems", "IT systems"),
    "data_sources": (DATA_SOURCE_COLUMNS, "data-sources", "Data sources"),
}


def estate_table(queryset: QuerySet[Any], *, kind: str) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one estate list (`kind` "it_systems" or "data_sources")."""
    columns = _KINDS[kind][0]
    header = [name for name, _value in columns]
    rows = [[value(row) for _name, value in columns] for row in queryset]
    return header, rows


def export_response(
    queryset: QuerySet[Any], *, kind: str, export_format: str, today: datetime.date
) -> HttpResponse:
    """An attachment with the filtered list in CSV or XLSX."""
    _columns, stem, sheet = _KINDS[kind]
    header, rows = estate_table(queryset, kind=kind)
    filename = f"{stem}-{today.isoformat()}.{export_format}"
    if export_format == "csv":
        response = HttpResponse(
            inv_exports.to_csv_text(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            inv_exports.to_xlsx_bytes(header, rows, sheet_title=sheet),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
