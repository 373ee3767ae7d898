"""Form to ask for a quarterly report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    """Year and quarter of the report to generate."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1 (January–March)")),
            (2, _("Q2 (April–June)")),
            (3, _("Q3 (July–September)")),
            (4, _("Q4 (October–December)")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        previous = (today.month - 1) // 3  # the quarter that last closed (0 = Q4 last year)
        self.fields["year"].initial = today.year if previous else today.year - 1
        self.fields["quarter"].initial = previous or 4
