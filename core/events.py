"""The event hook: an app says what happened; whoever listens decides whom to tell.

Dependencies point one way (DESIGN.md section 2): `initiatives` cannot call the notifications
app, yet a gate request must reach leadership. The app that changes something emits an Event
here inside its write's transaction; subscribers (the notifications app registers one when it
loads) run at once in that transaction, so a notification exists exactly when the change it
reports was committed. Each kind of event registers how it reads as a sentence; the sentence is
composed at display time, in the reader's language, from the event's parameters, and is never
stored as text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.roles import Cap

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subject:
    """An object an event concerns: whoever follows it hears of the event, and so does its
    owner, who follows what they own until they choose not to (notifications app)."""

    # The model's label, "app_label.modelname" (e.g. "initiatives.initiative").
    label: str
    pk: int
    owner_id: int | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened, with who should hear of it."""

    kind: str
    # Unique per event and recipient: delivering the same event twice tells nobody twice.
    key: str
    # JSON-safe values the sentence is composed from (codes, names, ids; never a sentence).
    params: Mapping[str, Any]
    target_url: str = ""
    actor_id: int | None = None
    # People named by the emitting app (a team, a requester) ...
    recipient_ids: frozenset[int] = frozenset()
    # ... and everyone holding a capability (e.g. those who decide stage gates).
    recipient_cap: Cap | None = None
    # ... and those who follow the objects it concerns.
    subjects: tuple[Subject, ...] = ()
    # Nobody is told of their own action.
    notify_actor: bool = field(default=False)


class Delivery(models.TextChoices):
    """How a person hears of an event of a kind (their preference, or the kind's default)."""

    IN_APP = "in_app", gettext_lazy("In the app only")
    EMAIL = "email", gettext_lazy("E-mail at once")
    DIGEST = "digest", gettext_lazy("E-mail in a daily digest")
    WEEKLY = "weekly", gettext_lazy("E-mail in a weekly digest")
    OFF = "off", gettext_lazy("Off")


@dataclass(frozen=True)
class EventKind:
    """How events of one kind read: a function of the parameters, called in the reader's language."""

    code: str
    describe: Callable[[Mapping[str, Any]], str]
    # What a person chooses on their notification settings, and what they get until they do.
    label: str | Promise = ""
    default_delivery: Delivery = Delivery.IN_APP


@dataclass(frozen=True)
class Followable:
    """A kind of object people may follow; the app that owns it says who may see which.

    The objects have an `owner_id` (their owner follows them without asking) and a readable
    `str()`; following never shows a person more than `visible` lets them see.
    """

    # The model's label, as in Subject.label.
    label: str
    # What one of them is called ("Initiative") and several ("Initiatives"), in lists.
    name: str | Promise
    plural: str | Promise
    # (user) -> QuerySet of the objects the person may see.
    visible: Callable[[Any], Any]
    # (object) -> the object's page.
    url: Callable[[Any], str]


_kinds: dict[str, EventKind] = {}
_subscribers: list[Callable[[Event], None]] = []
_followables: dict[str, Followable] = {}


def register_followable(followable: Followable) -> None:
    """Let people follow objects of a kind (called when the owning app loads)."""
    _followables[followable.label] = followable


def followable_get(label: str) -> Followable | None:
    """How objects of a label are followed, or None for a label nobody registered."""
    return _followables.get(label)


def followables() -> list[Followable]:
    """Every kind of object people may follow, in the order registered."""
    return list(_followables.values())


# Long texts are cut where they are stored in an event; the record itself keeps all of it.
TEXT_LIMIT = 500


def quoted_text(text: str) -> str:
    """A note, rationale or reason as an event parameter: cut to TEXT_LIMIT characters."""
    return Truncator(text).chars(TEXT_LIMIT)


def choice_label(choices: Any, value: str) -> str:
    """The label of a stored choice code in the active language; the code itself if unknown
    (an event stored by an older version may name a choice that no longer exists)."""
    return str(choices(value).label) if value in choices.values else value


def register_event_kind(kind: EventKind) -> None:
    """Add (or replace) how events of a kind are described."""
    _kinds[kind.code] = kind


def event_kinds() -> list[EventKind]:
    """Every registered kind, in the order registered (the order of the settings page)."""
    return list(_kinds.values())


def event_kind_get(code: str) -> EventKind | None:
    """The registered kind of a code, or None for a code no app registers (any more)."""
    return _kinds.get(code)


def describe_event(code: str, params: Mapping[str, Any]) -> str:
    """The sentence for an event in the active language; a neutral one if it cannot be composed."""
    kind = _kinds.get(code)
    if kind is not None:
        try:
            return kind.describe(params)
        except (KeyError, TypeError, ValueError):
            # Parameters stored by an older version must not break the page that lists them.
            logger.warning("event %s: cannot describe with params %r", code, dict(params))
    return _("Something changed that concerns you.")


def subscribe(handler: Callable[[Event], None]) -> None:
    """Call the handler for every event emitted from now on (once, however often subscribed)."""
    if handler not in _subscribers:
        _subscribers.append(handler)


def emit(event: Event) -> None:
    """Hand the event to every subscriber, in the caller's transaction."""
    for handler in list(_subscribers):
        handler(event)
