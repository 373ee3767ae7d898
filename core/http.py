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
