"""Exports of the vendor area: vendors, and evaluations one row per candidate, as CSV or XLSX
(formula-safe). Weighted scores and ranks are in every evaluation export; the three-year cost
of ownership only for readers with a financial view, as on the comparison page."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from governance import rules
from governance import vendor_selectors as selectors
from governance.domain.inventories import exports as inv_exports
from initiatives.selectors import initiative_list

EXPORT_FORMATS: dict[str, Any] = {"csv": _("CSV"), "xlsx": _("Excel (XLSX)")}

VENDOR_HEADER = [
    "id", "name", "website", "country", "contact_name", "contact_email", "owner", "products",
    "ai_systems", "notes",
]  # fmt: skip
EVALUATION_HEADER = [
    "evaluation_id", "title", "status", "use_case", "owner", "candidate_id", "vendor", "product",
    "weighted_score", "unscored_criteria", "rank", "chosen", "data_residency",
    "trains_on_customer_data", "certifications", "model_change_notice_days",
    "incident_notice_hours", "exit_terms", "rationale", "decided_at",
]  # fmt: skip
MONEY_HEADER = ["tco_year_1", "tco_year_2", "tco_year_3", "tco_total"]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def vendor_table(queryset: QuerySet[Any]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the vendors; AI systems are counted (names are the register's)."""
    rows = [
        [
            v.pk,
            v.name,
            v.website,
            v.country,
            v.contact_name,
            v.contact_email,
            str(v.owner) if v.owner else "",
            "; ".join(p.name for p in v.products.all()),
            v.ai_system_count,
            v.notes,
        ]
        for v in queryset.prefetch_related("products")
    ]
    return list(VENDOR_HEADER), rows


def evaluation_table(queryset: QuerySet[Any], *, user: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the evaluations, one per candidate (an evaluation without candidates
    gets one row of its own)."""
    money = rules.can_see_vendor_costs(user)
    visible = set(initiative_list(user=user).values_list("pk", flat=True).order_by())
    header = [*EVALUATION_HEADER, *(MONEY_HEADER if money else [])]
    rows: list[list[Any]] = []
    for comparison in selectors.comparisons_for_export(queryset, user=user):
        e = comparison.evaluation
        base = [
            e.pk,
            e.title,
            e.status,
            e.initiative.title if e.initiative_id in visible and e.initiative else "",
            str(e.owner) if e.owner else "",
        ]
        tail = [e.rationale, e.decided_at.isoformat() if e.decided_at else ""]
        if not comparison.columns:
            rows.append(base + [""] * (len(header) - len(base) - 2) + tail)
            continue
        for column in comparison.columns:
            c = column.candidate
            row = [
                *base,
                c.pk,
                c.product.vendor.name,
                c.product.name,
                column.weighted.score if column.weighted.score is not None else "",
                column.weighted.unscored,
                column.rank,
                _yes_no(column.chosen),
                c.data_residency,
                _yes_no(c.trains_on_customer_data),
                "; ".join(c.certifications or []),
                "" if c.model_change_notice_days is None else c.model_change_notice_days,
                "" if c.incident_notice_hours is None else c.incident_notice_hours,
                c.exit_terms,
                *tail,
            ]
            if money:
                tco = column.tco
                row += [*tco.years, tco.total] if tco is not None else ["", "", "", ""]
            rows.append(row)
    return header, rows


def _response(
    header: list[str], rows: list[list[Any]], *, stem: str, sheet: str, export_format: str,
    today: datetime.date,
) -> HttpResponse:  # fmt: skip
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


def vendor_export_response(
    queryset: QuerySet[Any], *, user: Any, export_format: str, today: datetime.date
) -> HttpResponse:
    """An attachment with the filtered vendors."""
    header, rows = vendor_table(queryset)
    return _response(
        header, rows, stem="vendors", sheet="Vendors", export_format=export_format, today=today
    )


def evaluation_export_response(
    queryset: QuerySet[Any], *, user: Any, export_format: str, today: datetime.date
) -> HttpResponse:
    """An attachment with the filtered evaluations, one row per candidate."""
    header, rows = evaluation_table(queryset, user=user)
    return _response(
        header,
        rows,
        stem="vendor-evaluations",
        sheet="Vendor evaluations",
        export_format=export_format,
        today=today,
    )
