"""Forms of the register pages; they parse input, the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.db.models import IntegerChoices
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.widgets import QuickSelect
from governance.choices import EURole, Impact, Likelihood, QualityLevel, ReadinessLevel
from governance.domain import classification as cls_domain
from governance.domain.inventories import FORMATS
from governance.models import (
    AIModel,
    AISystem,
    DataSource,
    EstateDataSource,
    InfrastructureCheck,
    ITSystem,
    Review,
    Risk,
)
from governance.questionnaire_texts import GROUP_TITLES, QUESTION_TEXTS
from governance.services.estate import CHECK_QUESTIONS, IT_SYSTEM_FIELDS
from governance.services.estate import DATA_SOURCE_FIELDS as ESTATE_SOURCE_FIELDS
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
    # The estate entries the system builds on; the links live on the estate's side.
    it_systems = forms.ModelMultipleChoiceField(
        queryset=ITSystem.objects.order_by("name", "pk"),
        required=False,
        label=_("IT systems it uses"),
        help_text=_("Business systems of the IT estate the AI system reads from or writes to."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    estate_data_sources = forms.ModelMultipleChoiceField(
        queryset=EstateDataSource.objects.order_by("name", "pk"),
        required=False,
        label=_("Estate data sources it uses"),
        help_text=_(
            "Data sources of the IT estate, rated for quality. The data sources below note what "
            "this system reads and its GDPR facts."
        ),
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
        if self.instance.pk and not self.is_bound:
            self.initial["it_systems"] = list(
                ITSystem.objects.filter(ai_systems=self.instance).values_list("pk", flat=True)
            )
            self.initial["estate_data_sources"] = list(
                EstateDataSource.objects.filter(ai_systems=self.instance).values_list(
                    "pk", flat=True
                )
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


def _levels(levels: type[IntegerChoices]) -> list[tuple[int, Any]]:
    """Choices of a 1–5 level, each shown with its number and meaning ("4 · Likely")."""
    return [(level.value, format_lazy("{} · {}", level.value, level.label)) for level in levels]


def _level_field(label: Any, levels: type[IntegerChoices], *, residual: bool) -> forms.Field:
    """A select of the levels; the residual ones may stay empty until a mitigation is assessed."""
    # An empty first option, so that a new risk is never scored "1" by not looking.
    empty = _("Not assessed yet") if residual else _("Choose a level")
    return forms.TypedChoiceField(
        label=label,
        choices=[("", empty), *_levels(levels)],
        coerce=int,
        required=not residual,
        empty_value=None,
    )


class RiskForm(forms.ModelForm):
    """A risk with its levels before and after mitigation."""

    likelihood = _level_field(_("Likelihood"), Likelihood, residual=False)
    impact = _level_field(_("Impact"), Impact, residual=False)
    residual_likelihood = _level_field(_("Residual likelihood"), Likelihood, residual=True)
    residual_impact = _level_field(_("Residual impact"), Impact, residual=True)

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


def organisation_label(name: str) -> str:
    """An organisation of an inventory file as the preview names it."""
    return name or str(_("(no organisation named)"))


class ImportChoiceForm(forms.Form):
    """Which organisations of the file to import: some, or every one (explicitly)."""

    organisation = forms.MultipleChoiceField(
        label=_("Organisations to import"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("The file names no organisation “%(value)s”."),
        },
    )
    all = forms.BooleanField(label=_("Every organisation in the file"), required=False)

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, organisations: list[str], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["organisation"])
        field.choices = [(name, organisation_label(name)) for name in organisations]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("all") and not data.get("organisation") and "organisation" in data:
            self.add_error("organisation", _("Choose the organisations to import, or all of them."))
        return data

    def chosen(self) -> list[str] | None:
        """The names chosen (None: every organisation); call after is_valid()."""
        if self.cleaned_data.get("all"):
            return None
        return list(self.cleaned_data.get("organisation", []))


class ImportCommitForm(ImportChoiceForm):
    """The choice again (hidden), a department of ours per organisation, and adoption.

    The department fields are named by the organisation's place in the preview's list, so a
    name with any characters in it makes a plain field name; the page shows those of the
    organisations chosen, and the service refuses a department for one not chosen.
    """

    adopt = forms.BooleanField(
        label=_("These are our own systems: count the new entries in the register figures"),
        required=False,
        help_text=_(
            "Leave this off for other organisations' systems: they are imported as reference "
            "entries, which stay out of the register figures until someone adopts them."
        ),
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        organisations: list[str],
        departments: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, organisations=organisations, **kwargs)
        self.fields["organisation"].widget = forms.MultipleHiddenInput()
        self.fields["all"].widget = forms.HiddenInput()
        self.organisations = organisations
        choices = [("", _("Not in one of our departments")), *departments]
        for index, name in enumerate(organisations):
            self.fields[f"department_{index}"] = forms.TypedChoiceField(
                label=_("Department of ours for %(name)s") % {"name": organisation_label(name)},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=QuickSelect,
            )

    def department_fields(self, chosen: list[str] | None) -> list[tuple[str, forms.BoundField]]:
        """(organisation, its department field) for the organisations chosen, in list order."""
        wanted = None if chosen is None else set(chosen)
        return [
            (organisation_label(name), self[f"department_{index}"])
            for index, name in enumerate(self.organisations)
            if wanted is None or name in wanted
        ]

    def departments(self) -> dict[str, int]:
        """Organisation → id of the department of ours chosen for it; call after is_valid()."""
        return {
            name: value
            for index, name in enumerate(self.organisations)
            if (value := self.cleaned_data.get(f"department_{index}")) is not None
        }


# --- The estate --------------------------------------------------------------------------------


class _EstateLinksForm(forms.ModelForm):
    """What an estate entry serves: initiatives and AI systems (editors see the whole register)."""

    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.order_by("title"),
        required=False,
        label=_("Initiatives that use it"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    ai_systems = forms.ModelMultipleChoiceField(
        queryset=AISystem.objects.filter(is_reference=False).order_by("name"),
        required=False,
        label=_("AI systems that use it"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    service_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).order_by("last_name", "username")
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["initiatives"] = list(
                self.instance.initiatives.values_list("pk", flat=True)
            )
            self.initial["ai_systems"] = list(self.instance.ai_systems.values_list("pk", flat=True))

    def service_data(self) -> dict[str, Any]:
        """The cleaned values the services take (without the links)."""
        return {
            name: self.cleaned_data[name]
            for name in self.service_fields
            if name in self.cleaned_data
        }


def _rating_field(label: Any, levels: type[IntegerChoices]) -> forms.Field:
    """A required select of a 1–5 rating, with an empty first option so nobody rates by default."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Choose a rating")), *_levels(levels)],
        coerce=int,
        empty_value=None,
    )


class ITSystemForm(_EstateLinksForm):
    """An IT system with its AI-readiness rating and the reasons for it."""

    readiness = _rating_field(_("AI readiness (1–5)"), ReadinessLevel)
    service_fields = IT_SYSTEM_FIELDS

    class Meta:
        model = ITSystem
        fields = [*IT_SYSTEM_FIELDS, "initiatives", "ai_systems"]
        widgets = {"readiness_reasons": TEXT, "notes": TEXT}
        help_texts = {
            "readiness_reasons": _(
                "Why this rating: data structure, API, documentation, vendor support. "
                "Systems rated 4 or 5 suit early AI integration."
            ),
        }


class IntegrationTasksField(forms.CharField):
    """Integration tasks, one per line, as a list of texts."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class EstateDataSourceForm(_EstateLinksForm):
    """A data source rated for completeness, timeliness and consistency."""

    completeness = _rating_field(_("Completeness (1–5)"), QualityLevel)
    timeliness = _rating_field(_("Timeliness (1–5)"), QualityLevel)
    consistency = _rating_field(_("Consistency (1–5)"), QualityLevel)
    integration_tasks = IntegrationTasksField(
        label=_("Integration tasks"),
        required=False,
        help_text=_("Silos and media breaks to close, one task per line."),
    )
    service_fields = ESTATE_SOURCE_FIELDS

    class Meta:
        model = EstateDataSource
        fields = [*ESTATE_SOURCE_FIELDS, "initiatives", "ai_systems"]
        widgets = {"description": TEXT, "notes": TEXT}
        help_texts = {
            "special_categories": _(
                "Health, biometric, ethnic origin, political opinions, religion, trade union "
                "membership, sex life or orientation (GDPR Art. 9)."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["it_system"].queryset = ITSystem.objects.order_by("name")  # type: ignore[attr-defined]


_YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _yes_no(value: Any) -> bool:
    return value == "true"


class InfrastructureCheckForm(forms.Form):
    """The four questions of the infrastructure check, each answered yes or no."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            name: getattr(InfrastructureCheck._meta.get_field(name), "verbose_name", name)
            for name in CHECK_QUESTIONS
        }
        helps = {
            "structured_databases_with_apis": _(
                "The main business data sits in structured databases reachable through APIs."
            ),
            "stable_cloud_connectivity": _(
                "Connections to cloud services are stable and fast enough for daily work."
            ),
            "modern_web_services": _("The core applications offer modern web services (REST)."),
            "current_backup_and_security": _(
                "Backups and security measures are current and tested."
            ),
        }
        for name in CHECK_QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=capfirst(labels[name]),
                choices=_YES_NO,
                coerce=_yes_no,
                empty_value=None,
                help_text=helps[name],
                widget=forms.RadioSelect,
            )
        self.fields["notes"] = forms.CharField(
            label=_("Notes"), required=False, widget=TEXT, max_length=4000
        )

    def answers(self) -> dict[str, bool]:
        """The four answers as the service takes them."""
        return {name: self.cleaned_data[name] for name in CHECK_QUESTIONS}
