"""What the register's pages share: the role checks, the part-form round trip, review states.

Pages ask for the role before they look an entry up (an outsider gets 403 on an edit page, not
404); the services check again, per object, when they write.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from core.pages import form_page
from core.roles import Cap, has_capability
from governance import rules, selectors
from governance.domain.reviews import review_status
from governance.models import Review

PAGE_SIZE = 25


def require_reader(request: HttpRequest) -> None:
    """403 unless the person's role may read the register (what they see is the selector's)."""
    if not has_capability(request.user, Cap.VIEW_REGISTER):
        raise PermissionDenied


def require_editor(request: HttpRequest) -> None:
    """403 unless the person keeps the register."""
    if not rules.can_edit_register(request.user):
        raise PermissionDenied


def review_state(review: Review, today: datetime.date) -> str:
    """Completed, or how the open review stands on `today` (overdue, due soon, ok)."""
    return "completed" if review.completed_on else review_status(review.due_date, today).value


def part_form_page(
    request: HttpRequest,
    *,
    name: str,
    pk: int | None,
    system_pk: int | None,
    get: Callable[..., Any],
    form_class: Any,
    create: Callable[..., Any],
    update: Callable[..., Any],
    saved: str,
) -> HttpResponse:
    """Add a risk or review (`name`) to a system, or change one, through its services.

    `get(user=, pk=)` finds the one to change in the person's scope; without `pk` the system is
    looked up instead. The page is governance/<name>_form.html; success goes to <name>-detail.
    """
    part = get(user=request.user, pk=pk) if pk is not None else None
    system = (
        part.system
        if part is not None
        else selectors.ai_system_get(
            user=request.user,
            pk=system_pk,  # type: ignore[arg-type]
        )
    )

    def save(data: dict[str, Any]) -> Any:
        if part is None:
            return create(actor=request.user, system=system, data=data)
        return update(actor=request.user, data=data, **{name: part})

    return form_page(
        request,
        form_class(request.POST or None, instance=part),
        save=save,
        saved=saved,
        detail=f"governance:{name}-detail",
        template=f"governance/{name}_form.html",
        context={name: part, "system": system},
    )
