"""Small typed helpers around htmx requests (django-htmx sets request.htmx)."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (it then wants a fragment, not a page)."""
    return bool(getattr(request, "htmx", False))


def htmx_target(request: HttpRequest) -> str | None:
    """The id of the element htmx will swap the response into, if any."""
    details = getattr(request, "htmx", None)
    return details.target if details else None


def id_param(value: str | None) -> int | None:
    """A database id from a query or form value ("12"), or None for anything else ("²", "-1",
    a 5,000-digit number): a hand-edited address gets a 404, never a 500."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)
