"""Pages of an evaluation's candidates: the candidate with its scores, facts, cost lines and
three-year cost of ownership; adding, changing, scoring and removing candidates; cost lines.

The role checks and the form round trip are those of governance.views.vendors.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance import vendor_selectors as selectors
from governance.models import (
    CandidateCost,
    CandidateScore,
    EvaluationCandidate,
    EvaluationCriterion,
)
from governance.services import vendors as services
from governance.vendor_forms import CandidateCostForm, CandidateForm, CandidateScoresForm
from governance.views.vendors import (
    newest_first,
    part_history,
    require_cost_editor,
    require_vendor_editor,
    require_vendor_reader,
    vendor_history,
    vendor_post_action,
    vendor_rights,
    vendor_round_trip,
)


def _candidate_url(candidate: EvaluationCandidate) -> str:
    return reverse("governance:candidate-detail", args=[candidate.evaluation_id, candidate.pk])


def candidate_detail_view(request: HttpRequest, evaluation_pk: int, pk: int) -> HttpResponse:
    """One candidate: its scores with reasons, its facts, its cost lines and TCO, its history."""
    require_vendor_reader(request)
    candidate = selectors.evaluation_candidate_get(
        user=request.user, pk=pk, evaluation_pk=evaluation_pk
    )
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=evaluation_pk)
    comparison = selectors.evaluation_comparison(evaluation=evaluation, user=request.user)
    column = next(c for c in comparison.columns if c.pk == candidate.pk)
    kinds = {c.pk: c.get_kind_display() for c in comparison.criteria}
    groups = [
        vendor_history(EvaluationCandidate, candidate.history.all(), request.user),
        part_history(
            CandidateScore,
            CandidateScore.history.filter(candidate_id=candidate.pk),
            lambda r: (
                _("Score on %(criterion)s: %(score)s")
                % {"criterion": kinds.get(r.criterion_id, "—"), "score": r.score}
            ),
        ),
    ]
    if comparison.shows_money:
        groups.append(
            part_history(
                CandidateCost,
                CandidateCost.history.filter(candidate_id=candidate.pk),
                lambda r: _("Cost line %(category)s") % {"category": r.get_category_display()},
            )
        )
    return render(
        request,
        "governance/candidate_detail.html",
        {
            "evaluation": evaluation,
            "candidate": candidate,
            "column": column,
            "column_list": [column],
            "rows": [
                (row.criterion, column.scores.get(row.criterion.pk)) for row in comparison.rows
            ],
            "is_open": evaluation.status == "open",
            "history": newest_first(*groups),
            **vendor_rights(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def candidate_edit_view(
    request: HttpRequest, evaluation_pk: int, pk: int | None = None
) -> HttpResponse:
    """Add a product as a candidate or change what is known of a candidate."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=evaluation_pk)
    candidate = (
        selectors.evaluation_candidate_get(user=request.user, pk=pk, evaluation_pk=evaluation_pk)
        if pk
        else EvaluationCandidate(evaluation=evaluation)
    )
    form = CandidateForm(request.POST or None, instance=candidate, evaluation=evaluation)

    def save() -> EvaluationCandidate:
        if candidate.pk is None:
            return services.evaluation_candidate_add(
                actor=request.user,
                evaluation=evaluation,
                product=form.cleaned_data["product"],
                data=form.service_data(),
            )
        return services.evaluation_candidate_update(
            actor=request.user, candidate=candidate, data=form.service_data()
        )

    return vendor_round_trip(
        request,
        form,
        save=save,
        saved=_("The candidate was saved."),
        success=_candidate_url,
        template="governance/candidate_form.html",
        context={"evaluation": evaluation, "candidate": candidate if candidate.pk else None},
    )


@require_POST
def candidate_remove_view(request: HttpRequest, evaluation_pk: int, pk: int) -> HttpResponse:
    """Take a candidate out of an open evaluation."""
    require_vendor_editor(request)
    candidate = selectors.evaluation_candidate_get(
        user=request.user, pk=pk, evaluation_pk=evaluation_pk
    )
    refused = vendor_post_action(
        request,
        lambda: services.evaluation_candidate_remove(actor=request.user, candidate=candidate),
        done=_("The candidate was removed."),
        back=_candidate_url(candidate),
    )
    return refused or redirect("governance:evaluation-detail", pk=evaluation_pk)


@require_http_methods(["GET", "POST"])
def candidate_scores_view(request: HttpRequest, evaluation_pk: int, pk: int) -> HttpResponse:
    """Score a candidate on every criterion, with reasons."""
    require_vendor_editor(request)
    candidate = selectors.evaluation_candidate_get(
        user=request.user, pk=pk, evaluation_pk=evaluation_pk
    )
    criteria = list(EvaluationCriterion.objects.filter(evaluation_id=evaluation_pk).order_by("id"))
    current = {s.criterion_id: s for s in candidate.scores.all()}
    form = CandidateScoresForm(request.POST or None, criteria=criteria, current=current)
    return vendor_round_trip(
        request,
        form,
        save=lambda: services.candidate_scores_set(
            actor=request.user, candidate=candidate, scores=form.scores()
        ),
        saved=_("The scores were saved."),
        success=_candidate_url,
        template="governance/candidate_scores_form.html",
        context={"evaluation": candidate.evaluation, "candidate": candidate},
    )


@require_http_methods(["GET", "POST"])
def candidate_cost_edit_view(
    request: HttpRequest, evaluation_pk: int, pk: int, cost_pk: int | None = None
) -> HttpResponse:
    """Add a cost line to a candidate or change one."""
    require_cost_editor(request)
    candidate = selectors.evaluation_candidate_get(
        user=request.user, pk=pk, evaluation_pk=evaluation_pk
    )
    cost = (
        selectors.candidate_cost_get(user=request.user, pk=cost_pk, candidate_pk=pk)
        if cost_pk
        else None
    )
    form = CandidateCostForm(request.POST or None, instance=cost)

    def save() -> EvaluationCandidate:
        data = {name: form.cleaned_data[name] for name in services.COST_FIELDS}
        if cost is None:
            services.candidate_cost_create(actor=request.user, candidate=candidate, data=data)
        else:
            services.candidate_cost_update(actor=request.user, cost=cost, data=data)
        return candidate

    return vendor_round_trip(
        request,
        form,
        save=save,
        saved=_("The cost line was saved."),
        success=_candidate_url,
        template="governance/candidate_cost_form.html",
        context={"evaluation": candidate.evaluation, "candidate": candidate, "cost": cost},
    )


@require_POST
def candidate_cost_delete_view(
    request: HttpRequest, evaluation_pk: int, pk: int, cost_pk: int
) -> HttpResponse:
    """Remove a cost line."""
    require_cost_editor(request)
    candidate = selectors.evaluation_candidate_get(
        user=request.user, pk=pk, evaluation_pk=evaluation_pk
    )
    cost = selectors.candidate_cost_get(user=request.user, pk=cost_pk, candidate_pk=pk)
    vendor_post_action(
        request,
        lambda: services.candidate_cost_delete(actor=request.user, cost=cost),
        done=_("The cost line was removed."),
        back=_candidate_url(candidate),
    )
    return redirect(_candidate_url(candidate))
