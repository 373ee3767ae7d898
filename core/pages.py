"""What the apps' pages share: a form that a service saves, its refusals shown on the form, and
the rows of a list page with their choices labelled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def add_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[dict[str, Any]], Any],
    saved: str | None,
    detail: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A valid POST goes to the service `save`; then to the `detail` page, else the form again.

    A service's ValidationError is shown on the form; a re-shown POST answers 400.
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if saved:
                messages.success(request, saved)
            return redirect(detail, pk=obj.pk)
    return render(
        request,
        template,
        {"form": form, **context},
        status=400 if request.method == "POST" else 200,
    )


def with_choice_labels(page: Page[Any], *fields: str) -> Page[Any]:
    """Give each row of the page `<field>_label` for the choice fields, translated once per page.

    Django's get_<field>_display translates every choice of the field for every row; on a list
    of 25 rows that was a noticeable part of the page.
    """
    rows = list(page.object_list)
    page.object_list = rows
    if not rows:
        return page
    meta = rows[0]._meta
    for name in fields:
        labels = {value: str(label) for value, label in meta.get_field(name).flatchoices}
        for row in rows:
            value = getattr(row, name)
            setattr(row, f"{name}_label", labels.get(value, value))
    return page
