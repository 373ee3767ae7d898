"""Forms of the vendor area: vendors, products, evaluations, candidates, scores, costs and the
decision. The services validate again; the forms only parse what a page sends."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from governance.choices import Certification
from governance.models import (
    CandidateCost,
    EvaluationCandidate,
    EvaluationCriterion,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)
from governance.services.vendors import (
    CANDIDATE_FACT_FIELDS,
    COST_FIELDS,
    EVALUATION_FIELDS,
    PRODUCT_FIELDS,
    VENDOR_FIELDS,
)
from initiatives.selectors import initiative_list

TEXT = forms.Textarea(attrs={"rows": 3})
_YES_NO_UNKNOWN = [("", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]
SCORE_CHOICES = [("", _("Not scored yet")), *((str(n), str(n)) for n in range(1, 6))]


def _people() -> Any:
    return User.objects.filter(is_active=True).order_by("last_name", "username")


class VendorForm(forms.ModelForm):
    """A vendor: name, website, country, contact and the relationship owner."""

    # A website typed without a scheme is taken as https, as browsers do today.
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Vendor
        fields = list(VENDOR_FIELDS)
        widgets = {"notes": TEXT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()  # type: ignore[attr-defined]


class VendorProductForm(forms.ModelForm):
    """A product or service of a vendor."""

    class Meta:
        model = VendorProduct
        fields = list(PRODUCT_FIELDS)
        widgets = {"description": TEXT}


class VendorEvaluationForm(forms.ModelForm):
    """What is evaluated for which use case, and who runs it."""

    class Meta:
        model = VendorEvaluation
        fields = list(EVALUATION_FIELDS)
        widgets = {"need": TEXT}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()  # type: ignore[attr-defined]
        self.fields["initiative"].queryset = (  # type: ignore[attr-defined]
            initiative_list(user=user).select_related(None).order_by("title")
        )


class EvaluationWeightsForm(forms.Form):
    """The weight of each criterion, 0 to 100 (0 leaves it out of the score)."""

    def __init__(self, *args: Any, criteria: list[EvaluationCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[criterion.kind] = forms.IntegerField(
                label=criterion.get_kind_display(),
                min_value=0,
                max_value=100,
                initial=criterion.weight,
            )

    def weights(self) -> dict[str, int]:
        """The weights by criterion kind."""
        return dict(self.cleaned_data)


class CandidateForm(forms.ModelForm):
    """A candidate: the product (when added) and what the vendor says about it."""

    certifications = forms.MultipleChoiceField(
        choices=Certification.choices,
        required=False,
        label=_("Certifications"),
        widget=forms.CheckboxSelectMultiple,
    )
    trains_on_customer_data = forms.NullBooleanField(
        required=False,
        label=_("Trains models on customer data"),
        widget=forms.Select(choices=_YES_NO_UNKNOWN),
    )

    class Meta:
        model = EvaluationCandidate
        fields = ["product", *CANDIDATE_FACT_FIELDS]
        widgets = dict.fromkeys(("retention", "exit_terms", "support_terms", "notes"), TEXT)

    def __init__(self, *args: Any, evaluation: VendorEvaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["product"]
        else:
            taken = evaluation.candidates.values("product")
            self.fields["product"].queryset = (  # type: ignore[attr-defined]
                VendorProduct.objects.select_related("vendor").exclude(pk__in=taken)
            )

    def service_data(self) -> dict[str, Any]:
        """The facts the services take."""
        return {name: self.cleaned_data[name] for name in CANDIDATE_FACT_FIELDS}


class CandidateScoresForm(forms.Form):
    """A score (1–5) and its reason for every criterion of the evaluation."""

    def __init__(
        self,
        *args: Any,
        criteria: list[EvaluationCriterion],
        current: dict[int, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = current.get(criterion.pk)
            label = criterion.get_kind_display()
            self.fields[f"{criterion.kind}__score"] = forms.ChoiceField(
                choices=SCORE_CHOICES,
                required=False,
                label=_("%(criterion)s (weight %(weight)s): score")
                % {"criterion": label, "weight": criterion.weight},
                initial=str(score.score) if score else "",
            )
            self.fields[f"{criterion.kind}__reason"] = forms.CharField(
                required=False,
                label=_("%(criterion)s: reason") % {"criterion": label},
                initial=score.reason if score else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[Any, str]]:
        """(score or None, reason) by criterion kind."""
        return {
            c.kind: (
                self.cleaned_data[f"{c.kind}__score"] or None,
                self.cleaned_data[f"{c.kind}__reason"],
            )
            for c in self.criteria
        }


class CandidateCostForm(forms.ModelForm):
    """One cost line: what it pays for, how often, how much."""

    class Meta:
        model = CandidateCost
        fields = list(COST_FIELDS)


class DecisionForm(forms.Form):
    """The candidate chosen and why."""

    chosen = forms.ModelChoiceField(
        queryset=EvaluationCandidate.objects.none(), label=_("Chosen candidate")
    )
    rationale = forms.CharField(
        label=_("Rationale of the decision"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, evaluation: VendorEvaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = (  # type: ignore[attr-defined]
            evaluation.candidates.select_related("product__vendor").order_by("id")
        )


class CancelForm(forms.Form):
    """Why the evaluation stops without a choice (optional)."""

    rationale = forms.CharField(
        label=_("Why the evaluation is cancelled"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
