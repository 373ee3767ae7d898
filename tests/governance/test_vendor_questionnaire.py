"""The vendor questionnaire: a link made once and kept as a hash, answered once, onto the candidate."""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.exceptions import Refused, StateConflict
from governance.choices import EvaluationStatus
from governance.models import EvaluationCandidate, VendorQuestionnaire
from governance.questionnaire_selectors import QuestionnaireUnavailable
from governance.services.questionnaires import (
    questionnaire_revoke,
    questionnaire_send,
    questionnaire_submit,
)
from notifications.models import Notification
from tests.factories.initiatives import InitiativeFactory
from tests.factories.questionnaires import candidate_make

pytestmark = pytest.mark.django_db

SITE = "https://portfolio.example.org"

ANSWERS: dict[str, Any] = {
    "data_residency": "eu",
    "retention": "Deleted 30 days after the end of the contract.",
    "trains_on_customer_data": "no",
    "certifications": ["iso_27001", "soc_2"],
    "model_change_notice_days": "60",
    "incident_notice_hours": "24",
    "exit_terms": "Full export as JSON within 14 days.",
    "support_terms": "Office hours, English and German.",
    "respondent_name": "Jane Doe",
    "respondent_email": "jane@acme.example",
}


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.PORTFOLIO_SITE_URL = SITE


@pytest.fixture
def candidate(leader: Any, alice: Any) -> EvaluationCandidate:
    """An open evaluation owned by leadership (lena) for alice's use case, Acme Copilot in it."""
    return candidate_make(owner=leader, initiative=InitiativeFactory(owner=alice))


def _token(link: str) -> str:
    match = re.fullmatch(rf"{re.escape(SITE)}/vendor-questionnaire/([A-Za-z0-9_-]+)/", link)
    assert match, link
    return match.group(1)


def _facts(candidate: EvaluationCandidate) -> dict[str, Any]:
    candidate.refresh_from_db()
    return {
        "data_residency": candidate.data_residency,
        "retention": candidate.retention,
        "trains_on_customer_data": candidate.trains_on_customer_data,
        "certifications": candidate.certifications,
        "model_change_notice_days": candidate.model_change_notice_days,
        "incident_notice_hours": candidate.incident_notice_hours,
        "answered_at": candidate.answered_at,
    }


# --- Sending -----------------------------------------------------------------------------------


def test_the_link_is_mailed_and_only_its_hash_is_stored(compliance_officer, candidate) -> None:
    sent = questionnaire_send(
        actor=compliance_officer, candidate=candidate, sent_to="sales@acme.example"
    )
    token = _token(sent.link)
    assert len(token) == 43
    stored = VendorQuestionnaire.objects.get()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # The raw token is nowhere in the row.
    assert token not in str(VendorQuestionnaire.objects.values().get())
    assert stored.sent_to == "sales@acme.example"
    assert stored.created_by == compliance_officer
    assert stored.expires_at - stored.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=datetime.timedelta(seconds=5)
    )
    assert sent.mailed is True
    [message] = mail.outbox
    assert message.to == ["sales@acme.example"]
    assert message.subject == "Questionnaire about Acme AI – Acme Copilot"
    assert sent.link in message.body
    assert "Chat assistant for the service desk" in message.body


def test_a_new_link_leaves_the_older_ones_open(compliance_officer, candidate) -> None:
    first = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    second = questionnaire_send(
        actor=compliance_officer, candidate=candidate, email=False, valid_days=3
    )
    assert first.link != second.link
    assert mail.outbox == []
    for sent in (first, second):
        # Both open the questionnaire.
        response = Client().get(sent.link.removeprefix(SITE))
        assert response.status_code == 200


def test_sending_is_for_vendor_editors_and_open_evaluations(alice, leader, candidate) -> None:
    with pytest.raises(Refused):
        questionnaire_send(actor=alice, candidate=candidate, email=False)
    candidate.evaluation.status = EvaluationStatus.DECIDED
    candidate.evaluation.save()
    with pytest.raises(StateConflict):
        questionnaire_send(actor=leader, candidate=candidate, email=False)
    assert VendorQuestionnaire.objects.count() == 0


# --- Answering ---------------------------------------------------------------------------------


def test_answers_land_on_the_candidate_with_history_and_notify_the_owner(
    compliance_officer, leader, candidate
) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    token = _token(sent.link)
    questionnaire_submit(token=token, data=ANSWERS)

    facts = _facts(candidate)
    assert facts["data_residency"] == "eu"
    assert facts["retention"] == "Deleted 30 days after the end of the contract."
    assert facts["trains_on_customer_data"] is False
    assert facts["certifications"] == ["iso_27001", "soc_2"]
    assert facts["model_change_notice_days"] == 60
    assert facts["incident_notice_hours"] == 24
    assert facts["answered_at"] is not None
    assert candidate.exit_terms == "Full export as JSON within 14 days."
    assert candidate.support_terms == "Office hours, English and German."

    latest = candidate.history.first()
    assert latest.history_change_reason == (
        "From the vendor's questionnaire, answered by Jane Doe (jane@acme.example)"
    )
    assert latest.history_user is None
    assert latest.data_residency == "eu"

    questionnaire = VendorQuestionnaire.objects.get()
    assert questionnaire.submitted_at == facts["answered_at"]
    assert questionnaire.respondent == "Jane Doe"
    assert questionnaire.answers["respondent_email"] == "jane@acme.example"
    assert questionnaire.answers["model_change_notice_days"] == 60

    # The evaluation's owner and the sender hear of it.
    notes = {n.recipient.username: n for n in Notification.objects.select_related("recipient")}
    assert set(notes) == {"lena", "carla"}
    assert notes["lena"].sentence == (
        "Jane Doe answered the vendor questionnaire on “Acme AI – Acme Copilot” for "
        "“Chat assistant for the service desk”."
    )
    # The token is in no stored row: not the questionnaire's, the history's or a notification's.
    stored = [
        VendorQuestionnaire.objects.values().get(),
        *candidate.history.values(),
        *Notification.objects.values(),
    ]
    assert token not in str(stored)
    assert notes["lena"].target_url == reverse(
        "governance:candidate-questionnaires", args=[candidate.evaluation_id, candidate.pk]
    )


def _refused_state(candidate: EvaluationCandidate) -> tuple[Any, ...]:
    return (
        _facts(candidate),
        candidate.history.count(),
        list(VendorQuestionnaire.objects.values_list("submitted_at", "answers", "respondent")),
        Notification.objects.count(),
    )


@pytest.mark.parametrize("state", ["expired", "revoked", "answered"])
def test_expired_revoked_and_used_links_are_refused_and_save_nothing(
    compliance_officer, candidate, state
) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    token = _token(sent.link)
    questionnaire = sent.questionnaire
    if state == "expired":
        VendorQuestionnaire.objects.filter(pk=questionnaire.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif state == "revoked":
        questionnaire_revoke(actor=compliance_officer, questionnaire=questionnaire)
    else:
        questionnaire_submit(token=token, data=ANSWERS)
    before = _refused_state(candidate)

    changed = {**ANSWERS, "data_residency": "outside_eu", "respondent_name": "Mallory"}
    with pytest.raises(QuestionnaireUnavailable) as refused:
        questionnaire_submit(token=token, data=changed)
    assert refused.value.status.value == state  # type: ignore[union-attr]
    assert _refused_state(candidate) == before

    page = Client().post(sent.link.removeprefix(SITE), changed)
    assert page.status_code == 410
    assert _refused_state(candidate) == before


@pytest.mark.parametrize("state", [EvaluationStatus.DECIDED, EvaluationStatus.CANCELLED])
def test_a_link_stops_taking_answers_once_the_evaluation_is_closed(
    compliance_officer, candidate, state
) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    token = _token(sent.link)
    type(candidate.evaluation).objects.filter(pk=candidate.evaluation_id).update(status=state)
    before = _refused_state(candidate)

    with pytest.raises(QuestionnaireUnavailable) as refused:
        questionnaire_submit(token=token, data=ANSWERS)
    assert refused.value.status.value == "closed"  # type: ignore[union-attr]
    assert _refused_state(candidate) == before

    url = sent.link.removeprefix(SITE)
    page = Client().get(url)
    assert page.status_code == 410
    assert "This evaluation is closed" in page.content.decode()
    assert Client().post(url, ANSWERS).status_code == 410
    assert _refused_state(candidate) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("model_change_notice_days", "²"),
        ("incident_notice_hours", "9" * 5000),
        ("exit_terms", "ends\x00here"),
    ],
)
def test_hostile_answers_are_field_errors_not_crashes(
    compliance_officer, candidate, field, value
) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    before = _refused_state(candidate)
    page = Client().post(sent.link.removeprefix(SITE), {**ANSWERS, field: value})
    assert page.status_code == 400
    assert _refused_state(candidate) == before


def test_an_unknown_token_is_404_and_saves_nothing(compliance_officer, candidate) -> None:
    questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    before = _refused_state(candidate)
    with pytest.raises(QuestionnaireUnavailable) as refused:
        questionnaire_submit(token="not-a-token", data=ANSWERS)
    assert refused.value.status is None
    url = reverse("vendor-questionnaire", args=["x" * 43])
    assert Client().get(url).status_code == 404
    assert Client().post(url, ANSWERS).status_code == 404
    assert _refused_state(candidate) == before


def test_wrong_answers_get_field_errors_and_save_nothing(compliance_officer, candidate) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    before = _refused_state(candidate)
    wrong = {
        **ANSWERS,
        "data_residency": "mars",
        "trains_on_customer_data": "maybe",
        "certifications": ["iso_9999"],
        "incident_notice_hours": "-3",
        "respondent_email": "not an address",
        "retention": "",
    }
    with pytest.raises(ValidationError) as refused:
        questionnaire_submit(token=_token(sent.link), data=wrong)
    assert set(refused.value.message_dict) == {
        "data_residency",
        "trains_on_customer_data",
        "certifications",
        "incident_notice_hours",
        "respondent_email",
        "retention",
    }
    response = Client().post(sent.link.removeprefix(SITE), wrong)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Please correct the fields marked below." in text
    assert _refused_state(candidate) == before
    # The link still works for a correct answer afterwards.
    assert Client().post(sent.link.removeprefix(SITE), ANSWERS).status_code == 200
    assert _facts(candidate)["data_residency"] == "eu"


# --- The vendor's page -------------------------------------------------------------------------


def test_the_vendor_answers_on_the_page_without_an_account(compliance_officer, candidate) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    path = sent.link.removeprefix(SITE)
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Questionnaire about Acme AI – Acme Copilot" in text
    assert "Chat assistant for the service desk" in text
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)  # type: ignore[union-attr]

    # Without the CSRF token the post is refused; with it (and our own Origin, which the
    # same-origin referrer policy lets the browser send), it is taken.
    assert client.post(path, ANSWERS).status_code == 403
    own = "http://testserver"
    answered = client.post(path, {**ANSWERS, "csrfmiddlewaretoken": csrf}, HTTP_ORIGIN=own)
    assert answered.status_code == 200
    assert "Thank you for your answers" in answered.content.decode()
    assert answered["Referrer-Policy"] == "same-origin"
    assert _facts(candidate)["certifications"] == ["iso_27001", "soc_2"]
    # The link is used up: the page says so.
    again = client.get(path)
    assert again.status_code == 410
    assert "This questionnaire has been answered" in again.content.decode()


def test_the_vendor_page_speaks_the_visitors_language(compliance_officer, candidate) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    page = Client().get(sent.link.removeprefix(SITE), HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    assert '<html lang="de">' in page.content.decode()


def test_the_public_post_is_throttled(compliance_officer, candidate) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    path = sent.link.removeprefix(SITE)
    client = Client()
    wrong = {**ANSWERS, "respondent_name": ""}
    statuses = [client.post(path, wrong).status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429
    assert _facts(candidate)["answered_at"] is None


# --- The candidate's questionnaire page --------------------------------------------------------


def _page(candidate: EvaluationCandidate) -> str:
    return reverse(
        "governance:candidate-questionnaires", args=[candidate.evaluation_id, candidate.pk]
    )


def test_an_officer_sends_a_link_and_sees_it_once(compliance_officer, candidate) -> None:
    client = Client()
    client.force_login(compliance_officer)
    response = client.post(
        _page(candidate), {"sent_to": "sales@acme.example", "valid_days": "7", "email": "on"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = re.search(
        rf'value="({re.escape(SITE)}/vendor-questionnaire/[^"]+)"', response.content.decode()
    )
    assert link, "the new link is shown"
    assert mail.outbox[0].to == ["sales@acme.example"]
    assert link.group(1) in mail.outbox[0].body
    # Shown once: the page read again lists the link without it.
    again = client.get(_page(candidate)).content.decode()
    assert link.group(1) not in again
    assert "sales@acme.example" in again
    assert "Open" in again


def test_the_page_shows_answers_and_revokes(compliance_officer, alice, candidate) -> None:
    answered = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    questionnaire_submit(token=_token(answered.link), data=ANSWERS)
    open_link = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    client = Client()
    client.force_login(compliance_officer)
    text = client.get(_page(candidate)).content.decode()
    assert "Answers of Jane Doe" in text
    assert "ISO/IEC 27001 (information security), SOC 2 Type II" in text
    assert "jane@acme.example" in text
    revoke = reverse(
        "governance:questionnaire-revoke",
        args=[candidate.evaluation_id, candidate.pk, open_link.questionnaire.pk],
    )
    assert client.post(revoke).status_code == 302
    open_link.questionnaire.refresh_from_db()
    assert open_link.questionnaire.revoked_by == compliance_officer
    assert Client().get(open_link.link.removeprefix(SITE)).status_code == 410
    assert "Revoked" in client.get(_page(candidate)).content.decode()


def test_readers_see_answers_but_do_not_send_or_revoke(
    compliance_officer, finance_user, charlie, candidate
) -> None:
    sent = questionnaire_send(actor=compliance_officer, candidate=candidate, email=False)
    questionnaire_submit(token=_token(sent.link), data=ANSWERS)
    client = Client()
    client.force_login(finance_user)
    text = client.get(_page(candidate)).content.decode()
    assert "Answers of Jane Doe" in text
    assert "Send a new link" not in text
    assert client.post(_page(candidate), {"valid_days": "7"}).status_code == 403
    assert VendorQuestionnaire.objects.count() == 1
    # A team lead outside the evaluation's use case does not see it at all.
    outsider = Client()
    outsider.force_login(charlie)
    assert outsider.get(_page(candidate)).status_code == 404
