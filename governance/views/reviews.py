"""Pages of the reviews: the list, a review with its history, planning, completing, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.files import stored_file_download
from core.pages import add_errors, with_choice_labels
from governance import rules, selectors, services
from governance.domain.reviews import review_status
from governance.filters import ReviewFilterSet
from governance.forms import ReviewCompleteForm, ReviewForm
from governance.history import history_entries
from governance.models import Review
from governance.services.systems import ApprovalConflict
from governance.views.common import (
    PAGE_SIZE,
    part_form_page,
    require_editor,
    require_reader,
    review_state,
)


def review_list_view(request: HttpRequest) -> HttpResponse:
    """Reviews in scope; overdue and soon-due ones are a filter away."""
    require_reader(request)
    filterset = ReviewFilterSet(request.GET, queryset=selectors.review_list(user=request.user))
    page = with_choice_labels(
        Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")), "kind", "outcome"
    )
    today = timezone.localdate()
    for review in page.object_list:
        review.state = review_state(review, today)
    return render(
        request, "governance/review_list.html", {"filterset": filterset, "page_obj": page}
    )


def _review_page(
    request: HttpRequest,
    review: Review,
    *,
    state: str,
    can_edit: bool,
    complete_form: ReviewCompleteForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "governance/review_detail.html",
        {
            "review": review,
            "state": state,
            "history": history_entries(
                Review,
                review.history.all(),
                file_urls=(
                    {review.evidence.name: reverse("governance:review-evidence", args=[review.pk])}
                    if review.evidence
                    else None
                ),
            ),
            "can_edit": can_edit,
            "complete_form": complete_form,
        },
        status=status,
    )


def review_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One review: plan, outcome, evidence, history and the form to complete it."""
    require_reader(request)
    review = selectors.review_get(user=request.user, pk=pk)
    today = timezone.localdate()
    return _review_page(
        request,
        review,
        state=review_state(review, today),
        can_edit=rules.can_edit_review(request.user, review),
        complete_form=ReviewCompleteForm(initial={"completed_on": today}),
    )


@require_http_methods(["GET", "POST"])
def review_edit_view(
    request: HttpRequest, pk: int | None = None, system_pk: int | None = None
) -> HttpResponse:
    """Plan a review for a system, or change a review's plan."""
    require_editor(request)
    return part_form_page(
        request,
        name="review",
        pk=pk,
        system_pk=system_pk,
        get=selectors.review_get,
        form_class=ReviewForm,
        create=services.review_create,
        update=services.review_update,
        saved=_("The review was saved."),
    )


@require_POST
def review_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review's outcome; the next one of its kind is scheduled by cadence."""
    require_editor(request)
    review = selectors.review_get(user=request.user, pk=pk)
    form = ReviewCompleteForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("evidence"):
            data.pop("evidence", None)
        try:
            services.review_complete(actor=request.user, review=review, data=data)
        except ApprovalConflict as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The review was completed."))
            return redirect("governance:review-detail", pk=review.pk)
    return _review_page(
        request,
        review,
        state=review_status(review.due_date, timezone.localdate()).value,
        can_edit=True,
        complete_form=form,
        status=400,
    )


def review_evidence_view(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Download a review's evidence, for people who may see the review."""
    require_reader(request)
    review = selectors.review_get(user=request.user, pk=pk)
    return stored_file_download(review.evidence)
