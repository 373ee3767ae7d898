"""Reads of the initiatives app, scoped to the person asking."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from initiatives.models import Department


def department_list(*, user: Any) -> QuerySet[Department]:
    """Every department; everyone who signs in may see the organisation chart."""
    return Department.objects.annotate(champion_count=Count("champions")).order_by("name")


def department_get(*, user: Any, pk: int) -> Department:
    """One department with its champions, or 404."""
    queryset = Department.objects.prefetch_related("champions")
    return get_object_or_404(queryset, pk=pk)
