"""Pilot documentation and the scaling-readiness checklist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import is_htmx
from initiatives import rules, selectors, services
from initiatives.forms import (
    ParticipantFormSet,
    PilotForm,
    ReadinessItemForm,
)
from initiatives.models import Pilot, ReadinessItem
from initiatives.views.common import get_editable_initiative


@require_http_methods(["GET", "POST"])
def pilot_edit_view(request: HttpRequest, pk: int, pilot_pk: int | None = None) -> HttpResponse:
    """Create or update a pilot's documentation with its participants."""
    initiative = get_editable_initiative(request, pk)
    pilot = get_object_or_404(Pilot, pk=pilot_pk, initiative=initiative) if pilot_pk else None
    initial_participants = (
        [
            {
                "name": p.name,
                "department": p.department_id,
                "role": p.role,
                "is_sceptic": p.is_sceptic,
            }
            for p in pilot.participants.all()
        ]
        if pilot
        else []
    )
    form = PilotForm(request.POST or None, instance=pilot)
    formset = ParticipantFormSet(
        request.POST or None, initial=initial_participants, prefix="participants"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        participants = [
            services.ParticipantData(
                name=row.get("name") or "",
                department=row.get("department"),
                role=row.get("role") or "",
                is_sceptic=bool(row.get("is_sceptic")),
            )
            for row in formset.cleaned_data
            if row.get("name")
        ]
        data = {k: v for k, v in form.cleaned_data.items() if k != "departments"}
        try:
            if pilot is None:
                services.pilot_create(
                    actor=request.user,
                    initiative=initiative,
                    data=data,
                    departments=form.cleaned_data["departments"],
                    participants=participants,
                )
            else:
                services.pilot_update(
                    actor=request.user,
                    pilot=pilot,
                    data=data,
                    departments=form.cleaned_data["departments"],
                    participants=participants,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The pilot was saved."))
            return redirect("initiatives:initiative-detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "initiatives/pilot_form.html",
        {"initiative": initiative, "pilot": pilot, "form": form, "formset": formset},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def readiness_item_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """htmx: edit one checklist row in place (a full page without JavaScript)."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    item = get_object_or_404(
        ReadinessItem.objects.select_related("owner"), pk=item_pk, initiative=initiative
    )
    if not rules.can_edit_readiness(request.user, initiative):
        raise PermissionDenied
    form = ReadinessItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.readiness_item_update(actor=request.user, item=item, data=form.cleaned_data)
        if is_htmx(request):
            return render(
                request,
                "initiatives/partials/readiness_row.html",
                {"item": item, "initiative": initiative, "can_edit_readiness": True},
            )
        return redirect("initiatives:initiative-detail", pk=pk)
    template = (
        "initiatives/partials/readiness_form_row.html"
        if is_htmx(request)
        else "initiatives/readiness_item_form.html"
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request, template, {"item": item, "initiative": initiative, "form": form}, status=status
    )
