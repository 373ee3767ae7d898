"""Department pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.pages import with_choice_labels
from initiatives import selectors
from initiatives.views.common import PAGE_SIZE


def department_list_view(request: HttpRequest) -> HttpResponse:
    """Departments with headcount, AI champions and visible initiatives."""
    page = Paginator(selectors.department_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "initiatives/department_list.html", {"page_obj": page})


def department_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One department: its champions and the initiatives the person may see."""
    department = selectors.department_get(user=request.user, pk=pk)
    initiatives = selectors.initiative_list(user=request.user).filter(department=department)
    page = with_choice_labels(
        Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page")),
        "stage",
        "priority_band",
    )
    return render(
        request,
        "initiatives/department_detail.html",
        {"department": department, "page_obj": page},
    )
