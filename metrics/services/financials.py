"""Writes for costs, direct benefits and adoption figures (finance and adoption owners only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from initiatives.models import Department, Initiative
from metrics.choices import CostCategory, CostKind
from metrics.models import AdoptionRecord, Benefit, CostItem
from metrics.rules import can_edit_adoption, can_edit_financials
from metrics.services.roi import roi_mark_dirty
from metrics.services.validation import Errors, a_date, money, whole_number


def _finance_only() -> str:
    """The reason shown when someone other than finance tries to change money."""
    return _("Only finance changes costs and benefits.")


def _clean_cost(data: dict[str, Any], instance: CostItem | None) -> dict[str, Any]:
    """Validate a cost item: amount, kind, category and dates that fit the kind."""
    fields = ("kind", "category", "description", "amount", "start_date", "end_date")
    merged = {field: getattr(instance, field) for field in fields} if instance else {}
    merged.update({key: value for key, value in data.items() if key in fields})
    errors = Errors()
    kind = merged.get("kind")
    if kind not in CostKind.values:
        errors.add("kind", _("Choose one-time or recurring."))
    category = merged.get("category")
    if category not in CostCategory.values:
        errors.add("category", _("Choose a category."))
    amount = money(errors, "amount", merged.get("amount"))
    start = a_date(errors, "start_date", merged.get("start_date"))
    end = a_date(errors, "end_date", merged.get("end_date"), required=False)
    if kind == CostKind.RECURRING:
        if end is None and "end_date" not in errors:
            errors.add(
                "end_date",
                _("A recurring cost needs an end date; enter the end of the contract or budget."),
            )
        elif start is not None and end is not None and end < start:
            errors.add("end_date", _("The end date must not be before the start date."))
    elif kind == CostKind.ONE_TIME and end is not None:
        errors.add("end_date", _("A one-time cost has one date; leave the end empty."))
    description = str(merged.get("description") or "")
    if len(description) > 200:
        errors.add("description", _("Keep the description under 200 characters."))
    errors.raise_if_any()
    return {
        "kind": kind,
        "category": category,
        "description": description,
        "amount": amount,
        "start_date": start,
        "end_date": end,
    }


@transaction.atomic
def cost_create(*, actor: Any, initiative: Initiative, data: dict[str, Any]) -> CostItem:
    """Book a cost on an initiative."""
    require(can_edit_financials(actor), _finance_only())
    cost = CostItem(initiative=initiative, **_clean_cost(data, None))
    as_actor(cost, actor).save()
    roi_mark_dirty(initiative_id=initiative.pk)
    return cost


@transaction.atomic
def cost_update(*, actor: Any, cost: CostItem, data: dict[str, Any]) -> CostItem:
    """Change a cost item; the history keeps the previous figures."""
    require(can_edit_financials(actor), _finance_only())
    for field, value in _clean_cost(data, cost).items():
        setattr(cost, field, value)
    as_actor(cost, actor).save()
    roi_mark_dirty(initiative_id=cost.initiative_id)
    return cost


@transaction.atomic
def cost_delete(*, actor: Any, cost: CostItem) -> None:
    """Delete a cost item; it stays in the history."""
    require(can_edit_financials(actor), _finance_only())
    initiative_id = cost.initiative_id
    as_actor(cost, actor).delete()
    roi_mark_dirty(initiative_id=initiative_id)


def _clean_benefit(data: dict[str, Any], instance: Benefit | None) -> dict[str, Any]:
    """Validate a direct benefit: description, amount, a date or an ordered range."""
    fields = ("description", "amount", "start_date", "end_date")
    merged = {field: getattr(instance, field) for field in fields} if instance else {}
    merged.update({key: value for key, value in data.items() if key in fields})
    errors = Errors()
    description = str(merged.get("description") or "").strip()
    if not description:
        errors.add("description", _("Say what the benefit is, for example avoided agency costs."))
    elif len(description) > 200:
        errors.add("description", _("Keep the description under 200 characters."))
    amount = money(errors, "amount", merged.get("amount"))
    start = a_date(errors, "start_date", merged.get("start_date"))
    end = a_date(errors, "end_date", merged.get("end_date"), required=False)
    if start is not None and end is not None and end < start:
        errors.add("end_date", _("The end date must not be before the start date."))
    errors.raise_if_any()
    return {"description": description, "amount": amount, "start_date": start, "end_date": end}


@transaction.atomic
def benefit_create(*, actor: Any, initiative: Initiative, data: dict[str, Any]) -> Benefit:
    """Record a direct benefit of an initiative."""
    require(can_edit_financials(actor), _finance_only())
    benefit = Benefit(initiative=initiative, **_clean_benefit(data, None))
    as_actor(benefit, actor).save()
    roi_mark_dirty(initiative_id=initiative.pk)
    return benefit


@transaction.atomic
def benefit_update(*, actor: Any, benefit: Benefit, data: dict[str, Any]) -> Benefit:
    """Change a direct benefit; the history keeps the previous figures."""
    require(can_edit_financials(actor), _finance_only())
    for field, value in _clean_benefit(data, benefit).items():
        setattr(benefit, field, value)
    as_actor(benefit, actor).save()
    roi_mark_dirty(initiative_id=benefit.initiative_id)
    return benefit


@transaction.atomic
def benefit_delete(*, actor: Any, benefit: Benefit) -> None:
    """Delete a direct benefit; it stays in the history."""
    require(can_edit_financials(actor), _finance_only())
    initiative_id = benefit.initiative_id
    as_actor(benefit, actor).delete()
    roi_mark_dirty(initiative_id=initiative_id)


@transaction.atomic
def adoption_record(*, actor: Any, department: Department, data: dict[str, Any]) -> AdoptionRecord:
    """Set a department's monthly active users for a month (a second entry replaces the first)."""
    require(can_edit_adoption(actor), _("Your role does not maintain adoption figures."))
    errors = Errors()
    month = a_date(errors, "month", data.get("month"))
    active_users = whole_number(errors, "active_users", data.get("active_users"))
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
