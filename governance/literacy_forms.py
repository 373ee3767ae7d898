"""The form of a system's AI literacy: its users and the measures for it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import LiteracyMeasure, Person


class SystemLiteracyForm(forms.Form):
    """Who uses the system, and which literacy measures were given for it."""

    users = forms.ModelMultipleChoiceField(
        queryset=Person.objects.order_by("name"),
        required=False,
        label=_("Users of the system"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    measures = forms.ModelMultipleChoiceField(
        queryset=LiteracyMeasure.objects.order_by("-given_on"),
        required=False,
        label=_("Literacy measures for the system"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
