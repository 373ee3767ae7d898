"""Suggestions for the filter boxes of the register and the estate (htmx fills a datalist)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance import suggestion_selectors
from governance.views.common import require_reader


@require_GET
def owner_suggestions_view(request: HttpRequest, of: str) -> HttpResponse:
    """Owners on list `of` the person may see, matching the typed `owner`."""
    require_reader(request)
    people = suggestion_selectors.owner_suggestion_list(
        user=request.user, of=of, term=request.GET.get("owner", "")
    )
    return render(request, "components/person_suggestions.html", {"people": people})


@require_GET
def it_system_suggestions_view(request: HttpRequest) -> HttpResponse:
    """IT systems of the estate matching the typed `it_system`."""
    require_reader(request)
    systems = suggestion_selectors.it_system_suggestion_list(
        user=request.user, term=request.GET.get("it_system", "")
    )
    return render(request, "components/name_suggestions.html", {"rows": systems})
