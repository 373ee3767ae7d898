"""QuickSelect gives the same select as Django's, option for option."""

from __future__ import annotations

import re

import pytest
from django import forms

from core.widgets import QuickSelect
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
