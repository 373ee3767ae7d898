"""Job kinds and their handlers; apps register theirs when they load."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from jobs.models import Job


class Progress(Protocol):
    """Reports how far a job has come."""

    def __call__(self, done: int, total: int, message: str = "") -> None: ...


Handler = Callable[[Job, Progress], dict[str, Any]]

_HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """Register the handler that runs jobs of a kind."""

    def decorator(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return decorator


def handler_for(kind: str) -> Handler:
    """Return the handler of a kind, or raise KeyError."""
    return _HANDLERS[kind]
