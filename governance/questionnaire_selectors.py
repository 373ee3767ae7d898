"""Reads of the vendor questionnaire: candidates in the person's scope, and links by token.

Who sees an evaluation and its candidates is governance.vendor_selectors' to say; the
questionnaires of a candidate follow it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from governance import vendor_selectors
from governance.choices import EvaluationStatus
from governance.domain import questionnaires as domain
from governance.models import EvaluationCandidate, VendorQuestionnaire


class QuestionnaireUnavailable(Exception):
    """A token that opens no questionnaire: unknown, or its link is expired, revoked or used."""

    def __init__(self, status: domain.LinkStatus | None) -> None:
        super().__init__(status.value if status else "unknown")
        # None for a token nobody issued.
        self.status = status


def candidate_get(*, user: Any, evaluation_pk: int, pk: int) -> EvaluationCandidate:
    """One candidate of an evaluation in the person's scope (404 otherwise)."""
    return vendor_selectors.evaluation_candidate_get(user=user, pk=pk, evaluation_pk=evaluation_pk)


def questionnaire_list(*, candidate: EvaluationCandidate) -> QuerySet[VendorQuestionnaire]:
    """The candidate's questionnaire links, newest first, with who sent and revoked them."""
    return VendorQuestionnaire.objects.filter(candidate=candidate).select_related(
        "created_by", "revoked_by"
    )


def questionnaire_get(*, candidate: EvaluationCandidate, pk: int) -> VendorQuestionnaire:
    """One questionnaire link of the candidate (404 for another candidate's)."""
    return get_object_or_404(questionnaire_list(candidate=candidate), pk=pk)


def questionnaire_status(questionnaire: VendorQuestionnaire, now: Any = None) -> domain.LinkStatus:
    """Where the link stands now: open, answered, expired or revoked."""
    return domain.link_status(
        expires_at=questionnaire.expires_at,
        revoked_at=questionnaire.revoked_at,
        submitted_at=questionnaire.submitted_at,
        now=now or timezone.now(),
    )


def questionnaire_for_token(token: str) -> VendorQuestionnaire:
    """The open questionnaire a link's token opens; QuestionnaireUnavailable otherwise."""
    if not token or len(token) > domain.MAX_TOKEN_LENGTH:
        raise QuestionnaireUnavailable(None)
    questionnaire = (
        VendorQuestionnaire.objects.select_related(
            "candidate", "candidate__evaluation", "candidate__product__vendor"
        )
        .filter(token_hash=domain.token_hash(token))
        .first()
    )
    if questionnaire is None:
        raise QuestionnaireUnavailable(None)
    status = questionnaire_status(questionnaire)
    if status is not domain.LinkStatus.OPEN:
        raise QuestionnaireUnavailable(status)
    if questionnaire.candidate.evaluation.status != EvaluationStatus.OPEN:
        raise QuestionnaireUnavailable(domain.LinkStatus.CLOSED)
    return questionnaire


def candidate_scope(*, user: Any) -> QuerySet[EvaluationCandidate]:
    """Candidates of the evaluations the person may see."""
    return vendor_selectors.evaluation_candidate_list(user=user)


def questionnaire_scope(*, user: Any) -> QuerySet[VendorQuestionnaire]:
    """Questionnaire links of the candidates the person may see, newest first."""
    visible = vendor_selectors.evaluation_candidate_list(user=user).order_by().values("pk")
    return VendorQuestionnaire.objects.filter(candidate__in=visible).select_related(
        "candidate", "created_by", "revoked_by"
    )
