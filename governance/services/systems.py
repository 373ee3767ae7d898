"""Writes of register entries: create, update, classify and the approval flow.

Material change. An approved entry was approved for what it was; when any of MATERIAL_FIELDS
changes, or its models or data sources change, or a new classification gives other answers or
another class, the entry goes back to "submitted" (not "draft": the compliance officer who made
the change still wants a decision, and nothing is lost by asking for it at once). The step is
recorded as an ApprovalEvent listing the fields, so the history says why approval was withdrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import StateConflict, require
from core.history import as_actor
from governance import events as governance_events
from governance import rules
from governance.choices import ApprovalStatus, EURole, RiskClass
from governance.domain import classification as cls_domain
from governance.models import (
    AIModel,
    AISystem,
    ApprovalEvent,
    Classification,
    DataSource,
    EstateDataSource,
    ITSystem,
)

SYSTEM_FIELDS = (
    "name",
    "purpose",
    "description",
    "owner",
    "data_steward",
    "business_contact",
    "department",
    "organisation",
    "organisation_unit",
    "contact_email",
    "url",
    "status",
    "vendor_record",
    "vendor",
    "deployment",
    "processes_personal_data",
    "controller_contact",
    "dpo_contact",
    "lawful_basis",
    "processing_purposes",
    "data_subject_categories",
    "personal_data_categories",
    "recipients",
    "transfers_outside_eu",
    "transfer_safeguards",
    "retention",
    "security_measures",
    "dpia_required",
    "dpia_done",
    "dpia_url",
    "eu_role",
    "human_oversight",
    "transparency_notes",
)

# What the approval was about: a change to any of these withdraws it (see module docstring).
MATERIAL_FIELDS = frozenset(
    {
        "purpose",
        "vendor_record",
        "vendor",
        "deployment",
        "eu_role",
        "risk_class",
        "processes_personal_data",
        "processing_purposes",
        "data_subject_categories",
        "personal_data_categories",
        "recipients",
        "transfers_outside_eu",
        "human_oversight",
    }
)
MODEL_FIELDS = ("name", "provider", "version", "kind")
DATA_SOURCE_FIELDS = ("name", "personal_data", "special_categories", "quality")

# Which approval step may follow which, and the rule that says who may take it.
_TRANSITIONS: dict[str, tuple[tuple[str, ...], Callable[[Any, AISystem], bool]]] = {
    ApprovalStatus.SUBMITTED: (
        (ApprovalStatus.DRAFT, ApprovalStatus.REJECTED),
        rules.can_edit_system,
    ),
    ApprovalStatus.APPROVED: ((ApprovalStatus.SUBMITTED,), rules.can_approve_system),
    ApprovalStatus.REJECTED: ((ApprovalStatus.SUBMITTED,), rules.can_approve_system),
    ApprovalStatus.DRAFT: (
        (ApprovalStatus.REJECTED, ApprovalStatus.SUBMITTED),
        rules.can_edit_system,
    ),
}


class ApprovalConflict(StateConflict):
    """A step that the current state of the entry, review or import does not allow (409)."""


def _apply_children(
    *,
    actor: Any,
    system: AISystem,
    model: type[AIModel] | type[DataSource],
    fields: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
) -> bool:
    """Make the system's models (or data sources) match `rows`; True when anything changed.

    Rows with an `id` of an existing child update it, rows without one are added, and children
    not mentioned are removed; each write lands in that child's history.
    """
    manager = model.objects.filter(system=system)
    existing = {child.pk: child for child in manager}
    seen: set[int] = set()
    changed = False
    for row in rows:
        pk = row.get("id")
        values = {name: row[name] for name in fields if name in row}
        if pk and pk in existing:
            child = existing[pk]
            seen.add(pk)
            if all(getattr(child, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(child, name, value)
        else:
            child = model(system=system, **values)
        child.full_clean(exclude=["system"])
        as_actor(child, actor).save()
        changed = True
    for pk, child in existing.items():
        if pk not in seen:
            as_actor(child, actor).delete()
            changed = True
    return changed


def _record_step(
    *,
    system: AISystem,
    actor: Any,
    to_status: str,
    grounds: str,
    material_fields: Sequence[str] = (),
) -> ApprovalEvent:
    """Move the entry to another approval status and keep the step."""
    event = ApprovalEvent(
        system=system,
        from_status=system.approval_status,
        to_status=to_status,
        actor=actor if getattr(actor, "pk", None) else None,
        grounds=grounds,
        material_fields=list(material_fields),
    )
    as_actor(event, actor).save()
    system.approval_status = to_status
    if to_status in (ApprovalStatus.APPROVED, ApprovalStatus.REJECTED):
        system.approval_decided_by = event.actor
        system.approval_decided_at = timezone.now()
        system.approval_grounds = grounds
    return event


def _withdraw_if_material(*, system: AISystem, actor: Any, changed: Sequence[str]) -> None:
    """Send an approved entry back for approval after a material change (module docstring)."""
    if system.approval_status != ApprovalStatus.APPROVED or not changed:
        return
    grounds = _("Material change to an approved entry: %(fields)s.") % {
        "fields": ", ".join(changed)
    }
    _record_step(
        system=system,
        actor=actor,
        to_status=ApprovalStatus.SUBMITTED,
        grounds=grounds,
        material_fields=changed,
    )


def _relink_estate(
    *,
    actor: Any,
    system: AISystem,
    current: Iterable[ITSystem | EstateDataSource],
    wanted: Iterable[ITSystem | EstateDataSource] | None,
) -> None:
    """Make the estate entries in `wanted` the ones the system uses (None: leave them).

    The link belongs to the estate entry (its `ai_systems`), so each entry added or removed is
    changed from its own side: its history then records the change and who made it, which a
    change through the AI system's reverse relation would not.
    """
    if wanted is None:
        return
    before = {entry.pk: entry for entry in current}
    after = {entry.pk: entry for entry in wanted}
    for pk in sorted(after.keys() - before.keys()):
        as_actor(after[pk], actor).ai_systems.add(system)
    for pk in sorted(before.keys() - after.keys()):
        as_actor(before[pk], actor).ai_systems.remove(system)


def _link_estate(
    *,
    actor: Any,
    system: AISystem,
    it_systems: Iterable[ITSystem] | None,
    estate_data_sources: Iterable[EstateDataSource] | None,
) -> None:
    """Set the IT systems and estate data sources the AI system uses (those given)."""
    _relink_estate(
        actor=actor,
        system=system,
        current=ITSystem.objects.filter(ai_systems=system),
        wanted=it_systems,
    )
    _relink_estate(
        actor=actor,
        system=system,
        current=EstateDataSource.objects.filter(ai_systems=system),
        wanted=estate_data_sources,
    )


def _save(system: AISystem, actor: Any) -> None:
    system.full_clean(exclude=["initiatives", "source_key"])
    as_actor(system, actor).save()


@transaction.atomic
def ai_system_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] = (),
    models: Iterable[Mapping[str, Any]] = (),
    data_sources: Iterable[Mapping[str, Any]] = (),
    it_systems: Iterable[ITSystem] | None = None,
    estate_data_sources: Iterable[EstateDataSource] | None = None,
) -> AISystem:
    """Add an AI system to the register as a draft, with the estate it builds on."""
    require(rules.can_edit_register(actor), str(rules.EDITORS_ONLY))
    system = AISystem(created_by=actor)
    for name in SYSTEM_FIELDS:
        if name in data:
            setattr(system, name, data[name])
    _save(system, actor)
    system.initiatives.set(list(initiatives))
    _link_estate(
        actor=actor,
        system=system,
        it_systems=it_systems,
        estate_data_sources=estate_data_sources,
    )
    _apply_children(actor=actor, system=system, model=AIModel, fields=MODEL_FIELDS, rows=models)
    _apply_children(
        actor=actor, system=system, model=DataSource, fields=DATA_SOURCE_FIELDS, rows=data_sources
    )
    return system


@transaction.atomic
def ai_system_update(
    *,
    actor: Any,
    system: AISystem,
    data: Mapping[str, Any],
    initiatives: Iterable[Any] | None = None,
    models: Iterable[Mapping[str, Any]] | None = None,
    data_sources: Iterable[Mapping[str, Any]] | None = None,
    it_systems: Iterable[ITSystem] | None = None,
    estate_data_sources: Iterable[EstateDataSource] | None = None,
) -> AISystem:
    """Change an entry; a material change to an approved entry withdraws its approval.

    Which IT systems and data sources of the estate it uses is not a material change: it
    describes the estate, not what was approved.
    """
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    material: list[str] = []
    for name in SYSTEM_FIELDS:
        if name not in data:
            continue
        if getattr(system, name) != data[name] and name in MATERIAL_FIELDS:
            material.append(name)
        setattr(system, name, data[name])
    if initiatives is not None:
        system.initiatives.set(list(initiatives))
    _link_estate(
        actor=actor,
        system=system,
        it_systems=it_systems,
        estate_data_sources=estate_data_sources,
    )
    if models is not None and _apply_children(
        actor=actor, system=system, model=AIModel, fields=MODEL_FIELDS, rows=models
    ):
        material.append("models")
    if data_sources is not None and _apply_children(
        actor=actor,
        system=system,
        model=DataSource,
        fields=DATA_SOURCE_FIELDS,
        rows=data_sources,
    ):
        material.append("data_sources")
    _withdraw_if_material(system=system, actor=actor, changed=material)
    _save(system, actor)
    return system


@transaction.atomic
def ai_system_delete(*, actor: Any, system: AISystem) -> None:
    """Remove an entry that was never approved; approved entries are retired, not deleted."""
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    if system.approval_status == ApprovalStatus.APPROVED:
        raise ApprovalConflict(
            _("An approved entry cannot be deleted; set its status to retired instead.")
        )
    as_actor(system, actor).delete()


@transaction.atomic
def ai_system_classify(
    *, actor: Any, system: AISystem, answers: Mapping[str, bool], role: str
) -> Classification:
    """Classify the system from complete questionnaire answers and keep answers and rationale."""
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    try:
        result = cls_domain.classify(answers, role)
    except cls_domain.InvalidAnswers as exc:
        raise ValidationError({"answers": [str(exc)]}) from exc
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    previous = system.classifications.first()
    record = Classification(
        system=system,
        questionnaire_version=result.questionnaire_version,
        role=result.role.value,
        answers=dict(result.answers),
        risk_class=result.risk_class.value,
        result=result.to_dict(),
        created_by=actor,
    )
    as_actor(record, actor).save()
    material = []
    if system.risk_class != result.risk_class.value:
        material.append("risk_class")
    elif previous is not None and previous.answers != record.answers:
        material.append("classification answers")
    if system.eu_role != result.role.value:
        material.append("eu_role")
    system.risk_class = result.risk_class.value
    system.eu_role = result.role.value
    _withdraw_if_material(system=system, actor=actor, changed=material)
    _save(system, actor)
    from governance.services.reviews import review_schedule_for

    review_schedule_for(actor=actor, system=system)
    return record


@transaction.atomic
def ai_system_adopt(*, actor: Any, system: AISystem) -> AISystem:
    """Make a reference entry (another organisation's system, imported from a public
    inventory) one of the organisation's own, so that the register figures count it."""
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    if not system.is_reference:
        raise ApprovalConflict(_("This entry is already one of the organisation's own."))
    system.is_reference = False
    _save(system, actor)
    return system


def _transition(*, actor: Any, system: AISystem, to_status: str, grounds: str) -> AISystem:
    allowed_from, rule = _TRANSITIONS[to_status]
    require(rule(actor, system), str(rules.APPROVERS_ONLY))
    with transaction.atomic():
        system = AISystem.objects.select_for_update().get(pk=system.pk)
        if system.approval_status not in allowed_from:
            raise ApprovalConflict(
                _("An entry that is %(current)s cannot become %(target)s.")
                % {
                    "current": ApprovalStatus(system.approval_status).label,
                    "target": ApprovalStatus(to_status).label,
                }
            )
        if to_status in (ApprovalStatus.APPROVED, ApprovalStatus.REJECTED) and not grounds.strip():
            raise ValidationError({"grounds": [_("Say on what grounds you decide.")]})
        if to_status == ApprovalStatus.APPROVED and system.risk_class == RiskClass.UNCLASSIFIED:
            raise ApprovalConflict(
                _("Classify the system with the questionnaire before approving it.")
            )
        if to_status == ApprovalStatus.APPROVED and system.risk_class == RiskClass.PROHIBITED:
            raise ApprovalConflict(_("A prohibited practice cannot be approved (AI Act Art. 5)."))
        step = _record_step(
            system=system, actor=actor, to_status=to_status, grounds=grounds.strip()
        )
        _save(system, actor)
        if to_status == ApprovalStatus.SUBMITTED:
            governance_events.emit_approval_requested(step)
        elif to_status in (ApprovalStatus.APPROVED, ApprovalStatus.REJECTED):
            governance_events.emit_approval_decided(step)
    return system


def ai_system_submit(*, actor: Any, system: AISystem, grounds: str = "") -> AISystem:
    """Ask for approval of a draft (or a rejected entry after rework)."""
    return _transition(
        actor=actor, system=system, to_status=ApprovalStatus.SUBMITTED, grounds=grounds
    )


def ai_system_approve(*, actor: Any, system: AISystem, grounds: str) -> AISystem:
    """Approve a submitted entry; compliance officers only, with grounds."""
    return _transition(
        actor=actor, system=system, to_status=ApprovalStatus.APPROVED, grounds=grounds
    )


def ai_system_reject(*, actor: Any, system: AISystem, grounds: str) -> AISystem:
    """Reject a submitted entry; compliance officers only, with grounds."""
    return _transition(
        actor=actor, system=system, to_status=ApprovalStatus.REJECTED, grounds=grounds
    )


def default_role(system: AISystem) -> str:
    """The AI Act role to start the questionnaire with."""
    return system.eu_role or EURole.DEPLOYER
