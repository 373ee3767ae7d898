"""QuickSelect gives the same select as Django's, option for option; quickened filter forms the
same HTML as django-filter's."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.http import QueryDict

from core.widgets import QuickSelect, SuggestInput
from governance.filters import AISystemFilterSet, ReviewFilterSet, RiskFilterSet
from initiatives.filters import InitiativeFilterSet
from initiatives.models import Department
from tests.factories.initiatives import DepartmentFactory

OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def _options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in OPTION.findall(html)]


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [None, "second"])
def test_quick_select_renders_what_django_renders(chosen: str | None) -> None:
    first = DepartmentFactory(name="Claims & <Legal>")
    second = DepartmentFactory(name="Sales")
    value = {None: None, "second": second.pk}[chosen]

    class Slow(forms.Form):
        department = forms.ModelChoiceField(Department.objects.order_by("pk"), required=False)

    class Quick(forms.Form):
        department = forms.ModelChoiceField(
            Department.objects.order_by("pk"), required=False, widget=QuickSelect
        )

    slow = str(Slow(initial={"department": value})["department"])
    quick = str(Quick(initial={"department": value})["department"])
    assert _options(quick) == _options(slow)
    assert ("", value is None, "---------") == _options(quick)[0]
    assert (str(first.pk), False, "Claims &amp; &lt;Legal&gt;") in _options(quick)
    assert (str(second.pk), value is not None, "Sales") in _options(quick)
    assert 'name="department"' in quick and 'id="id_department"' in quick


class _Tags(HTMLParser):
    """Tags with their attributes and the text between them, whitespace aside."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, sorted(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.items.append(("/", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(("text", data.strip()))


def _tags(html: str) -> list[tuple[str, Any]]:
    parser = _Tags()
    parser.feed(html)
    return parser.items


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filterset_class", "data"),
    [
        (InitiativeFilterSet, {}),
        (InitiativeFilterSet, {"q": 'a "b" <c>', "stage": ["idea", "pilot"], "ordering": "-value"}),
        (AISystemFilterSet, {"status": ["in_use"], "initiative": "12", "ordering": "name"}),
        (RiskFilterSet, {"system": "3", "band": "high", "owner": "alice"}),
        (ReviewFilterSet, {"kind": "compliance", "state": "overdue"}),
    ],
)
def test_quickened_filter_forms_render_what_django_renders(filterset_class, data) -> None:
    DepartmentFactory(name="Claims & <Legal>")
    model = filterset_class._meta.model
    slow_set = filterset_class(
        QueryDict(urlencode(data, doseq=True)), queryset=model.objects.none()
    )
    slow = django_filters.FilterSet.form.fget(slow_set)  # the form as django-filter builds it
    quick = filterset_class(
        QueryDict(urlencode(data, doseq=True)), queryset=model.objects.none()
    ).form
    assert list(quick.fields) == list(slow.fields)
    for name in slow.fields:
        if isinstance(slow.fields[name].widget, SuggestInput):
            continue
        assert type(quick.fields[name].widget).__name__.startswith("Quick"), name
        assert _tags(str(quick[name])) == _tags(str(slow[name])), name
