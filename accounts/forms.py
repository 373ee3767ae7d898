"""Forms of the accounts app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    """Name a new API token so it can be recognised and revoked later."""

    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("For example the script or integration that will use it."),
    )
