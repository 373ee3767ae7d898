"""Forms of the vendor questionnaire: sending a link, and the vendor's answers.

The forms read the input; governance.services.questionnaires decides what is a valid answer.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.choices import Certification, DataResidency
from governance.domain.questionnaires import DEFAULT_VALID_DAYS, MAX_VALID_DAYS
from governance.services.questionnaires import (
    MAX_NOTICE_DAYS,
    MAX_NOTICE_HOURS,
    NAME_LIMIT,
    RESIDENCY_ANSWERS,
    TEXT_LIMIT,
)

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class QuestionnaireSendForm(forms.Form):
    """Whom a new questionnaire link goes to, and for how long it is valid."""

    sent_to = forms.EmailField(
        label=_("Vendor contact's e-mail address"),
        required=False,
        help_text=_("Leave empty to copy the link and pass it on yourself."),
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_VALID_DAYS,
        initial=DEFAULT_VALID_DAYS,
    )
    email = forms.BooleanField(
        label=_("E-mail the link to this address"), required=False, initial=True
    )


class VendorAnswersForm(forms.Form):
    """The questionnaire as the vendor sees it."""

    data_residency = forms.ChoiceField(
        label=_("Where is our data stored and processed?"),
        choices=[
            (value, label) for value, label in DataResidency.choices if value in RESIDENCY_ANSWERS
        ],
        widget=forms.RadioSelect,
    )
    retention = forms.CharField(
        label=_("How long do you keep our data, and how is it deleted?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    trains_on_customer_data = forms.ChoiceField(
        label=_("Do you train or improve models with our data?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    certifications = forms.MultipleChoiceField(
        label=_("Which certifications cover the product?"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every certification that is current; leave all empty if none."),
    )
    model_change_notice_days = forms.IntegerField(
        label=_("How many days before a change of the model do you tell us?"),
        min_value=0,
        max_value=MAX_NOTICE_DAYS,
        required=False,
        help_text=_("Leave empty if you do not commit to a notice period."),
    )
    incident_notice_hours = forms.IntegerField(
        label=_("Within how many hours do you report an incident to us?"),
        min_value=0,
        max_value=MAX_NOTICE_HOURS,
        required=False,
        help_text=_("Leave empty if you do not commit to a notice period."),
    )
    exit_terms = forms.CharField(
        label=_("What happens at the end of the contract (data return, export formats)?"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    support_terms = forms.CharField(
        label=_("What support do you offer (hours, languages, response times)?"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    respondent_name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_LIMIT,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    respondent_email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
