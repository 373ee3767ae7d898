"""What every metrics page shares: a form that a service saves, a confirmation before deleting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from metrics.forms import ServiceForm

PAGE_SIZE = 25


def form_page(
    request: HttpRequest,
    *,
    form: ServiceForm,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success_url: str,
    cancel_url: str,
    success_message: str,
) -> HttpResponse:
    """Render a form; on a valid POST call the service and show its errors next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    status = 400 if form.errors else 200
    return render(
        request,
        "metrics/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=status,
    )


def confirm_delete(
    request: HttpRequest, *, title: str, what: str, delete: Callable[[], Any], success_url: str
) -> HttpResponse:
    """Ask before deleting; the history keeps the deleted record."""
    if request.method == "POST":
        delete()
        messages.success(request, _("Deleted. The change history keeps a record of it."))
        return redirect(success_url)
    return render(
        request,
        "metrics/confirm_delete.html",
        {"title": title, "what": what, "cancel_url": success_url},
    )
