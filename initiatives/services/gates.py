"""Gate requests: a team asks leadership for the stage-gate decision, or withdraws the ask."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import StateConflict, require
from core.history import as_actor
from initiatives import events, rules
from initiatives.choices import GateRequestStatus, Stage
from initiatives.models import GateDecision, GateRequest, Initiative

NOTE_MAX_LENGTH = 4000


def _already_open() -> StateConflict:
    return StateConflict(
        _(
            "A gate decision has already been requested for this initiative; leadership "
            "answers one request at a time."
        ),
        code="gate_request_open",
    )


@transaction.atomic
def gate_request(*, actor: Any, initiative: Initiative, note: str) -> GateRequest:
    """Ask leadership to decide the stage gate of an initiative in pilot; deciders are told.

    403 unless the actor is a team lead on the initiative's team; a field error for a missing
    or overlong note; 409 when the initiative is not in pilot or a request is already open.
    """
    require(
        rules.can_request_gate(actor, initiative),
        _("Only team leads on the initiative's team request a gate decision."),
    )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what leadership should look at.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note under %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH}}
        )
    # The lock makes two requests for one initiative wait for each other.
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.stage != Stage.PILOT:
        raise StateConflict(
            _("Only an initiative in pilot comes to the stage gate; this one is in %(stage)s.")
            % {"stage": Stage(locked.stage).label},
            code="not_in_pilot",
        )
    if GateRequest.objects.filter(initiative=locked, status=GateRequestStatus.OPEN).exists():
        raise _already_open()
    request = GateRequest(initiative=locked, requested_by=actor, note=note)
    try:
        with transaction.atomic():
            as_actor(request, actor).save()
    except IntegrityError as exc:  # the database's one-open-request rule, should the lock miss
        raise _already_open() from exc
    events.emit_gate_requested(request)
    return request


@transaction.atomic
def gate_request_withdraw(*, actor: Any, request: GateRequest) -> GateRequest:
    """Withdraw an open request (the team no longer wants the decision now); 409 if closed."""
    require(
        rules.can_withdraw_gate_request(actor, request),
        _("Only team leads on the initiative's team withdraw its gate request."),
    )
    locked = GateRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != GateRequestStatus.OPEN:
        raise StateConflict(
            _("This request is already closed (%(status)s).")
            % {"status": GateRequestStatus(locked.status).label},
            code="gate_request_closed",
        )
    _close(locked, actor=actor, status=GateRequestStatus.WITHDRAWN)
    return locked


def _close(
    request: GateRequest, *, actor: Any, status: str, decision: GateDecision | None = None
) -> None:
    request.status = status
    request.closed_at = timezone.now()
    request.closed_by = actor
    request.decision = decision
    as_actor(request, actor).save(update_fields=["status", "closed_at", "closed_by", "decision"])


def gate_requests_close_for_decision(
    *, actor: Any, initiative: Initiative, decision: GateDecision
) -> GateRequest | None:
    """Close the open request as answered by the decision (inside gate_decide's transaction)."""
    request = (
        GateRequest.objects.select_for_update(of=("self",))
        .select_related("requested_by")
        .filter(initiative=initiative, status=GateRequestStatus.OPEN)
        .first()
    )
    if request is not None:
        _close(request, actor=actor, status=GateRequestStatus.DECIDED, decision=decision)
    return request


def gate_requests_close_on_leaving_pilot(*, actor: Any, initiative: Initiative) -> None:
    """An initiative that leaves pilot other than through the gate no longer awaits a decision:
    its open request is closed as withdrawn by whoever moved it."""
    request = (
        GateRequest.objects.select_for_update()
        .filter(initiative=initiative, status=GateRequestStatus.OPEN)
        .first()
    )
    if request is not None:
        _close(request, actor=actor, status=GateRequestStatus.WITHDRAWN)
