"""Forms of the register pages; they parse input, the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from governance.choices import EURole
from governance.domain import classification as cls_domain
from governance.domain.inventories import FORMATS
from governance.models import AIModel, AISystem, DataSource, Review, Risk
from governance.questionnaire_texts import GROUP_TITLES, QUESTION_TEXTS
from governance.services.reviews import REVIEW_FIELDS
from governance.services.risks import RISK_FIELDS
from governance.services.systems import DATA_SOURCE_FIELDS, MODEL_FIELDS, SYSTEM_FIELDS
from governance.validators import validate_evidence, validate_import_file
from initiatives.models import Initiative

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
_YES_NO_UNKNOWN = [("", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]


class AISystemForm(forms.ModelForm):
    """The register entry: what, who, where, GDPR facts, oversight and transparency."""

    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.order_by("title"),
        required=False,
        label=_("Linked initiatives"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = AISystem
        fields = [*SYSTEM_FIELDS, "initiatives"]
        widgets = dict.fromkeys(
            (
                "purpose",
                "description",
                "processing_purposes",
                "data_subject_categories",
                "personal_data_categories",
                "recipients",
                "transfer_safeguards",
                "retention",
                "security_measures",
                "human_oversight",
                "transparency_notes",
            ),
            TEXT,
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).order_by("last_name", "username")
        for name in ("owner", "data_steward", "business_contact"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]
        for name in ("processes_personal_data", "dpia_required"):
            self.fields[name] = forms.NullBooleanField(
                label=self.fields[name].label,
                required=False,
                widget=forms.Select(choices=_YES_NO_UNKNOWN),
            )

    def service_data(self) -> dict[str, Any]:
        """The cleaned values the services take (without the many-to-many field)."""
        return {
            name: self.cleaned_data[name] for name in SYSTEM_FIELDS if name in self.cleaned_data
        }


AIModelFormSet: type[forms.BaseInlineFormSet[AIModel, AISystem, forms.ModelForm[AIModel]]]
AIModelFormSet = forms.inlineformset_factory(
    AISystem,
    AIModel,
    fields=MODEL_FIELDS,
    extra=1,
    can_delete=True,
)
DataSourceFormSet: type[forms.BaseInlineFormSet[DataSource, AISystem, forms.ModelForm[DataSource]]]
DataSourceFormSet = forms.inlineformset_factory(
    AISystem,
    DataSource,
    fields=DATA_SOURCE_FIELDS,
    extra=1,
    can_delete=True,
)


def formset_rows(formset: forms.BaseInlineFormSet) -> list[dict[str, Any]]:
    """The rows a formset keeps, as the services take them: existing ones with their id."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        row = {name: data[name] for name in form._meta.fields if name in data}
        if form.instance.pk:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows


class QuestionnaireForm(forms.Form):
    """The AI Act questionnaire, asking the questions the answers so far make necessary."""

    role = forms.ChoiceField(choices=EURole.choices, label=_("Your organisation's role"))

    def __init__(
        self, *args: Any, role: str, answers: Mapping[str, bool] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        role = data.get("role") or role
        self.fields["role"].initial = role
        answers = dict(answers or {})
        if self.is_bound:
            answers = self._bound_answers()
        self.required_keys = cls_domain.required_questions(answers, role)
        for key in self.required_keys:
            question = cls_domain.QUESTIONS_BY_KEY[key]
            self.fields[key] = forms.TypedChoiceField(
                label=QUESTION_TEXTS[key],
                help_text=question.reference,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                required=True,
                initial={True: "yes", False: "no"}.get(answers.get(key)),  # type: ignore[arg-type]
            )

    def _bound_answers(self) -> dict[str, bool]:
        return {
            q.key: self.data[q.key] == "yes"
            for q in cls_domain.QUESTIONS
            if self.data.get(q.key) in ("yes", "no")
        }

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Questions by section, in questionnaire order, for the template."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for key in self.required_keys:
            group = cls_domain.QUESTIONS_BY_KEY[key].group.value
            grouped.setdefault(group, []).append(self[key])
        return [(GROUP_TITLES[group], fields) for group, fields in grouped.items()]

    def answers(self) -> dict[str, bool]:
        """The answers to the questions asked."""
        return {key: self.cleaned_data[key] for key in self.required_keys}


class GroundsForm(forms.Form):
    """The grounds of an approval step."""

    grounds = forms.CharField(label=_("Grounds"), widget=TEXT, required=False, max_length=4000)


class RiskForm(forms.ModelForm):
    """A risk with its levels before and after mitigation."""

    class Meta:
        model = Risk
        fields = RISK_FIELDS
        widgets = {"description": TEXT, "mitigation": TEXT, "due_date": DATE}


class ReviewForm(forms.ModelForm):
    """Plan a review; leave the date empty to schedule it by cadence."""

    class Meta:
        model = Review
        fields = REVIEW_FIELDS
        widgets = {"due_date": DATE, "findings": TEXT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_date"].required = False
        self.fields["due_date"].help_text = _("Empty: due by the cadence of the system's class.")


class ReviewCompleteForm(forms.Form):
    """Record a review's outcome, findings and evidence."""

    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        # The model field declares its choices, so they are a list of pairs, never None.
        choices=cast("list[tuple[str, str]]", Review._meta.get_field("outcome").choices),
    )
    findings = forms.CharField(label=_("Findings"), widget=TEXT, required=False)
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        validators=[validate_evidence],
        help_text=_("PDF, DOCX, XLSX, PNG, JPG, CSV or TXT; at most 10 MB."),
    )


# Format names in the person's language; the pure domain keeps English defaults.
FORMAT_LABELS = {
    "us_2025": _("US federal AI use case inventory 2025 (individually reported use cases)"),
    "us_2025_cots": _("US federal AI use case inventory 2025 (commercial off-the-shelf AI uses)"),
    "us_2024": _("US federal AI use case inventory 2024"),
    "nl_algoritmeregister": _("Dutch Algoritmeregister (register listing)"),
    "nl_algoritmeregister_publication": _("Dutch Algoritmeregister (publication standard)"),
    "uk_atrs": _("UK Algorithmic Transparency Recording Standard (records)"),
    "ca_gc": _("Government of Canada AI Register"),
}


class ImportUploadForm(forms.Form):
    """An inventory file and its format (recognised from the file when left on automatic)."""

    file = forms.FileField(label=_("Inventory file"), help_text=_("CSV, JSON or XLSX."))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Recognise from the file")),
            *((k, FORMAT_LABELS.get(k, f.label)) for k, f in FORMATS.items()),
        ],
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_import_file(file)
        return file
