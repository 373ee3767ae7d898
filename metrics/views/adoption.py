"""The adoption page: monthly active users per department and the scaling metrics they give."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from metrics import rules, selectors, services
from metrics.forms import AdoptionForm
from metrics.views.common import confirm_delete


@require_http_methods(["GET", "POST"])
def adoption_view(request: HttpRequest) -> HttpResponse:
    """Monthly active users per department and the scaling metrics they give."""
    can_edit = rules.can_edit_adoption(request.user)
    form = AdoptionForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        require(can_edit)
        assert form is not None
        if form.is_valid():
            data = dict(form.cleaned_data)
            department = data.pop("department")
            try:
                services.adoption_record(actor=request.user, department=department, data=data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Adoption figure saved."))
                return redirect("metrics:adoption")
    page = Paginator(selectors.adoption_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page,
        "can_edit": can_edit,
        "metrics": selectors.scaling_overview(user=request.user),
    }
    return render(
        request, "metrics/adoption.html", context, status=400 if form and form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def adoption_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an adoption figure."""
    record = selectors.adoption_get(user=request.user, pk=pk)
    require(rules.can_edit_adoption(request.user))
    return confirm_delete(
        request,
        title=_("Delete adoption figure"),
        what=f"{record.department} {record.month:%Y-%m}",
        delete=lambda: services.adoption_delete(actor=request.user, record=record),
        success_url=reverse("metrics:adoption"),
    )
