"""The dashboard's filters: department, quarter and stage; every panel follows them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.periods import Period, PeriodKind
from core.roles import Cap, has_capability
from core.widgets import QuickSelect
from initiatives.choices import Stage
from initiatives.models import Department, Initiative
from initiatives.selectors import initiative_list
from metrics.selectors.reporting import Scope, Slice

QUARTERS_TO_CHOOSE = 8


def _quarters(today: datetime.date) -> list[Period]:
    quarters = [Period.containing(PeriodKind.QUARTER, today)]
    for _index in range(QUARTERS_TO_CHOOSE - 1):
        quarters.append(quarters[-1].previous())
    return quarters


class DashboardFilterForm(forms.Form):
    """Department, quarter and stage."""

    # QuickSelect: the same HTML as Django's Select without a template per option, on a page
    # drawn on every view.
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"),
        widget=QuickSelect,
        required=False,
        label=gettext_lazy("Department"),
        empty_label=gettext_lazy("All departments"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the departments in the list.")
        },
    )
    period = forms.ChoiceField(
        label=gettext_lazy("Quarter"),
        widget=QuickSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the quarters in the list.")},
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("Stage"),
        widget=QuickSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the stages in the list.")},
    )

    def __init__(self, *args: Any, quarters: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period_field: Any = self.fields["period"]
        period_field.choices = [(q.label, q.label) for q in quarters]
        stage_field: Any = self.fields["stage"]
        stage_field.choices = [("", _("All stages")), *Stage.choices]


@dataclass(frozen=True)
class DashboardFilters:
    """What the person chose, and the initiatives in view because of it."""

    form: DashboardFilterForm
    today: datetime.date
    period: Period
    department: Department | None
    stage: str
    # Every initiative the person may see in the department (the funnel counts stages of these).
    in_department: QuerySet[Initiative]
    # ... narrowed to the chosen stage: what every other panel shows.
    scope: QuerySet[Initiative]

    @classmethod
    def from_request(cls, request: HttpRequest) -> DashboardFilters:
        """Parse the query string; a bad value falls back to its default and leaves a field
        error on the form, so the page says why it shows the default."""
        today = timezone.localdate()
        quarters = _quarters(today)
        form = DashboardFilterForm(request.GET or None, quarters=quarters)
        form.is_valid()
        data = form.cleaned_data if form.is_bound else {}
        period = next((q for q in quarters if q.label == data.get("period")), quarters[0])
        department = data.get("department")
        stage = data.get("stage") or ""
        in_department = initiative_list(user=request.user)
        if department:
            in_department = in_department.filter(department=department)
        scope = in_department.filter(stage=stage) if stage else in_department
        return cls(form, today, period, department, stage, in_department, scope)

    @property
    def as_of(self) -> datetime.date:
        """The day the figures count to: today in the current quarter, else the quarter's end."""
        return min(self.today, self.period.end)

    @property
    def filtered(self) -> bool:
        """Whether a department or stage narrows the view."""
        return bool(self.department or self.stage)

    def figures_scope(self, user: Any) -> Scope:
        """The initiatives the money and KPI figures count: for people who see every initiative,
        a slice (the whole portfolio, or its department and stage) read from the rollups; for
        others, their initiatives in view."""
        if has_capability(user, Cap.VIEW_ALL_INITIATIVES):
            return Slice(self.department.pk if self.department else None, self.stage)
        return self.scope

    def register_scope(self, user: Any) -> QuerySet[Initiative] | None:
        """Whose register the governance figures count: None (the whole register, as on the
        register pages and in the report) for people who see the whole register and no filter;
        else only the systems linked to the initiatives in view."""
        if not self.filtered and has_capability(user, Cap.VIEW_WHOLE_REGISTER):
            return None
        return self.scope

    @property
    def year_quarter(self) -> tuple[int, int]:
        """The chosen quarter as (year, 1–4)."""
        return self.period.start.year, (self.period.start.month - 1) // 3 + 1

    @property
    def query(self) -> dict[str, str]:
        """The valid filters as query parameters: the address of this view, to reload or share.

        A quarter that was chosen stays in it (next quarter the link still shows this one);
        empty and invalid values are left out."""
        data = self.form.cleaned_data if self.form.is_bound else {}
        query = {}
        if self.department:
            query["department"] = str(self.department.pk)
        if data.get("period"):
            query["period"] = self.period.label
        if self.stage:
            query["stage"] = self.stage
        return query

    @property
    def department_query(self) -> dict[str, Any]:
        """The department filter as query parameters for links to lists."""
        return {"department": self.department.pk} if self.department else {}
