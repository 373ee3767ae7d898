"""Filters every app may use.

`LookupFilter` replaces a select of every person (or every IT system) in a list's filter form:
a select like that grows with the organisation and costs more to render than the list it
filters. The filter takes what a person types (a username, words of a name) or the id that
links and older bookmarks carry, so it works as a plain text box without JavaScript; the
suggestions a browser offers come from a small endpoint scoped to what the person may see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, Q, QuerySet
from django_filters.widgets import BaseCSVWidget

from core.http import id_param
from core.widgets import QuickSelect, quicken

# How many words of a typed name count, as in the lists' text searches.
MAX_WORDS = 5
PERSON_KEY = "username"
PERSON_WORDS = ("first_name", "last_name", "username")


def words_q(term: str, fields: Sequence[str]) -> Q:
    """Rows in which every word of `term` appears in one of `fields` (no words: every row)."""
    condition = Q()
    for word in term.split()[:MAX_WORDS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def named_by(
    queryset: QuerySet[Any], term: str, *, key: str, words: Sequence[str]
) -> QuerySet[Any]:
    """The rows of `queryset` that `term` names: by id, else by exact key, else by its words.

    The exact key wins so that choosing a suggestion ("alice") gives that one person and not
    also everyone whose name holds the word; one query either way.
    """
    term = term.strip()
    pk = id_param(term)
    if pk is not None:
        return queryset.filter(pk=pk)
    exact = queryset.filter(**{f"{key}__iexact": term})
    return queryset.filter(Q(**{f"{key}__iexact": term}) | (~Exists(exact) & words_q(term, words)))


class QuickCSVSelect(BaseCSVWidget, QuickSelect):
    """The sort-order select of an OrderingFilter, rendered like QuickSelect."""


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet whose form draws its selects and inputs without a template each.

    A list page renders its filter form on every request; Django's template per option and
    per field was a sizeable part of the time of a whole page.
    """

    @property
    def form(self) -> forms.Form:
        """The filter form, its widgets quickened once."""
        if not hasattr(self, "_form"):
            form = quicken(super().form)
            for field in form.fields.values():
                # django-filter makes the sort order's widget class on the fly (CSVSelect).
                if type(field.widget).__bases__ == (BaseCSVWidget, forms.Select):
                    field.widget.__class__ = QuickCSVSelect
        return self._form


class LookupFilter(django_filters.CharFilter):
    """A foreign key chosen by id, by the related row's key or by words of its name."""

    def __init__(
        self,
        *args: Any,
        key: str = PERSON_KEY,
        words: Sequence[str] = PERSON_WORDS,
        **kwargs: Any,
    ) -> None:
        self.key = key
        self.words = tuple(words)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        """Rows whose related row the value names (no value: every row)."""
        text = (value or "").strip()
        if not text:
            return qs
        related = qs.model._meta.get_field(self.field_name).related_model
        named = named_by(related._default_manager.all(), text, key=self.key, words=self.words)
        return qs.filter(**{f"{self.field_name}__in": named.values("pk")})


SUGGESTION_LIMIT = 12


def suggestion_list(
    queryset: QuerySet[Any], term: str, *, words: Sequence[str], order: Sequence[str]
) -> list[Any]:
    """The first rows of `queryset` holding every word typed so far, for a suggestions list."""
    return list(queryset.filter(words_q(term.strip(), words)).order_by(*order)[:SUGGESTION_LIMIT])


def person_suggestions(people: QuerySet[Any], term: str) -> list[Any]:
    """People of `people` whose username or name holds every word typed so far."""
    return suggestion_list(
        people.only("pk", "username", "first_name", "last_name"),
        term,
        words=PERSON_WORDS,
        order=("last_name", "first_name", "username"),
    )
