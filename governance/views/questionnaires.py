"""Pages of the vendor questionnaire: the vendor's own page (no account) and the candidate's links.

The vendor's page answers only to a valid token: an unknown token is 404; a link that expired,
was revoked or was used answers 410 Gone, with a page that says which and what to do. It is
never cached, never indexed and never names itself to another site (the token is in its URL).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.throttling import SimpleRateThrottle

from core.events import choice_label
from core.exceptions import Refused, require
from core.pages import add_errors
from core.roles import Cap, has_capability
from governance import questionnaire_selectors as selectors
from governance import rules
from governance.choices import Certification, DataResidency
from governance.domain.questionnaires import LinkStatus
from governance.models import EvaluationCandidate
from governance.questionnaire_forms import QuestionnaireSendForm, VendorAnswersForm
from governance.services import questionnaires as services


class _AnswerThrottle(SimpleRateThrottle):
    """Submissions of vendor questionnaires per client address (the API's throttle, for a page)."""

    scope = "vendor-questionnaire"
    rate = "30/hour"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _private(response: HttpResponse) -> HttpResponse:
    """The headers of every answer that the token's URL leads to."""
    add_never_cache_headers(response)
    # Never "no-referrer": browsers then post the form with `Origin: null`, which Django's CSRF
    # check rightly refuses. "same-origin" keeps the token's URL from every other site.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


_GONE_STATUSES = {
    LinkStatus.EXPIRED: "expired",
    LinkStatus.REVOKED: "revoked",
    LinkStatus.ANSWERED: "answered",
    LinkStatus.CLOSED: "closed",
}


def _unavailable(request: HttpRequest, exc: selectors.QuestionnaireUnavailable) -> HttpResponse:
    reason = _GONE_STATUSES.get(exc.status) if exc.status else None
    return _private(
        render(
            request,
            "governance/questionnaires/unavailable.html",
            {"reason": reason or "unknown"},
            status=410 if reason else 404,
        )
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def vendor_questionnaire_view(request: HttpRequest, token: str) -> HttpResponse:
    """The vendor answers the questionnaire through its link, without an account."""
    try:
        questionnaire = selectors.questionnaire_for_token(token)
    except selectors.QuestionnaireUnavailable as exc:
        return _unavailable(request, exc)
    form = VendorAnswersForm(request.POST or None)
    status = 200
    if request.method == "POST":
        throttle = _AnswerThrottle()
        # DRF's throttle reads only the client address and the cache: a page's request will do.
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            response = render(
                request,
                "governance/questionnaires/answer.html",
                {"questionnaire": questionnaire, "form": form, "throttled": True},
                status=429,
            )
            response["Retry-After"] = str(int(throttle.wait() or 60))
            return _private(response)
        status = 400
        if form.is_valid():
            try:
                answered = services.questionnaire_submit(token=token, data=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            except selectors.QuestionnaireUnavailable as exc:
                return _unavailable(request, exc)
            else:
                return _private(
                    render(
                        request,
                        "governance/questionnaires/thanks.html",
                        {"questionnaire": answered},
                    )
                )
    return _private(
        render(
            request,
            "governance/questionnaires/answer.html",
            {"questionnaire": questionnaire, "form": form},
            status=status,
        )
    )


def _answer_rows(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """The answers kept on a questionnaire as (question, answer) lines in the reader's language."""
    if not answers:
        return []
    rows: list[tuple[str, str]] = []
    for name in services.FACT_FIELDS:
        value = answers.get(name)
        label = str(getattr(EvaluationCandidate._meta.get_field(name), "verbose_name", name))
        if name == "data_residency":
            shown = choice_label(DataResidency, value) if value else "—"
        elif name == "trains_on_customer_data":
            shown = "—" if value is None else (_("Yes") if value else _("No"))
        elif name == "certifications":
            shown = ", ".join(choice_label(Certification, code) for code in value or []) or _(
                "None"
            )
        else:
            shown = "—" if value in (None, "") else str(value)
        rows.append((label, shown))
    return rows


def _require_reader(request: HttpRequest) -> None:
    require(has_capability(request.user, Cap.VIEW_REGISTER))


def _require_vendor_editor(request: HttpRequest) -> None:
    require(rules.can_edit_vendors(request.user), str(rules.VENDOR_EDITORS_ONLY))


@require_http_methods(["GET", "POST"])
def candidate_questionnaires_view(
    request: HttpRequest, evaluation_pk: int, candidate_pk: int
) -> HttpResponse:
    """A candidate's questionnaire links with their answers; vendor editors send new links."""
    if request.method == "POST":
        _require_vendor_editor(request)
    else:
        _require_reader(request)
    candidate = selectors.candidate_get(
        user=request.user, evaluation_pk=evaluation_pk, pk=candidate_pk
    )
    can_edit = rules.can_edit_vendors(request.user)
    form = QuestionnaireSendForm(request.POST or None) if can_edit else None
    sent = None
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                sent = services.questionnaire_send(
                    actor=request.user,
                    candidate=candidate,
                    sent_to=data["sent_to"],
                    valid_days=data["valid_days"],
                    email=bool(data["email"] and data["sent_to"]),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except Refused as exc:
                form.add_error(None, exc.message)
            else:
                status = 200
                form = QuestionnaireSendForm()
    rows = [
        {
            "questionnaire": q,
            "status": selectors.questionnaire_status(q).value,
            "answers": _answer_rows(q.answers),
        }
        for q in selectors.questionnaire_list(candidate=candidate)
    ]
    response = render(
        request,
        "governance/questionnaires/candidate.html",
        {
            "candidate": candidate,
            "evaluation": candidate.evaluation,
            "rows": rows,
            "form": form,
            "sent": sent,
            "can_edit": can_edit,
        },
        status=status,
    )
    # The page may show a new link once: no copy of it in any cache.
    add_never_cache_headers(response)
    return response


@require_POST
def questionnaire_revoke_view(
    request: HttpRequest, evaluation_pk: int, candidate_pk: int, pk: int
) -> HttpResponse:
    """Close one questionnaire link of the candidate before it expires."""
    _require_vendor_editor(request)
    candidate = selectors.candidate_get(
        user=request.user, evaluation_pk=evaluation_pk, pk=candidate_pk
    )
    questionnaire = selectors.questionnaire_get(candidate=candidate, pk=pk)
    try:
        services.questionnaire_revoke(actor=request.user, questionnaire=questionnaire)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The link was revoked; it no longer opens the questionnaire."))
    return redirect(
        "governance:candidate-questionnaires",
        evaluation_pk=candidate.evaluation_id,
        candidate_pk=candidate.pk,
    )
