"""Forms of the people app: a person with their skills, a training plan, a literacy measure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect
from people.choices import Skill, SkillLevel
from people.models import LiteracyMeasure, Person, TrainingPlan
from people.services import MEASURE_FIELDS, PERSON_FIELDS, TRAINING_FIELDS

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def skill_field_name(code: str) -> str:
    """The form field of one skill's level."""
    return f"skill_{code}"


def _level_choices() -> list[tuple[Any, Any]]:
    return [("", _("not recorded")), *((v, f"{v} – {label}") for v, label in SkillLevel.choices)]


class PersonForm(forms.ModelForm):
    """A person, with one level select per skill of the competence map."""

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {"champion_note": TEXT, "user": QuickSelect}
        help_texts = {
            "name": _("Leave empty for a person with an account to use the account's name."),
            "department": _("As the organisation names it."),
            "champion_note": _("Why this person could carry AI into their team."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        users = get_user_model().objects.filter(is_active=True).order_by("last_name", "username")
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        levels = (
            {row.skill: row.level for row in self.instance.skills.all()} if self.instance.pk else {}
        )
        for code, label in Skill.choices:
            name = skill_field_name(code)
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=_level_choices(),
                coerce=int,
                empty_value=None,
                required=False,
            )
            if not self.is_bound and code in levels:
                self.initial[name] = levels[code]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("user"):
            self.add_error("name", _("Give a name, or choose the person's user account."))
        return data

    def service_data(self) -> dict[str, Any]:
        """The person's own fields as the services take them."""
        return {
            name: self.cleaned_data[name] for name in PERSON_FIELDS if name in self.cleaned_data
        }

    def skills(self) -> dict[str, int | None]:
        """Skill code -> level (None: not recorded)."""
        return {code: self.cleaned_data.get(skill_field_name(code)) for code in Skill.values}

    def skill_fields(self) -> list[Any]:
        """The bound fields of the skill levels, for a fieldset of their own."""
        return [self[skill_field_name(code)] for code in Skill.values]

    def person_fields(self) -> list[Any]:
        """The bound fields of the person themself."""
        return [self[name] for name in PERSON_FIELDS]


class TrainingPlanForm(forms.ModelForm):
    """A course or measure for one person, with its budget and status."""

    class Meta:
        model = TrainingPlan
        fields = list(TRAINING_FIELDS)
        widgets = {"starts_on": DATE, "ends_on": DATE, "notes": TEXT, "person": QuickSelect}
        help_texts = {
            "budget": _("Guide: 2,000–5,000 EUR per person for thorough training."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The planned end cannot be before the start."))
        return data

    def service_data(self) -> dict[str, Any]:
        """The cleaned values the services take."""
        return {
            name: self.cleaned_data[name] for name in TRAINING_FIELDS if name in self.cleaned_data
        }


class LiteracyMeasureForm(forms.ModelForm):
    """An AI-literacy measure given to a user group, with who took part."""

    evidence_url = forms.URLField(
        label=_("Evidence link"), max_length=500, required=False, assume_scheme="https"
    )
    participants = forms.ModelMultipleChoiceField(
        queryset=Person.objects.order_by("name"),
        required=False,
        label=_("Participants"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = LiteracyMeasure
        fields = [*MEASURE_FIELDS, "participants"]
        widgets = {"learning_objective": TEXT, "evidence": TEXT, "given_on": DATE}
        help_texts = {
            "evidence": _(
                "What shows the measure was given: attendance list, completion report, slides. "
                "An internal record is enough; no certificate is needed."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["participants"] = list(
                self.instance.participants.values_list("pk", flat=True)
            )

    def service_data(self) -> dict[str, Any]:
        """The measure's own fields (without the participants)."""
        return {
            name: self.cleaned_data[name] for name in MEASURE_FIELDS if name in self.cleaned_data
        }


class CompetenceFilterForm(forms.Form):
    """The filters of the competence map."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Name, e-mail, job title, department or skill."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "aria-describedby": "id_q-help"}),
    )
    skill = forms.ChoiceField(
        label=_("Skill"), choices=[("", _("Any skill")), *Skill.choices], required=False
    )
    min_level = forms.TypedChoiceField(
        label=_("Minimum level"),
        choices=[("", _("Any level")), *((v, f"{v} – {label}") for v, label in SkillLevel.choices)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    champions = forms.BooleanField(label=_("Champions only"), required=False)
    translators = forms.BooleanField(label=_("Translators only"), required=False)

    def filters(self) -> dict[str, Any]:
        """The selector's arguments; an invalid filter is ignored (the form shows its error)."""
        if not self.is_valid():
            return {}
        return {
            "skill": self.cleaned_data["skill"] or "",
            "min_level": self.cleaned_data["min_level"],
            "champions_only": self.cleaned_data["champions"],
            "translators_only": self.cleaned_data["translators"],
            "query": self.cleaned_data["q"].strip(),
        }
