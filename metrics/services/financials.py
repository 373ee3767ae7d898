"""Writes for costs, direct benefits and adoption figures (finance and adoption owners only).

What makes a cost or a benefit valid is decided in metrics.domain.entries; these services only
check who may write, fill in what an update leaves out, save with history and recompute the ROI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from initiatives.models import Department, Initiative
from metrics.choices import CostCategory
from metrics.domain.entries import (
    BENEFIT_FIELDS,
    COST_FIELDS,
    EntryInvalid,
    a_date,
    check_benefit,
    check_cost,
    whole_number,
)
from metrics.models import AdoptionRecord, Benefit, CostItem
from metrics.rules import can_edit_adoption, can_edit_financials
from metrics.services.field_errors import FieldErrors, entry_invalid
from metrics.services.roi import roi_mark_dirty

ADOPTION_FIELDS = ("department", "month", "active_users", "note")


def _finance_only() -> str:
    """The reason shown when someone other than finance tries to change money."""
    return _("Only finance changes costs and benefits.")


_Row = TypeVar("_Row", CostItem, Benefit)


@dataclass(frozen=True)
class _MoneyEntry:
    """The fields a person enters for a money row, and the domain rule that checks them."""

    fields: tuple[str, ...]
    check: Callable[[dict[str, Any]], Any]

    def clean(self, instance: Any, data: dict[str, Any]) -> dict[str, Any]:
        """The entered values over the stored ones (an update may send only what changes),
        checked; a ValidationError names every field at fault."""
        merged = {field: getattr(instance, field) for field in self.fields} if instance else {}
        merged.update({key: value for key, value in data.items() if key in self.fields})
        try:
            entry = self.check(merged)
        except EntryInvalid as exc:
            raise entry_invalid(exc.problems) from exc
        return {field: getattr(entry, field) for field in self.fields}


_COST = _MoneyEntry(COST_FIELDS, lambda values: check_cost(values, categories=CostCategory.values))
_BENEFIT = _MoneyEntry(BENEFIT_FIELDS, check_benefit)


def _save(actor: Any, row: _Row, *, initiative_id: int) -> _Row:
    as_actor(row, actor).save()
    roi_mark_dirty(initiative_id=initiative_id)
    return row


def _update(actor: Any, row: _Row, entry: _MoneyEntry, data: dict[str, Any]) -> _Row:
    require(can_edit_financials(actor), _finance_only())
    for field, value in entry.clean(row, data).items():
        setattr(row, field, value)
    return _save(actor, row, initiative_id=row.initiative_id)


def _delete(actor: Any, row: CostItem | Benefit) -> None:
    require(can_edit_financials(actor), _finance_only())
    initiative_id = row.initiative_id
    as_actor(row, actor).delete()
    roi_mark_dirty(initiative_id=initiative_id)


@transaction.atomic
def cost_create(*, actor: Any, initiative: Initiative, data: dict[str, Any]) -> CostItem:
    """Book a cost on an initiative."""
    require(can_edit_financials(actor), _finance_only())
    cost = CostItem(initiative=initiative, **_COST.clean(None, data))
    return _save(actor, cost, initiative_id=initiative.pk)


@transaction.atomic
def cost_update(*, actor: Any, cost: CostItem, data: dict[str, Any]) -> CostItem:
    """Change a cost item; the history keeps the previous figures."""
    return _update(actor, cost, _COST, data)


@transaction.atomic
def cost_delete(*, actor: Any, cost: CostItem) -> None:
    """Delete a cost item; it stays in the history."""
    _delete(actor, cost)


@transaction.atomic
def benefit_create(*, actor: Any, initiative: Initiative, data: dict[str, Any]) -> Benefit:
    """Record a direct benefit of an initiative."""
    require(can_edit_financials(actor), _finance_only())
    benefit = Benefit(initiative=initiative, **_BENEFIT.clean(None, data))
    return _save(actor, benefit, initiative_id=initiative.pk)


@transaction.atomic
def benefit_update(*, actor: Any, benefit: Benefit, data: dict[str, Any]) -> Benefit:
    """Change a direct benefit; the history keeps the previous figures."""
    return _update(actor, benefit, _BENEFIT, data)


@transaction.atomic
def benefit_delete(*, actor: Any, benefit: Benefit) -> None:
    """Delete a direct benefit; it stays in the history."""
    _delete(actor, benefit)


@transaction.atomic
def adoption_record(*, actor: Any, department: Department, data: dict[str, Any]) -> AdoptionRecord:
    """Set a department's monthly active users for a month (a second entry replaces the first)."""
    require(can_edit_adoption(actor), _("Your role does not maintain adoption figures."))
    errors = FieldErrors()
    month = errors.check(a_date, "month", data.get("month"))
    active_users = errors.check(whole_number, "active_users", data.get("active_users"))
    errors.raise_if_any()
    assert month is not None
    assert active_users is not None
    record = AdoptionRecord.objects.filter(
        department=department, month=month.replace(day=1)
    ).first()
    if record is None:
        record = AdoptionRecord(department=department, month=month.replace(day=1))
    record.active_users = active_users
    record.note = str(data.get("note") or "")[:300]
    as_actor(record, actor).save()
    return record


@transaction.atomic
def adoption_delete(*, actor: Any, record: AdoptionRecord) -> None:
    """Delete an adoption record; it stays in the history."""
    require(can_edit_adoption(actor), _("Your role does not maintain adoption figures."))
    as_actor(record, actor).delete()
