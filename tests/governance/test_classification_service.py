"""The questionnaire through the service, the API and the guided page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from governance import services
from governance.choices import ApprovalStatus
from governance.domain import classification as domain
from governance.models import Classification
from governance.questionnaire_texts import (
    CONSEQUENCE_TEXTS,
    GROUP_TITLES,
    OBLIGATION_TITLES,
    QUESTION_TEXTS,
)
from tests.conftest import token_client

pytestmark = pytest.mark.django_db


def _answers(role: str, **yes: bool) -> dict[str, bool]:
    """Answer every required question no, except those given, until nothing more is asked."""
    answers: dict[str, bool] = {}
    while True:
        required = domain.required_questions(answers, role)
        missing = [key for key in required if key not in answers]
        if not missing:
            return {key: answers[key] for key in required}
        for key in missing:
            answers[key] = yes.get(key, False)


@pytest.mark.parametrize("language", ["nl", "sv", "de"])
def test_the_questionnaire_speaks_every_language(language):
    """The domain's English texts are the msgids: each one shown is translated."""
    english = {
        **{("question", k): t for k, t in domain.QUESTION_TEXTS.items()},
        **{("group", g.value): t for g, t in domain.GROUP_TITLES.items()},
        **{("consequence", c.value): t for c, t in domain.CONSEQUENCE_TEXTS.items()},
        **{("obligation", c.value): t for c, (_, t) in domain.OBLIGATION_TEXTS.items()},
    }
    shown = {
        **{("question", k): v for k, v in QUESTION_TEXTS.items()},
        **{("group", k): v for k, v in GROUP_TITLES.items()},
        **{("consequence", k): v for k, v in CONSEQUENCE_TEXTS.items()},
        **{("obligation", k): v for k, v in OBLIGATION_TITLES.items()},
    }
    assert set(shown) == set(english)
    with translation.override(language):
        untranslated = [key for key, text in english.items() if str(shown[key]) == text]
    assert not untranslated


def test_classification_keeps_answers_rationale_and_version(compliance_officer, linked_system):
    answers = _answers("deployer", annex_iii_4_employment=True, art6_3_significant_risk=True)
    record = services.ai_system_classify(
        actor=compliance_officer, system=linked_system, answers=answers, role="deployer"
    )
    linked_system.refresh_from_db()
    assert linked_system.risk_class == "high"
    assert record.questionnaire_version == domain.QUESTIONNAIRE_VERSION
    assert record.answers["annex_iii_4_employment"] is True
    consequences = [line["consequence"] for line in record.result["rationale"]]
    assert "annex_iii_high_risk" in consequences
    # High risk: one open review of every kind is scheduled by cadence (6 months).
    assert sorted(linked_system.reviews.values_list("kind", flat=True)) == [
        "bias_fairness_audit", "compliance", "performance", "security",
    ]  # fmt: skip


def test_reclassification_to_another_class_withdraws_approval(compliance_officer, linked_system):
    services.ai_system_classify(
        actor=compliance_officer,
        system=linked_system,
        answers=_answers("deployer"),
        role="deployer",
    )
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    services.ai_system_approve(actor=compliance_officer, system=linked_system, grounds="ok")
    services.ai_system_classify(
        actor=compliance_officer,
        system=linked_system,
        answers=_answers("deployer", art50_1_interaction=True),
        role="deployer",
    )
    linked_system.refresh_from_db()
    assert linked_system.risk_class == "limited"
    assert linked_system.approval_status == ApprovalStatus.SUBMITTED


def test_incomplete_answers_are_a_400_in_the_api(compliance_officer, linked_system):
    response = token_client(compliance_officer).post(
        f"/api/v1/ai-systems/{linked_system.pk}/classify/",
        {"role": "deployer", "answers": {"art5_1_a_manipulation": False}},
        format="json",
    )
    assert response.status_code == 400
    assert "answers" in response.json()["errors"]
    assert not Classification.objects.exists()


def test_guided_page_asks_follow_up_questions_then_classifies(
    client, compliance_officer, linked_system
):
    client.force_login(compliance_officer)
    url = reverse("governance:system-classify", args=[linked_system.pk])
    page = client.get(url).content.decode()
    assert "art6_3_significant_risk" not in page  # only asked once an Annex III area applies
    first = {"role": "deployer", **dict.fromkeys(domain.required_questions({}, "deployer"), "no")}
    first["annex_iii_4_employment"] = "yes"
    response = client.post(url, first)
    assert response.status_code == 400
    assert "art6_3_significant_risk" in response.content.decode()
    follow_up = dict(first)
    answers = {k: v == "yes" for k, v in first.items() if k != "role"}
    for key in domain.required_questions(answers, "deployer"):
        follow_up.setdefault(key, "no")
    follow_up["art6_3_significant_risk"] = "yes"
    answers["art6_3_significant_risk"] = True
    for key in domain.required_questions(answers, "deployer"):
        follow_up.setdefault(key, "no")
    response = client.post(url, follow_up)
    assert response.status_code == 302
    linked_system.refresh_from_db()
    assert linked_system.risk_class == "high"
    detail = client.get(
        reverse("governance:system-detail", args=[linked_system.pk])
    ).content.decode()
    assert "Annex III point 4" in detail
    assert "Art. 26(2)" in detail  # a deployer obligation of a high-risk system
