"""Reads of the portfolio app, checked against the person's role."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.roles import Cap, has_capability
from portfolio.models import QuarterlyReport


def report_list(*, user: Any) -> QuerySet[QuarterlyReport]:
    """Every report version, for the roles that may download reports (403 otherwise)."""
    if not has_capability(user, Cap.DOWNLOAD_REPORTS):
        raise PermissionDenied(_("Your role does not include the quarterly reports."))
    return QuarterlyReport.objects.select_related("created_by", "job").order_by(
        "-year", "-quarter", "-version"
    )


def report_get(*, user: Any, pk: int) -> QuarterlyReport:
    """One report version, or 404."""
    return get_object_or_404(report_list(user=user), pk=pk)
