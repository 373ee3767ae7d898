"""The dashboard's rendered panels, cached per scope, filters, language, day and data version.

On top of figures that are already stored and summed in the database, never instead of them:
a miss renders from the stored figures in a fixed number of queries. The key holds everything
the panels depend on:

- the data version (portfolio.versioning): any committed write to initiatives, metrics or the
  register makes a new one, however it was written; and a generation renewed by every migrate,
  so a deploy never serves panels rendered by the code before it;
- whose figures: "all" for people who see every initiative and the whole register (they see
  the same panels), else the person; and their capabilities (money or not, and so on);
- the filters as parsed, the day (figures count to today; reviews fall overdue), the language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.roles import Cap, capabilities
from portfolio.dashboard.filters import DashboardFilters
from portfolio.versioning import data_version, generation

# The version already ends an entry's life; the timeout only frees memory.
TIMEOUT_SECONDS = 60 * 60


def cache_key(request: HttpRequest, filters: DashboardFilters) -> str:
    """The key of the panels this request would see."""
    user: Any = request.user
    caps = capabilities(user)
    sees_all = Cap.VIEW_ALL_INITIATIVES in caps and Cap.VIEW_WHOLE_REGISTER in caps
    parts = [
        generation(),
        data_version(),
        "all" if sees_all else f"person-{user.pk}",
        ",".join(sorted(cap.value for cap in caps)),
        filters.period.label,
        str(filters.department.pk if filters.department else ""),
        filters.stage,
        filters.today.isoformat(),
        get_language() or "",
    ]
    return "dashboard:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def get_or_render(
    request: HttpRequest, filters: DashboardFilters, render: Callable[[], str]
) -> SafeString:
    """The cached panels, or render them now and keep them."""
    key = cache_key(request, filters)
    body = cache.get(key)
    if body is None:
        body = str(render())
        cache.set(key, body, TIMEOUT_SECONDS)
    # Rendered by our own template, so already escaped.
    return mark_safe(body)
