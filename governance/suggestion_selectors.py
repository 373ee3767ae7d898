"""Reads behind the suggestions of the register's and the estate's filter boxes.

Each list suggests only what the person could find on it: the owners of the entries, risks,
reviews, IT systems or data sources in their scope, and the IT systems of the estate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from core.filters import person_suggestions, suggestion_list
from governance import estate_selectors, selectors
from governance.models import ITSystem

OWNED_LISTS: dict[str, Callable[..., QuerySet[Any]]] = {
    "systems": selectors.ai_system_list,
    "risks": selectors.risk_list,
    "reviews": selectors.review_list,
    "it-systems": estate_selectors.it_system_list,
    "data-sources": estate_selectors.estate_data_source_list,
}


def owner_suggestion_list(*, user: Any, of: str, term: str) -> list[User]:
    """Owners of the rows of list `of` the person may see whose name holds the words (404 for
    a list that does not exist)."""
    if of not in OWNED_LISTS:
        raise Http404
    owned = OWNED_LISTS[of](user=user).order_by().values("owner_id")
    return person_suggestions(User.objects.filter(pk__in=owned), term)


def it_system_suggestion_list(*, user: Any, term: str) -> list[ITSystem]:
    """IT systems of the estate the person may see whose name holds every word typed."""
    return suggestion_list(
        estate_selectors.it_system_list(user=user).select_related(None).only("pk", "name"),
        term,
        words=("name",),
        order=("name", "pk"),
    )
