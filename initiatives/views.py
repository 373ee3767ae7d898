"""Pages of the initiatives app."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from initiatives.selectors import department_get, department_list


def department_list_view(request: HttpRequest) -> HttpResponse:
    """Departments with headcount and number of AI champions."""
    page = Paginator(department_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "initiatives/department_list.html", {"page_obj": page})


def department_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One department and its champions."""
    department = department_get(user=request.user, pk=pk)
    return render(request, "initiatives/department_detail.html", {"department": department})
