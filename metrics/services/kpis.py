"""Writes for KPIs and measurements: validate, check who may, save with history, recompute ROI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import require
from core.history import as_actor
from initiatives.models import Initiative
from metrics.choices import Direction, Frequency, KpiCategory, KpiKind, MeasurementSource
from metrics.domain.entries import a_date, kpi_value, money, not_in_future
from metrics.domain.kpi import Kpi as DomainKpi
from metrics.models import Kpi, Measurement
from metrics.rules import can_change_measurement, can_log_measurements, can_manage_kpis
from metrics.services.field_errors import FieldErrors
from metrics.services.roi import roi_mark_dirty

KPI_FIELDS = (
    "name",
    "description",
    "kind",
    "category",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "frequency",
    "owner",
    "value_per_unit",
)
MEASUREMENT_FIELDS = ("value", "measured_on", "note")
# Why a SMART KPI cannot go without these, as the KPI form and this service say it.
KPI_REQUIRED_MESSAGES = {
    "baseline_value": gettext_lazy(
        "Enter the baseline: without a starting value, progress cannot be measured."
    ),
    "baseline_date": gettext_lazy("Enter the date the baseline was measured."),
    "target_date": gettext_lazy("Enter a target date: a SMART goal says by when it is reached."),
    "target_value": gettext_lazy("Enter the target value the initiative aims for."),
}


def _choice(errors: FieldErrors, field: str, value: Any, choices: Any) -> str | None:
    """Validate a value against a TextChoices class."""
    if value in (None, ""):
        errors.add(field, _("Choose one."))
        return None
    if value not in choices.values:
        errors.add(field, _("%(value)s is not one of the choices.") % {"value": value})
        return None
    return str(value)


def _clean_kpi(data: dict[str, Any], instance: Kpi | None) -> dict[str, Any]:
    """Validate KPI fields (missing ones keep the instance's values) and return clean values."""
    merged = {field: getattr(instance, field) for field in KPI_FIELDS} if instance else {}
    merged.update({key: value for key, value in data.items() if key in KPI_FIELDS})
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    name = str(merged.get("name") or "").strip()
    if not name:
        errors.add("name", _("Give the KPI a name."))
    clean["name"] = name
    clean["description"] = str(merged.get("description") or "")
    clean["kind"] = (
        _choice(errors, "kind", merged.get("kind") or KpiKind.OPERATIONAL, KpiKind)
        or KpiKind.OPERATIONAL
    )
    clean["category"] = _choice(errors, "category", merged.get("category"), KpiCategory)
    unit = str(merged.get("unit") or "").strip()
    if not unit:
        errors.add("unit", _("Say what the KPI is measured in, for example minutes or %."))
    clean["unit"] = unit
    clean["direction"] = _choice(errors, "direction", merged.get("direction"), Direction)
    clean["frequency"] = _choice(errors, "frequency", merged.get("frequency"), Frequency)
    clean["baseline_value"] = errors.check(
        kpi_value, "baseline_value", merged.get("baseline_value")
    )
    if "baseline_value" in errors and merged.get("baseline_value") in (None, ""):
        errors.messages["baseline_value"] = [str(KPI_REQUIRED_MESSAGES["baseline_value"])]
    clean["baseline_date"] = errors.check(a_date, "baseline_date", merged.get("baseline_date"))
    clean["target_value"] = errors.check(kpi_value, "target_value", merged.get("target_value"))
    clean["target_date"] = errors.check(a_date, "target_date", merged.get("target_date"))
    if "target_date" in errors and merged.get("target_date") in (None, ""):
        errors.messages["target_date"] = [str(KPI_REQUIRED_MESSAGES["target_date"])]
    clean["value_per_unit"] = errors.check(
        money, "value_per_unit", merged.get("value_per_unit"), required=False
    )
    clean["owner"] = merged.get("owner")
    errors.raise_if_any()
    if clean["target_date"] <= clean["baseline_date"]:
        errors.add("target_date", _("The target date must be after the baseline date."))
    elif clean["direction"] == Direction.HIGHER and clean["target_value"] < clean["baseline_value"]:
        errors.add(
            "target_value", _("Higher is better, so the target must not be below the baseline.")
        )
    elif clean["direction"] == Direction.LOWER and clean["target_value"] > clean["baseline_value"]:
        errors.add(
            "target_value", _("Lower is better, so the target must not be above the baseline.")
        )
    errors.raise_if_any()
    # The domain has the final word on what a consistent KPI is.
    DomainKpi(
        direction=clean["direction"],
        baseline_value=clean["baseline_value"],
        baseline_date=clean["baseline_date"],
        target_value=clean["target_value"],
        target_date=clean["target_date"],
        frequency=clean["frequency"],
        value_per_unit=clean["value_per_unit"],
    )
    return clean


@transaction.atomic
def kpi_create(*, actor: Any, initiative: Initiative, data: dict[str, Any]) -> Kpi:
    """Define a KPI for an initiative the actor works on."""
    require(can_manage_kpis(actor, initiative), _("Only the initiative's team defines its KPIs."))
    clean = _clean_kpi(data, None)
    clean["owner"] = clean["owner"] or actor
    kpi = Kpi(initiative=initiative, **clean)
    as_actor(kpi, actor).save()
    roi_mark_dirty(initiative_id=initiative.pk)
    return kpi


@transaction.atomic
def kpi_update(*, actor: Any, kpi: Kpi, data: dict[str, Any]) -> Kpi:
    """Change a KPI's definition; the history keeps the previous one."""
    require(
        can_manage_kpis(actor, kpi.initiative), _("Only the initiative's team changes its KPIs.")
    )
    for field, value in _clean_kpi(data, kpi).items():
        setattr(kpi, field, value)
    as_actor(kpi, actor).save()
    roi_mark_dirty(initiative_id=kpi.initiative_id)
    return kpi


@transaction.atomic
def kpi_delete(*, actor: Any, kpi: Kpi) -> None:
    """Delete a KPI with its measurements; both stay in the history."""
    require(
        can_manage_kpis(actor, kpi.initiative), _("Only the initiative's team deletes its KPIs.")
    )
    initiative_id = kpi.initiative_id
    for measurement in kpi.measurements.all():
        as_actor(measurement, actor).delete()
    as_actor(kpi, actor).delete()
    roi_mark_dirty(initiative_id=initiative_id)


def _clean_measurement(
    data: dict[str, Any], kpi: Kpi, instance: Measurement | None
) -> dict[str, Any]:
    """Validate value, date and note of a measurement of kpi."""
    errors = FieldErrors()
    value = errors.check(kpi_value, "value", data.get("value"))
    measured_on = errors.check(a_date, "measured_on", data.get("measured_on"))
    errors.check(not_in_future, "measured_on", measured_on, today=timezone.localdate())
    note = str(data.get("note") or "")
    if len(note) > 500:
        errors.add("note", _("Keep the note under 500 characters."))
    if measured_on is not None and "measured_on" not in errors:
        clash = Measurement.objects.filter(kpi=kpi, measured_on=measured_on)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors.add(
                "measured_on",
                _("This KPI already has a measurement on %(day)s; edit that one instead.")
                % {"day": measured_on.isoformat()},
            )
    errors.raise_if_any()
    return {"value": value, "measured_on": measured_on, "note": note}


def kpi_refresh_latest(*, kpi_ids: Iterable[int]) -> None:
    """Store each KPI's latest measurement, its date and the count, in one UPDATE.

    Every write of measurements (form, API, import) calls this in its transaction, so lists and
    panels read three columns instead of scanning millions of measurements.
    """
    ids = list(kpi_ids)
    if not ids:
        return
    latest = Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-measured_on", "-id")
    count = (
        Measurement.objects.filter(kpi=OuterRef("pk"))
        .order_by()
        .values("kpi")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Kpi.objects.filter(pk__in=ids).update(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
        measurement_count=Coalesce(Subquery(count[:1]), Value(0)),
    )


def _save_or_duplicate(measurement: Measurement) -> None:
    """Save, turning a same-day race into the same field error as the check before it."""
    from django.core.exceptions import ValidationError

    try:
        with transaction.atomic():
            measurement.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"measured_on": [_("This KPI already has a measurement on that date.")]}
        ) from exc


@transaction.atomic
def measurement_create(
    *, actor: Any, kpi: Kpi, data: dict[str, Any], source: str = MeasurementSource.BROWSER
) -> Measurement:
    """Log one value of a KPI of an initiative the actor works on."""
    require(
        can_log_measurements(actor, kpi.initiative),
        _("Only the initiative's team logs its measurements."),
    )
    measurement = Measurement(
        kpi=kpi, logged_by=actor, source=source, **_clean_measurement(data, kpi, None)
    )
    _save_or_duplicate(as_actor(measurement, actor))
    kpi_refresh_latest(kpi_ids=[kpi.pk])
    roi_mark_dirty(initiative_id=kpi.initiative_id)
    return measurement


@transaction.atomic
def measurement_update(
    *, actor: Any, measurement: Measurement, data: dict[str, Any]
) -> Measurement:
    """Correct one's own measurement; the history keeps the old value."""
    require(
        can_change_measurement(actor, measurement), _("Only who logged a measurement changes it.")
    )
    merged = {
        "value": measurement.value,
        "measured_on": measurement.measured_on,
        "note": measurement.note,
        **data,
    }
    for field, value in _clean_measurement(merged, measurement.kpi, measurement).items():
        setattr(measurement, field, value)
    _save_or_duplicate(as_actor(measurement, actor))
    kpi_refresh_latest(kpi_ids=[measurement.kpi_id])
    roi_mark_dirty(initiative_id=measurement.kpi.initiative_id)
    return measurement


@transaction.atomic
def measurement_delete(*, actor: Any, measurement: Measurement) -> None:
    """Delete one's own measurement; it stays in the history."""
    require(
        can_change_measurement(actor, measurement), _("Only who logged a measurement deletes it.")
    )
    initiative_id, kpi_id = measurement.kpi.initiative_id, measurement.kpi_id
    as_actor(measurement, actor).delete()
    kpi_refresh_latest(kpi_ids=[kpi_id])
    roi_mark_dirty(initiative_id=initiative_id)
