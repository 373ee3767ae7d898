"""Checking rows of measurements against the database, then saving all of them or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.roles import Cap, has_capability
from core.uploads import cell_problem
from initiatives.selectors import MEMBER_PATHS
from metrics.choices import MeasurementSource
from metrics.domain.entries import a_date, kpi_value, not_in_future
from metrics.models import Kpi, Measurement
from metrics.services.field_errors import FieldErrors, quoted
from metrics.services.imports.files import COLUMNS, TEMPLATE_COLUMNS, template_cell
from metrics.services.kpis import kpi_refresh_latest
from metrics.services.roi import roi_mark_dirty

WRITE_BATCH = 1000


@dataclass(frozen=True)
class RowError:
    """One problem with one row; row is the spreadsheet row number (header is row 1)."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The API shape."""
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    """Counts and row errors of a dry run or a commit."""

    rows: int = 0
    valid: int = 0
    created: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        """Number of rows with at least one error."""
        return len({error.row for error in self.errors})

    def as_dict(self) -> dict[str, Any]:
        """The API shape: counts and errors."""
        return {
            "counts": {
                "rows": self.rows,
                "valid": self.valid,
                "invalid": self.invalid_rows,
                "created": self.created,
            },
            "committed": self.committed,
            "errors": [error.as_dict() for error in self.errors],
        }


def _writable_kpis(actor: Any) -> Any:
    """KPIs whose measurements the actor may log: their own team's, with the capability."""
    if not has_capability(actor, Cap.LOG_MEASUREMENTS):
        return Kpi.objects.none()
    # On the team as the initiatives app defines it: the owner or a member.
    team = Q()
    for path in MEMBER_PATHS:
        team |= Q(**{f"initiative__{path}": actor})
    return Kpi.objects.filter(pk__in=Kpi.objects.filter(team).values("pk"))


def measurement_import_template(*, actor: Any) -> list[list[Any]]:
    """The import template: a header, then one row per KPI the actor may log, date and value empty.

    The rows come from the same KPIs the import accepts, so every kpi_id in it imports.
    """
    kpis = (
        _writable_kpis(actor)
        .select_related("initiative")
        .order_by("initiative__title", "initiative_id", "name", "pk")
    )
    rows: list[list[Any]] = [list(TEMPLATE_COLUMNS)]
    for kpi in kpis:
        rows.append(
            [
                kpi.pk,
                kpi.initiative_id,
                template_cell(kpi.initiative.title),
                template_cell(kpi.name),
                template_cell(kpi.unit),
                _plain(kpi.latest_value),
                kpi.latest_on,
                None,
                None,
                None,
            ]
        )
    return rows


def _plain(value: Decimal | None) -> str | None:
    """A stored value without the column's trailing zeros (15.2500 reads 15.25; 100 stays 100)."""
    return None if value is None else format(value.normalize(), "f")


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _unknown_kpi(row: dict[str, Any]) -> str:
    """Why a row names no KPI the actor may log, quoting what it gave (existence is not told)."""
    if str(row.get("kpi_id") or "").strip():
        return _("Unknown KPI: kpi_id '%(value)s' is not one of the KPIs you may log.") % {
            "value": quoted(row["kpi_id"])
        }
    if str(row.get("kpi_name") or "").strip():
        return _(
            "Unknown KPI: '%(name)s' is not a KPI you may log in initiative_id '%(initiative)s'."
        ) % {"name": quoted(row["kpi_name"]), "initiative": quoted(row.get("initiative_id") or "")}
    return _("Name the KPI: its kpi_id (the template lists yours), or initiative_id and kpi_name.")


def measurement_rows_check(
    *, actor: Any, rows: list[dict[str, Any]], preview_limit: int = 20
) -> tuple[ImportResult, list[Measurement]]:
    """Check rows (kpi_id or initiative_id + kpi_name, date, value, note) without saving.

    A row fails for an unknown KPI (including one the actor may not log for: we do not reveal
    that it exists), a bad number, a bad or future date, or a duplicate: the same KPI and date
    twice in the file, or a date that already has a measurement.
    """
    result = ImportResult(rows=len(rows))
    kpis = _writable_kpis(actor)
    ids = {_as_id(row.get("kpi_id")) for row in rows} - {None}
    by_id = {kpi.pk: kpi for kpi in kpis.filter(pk__in=ids).select_related("initiative")}
    named = {
        (_as_id(row.get("initiative_id")), str(row.get("kpi_name") or "").strip().lower())
        for row in rows
        if _as_id(row.get("kpi_id")) is None and row.get("kpi_name")
    }
    by_name: dict[tuple[int | None, str], Kpi] = {}
    if named:
        initiative_ids = {initiative for initiative, _name in named} - {None}
        for kpi in kpis.filter(initiative_id__in=initiative_ids).select_related("initiative"):
            by_name[(kpi.initiative_id, kpi.name.strip().lower())] = kpi
    candidates: list[tuple[int, Kpi, date, Decimal, str]] = []
    today = timezone.localdate()
    for row in rows:
        number = int(row["row"])
        errors = FieldErrors()
        # A cell that cannot be stored (a NUL byte fails the insert) is a row error in the preview,
        # so that the job never fails on it later.
        for column in COLUMNS:
            if problem := cell_problem(row.get(column)):
                errors.add(column, problem)
        if errors.messages:
            result.errors.extend(
                RowError(number, field_name, message)
                for field_name, messages in errors.messages.items()
                for message in messages
            )
            continue
        kpi_key = _as_id(row.get("kpi_id"))
        kpi = None
        if kpi_key is not None:
            kpi = by_id.get(kpi_key)
        elif row.get("kpi_name"):
            kpi = by_name.get(
                (_as_id(row.get("initiative_id")), str(row.get("kpi_name")).strip().lower())
            )
        if kpi is None:
            errors.add("kpi_id", _unknown_kpi(row))
        measured_on = errors.check_cell(a_date, "date", row.get("date"))
        errors.check_cell(not_in_future, "date", measured_on, today=today)
        value = errors.check_cell(kpi_value, "value", row.get("value"))
        note = str(row.get("note") or "").strip()
        if len(note) > 500:
            errors.add("note", _("Keep the note under 500 characters."))
        for field_name, messages in errors.messages.items():
            result.errors.extend(RowError(number, field_name, message) for message in messages)
        if not errors.messages:
            assert kpi is not None and measured_on is not None and value is not None
            candidates.append((number, kpi, measured_on, value, note))
    existing = set(
        Measurement.objects.filter(
            kpi_id__in={kpi.pk for _n, kpi, *_rest in candidates},
            measured_on__in={on for _n, _k, on, *_rest in candidates},
        ).values_list("kpi_id", "measured_on")
    )
    seen: dict[tuple[int, date], int] = {}
    valid: list[Measurement] = []
    for number, kpi, measured_on, value, note in candidates:
        key = (kpi.pk, measured_on)
        if key in existing:
            result.errors.append(
                RowError(number, "date", _("This KPI already has a measurement on this date."))
            )
            continue
        if key in seen:
            result.errors.append(
                RowError(
                    number,
                    "date",
                    _("Duplicate of row %(row)d: same KPI and date.") % {"row": seen[key]},
                )
            )
            continue
        seen[key] = number
        valid.append(Measurement(kpi=kpi, value=value, measured_on=measured_on, note=note))
        if len(result.preview) < preview_limit:
            result.preview.append(
                {"row": number, "kpi": kpi, "date": measured_on, "value": value, "note": note}
            )
    result.errors.sort(key=lambda error: error.row)
    result.valid = len(valid)
    return result, valid


def measurement_import(
    *,
    actor: Any,
    rows: list[dict[str, Any]],
    dry_run: bool,
    source: str = MeasurementSource.IMPORT,
    on_written: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check rows and, unless dry_run or any row fails, save them all in one transaction.

    on_written(done, total) is called after each batch written, inside the transaction.
    """
    with transaction.atomic():
        result, valid = measurement_rows_check(actor=actor, rows=rows)
        if dry_run or result.errors or not valid:
            return result
        for measurement in valid:
            measurement.logged_by = actor
            measurement.source = source
        try:
            with transaction.atomic():
                for start in range(0, len(valid), WRITE_BATCH):
                    batch = valid[start : start + WRITE_BATCH]
                    bulk_create_with_history(
                        batch, Measurement, batch_size=WRITE_BATCH, default_user=actor
                    )
                    if on_written is not None:
                        on_written(start + len(batch), len(valid))
        except IntegrityError:
            # Someone logged one of these dates between our check and our insert.
            result.errors.append(
                RowError(0, "date", _("Some measurements were logged meanwhile; check again."))
            )
            return result
        kpi_refresh_latest(kpi_ids={measurement.kpi_id for measurement in valid})
        for initiative_id in {measurement.kpi.initiative_id for measurement in valid}:
            roi_mark_dirty(initiative_id=initiative_id)
        result.created = len(valid)
        result.committed = True
        return result
