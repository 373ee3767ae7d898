"""Writes of the estate: IT systems, data sources and infrastructure checks.

Derived values (a data source's overall quality, a check's result) come from
governance.domain.estate, never from the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from governance import rules
from governance.domain import estate as estate_domain
from governance.models import EstateDataSource, InfrastructureCheck, ITSystem

IT_SYSTEM_FIELDS = (
    "name",
    "kind",
    "owner",
    "hosting",
    "api_access",
    "readiness",
    "readiness_reasons",
    "notes",
)
DATA_SOURCE_FIELDS = (
    "name",
    "description",
    "owner",
    "it_system",
    "completeness",
    "timeliness",
    "consistency",
    "personal_data",
    "special_categories",
    "integration_tasks",
    "notes",
)
CHECK_QUESTIONS = (
    "structured_databases_with_apis",
    "stable_cloud_connectivity",
    "modern_web_services",
    "current_backup_and_security",
)
MAX_INTEGRATION_TASKS = 50


def _rating_error(exc: estate_domain.InvalidRating) -> ValidationError:
    if exc.value is None or exc.value == "":
        return ValidationError({exc.field: [_("Choose a rating from 1 to 5.")]})
    message = _("Choose a rating from 1 to 5; %(value)s is not one.") % {"value": exc.value}
    return ValidationError({exc.field: [message]})


def _tasks(value: Any) -> list[str]:
    """Integration tasks as a clean list: trimmed, without empty or repeated items."""
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValidationError({"integration_tasks": [_("Give the tasks as a list of texts.")]})
    tasks: list[str] = []
    for item in value:
        text = " ".join(item.split())
        if text and text not in tasks:
            tasks.append(text)
    if len(tasks) > MAX_INTEGRATION_TASKS:
        raise ValidationError(
            {
                "integration_tasks": [
                    _("At most %(n)s integration tasks per data source.")
                    % {"n": MAX_INTEGRATION_TASKS}
                ]
            }
        )
    if any(len(task) > 300 for task in tasks):
        raise ValidationError({"integration_tasks": [_("Keep each task under 300 characters.")]})
    return tasks


def _link(
    entry: Any, *, initiatives: Iterable[Any] | None, ai_systems: Iterable[Any] | None
) -> None:
    """Replace the entry's links that were given (None leaves them as they are)."""
    if initiatives is not None:
        entry.initiatives.set(list(initiatives))
    if ai_systems is not None:
        entry.ai_systems.set(list(ai_systems))


def _save_it_system(
    system: ITSystem,
    *,
    actor: Any,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None,
    ai_systems: Iterable[Any] | None,
) -> ITSystem:
    for name in IT_SYSTEM_FIELDS:
        if name in data:
            setattr(system, name, data[name])
    try:
        estate_domain.check_rating(system.readiness, "readiness")
    except estate_domain.InvalidRating as exc:
        raise _rating_error(exc) from exc
    system.full_clean(exclude=["initiatives", "ai_systems"])
    as_actor(system, actor)
    # A new row is saved before it can be linked; a changed one is linked first, so that the
    # save's history record holds the new links along with the new fields.
    if system.pk is None:
        system.save()
        _link(system, initiatives=initiatives, ai_systems=ai_systems)
    else:
        _link(system, initiatives=initiatives, ai_systems=ai_systems)
        system.save()
    return system


@transaction.atomic
def it_system_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None = None,
    ai_systems: Iterable[Any] | None = None,
) -> ITSystem:
    """Add an IT system to the estate with its readiness rating."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    return _save_it_system(
        ITSystem(), actor=actor, data=data, initiatives=initiatives, ai_systems=ai_systems
    )


@transaction.atomic
def it_system_update(
    *,
    actor: Any,
    it_system: ITSystem,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None = None,
    ai_systems: Iterable[Any] | None = None,
) -> ITSystem:
    """Change an IT system, its rating or what uses it."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    locked = ITSystem.objects.select_for_update().get(pk=it_system.pk)
    return _save_it_system(
        locked, actor=actor, data=data, initiatives=initiatives, ai_systems=ai_systems
    )


@transaction.atomic
def it_system_delete(*, actor: Any, it_system: ITSystem) -> None:
    """Remove an IT system entered by mistake; its data sources stay, without a system."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    as_actor(it_system, actor).delete()


def _save_data_source(
    source: EstateDataSource,
    *,
    actor: Any,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None,
    ai_systems: Iterable[Any] | None,
) -> EstateDataSource:
    for name in DATA_SOURCE_FIELDS:
        if name in data:
            setattr(source, name, data[name])
    source.integration_tasks = _tasks(source.integration_tasks)
    try:
        source.quality = estate_domain.data_quality(
            source.completeness, source.timeliness, source.consistency
        )
    except estate_domain.InvalidRating as exc:
        raise _rating_error(exc) from exc
    if source.special_categories and not source.personal_data:
        # Art. 9 data is personal data; a flag on its own would make the GDPR view undercount.
        source.personal_data = True
    source.full_clean(exclude=["initiatives", "ai_systems"])
    as_actor(source, actor)
    # A new row is saved before it can be linked; a changed one is linked first, so that the
    # save's history record holds the new links along with the new fields.
    if source.pk is None:
        source.save()
        _link(source, initiatives=initiatives, ai_systems=ai_systems)
    else:
        _link(source, initiatives=initiatives, ai_systems=ai_systems)
        source.save()
    return source


@transaction.atomic
def estate_data_source_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None = None,
    ai_systems: Iterable[Any] | None = None,
) -> EstateDataSource:
    """Add a data source with its quality ratings; the overall quality is derived."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    return _save_data_source(
        EstateDataSource(), actor=actor, data=data, initiatives=initiatives, ai_systems=ai_systems
    )


@transaction.atomic
def estate_data_source_update(
    *,
    actor: Any,
    data_source: EstateDataSource,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None = None,
    ai_systems: Iterable[Any] | None = None,
) -> EstateDataSource:
    """Change a data source and re-derive its overall quality."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    locked = EstateDataSource.objects.select_for_update().get(pk=data_source.pk)
    return _save_data_source(
        locked, actor=actor, data=data, initiatives=initiatives, ai_systems=ai_systems
    )


@transaction.atomic
def estate_data_source_delete(*, actor: Any, data_source: EstateDataSource) -> None:
    """Remove a data source entered by mistake."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    as_actor(data_source, actor).delete()


@transaction.atomic
def infrastructure_check_record(
    *, actor: Any, answers: Mapping[str, bool], notes: str = ""
) -> InfrastructureCheck:
    """Keep one infrastructure check, dated, with its answers and result; earlier ones stay."""
    require(rules.can_edit_estate(actor), str(rules.ESTATE_EDITORS_ONLY))
    missing = [name for name in CHECK_QUESTIONS if not isinstance(answers.get(name), bool)]
    if missing:
        raise ValidationError({key: [_("Answer yes or no.")] for key in missing})
    given = estate_domain.InfrastructureAnswers(**{name: answers[name] for name in CHECK_QUESTIONS})
    result = estate_domain.infrastructure_result(given)
    check = InfrastructureCheck(
        **{name: answers[name] for name in CHECK_QUESTIONS},
        yes_count=result.yes_count,
        ready=result.ready,
        notes=notes,
        checked_by=actor,
    )
    check.full_clean()
    check.save()
    return check
