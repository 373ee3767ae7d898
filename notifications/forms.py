"""Forms of the notifications app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.events import Delivery, event_kinds


def field_name(code: str) -> str:
    """A form field name for an event code (codes hold dots)."""
    return code.replace(".", "__")


class PreferencesForm(forms.Form):
    """One choice per event kind: in the app, e-mail at once, in the digest, or off."""

    def __init__(self, *args: Any, current: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in event_kinds():
            self.fields[field_name(kind.code)] = forms.ChoiceField(
                label=str(kind.label or kind.code),
                choices=Delivery.choices,
                initial=current.get(kind.code, kind.default_delivery),
                widget=forms.RadioSelect,
                help_text=_("Default: %(default)s")
                % {"default": Delivery(kind.default_delivery).label},
            )

    def preferences(self) -> dict[str, str]:
        """The cleaned choices keyed by event code."""
        return {kind.code: self.cleaned_data[field_name(kind.code)] for kind in event_kinds()}
