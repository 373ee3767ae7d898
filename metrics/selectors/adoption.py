"""Reads of adoption figures: everyone who signs in may see how widely AI is used."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from initiatives.models import Department
from metrics.models import AdoptionRecord


def adoption_list(*, user: Any) -> QuerySet[AdoptionRecord]:
    """Adoption records, newest month first; nothing for anonymous users."""
    if user is None or not user.is_authenticated:
        return AdoptionRecord.objects.none()
    return AdoptionRecord.objects.select_related("department").order_by("-month", "department")


def adoption_get(*, user: Any, pk: int) -> AdoptionRecord:
    """One adoption record, or 404."""
    return get_object_or_404(adoption_list(user=user), pk=pk)


def department_list(*, user: Any) -> QuerySet[Department]:
    """Departments for adoption entry and scaling metrics."""
    return Department.objects.order_by("name")
