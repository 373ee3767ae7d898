"""What the governance app tells people about, and how each event reads (core.events).

Services call the `emit_*` helpers inside their transaction; the parameters hold codes, names
and counts only, so the sentence is composed in the reader's language whenever it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.events import (
    Delivery,
    Event,
    EventKind,
    Followable,
    Subject,
    choice_label,
    emit,
    quoted_text,
    register_event_kind,
    register_followable,
)
from core.roles import Cap, has_capability
from governance.choices import ApprovalStatus, ReviewKind
from governance.domain.reviews import ReminderStage
from governance.models import AISystem, ApprovalEvent, ImportRun, Review
from governance.selectors import ai_system_list, own_systems

IMPORT_FINISHED = "governance.import_finished"
APPROVAL_REQUESTED = "governance.approval_requested"
APPROVAL_DECIDED = "governance.approval_decided"
REVIEW_REMINDER = "governance.review_reminder"
QUESTIONNAIRE_ANSWERED = "governance.vendor_questionnaire_answered"

# Reminder stages at or after the due date: the sentence says the review is overdue.
_OVERDUE_STAGES = frozenset({ReminderStage.OVERDUE_7.value, ReminderStage.OVERDUE_30.value})

# The counts of a register import that its sentence names.
_IMPORT_COUNTS = ("added", "changed", "removed", "unchanged")


def describe_import_finished(params: Mapping[str, Any]) -> str:
    """“The register import of “inventory.xlsx” is finished: 3 added, 1 changed, …”."""
    return _(
        "The register import of “%(file)s” is finished: %(added)s added, %(changed)s changed, "
        "%(removed)s removed, %(unchanged)s unchanged."
    ) % {
        "file": params["file"],
        "added": params["added"],
        "changed": params["changed"],
        "removed": params["removed"],
        "unchanged": params["unchanged"],
    }


def describe_approval_requested(params: Mapping[str, Any]) -> str:
    """“Carla asks for approval of the AI system “Letter classifier”.”."""
    return _("%(requester)s asks for approval of the AI system “%(system)s”.") % {
        "requester": params["requester"],
        "system": params["system"],
    }


def describe_approval_decided(params: Mapping[str, Any]) -> str:
    """“Carla decided on the AI system “Letter classifier”: Approved. Grounds: …”."""
    return _(
        "%(decider)s decided on the AI system “%(system)s”: %(outcome)s. Grounds: %(grounds)s"
    ) % {
        "decider": params["decider"],
        "system": params["system"],
        "outcome": choice_label(ApprovalStatus, params["outcome"]),
        "grounds": params["grounds"],
    }


def describe_review_reminder(params: Mapping[str, Any]) -> str:
    """“The compliance review of “System” is due on 2026-12-10.” (or was due and is overdue)."""
    values = {
        "kind": choice_label(ReviewKind, params["kind"]).lower(),
        "system": params["system"],
        "due": params["due"],
    }
    if params["stage"] in _OVERDUE_STAGES:
        return _("The %(kind)s review of “%(system)s” was due on %(due)s and is overdue.") % values
    return _("The %(kind)s review of “%(system)s” is due on %(due)s.") % values


def describe_questionnaire_answered(params: Mapping[str, Any]) -> str:
    """“Jane Doe answered the vendor questionnaire on “Acme – Copilot” for “Chat assistant”.”."""
    return _(
        "%(respondent)s answered the vendor questionnaire on “%(product)s” for “%(evaluation)s”."
    ) % {
        "respondent": params["respondent"],
        "product": params["product"],
        "evaluation": params["evaluation"],
    }


def _system_url(system: AISystem) -> str:
    return reverse("governance:system-detail", args=[system.pk])


def _visible_systems(user: Any) -> Any:
    # As the register pages: only people who read the register follow its entries, and
    # reference entries (other organisations' systems) have no news to follow.
    if not has_capability(user, Cap.VIEW_REGISTER):
        return AISystem.objects.none()
    return own_systems(ai_system_list(user=user))


def subject(system: AISystem) -> Subject:
    """The AI system as an event's subject: its followers and its owner hear of the event."""
    return Subject("governance.aisystem", system.pk, system.owner_id)


def register_kinds() -> None:
    """Tell core.events how this app's events read (called when the app loads)."""
    register_followable(
        Followable(
            "governance.aisystem",
            gettext_lazy("AI system"),
            gettext_lazy("AI systems"),
            visible=_visible_systems,
            url=_system_url,
        )
    )
    # An import is news for whoever waits on it; an approval waits on a person or answers one.
    register_event_kind(
        EventKind(
            IMPORT_FINISHED,
            describe_import_finished,
            gettext_lazy("A register import I started is finished"),
            Delivery.IN_APP,
        )
    )
    register_event_kind(
        EventKind(
            APPROVAL_REQUESTED,
            describe_approval_requested,
            gettext_lazy("Approval of an AI system is requested"),
            Delivery.EMAIL,
        )
    )
    register_event_kind(
        EventKind(
            APPROVAL_DECIDED,
            describe_approval_decided,
            gettext_lazy("Approval of an AI system is decided"),
            Delivery.EMAIL,
        )
    )
    # The reminder stages are e-mailed already (review_reminders_send): in the app only.
    register_event_kind(
        EventKind(
            REVIEW_REMINDER,
            describe_review_reminder,
            gettext_lazy("A review I own is due or overdue"),
            Delivery.IN_APP,
        )
    )
    register_event_kind(
        EventKind(
            QUESTIONNAIRE_ANSWERED,
            describe_questionnaire_answered,
            gettext_lazy("A vendor answered a questionnaire of my evaluation"),
            Delivery.EMAIL,
        )
    )


def emit_import_finished(run: ImportRun, counts: Mapping[str, Any]) -> None:
    """Whoever started the import hears that it is written, with what it did."""
    emit(
        Event(
            kind=IMPORT_FINISHED,
            key=f"register-import:{run.pk}",
            params={
                "import_run_id": run.pk,
                "file": run.filename,
                **{name: int(counts.get(name) or 0) for name in _IMPORT_COUNTS},
            },
            target_url=reverse("governance:import-preview", args=[run.pk]),
            recipient_ids=frozenset({run.created_by_id} if run.created_by_id else ()),
        )
    )


def emit_approval_requested(step: ApprovalEvent) -> None:
    """Everyone who approves register entries hears of a new request."""
    system = step.system
    emit(
        Event(
            kind=APPROVAL_REQUESTED,
            key=f"approval-request:{step.pk}",
            params={
                "system_id": system.pk,
                "system": system.name,
                "requester": str(step.actor) if step.actor else "",
            },
            target_url=reverse("governance:system-detail", args=[system.pk]),
            actor_id=step.actor_id,
            recipient_cap=Cap.APPROVE_REGISTER,
            subjects=(subject(system),),
        )
    )


def _requester_id(system: AISystem) -> int | None:
    """Who last asked for approval of the entry (one query)."""
    return (
        ApprovalEvent.objects.filter(system=system, to_status=ApprovalStatus.SUBMITTED)
        .order_by("-pk")
        .values_list("actor_id", flat=True)
        .first()
    )


def emit_approval_decided(step: ApprovalEvent) -> None:
    """The requester and the system's owner hear the decision and its grounds, once each."""
    system = step.system
    # The owner hears it as the owner of the subject (unless they stopped following it).
    recipients = {_requester_id(system)} - {None}
    emit(
        Event(
            kind=APPROVAL_DECIDED,
            key=f"approval-decision:{step.pk}",
            params={
                "system_id": system.pk,
                "system": system.name,
                "decider": str(step.actor) if step.actor else "",
                "outcome": step.to_status,
                "grounds": quoted_text(step.grounds),
            },
            target_url=reverse("governance:system-detail", args=[system.pk]),
            actor_id=step.actor_id,
            recipient_ids=frozenset(int(pk) for pk in recipients if pk is not None),
            subjects=(subject(system),),
        )
    )


def emit_review_reminder(review: Review, stage: ReminderStage) -> None:
    """The review's owner (or else the system's owner) hears of one reminder stage, once."""
    system = review.system
    person_id = review.owner_id or system.owner_id
    emit(
        Event(
            kind=REVIEW_REMINDER,
            key=f"review-reminder:{review.pk}:{stage.value}",
            params={
                "review_id": review.pk,
                "system_id": system.pk,
                "system": system.name,
                "kind": review.kind,
                "due": review.due_date.isoformat() if review.due_date else "",
                "stage": stage.value,
            },
            target_url=reverse("governance:review-detail", args=[review.pk]),
            recipient_ids=frozenset({person_id} if person_id else ()),
            subjects=(subject(system),),
        )
    )


def emit_questionnaire_answered(questionnaire: Any) -> None:
    """The evaluation's owner, and whoever sent the link, hear that the vendor answered."""
    candidate = questionnaire.candidate
    evaluation = candidate.evaluation
    people = {evaluation.owner_id, questionnaire.created_by_id} - {None}
    emit(
        Event(
            kind=QUESTIONNAIRE_ANSWERED,
            key=f"vendor-questionnaire:{questionnaire.pk}",
            params={
                "questionnaire_id": questionnaire.pk,
                "evaluation_id": evaluation.pk,
                "evaluation": evaluation.title,
                "product": str(candidate.product),
                "respondent": questionnaire.respondent,
            },
            target_url=reverse(
                "governance:candidate-questionnaires", args=[evaluation.pk, candidate.pk]
            ),
            recipient_ids=frozenset(int(pk) for pk in people if pk is not None),
        )
    )
