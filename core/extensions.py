"""Extension points through which later apps add to pages of earlier ones.

Dependencies point one way (DESIGN.md section 2): `initiatives` imports no other app of ours, yet
its initiative page shows KPIs and costs (metrics) and register entries (governance), and its stage
gate shows realised ROI, open high risks and register approval. Those apps register here when they
load; the initiatives app asks here what to show. A slot nobody filled shows "not yet available".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class InitiativePanel:
    """A section of the initiative page rendered by another app."""

    key: str
    order: int
    template_name: str
    # (request, initiative) -> extra template context, or None to hide the panel for this person.
    context: Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class GateEvidence:
    """One piece of evidence at the stage gate, as the decider sees it."""

    label: str | Promise
    value: str | Promise
    # "good", "warn", "bad" or "" (neutral); drives the badge colour.
    tone: str = ""
    detail: str | Promise = ""
    url: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ObjectAction:
    """A control another app adds to the header of an object's page (e.g. "Follow")."""

    key: str
    order: int
    template_name: str
    # (request, object) -> extra template context, or None to leave the control out.
    context: Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class OptionalReadinessItem:
    """An optional item of the scaling-readiness checklist, derived by another app from its own
    records: shown beside the required items, never counted in "n of m done" and never holding
    back the gate's verdict."""

    key: str
    label: str | Promise
    # "done", "in_progress" or "not_started", as a required item's status.
    status: str
    # The figure behind the status, e.g. "18 of 24 users trained".
    value: str | Promise
    detail: str | Promise = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FeasibilityNote:
    """What another app knows about an initiative's technical feasibility, shown where the
    priority is explained (e.g. "depends on ERP system, readiness 2 – Not yet suited")."""

    text: str | Promise
    # "good", "warn", "bad" or "" (neutral).
    tone: str = ""
    url: str = ""


# Evidence slots the gate page always shows, in this order, filled or not.
GATE_EVIDENCE_SLOTS: tuple[str, ...] = ("realised_roi", "open_high_risks", "register_approval")

_panels: dict[str, InitiativePanel] = {}
_object_actions: dict[str, ObjectAction] = {}
_gate_evidence: dict[str, Callable[[Any], GateEvidence]] = {}
_optional_readiness: dict[str, Callable[[Any], OptionalReadinessItem]] = {}
_feasibility_notes: dict[str, Callable[[Any, Any], list[FeasibilityNote]]] = {}


def register_initiative_panel(panel: InitiativePanel) -> None:
    """Add (or replace) a panel on the initiative page."""
    _panels[panel.key] = panel


def initiative_panels() -> list[InitiativePanel]:
    """Registered panels in display order."""
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def register_gate_evidence(slot: str, provider: Callable[[Any], GateEvidence]) -> None:
    """Fill one gate evidence slot with a function of the initiative."""
    if slot not in GATE_EVIDENCE_SLOTS:
        raise ValueError(f"unknown gate evidence slot {slot!r}")
    _gate_evidence[slot] = provider


def gate_evidence_provider(slot: str) -> Callable[[Any], GateEvidence] | None:
    """The provider of a slot, or None while no app fills it."""
    return _gate_evidence.get(slot)


def register_optional_readiness_item(
    key: str, provider: Callable[[Any], OptionalReadinessItem]
) -> None:
    """Add (or replace) an optional checklist item, a function of the initiative."""
    _optional_readiness[key] = provider


def optional_readiness_providers() -> list[Callable[[Any], OptionalReadinessItem]]:
    """The providers of optional checklist items, in the order of their keys."""
    return [_optional_readiness[key] for key in sorted(_optional_readiness)]


def register_object_action(action: ObjectAction) -> None:
    """Add (or replace) a control in the header of object pages."""
    _object_actions[action.key] = action


def object_actions() -> list[ObjectAction]:
    """Registered object-page controls in display order."""
    return sorted(_object_actions.values(), key=lambda action: (action.order, action.key))


def register_feasibility_notes(
    key: str, provider: Callable[[Any, Any], list[FeasibilityNote]]
) -> None:
    """Add (or replace) a source of notes on feasibility: (request, initiative) -> notes."""
    _feasibility_notes[key] = provider


def feasibility_notes(request: Any, initiative: Any) -> list[FeasibilityNote]:
    """Every registered app's notes on the initiative's feasibility, in registration order."""
    return [
        note for provider in _feasibility_notes.values() for note in provider(request, initiative)
    ]
