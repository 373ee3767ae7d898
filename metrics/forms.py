"""Forms of the metrics app: they parse input; the services decide what is valid and say why.

Fields come from the model declarations (types, sizes, labels, help texts), so a form checks only
the shape of what is typed; the rules of an entry live in metrics.domain.entries.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from core.pages import add_errors
from metrics.domain.entries import BENEFIT_FIELDS, COST_FIELDS
from metrics.domain.scaling_cost import ScalingBasis
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement
from metrics.services.financials import ADOPTION_FIELDS
from metrics.services.kpis import KPI_FIELDS, KPI_REQUIRED_MESSAGES, MEASUREMENT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KPI_VALUE = forms.NumberInput(attrs={"step": "any"})
MONEY = forms.NumberInput(attrs={"step": "0.01", "min": "0"})


class ServiceForm(forms.Form):
    """A form whose business rules live in a service; the service's errors land on the fields."""

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names."""
        add_errors(self, error)


def _model_fields(model: Any, fields: list[str], **kwargs: Any) -> dict[str, forms.Field]:
    return fields_for_model(model, fields=fields, **kwargs)


class KpiForm(ServiceForm):
    """Define or change a KPI the SMART way."""

    def __init__(self, *args: Any, team: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["owner"].queryset = team  # type: ignore[attr-defined]


KpiForm.base_fields = _model_fields(
    Kpi,
    list(KPI_FIELDS),
    widgets={
        "baseline_date": DATE,
        "target_date": DATE,
        "baseline_value": KPI_VALUE,
        "target_value": KPI_VALUE,
        "value_per_unit": MONEY,
        "description": forms.Textarea(attrs={"rows": 2}),
    },
    error_messages={
        field: {"required": message} for field, message in KPI_REQUIRED_MESSAGES.items()
    },
)
KpiForm.base_fields["owner"].queryset = get_user_model().objects.none()  # type: ignore[attr-defined]


class MeasurementForm(ServiceForm):
    """Log or correct one value of a KPI."""


MeasurementForm.base_fields = _model_fields(
    Measurement, list(MEASUREMENT_FIELDS), widgets={"measured_on": DATE, "value": KPI_VALUE}
)


class CostForm(ServiceForm):
    """A one-time or recurring cost."""


CostForm.base_fields = _model_fields(
    CostItem,
    list(COST_FIELDS),
    widgets={"start_date": DATE, "end_date": DATE, "amount": MONEY},
    help_texts={
        "end_date": _("Required for a recurring cost; leave empty for a one-time cost."),
    },
)


class BenefitForm(ServiceForm):
    """A direct money benefit."""


BenefitForm.base_fields = _model_fields(
    Benefit,
    list(BENEFIT_FIELDS),
    widgets={"start_date": DATE, "end_date": DATE, "amount": MONEY},
)


class AdoptionForm(ServiceForm):
    """Monthly active users of a department."""


AdoptionForm.base_fields = _model_fields(
    AdoptionRecord,
    list(ADOPTION_FIELDS),
    widgets={"month": DATE},
    help_texts={"month": _("Any day of the month; stored as the month.")},
)


class ImportForm(forms.Form):
    """A CSV or XLSX file of measurements."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or Excel (.xlsx) with the columns of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ScalingCostForm(forms.Form):
    """What a pilot cost and how far it should scale."""

    basis = forms.ChoiceField(
        label=_("Costs grow with"),
        choices=[(ScalingBasis.SEATS.value, _("Seats")), (ScalingBasis.USAGE.value, _("Usage"))],
    )
    fixed = forms.DecimalField(
        label=_("Pilot fixed costs"), min_value=0, decimal_places=2, max_digits=14, widget=MONEY
    )
    variable = forms.DecimalField(
        label=_("Pilot variable costs"),
        min_value=0,
        decimal_places=2,
        max_digits=14,
        widget=MONEY,
        help_text=_("Licences per seat or usage charges during the pilot."),
    )
    pilot_units = forms.DecimalField(
        label=_("Pilot seats or usage"), min_value=0, max_digits=14, decimal_places=2
    )
    target_units = forms.DecimalField(
        label=_("Seats or usage at full scale"), min_value=0, max_digits=14, decimal_places=2
    )
    fixed_at_scale = forms.DecimalField(
        label=_("Fixed costs at full scale"),
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=14,
        widget=MONEY,
        help_text=_(
            "Support, training and governance usually grow; leave empty to keep the pilot's."
        ),
    )

    def clean_pilot_units(self) -> Any:
        value = self.cleaned_data["pilot_units"]
        if value == 0:
            raise ValidationError(_("Enter the pilot's seats or usage; it must be above zero."))
        return value
