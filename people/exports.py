"""Exports of the competence map and the training plans as CSV or XLSX (formula-safe)."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from people.choices import Skill
from people.selectors import CompetenceMap

EXPORT_FORMATS: dict[str, Any] = {"csv": _("CSV"), "xlsx": _("Excel (XLSX)")}
# Text starting with one of these could run as a formula in a spreadsheet (OWASP CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def competence_table(matrix: CompetenceMap) -> tuple[list[str], list[list[Any]]]:
    """One row per person: their facts, a level 0–4 per skill, translator yes/no."""
    header = ["id", "name", "job_title", "department", "champion", "translator", *Skill.values]
    rows = [
        [
            row.person.pk,
            row.person.name,
            row.person.job_title,
            row.person.department,
            "yes" if row.person.is_champion else "no",
            "yes" if row.translator else "no",
            *(cell.level for cell in row.cells),
        ]
        for row in matrix.rows
    ]
    return header, rows


def training_table(plans: Iterable[Any]) -> tuple[list[str], list[list[Any]]]:
    """One row per training plan with its budget (a plain decimal, no currency sign)."""
    header = ["id", "person", "title", "provider", "budget_eur", "starts_on", "ends_on", "status"]
    rows = [
        [
            plan.pk,
            plan.person.name,
            plan.title,
            plan.provider,
            plan.budget,
            plan.starts_on.isoformat() if plan.starts_on else "",
            plan.ends_on.isoformat() if plan.ends_on else "",
            plan.status,
        ]
        for plan in plans
    ]
    return header, rows


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue()


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], sheet_title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    header: Sequence[str],
    rows: list[list[Any]],
    *,
    stem: str,
    sheet: str,
    export_format: str,
    today: datetime.date,
) -> HttpResponse:
    """An attachment with the table in CSV or XLSX."""
    filename = f"{stem}-{today.isoformat()}.{export_format}"
    if export_format == "csv":
        response = HttpResponse(_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(header, rows, sheet),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
