"""Forms of the initiatives app: they parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.widgets import QuickSelect
from initiatives.choices import GateOutcome, ReadinessStatus, Stage, TeamRoleKind
from initiatives.models import Department, Initiative, Pilot, ReadinessItem
from initiatives.services import INITIATIVE_FIELDS, PILOT_FIELDS
from initiatives.services.gates import NOTE_MAX_LENGTH
from initiatives.services.team import NOTE_MAX_LENGTH as TEAM_NOTE_MAX_LENGTH
from people import selectors as people_selectors

# What each score means, shown next to the choice so proposals score alike across teams.
SCORE_SCALES: dict[str, tuple[Any, list[tuple[int, Any]]]] = {
    "business_value": (
        _("How much the organisation gains when it works."),
        [
            (1, _("1 · Marginal: a nice-to-have for a few people")),
            (2, _("2 · Small: a local improvement in one team")),
            (3, _("3 · Moderate: noticeable savings or quality in one department")),
            (4, _("4 · Large: measurable savings or revenue across departments")),
            (5, _("5 · Transformational: changes how a core process works")),
        ],
    ),
    "technical_feasibility": (
        _("How sure we are that it can be built with the data and tools we have."),
        [
            (1, _("1 · Research needed: unproven approach, data missing")),
            (2, _("2 · Hard: major data or integration gaps")),
            (3, _("3 · Possible: known approach, some data work")),
            (4, _("4 · Likely: proven approach, data mostly available")),
            (5, _("5 · Certain: off-the-shelf, data ready")),
        ],
    ),
    "implementation_effort": (
        _("How much work it takes to put into use (higher means more effort)."),
        [
            (1, _("1 · Days: configuration only")),
            (2, _("2 · Weeks: one small team")),
            (3, _("3 · A quarter: one team plus integration")),
            (4, _("4 · Half a year: several teams, process change")),
            (5, _("5 · More than a year: many teams, major change")),
        ],
    ),
    "strategic_alignment": (
        _("How directly it serves a strategic objective."),
        [
            (1, _("1 · Unrelated to the strategy")),
            (2, _("2 · Loosely related")),
            (3, _("3 · Supports an objective")),
            (4, _("4 · Clearly advances an objective")),
            (5, _("5 · Core to a strategic objective")),
        ],
    ),
}


class InitiativeForm(forms.ModelForm):
    """Propose or edit a use case, with the meaning of every score spelled out."""

    class Meta:
        model = Initiative
        fields = [*INITIATIVE_FIELDS, "members"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "members": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "title": _("A short name people will recognise, e.g. 'Invoice data extraction'."),
            "problem": _("The pain point in the words of the people who have it."),
            "expected_benefit": _("What improves, for whom, and roughly by how much."),
            "members": _("Team members can log measurements and update the pilot."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (help_text, choices) in SCORE_SCALES.items():
            self.fields[name] = forms.TypedChoiceField(
                label=self._meta.model._meta.get_field(name).verbose_name.capitalize(),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=help_text,
                initial=3 if name == "strategic_alignment" else None,
            )
        members: Any = self.fields["members"]
        members.queryset = User.objects.filter(is_active=True).order_by("first_name", "last_name")
        self.fields["members"].required = False
        self.fields["department"].error_messages["invalid_choice"] = _(
            "Choose a department from the list."
        )


class DuplicateCheckForm(forms.Form):
    """The two texts compared for likely duplicates."""

    title = forms.CharField(required=False)
    problem = forms.CharField(required=False)


class TransitionForm(forms.Form):
    """Move an initiative to one of the stages this person may choose."""

    stage = forms.ChoiceField(
        label=_("New stage"), error_messages={"required": _("Choose a stage.")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the stage history with your name and the time."),
    )

    def __init__(
        self, *args: Any, stages: list[str], suggested: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.offer(stages, suggested)

    def offer(self, stages: list[str], suggested: str | None = None) -> None:
        """List these stages; preselect the suggested one, else start from an empty choice."""
        labels = dict(Stage.choices)
        choices = [(s, labels[s]) for s in stages]
        field: Any = self.fields["stage"]
        if suggested in stages and not self.is_bound:
            field.initial = suggested
        else:
            # No silent default: a step back or a stop must be chosen on purpose.
            choices.insert(0, ("", _("Choose a stage")))
        field.choices = choices


class GateDecisionForm(forms.Form):
    """Leadership's decision at the stage gate."""

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=GateOutcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why, in a few sentences: the team and later readers will see it."),
    )


class GateRequestForm(forms.Form):
    """A team's request for the stage-gate decision."""

    note = forms.CharField(
        label=_("Note for leadership"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the pilot showed against its success criteria, what is ready for scaling and "
            "what is not. Everyone who decides stage gates is notified."
        ),
    )


class PilotForm(forms.ModelForm):
    """The documentation of a pilot."""

    class Meta:
        model = Pilot
        fields = list(PILOT_FIELDS)
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "departments": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "user_feedback": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
            "scaling_playbook": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        return data


class ParticipantForm(forms.Form):
    """One pilot participant."""

    name = forms.CharField(label=_("Name"), max_length=160, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    role = forms.CharField(label=_("Role in the pilot"), max_length=120, required=False)
    is_sceptic = forms.BooleanField(label=_("Recruited as a sceptic"), required=False)


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=3, can_delete=False)


class ReadinessItemForm(forms.ModelForm):
    """Status, owner and evidence of one checklist item."""

    class Meta:
        model = ReadinessItem
        fields = ["status", "owner", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ReadinessStatus.choices  # type: ignore[attr-defined]
        owner: Any = self.fields["owner"]
        owner.queryset = User.objects.filter(is_active=True).order_by("username")


class PersonChoiceField(forms.ModelChoiceField):
    """A person by name, with the job title that tells two namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.job_title})" if obj.job_title else obj.name


class TeamRoleForm(forms.Form):
    """Put a person from the people records in a role of the initiative's team."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *TeamRoleKind.choices],
        error_messages={"required": _("Choose a role.")},
    )
    person = PersonChoiceField(
        label=_("Person"),
        queryset=None,
        widget=QuickSelect,
        empty_label=_("Choose a person"),
        help_text=_("Anyone in the people records, with or without an account."),
        error_messages={
            "required": _("Choose a person."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEAM_NOTE_MAX_LENGTH,
        help_text=_("Optional, e.g. 'two days a week' or 'until the pilot ends'."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person: Any = self.fields["person"]
        # Only what the choice shows: the select lists everyone in one query.
        person.queryset = (
            people_selectors.person_list(user=user)
            .select_related(None)
            .prefetch_related(None)
            .only("pk", "name", "job_title")
            .order_by("name", "pk")
        )
