"""What the initiatives app tells people about, and how each event reads (core.events).

Services call the `emit_*` helpers inside their transaction; the parameters hold codes and
names only, so the sentence is composed in the reader's language whenever it is shown.
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
from core.roles import Cap
from initiatives.choices import GateOutcome, Stage
from initiatives.models import GateDecision, GateRequest, Initiative, StageChange
from initiatives.selectors import initiative_list

GATE_REQUESTED = "initiatives.gate_requested"
GATE_DECIDED = "initiatives.gate_decided"
STAGE_CHANGED = "initiatives.stage_changed"


def describe_gate_requested(params: Mapping[str, Any]) -> str:
    """“Tara asks for a stage-gate decision on “Invoice bot”: …”."""
    return _("%(requester)s asks for a stage-gate decision on “%(initiative)s”: %(note)s") % {
        "requester": params["requester"],
        "initiative": params["initiative"],
        "note": params["note"],
    }


def describe_gate_decided(params: Mapping[str, Any]) -> str:
    """“Lena decided the stage gate of “Invoice bot”: Go: scale. Rationale: …”."""
    return _(
        "%(decider)s decided the stage gate of “%(initiative)s”: %(outcome)s. "
        "Rationale: %(rationale)s"
    ) % {
        "decider": params["decider"],
        "initiative": params["initiative"],
        "outcome": choice_label(GateOutcome, params["outcome"]),
        "rationale": params["rationale"],
    }


def describe_stage_changed(params: Mapping[str, Any]) -> str:
    """“Tom moved “Invoice bot” from Pilot to On hold: …”."""
    return _("%(actor)s moved “%(initiative)s” from %(from_stage)s to %(to_stage)s: %(reason)s") % {
        "actor": params["actor"],
        "initiative": params["initiative"],
        "from_stage": choice_label(Stage, params["from_stage"]),
        "to_stage": choice_label(Stage, params["to_stage"]),
        "reason": params["reason"],
    }


def _initiative_url(initiative: Initiative) -> str:
    return reverse("initiatives:initiative-detail", args=[initiative.pk])


def _visible_initiatives(user: Any) -> Any:
    return initiative_list(user=user)


def subject(initiative: Initiative) -> Subject:
    """The initiative as an event's subject: its followers and its owner hear of the event."""
    return Subject("initiatives.initiative", initiative.pk, initiative.owner_id)


def register_kinds() -> None:
    """Tell core.events how this app's events read (called when the app loads)."""
    register_followable(
        Followable(
            "initiatives.initiative",
            gettext_lazy("Initiative"),
            gettext_lazy("Initiatives"),
            visible=_visible_initiatives,
            url=_initiative_url,
        )
    )
    # A gate request waits on a person and a decision answers one: both go out at once;
    # stage changes are news, read in the daily digest.
    register_event_kind(
        EventKind(
            GATE_REQUESTED,
            describe_gate_requested,
            gettext_lazy("A stage-gate decision is requested"),
            Delivery.EMAIL,
        )
    )
    register_event_kind(
        EventKind(
            GATE_DECIDED,
            describe_gate_decided,
            gettext_lazy("A stage gate is decided"),
            Delivery.EMAIL,
        )
    )
    register_event_kind(
        EventKind(
            STAGE_CHANGED,
            describe_stage_changed,
            gettext_lazy("An initiative changes stage"),
            Delivery.DIGEST,
        )
    )


def member_ids(initiative: Initiative) -> frozenset[int]:
    """The members of an initiative (one query). Its owner hears of it as the owner of the
    event's subject, and stops hearing if they choose to stop following it."""
    members = initiative.members.through.objects.filter(initiative_id=initiative.pk)
    return frozenset(members.values_list("user_id", flat=True))


def emit_gate_requested(request: GateRequest) -> None:
    """Everyone who decides stage gates hears of a new request."""
    initiative = request.initiative
    emit(
        Event(
            kind=GATE_REQUESTED,
            key=f"gate-request:{request.pk}",
            params={
                "initiative_id": initiative.pk,
                "initiative": initiative.title,
                "requester": str(request.requested_by),
                "note": quoted_text(request.note),
            },
            target_url=reverse("initiatives:gate-decision", args=[initiative.pk]),
            actor_id=request.requested_by_id,
            recipient_cap=Cap.DECIDE_GATES,
            subjects=(subject(initiative),),
        )
    )


def emit_gate_decided(decision: GateDecision, request: GateRequest | None) -> None:
    """The requester and the team hear the decision and its rationale, once each."""
    initiative = decision.initiative
    recipients = set(member_ids(initiative))
    if request is not None:
        recipients.add(request.requested_by_id)
    emit(
        Event(
            kind=GATE_DECIDED,
            key=f"gate-decision:{decision.pk}",
            params={
                "initiative_id": initiative.pk,
                "initiative": initiative.title,
                "decider": str(decision.decided_by),
                "outcome": decision.outcome,
                "rationale": quoted_text(decision.rationale),
            },
            target_url=reverse("initiatives:initiative-detail", args=[initiative.pk]),
            actor_id=decision.decided_by_id,
            recipient_ids=frozenset(recipients),
            subjects=(subject(initiative),),
        )
    )


def emit_stage_changed(change: StageChange) -> None:
    """The team hears that its initiative moved, except whoever moved it."""
    initiative = change.initiative
    emit(
        Event(
            kind=STAGE_CHANGED,
            key=f"stage-change:{change.pk}",
            params={
                "initiative_id": initiative.pk,
                "initiative": initiative.title,
                "actor": str(change.actor),
                "from_stage": change.from_stage,
                "to_stage": change.to_stage,
                "reason": quoted_text(change.reason),
            },
            target_url=reverse("initiatives:initiative-detail", args=[initiative.pk]),
            actor_id=change.actor_id,
            recipient_ids=member_ids(initiative),
            subjects=(subject(initiative),),
        )
    )
