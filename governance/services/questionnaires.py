"""Writes of the vendor questionnaire: send a link, revoke it, take the vendor's answers.

A link is made once and shown once: only its token's SHA-256 is stored. The vendor answers
without an account; the answers are kept as given on the questionnaire and written onto the
candidate's facts in the same transaction, with a history entry that names the questionnaire.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.exceptions import Refused, StateConflict
from core.history import as_actor
from governance import events, rules
from governance.choices import Certification, DataResidency, EvaluationStatus
from governance.domain import questionnaires as domain
from governance.models import EvaluationCandidate, VendorEvaluation, VendorQuestionnaire
from governance.questionnaire_selectors import QuestionnaireUnavailable, questionnaire_status

logger = logging.getLogger(__name__)

# The candidate's facts a vendor answers, in the order of the questionnaire.
FACT_FIELDS = (
    "data_residency",
    "retention",
    "trains_on_customer_data",
    "certifications",
    "model_change_notice_days",
    "incident_notice_hours",
    "exit_terms",
    "support_terms",
)
TEXT_LIMIT = 5000
NAME_LIMIT = 200
# Ten years of notice, a year of hours: anything above is a typing error, not a commitment.
MAX_NOTICE_DAYS = 3650
MAX_NOTICE_HOURS = 8760
# "Unknown" is what the evaluator records before asking; the vendor knows where data lives.
RESIDENCY_ANSWERS = tuple(value for value in DataResidency.values if value != DataResidency.UNKNOWN)
_YES = {"yes", "true", "1"}
_NO = {"no", "false", "0"}


@dataclass(frozen=True)
class SentQuestionnaire:
    """A new questionnaire link: the row, and the link itself, which exists only here."""

    questionnaire: VendorQuestionnaire
    link: str
    mailed: bool


def questionnaire_link(token: str) -> str:
    """The absolute link of a token, on the installation's public address (as e-mails use)."""
    path = reverse("vendor-questionnaire", args=[token])
    return settings.PORTFOLIO_SITE_URL.rstrip("/") + path


def _mail_link(questionnaire: VendorQuestionnaire, link: str) -> bool:
    """E-mail the link to its recipient; False (and a log line) if the mail server refuses."""
    candidate = questionnaire.candidate
    values = {
        "evaluation": candidate.evaluation.title,
        "product": str(candidate.product),
        "link": link,
        "expires": timezone.localtime(questionnaire.expires_at).date().isoformat(),
    }
    subject = _("Questionnaire about %(product)s") % values
    template = _(
        "Hello,\n\n"
        "we are evaluating %(product)s for “%(evaluation)s” and would like your answers on data "
        "residency, retention, training on customer data, certifications, notice periods, exit "
        "and support.\n\n"
        "Please answer through this link; it needs no account and can be used once, until "
        "%(expires)s:\n%(link)s\n\n"
        "Do not forward this link: whoever has it can answer in your name.\n"
    )
    body = template % values
    try:
        send_mail(subject, body, None, [questionnaire.sent_to])
    except (smtplib.SMTPException, OSError):
        logger.exception("questionnaire %s: the link could not be e-mailed", questionnaire.pk)
        return False
    return True


def questionnaire_send(
    *,
    actor: Any,
    candidate: EvaluationCandidate,
    sent_to: str = "",
    valid_days: int = domain.DEFAULT_VALID_DAYS,
    email: bool = True,
) -> SentQuestionnaire:
    """Make a new link for the candidate's vendor and (if an address is given) e-mail it.

    Links sent before stay as they are: revoke them to close them. The mail goes out in the
    sender's language, after the link is saved; a refused mail leaves the link to be copied.
    """
    if not rules.can_edit_vendors(actor):
        raise Refused(str(rules.VENDOR_EDITORS_ONLY))
    if candidate.evaluation.status != EvaluationStatus.OPEN:
        raise StateConflict(_("The evaluation is closed: it takes no more answers."))
    errors: dict[str, list[str]] = {}
    sent_to = (sent_to or "").strip()
    if sent_to:
        try:
            validate_email(sent_to)
        except ValidationError:
            errors["sent_to"] = [_("Enter a valid e-mail address.")]
    if email and not sent_to and "sent_to" not in errors:
        errors["sent_to"] = [_("Give the address to e-mail the link to, or do not e-mail it.")]
    if (
        isinstance(valid_days, bool)
        or not isinstance(valid_days, int)
        or not 1 <= valid_days <= domain.MAX_VALID_DAYS
    ):
        errors["valid_days"] = [
            _("A link is valid for 1 to %(max)s days.") % {"max": domain.MAX_VALID_DAYS}
        ]
    if errors:
        raise ValidationError(errors)
    token = domain.new_token()
    with transaction.atomic():
        questionnaire = VendorQuestionnaire.objects.create(
            candidate=candidate,
            token_hash=domain.token_hash(token),
            sent_to=sent_to,
            created_by=actor,
            expires_at=timezone.now() + datetime.timedelta(days=valid_days),
        )
    link = questionnaire_link(token)
    mailed = _mail_link(questionnaire, link) if email and sent_to else False
    return SentQuestionnaire(questionnaire=questionnaire, link=link, mailed=mailed)


def questionnaire_revoke(*, actor: Any, questionnaire: VendorQuestionnaire) -> VendorQuestionnaire:
    """Close a link before it expires; revoking a revoked link changes nothing."""
    if not rules.can_edit_vendors(actor):
        raise Refused(str(rules.VENDOR_EDITORS_ONLY))
    with transaction.atomic():
        locked = VendorQuestionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if locked.submitted_at is not None:
            raise StateConflict(_("The questionnaire is answered already; its link is used up."))
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor
            locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def _text(data: Mapping[str, Any], name: str, errors: dict[str, list[str]], *, limit: int) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[name] = [_("Enter a text.")]
        return ""
    value = value.strip()
    if "\x00" in value:
        # PostgreSQL cannot store a NUL character in text.
        errors[name] = [_("Null characters are not allowed.")]
        return ""
    if len(value) > limit:
        errors[name] = [_("Keep this under %(limit)s characters.") % {"limit": limit}]
    return value


def _number(
    data: Mapping[str, Any], name: str, errors: dict[str, list[str]], *, top: int
) -> int | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    # isascii: "²".isdigit() is true but int() refuses it; the length keeps int() off
    # a thousand-digit string (far above any top anyway).
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip()) if len(value.strip()) <= 18 else top + 1
    if isinstance(value, bool) or not isinstance(value, int):
        errors[name] = [_("Enter a whole number.")]
        return None
    if not 0 <= value <= top:
        errors[name] = [_("Enter a number from 0 to %(top)s.") % {"top": top}]
        return None
    return value


def answers_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as they are kept, or a ValidationError naming each wrong field."""
    errors: dict[str, list[str]] = {}
    answers: dict[str, Any] = {}
    residency = data.get("data_residency")
    if residency in (None, ""):
        errors["data_residency"] = [_("Say where the data is kept.")]
    elif residency not in RESIDENCY_ANSWERS:
        errors["data_residency"] = [_("Choose one of the places listed.")]
    answers["data_residency"] = residency
    answers["retention"] = _text(data, "retention", errors, limit=TEXT_LIMIT)
    if not answers["retention"] and "retention" not in errors:
        errors["retention"] = [_("Say how long the organisation's data is kept.")]
    trains = data.get("trains_on_customer_data")
    if isinstance(trains, str):
        trains = trains.strip().lower()
    if trains is True or trains in _YES:
        answers["trains_on_customer_data"] = True
    elif trains is False or trains in _NO:
        answers["trains_on_customer_data"] = False
    else:
        errors["trains_on_customer_data"] = [_("Answer yes or no.")]
    certifications = data.get("certifications") or []
    if isinstance(certifications, str) or not isinstance(certifications, list | tuple):
        errors["certifications"] = [_("Give the certifications as a list.")]
        certifications = []
    unknown = [code for code in certifications if code not in Certification.values]
    if unknown:
        errors["certifications"] = [_("Choose only certifications from the list.")]
    answers["certifications"] = [code for code in Certification.values if code in certifications]
    answers["model_change_notice_days"] = _number(
        data, "model_change_notice_days", errors, top=MAX_NOTICE_DAYS
    )
    answers["incident_notice_hours"] = _number(
        data, "incident_notice_hours", errors, top=MAX_NOTICE_HOURS
    )
    answers["exit_terms"] = _text(data, "exit_terms", errors, limit=TEXT_LIMIT)
    answers["support_terms"] = _text(data, "support_terms", errors, limit=TEXT_LIMIT)
    answers["respondent_name"] = _text(data, "respondent_name", errors, limit=NAME_LIMIT)
    if not answers["respondent_name"] and "respondent_name" not in errors:
        errors["respondent_name"] = [_("Give your name.")]
    email = _text(data, "respondent_email", errors, limit=254)
    if not email and "respondent_email" not in errors:
        errors["respondent_email"] = [_("Give your e-mail address.")]
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors["respondent_email"] = [_("Enter a valid e-mail address.")]
    answers["respondent_email"] = email
    if errors:
        raise ValidationError(errors)
    return answers


def _change_reason(answers: Mapping[str, Any]) -> str:
    # Stored once as text, so in the installation's language, like the other history reasons.
    with override(settings.LANGUAGE_CODE):
        return _("From the vendor's questionnaire, answered by %(name)s (%(email)s)") % {
            "name": answers["respondent_name"],
            "email": answers["respondent_email"],
        }


def questionnaire_submit(*, token: str, data: Mapping[str, Any]) -> VendorQuestionnaire:
    """Take the vendor's answers through a link, once: kept as given and written onto the
    candidate, with a history entry naming the questionnaire; the evaluation's owner hears of it.

    QuestionnaireUnavailable for an unknown, expired, revoked or used link; ValidationError for
    wrong answers. Either way nothing is saved.
    """
    now = timezone.now()
    with transaction.atomic():
        # The lock makes a double submission (two tabs, a retry) answer once; the second waits,
        # then finds the link used.
        questionnaire = (
            VendorQuestionnaire.objects.select_for_update(of=("self",))
            .select_related("candidate__evaluation")
            .filter(token_hash=domain.token_hash(token))
            .first()
            if token and len(token) <= domain.MAX_TOKEN_LENGTH
            else None
        )
        if questionnaire is None:
            raise QuestionnaireUnavailable(None)
        status = questionnaire_status(questionnaire, now)
        if status is not domain.LinkStatus.OPEN:
            raise QuestionnaireUnavailable(status)
        # A link sent while the evaluation was open stops counting once it is decided or
        # cancelled; the evaluation row is locked so a decision cannot slip in between.
        evaluation = VendorEvaluation.objects.select_for_update().get(
            pk=questionnaire.candidate.evaluation_id
        )
        if evaluation.status != EvaluationStatus.OPEN:
            raise QuestionnaireUnavailable(domain.LinkStatus.CLOSED)
        # Refused inside the transaction: it rolls back with nothing written.
        answers = answers_clean(data)
        candidate = EvaluationCandidate.objects.select_for_update().get(
            pk=questionnaire.candidate_id
        )
        for name in FACT_FIELDS:
            setattr(candidate, name, answers[name])
        candidate.answered_at = now
        # The vendor has no account: the history names the questionnaire, not a person.
        as_actor(candidate, None)
        candidate._change_reason = _change_reason(answers)  # type: ignore[attr-defined]
        candidate.save()
        questionnaire.answers = answers
        questionnaire.respondent = answers["respondent_name"]
        questionnaire.submitted_at = now
        questionnaire.save(update_fields=["answers", "respondent", "submitted_at"])
        questionnaire.candidate = candidate
        events.emit_questionnaire_answered(questionnaire)
    return questionnaire
