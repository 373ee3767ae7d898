"""The page that records a system's users and the AI-literacy measures for it (Art. 4)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from governance import literacy_selectors, selectors
from governance.literacy_forms import SystemLiteracyForm
from governance.services.literacy import system_literacy_set
from people import rules as people_rules


@require_http_methods(["GET", "POST"])
def system_literacy_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the users of a system and the literacy measures given for it."""
    require(people_rules.can_edit_people(request.user), str(people_rules.EDITORS_ONLY))
    system = selectors.ai_system_get(user=request.user, pk=pk)
    form = SystemLiteracyForm(
        request.POST or None, initial=literacy_selectors.literacy_initial(system)
    )
    if request.method == "POST" and form.is_valid():
        system_literacy_set(
            actor=request.user,
            system=system,
            users=form.cleaned_data["users"],
            measures=form.cleaned_data["measures"],
        )
        messages.success(request, _("The AI literacy of the system was saved."))
        return redirect("governance:system-detail", pk=system.pk)
    return render(
        request,
        "governance/system_literacy_form.html",
        {"form": form, "system": system},
        status=400 if request.method == "POST" else 200,
    )
