"""Writes of the people app: persons with their skills, training plans, literacy measures.

Every write checks the actor (people.rules), validates, saves in one transaction and records who
made the change in the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import require
from core.history import as_actor
from people import domain, rules
from people.choices import Skill
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan

PERSON_FIELDS = (
    "user",
    "name",
    "email",
    "job_title",
    "department",
    "is_champion",
    "champion_note",
)
TRAINING_FIELDS = (
    "person",
    "title",
    "provider",
    "budget",
    "starts_on",
    "ends_on",
    "status",
    "notes",
)
MEASURE_FIELDS = (
    "user_group",
    "learning_objective",
    "kind",
    "evidence",
    "evidence_url",
    "refresh_months",
    "given_on",
)


def _require_editor(actor: Any) -> None:
    require(rules.can_edit_people(actor), str(rules.EDITORS_ONLY))


def _require_training_editor(actor: Any) -> None:
    require(rules.can_edit_training(actor), str(rules.TRAINING_EDITORS_ONLY))


def _clean_skills(skills: Mapping[str, Any]) -> dict[str, int | None]:
    """Skill code -> level (None removes the skill); unknown codes or levels are field errors."""
    cleaned: dict[str, int | None] = {}
    errors: dict[str, list[str]] = {}
    for code, level in skills.items():
        if code not in Skill.values:
            errors.setdefault("skills", []).append(
                _("%(code)s is not a skill of the competence map.") % {"code": code}
            )
            continue
        if level in (None, "", 0):
            cleaned[code] = None
            continue
        try:
            cleaned[code] = domain.check_level(level)
        except domain.InvalidLevel:
            errors[f"skill_{code}"] = [
                _("Choose a level from 1 (aware) to 4 (expert); %(value)s is not one.")
                % {"value": level}
            ]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save_skills(person: Person, *, actor: Any, skills: Mapping[str, int | None]) -> None:
    existing = {row.skill: row for row in person.skills.all()}
    for code, level in skills.items():
        row = existing.get(code)
        if level is None:
            if row is not None:
                as_actor(row, actor).delete()
        elif row is None:
            as_actor(PersonSkill(person=person, skill=code, level=level), actor).save()
        elif row.level != level:
            row.level = level
            as_actor(row, actor).save()


def _save_person(
    person: Person, *, actor: Any, data: Mapping[str, Any], skills: Mapping[str, Any] | None
) -> Person:
    cleaned_skills = _clean_skills(skills) if skills is not None else None
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    person.name = " ".join((person.name or "").split())
    if not person.name and person.user is not None:
        # A person with an account is named as the account is, unless named otherwise.
        person.name = person.user.get_full_name() or person.user.get_username()
    if not person.email and person.user is not None:
        person.email = person.user.email
    if not person.is_champion:
        person.champion_note = person.champion_note.strip()
    person.full_clean()
    as_actor(person, actor).save()
    if cleaned_skills is not None:
        _save_skills(person, actor=actor, skills=cleaned_skills)
    return person


@transaction.atomic
def person_create(
    *, actor: Any, data: Mapping[str, Any], skills: Mapping[str, Any] | None = None
) -> Person:
    """Add a person to the competence map, with their skills."""
    _require_editor(actor)
    return _save_person(Person(), actor=actor, data=data, skills=skills)


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    data: Mapping[str, Any],
    skills: Mapping[str, Any] | None = None,
) -> Person:
    """Change a person and their skills (a skill without a level is removed)."""
    _require_editor(actor)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    return _save_person(locked, actor=actor, data=data, skills=skills)


@transaction.atomic
def person_delete(*, actor: Any, person: Person) -> None:
    """Remove a person entered by mistake, with their skills and training plans."""
    _require_editor(actor)
    # Training plans carry budgets: only those who keep them may remove them with the person.
    if person.training_plans.exists():
        _require_training_editor(actor)
    as_actor(person, actor).delete()


def _save_plan(plan: TrainingPlan, *, actor: Any, data: Mapping[str, Any]) -> TrainingPlan:
    for name in TRAINING_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise ValidationError({"ends_on": [_("The planned end cannot be before the start.")]})
    plan.full_clean()
    as_actor(plan, actor).save()
    return plan


@transaction.atomic
def training_plan_create(*, actor: Any, data: Mapping[str, Any]) -> TrainingPlan:
    """Plan a course or measure for a person, with its budget."""
    _require_training_editor(actor)
    return _save_plan(TrainingPlan(), actor=actor, data=data)


@transaction.atomic
def training_plan_update(
    *, actor: Any, plan: TrainingPlan, data: Mapping[str, Any]
) -> TrainingPlan:
    """Change a training plan: its budget, dates or status."""
    _require_training_editor(actor)
    locked = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    return _save_plan(locked, actor=actor, data=data)


@transaction.atomic
def training_plan_delete(*, actor: Any, plan: TrainingPlan) -> None:
    """Remove a training plan entered by mistake (a dropped one is better cancelled)."""
    _require_training_editor(actor)
    as_actor(plan, actor).delete()


def _save_measure(
    measure: LiteracyMeasure,
    *,
    actor: Any,
    data: Mapping[str, Any],
    participants: Iterable[Person] | None,
) -> LiteracyMeasure:
    for name in MEASURE_FIELDS:
        if name in data:
            setattr(measure, name, data[name])
    if not (measure.evidence or "").strip() and not measure.evidence_url:
        # Art. 4 asks for a record of what was done; the record is the evidence.
        raise ValidationError({"evidence": [_("Describe the evidence or give a link to it.")]})
    measure.full_clean(exclude=["participants"])
    as_actor(measure, actor).save()
    if participants is not None:
        measure.participants.set(list(participants))
    return measure


@transaction.atomic
def literacy_measure_create(
    *, actor: Any, data: Mapping[str, Any], participants: Iterable[Person] | None = None
) -> LiteracyMeasure:
    """Record an AI-literacy measure given to a user group, with who took part."""
    _require_editor(actor)
    return _save_measure(LiteracyMeasure(), actor=actor, data=data, participants=participants)


@transaction.atomic
def literacy_measure_update(
    *,
    actor: Any,
    measure: LiteracyMeasure,
    data: Mapping[str, Any],
    participants: Iterable[Person] | None = None,
) -> LiteracyMeasure:
    """Change a literacy measure or who took part."""
    _require_editor(actor)
    locked = LiteracyMeasure.objects.select_for_update().get(pk=measure.pk)
    return _save_measure(locked, actor=actor, data=data, participants=participants)


@transaction.atomic
def literacy_measure_delete(*, actor: Any, measure: LiteracyMeasure) -> None:
    """Remove a literacy measure recorded by mistake."""
    _require_editor(actor)
    as_actor(measure, actor).delete()


@transaction.atomic
def person_skill_delete(*, actor: Any, skill: PersonSkill) -> None:
    """Remove one skill recorded by mistake from a person."""
    _require_editor(actor)
    as_actor(skill, actor).delete()
