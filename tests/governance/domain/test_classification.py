"""Tests for the EU AI Act questionnaire: worked examples, rationale, validation, obligations."""

from collections.abc import Mapping
from datetime import date

import pytest

from governance.domain.classification import (
    APPLICATION_DATES,
    CONSEQUENCE_TEXTS,
    OBLIGATION_TEXTS,
    QUESTION_TEXTS,
    QUESTIONNAIRE_VERSION,
    QUESTIONS,
    AIActRole,
    ApplicationPhase,
    Bearer,
    Classification,
    Consequence,
    InvalidAnswers,
    ObligationCode,
    RiskClass,
    TransparencyDuty,
    classify,
    obligations,
    required_questions,
)

OB = ObligationCode
C = Consequence


def answers(role: str = "provider", **given: bool) -> dict[str, bool]:
    """Complete answers: the given ones, every other question the flow asks answered no."""
    result = dict(given)
    while True:
        missing = [key for key in required_questions(result, role) if key not in result]
        if not missing:
            return result
        result.update(dict.fromkeys(missing, False))


def rationale(classification: Classification) -> list[tuple[str, bool, Consequence]]:
    return [(line.question_key, line.answer, line.consequence) for line in classification.rationale]


def codes(classification: Classification, role: str | None = None) -> list[ObligationCode]:
    return [obligation.code for obligation in obligations(classification, role)]


# --- worked examples -------------------------------------------------------------------------


def test_cv_screening_for_hiring_is_high_risk() -> None:
    result = classify(
        answers(annex_iii_4_employment=True, art6_3_significant_risk=True), "provider"
    )
    assert result.risk_class == RiskClass.HIGH
    assert result.annex_iii_areas == (4,)
    assert not result.art6_3_exception_applies
    assert rationale(result) == [
        ("annex_iii_4_employment", True, C.ANNEX_III_HIGH_RISK),
        ("art6_3_significant_risk", True, C.EXCEPTION_BLOCKED_BY_SIGNIFICANT_RISK),
    ]


def test_cv_screening_that_ranks_candidates_by_profile_is_high_risk_despite_a_condition() -> None:
    result = classify(
        answers(
            annex_iii_4_employment=True,
            art6_3_d_preparatory_task=True,
            art6_3_profiling=True,
        ),
        "provider",
    )
    assert result.risk_class == RiskClass.HIGH
    assert rationale(result) == [
        ("annex_iii_4_employment", True, C.ANNEX_III_HIGH_RISK),
        ("art6_3_significant_risk", False, C.EXCEPTION_NO_SIGNIFICANT_RISK),
        ("art6_3_d_preparatory_task", True, C.EXCEPTION_CONDITION_OVERRIDDEN),
        ("art6_3_profiling", True, C.PROFILING_OVERRIDE),
    ]


def test_annex_iii_area_without_any_exception_condition_stays_high_risk() -> None:
    result = classify(answers(annex_iii_3_education=True), "provider")
    assert result.risk_class == RiskClass.HIGH
    assert [line.consequence for line in result.rationale] == [
        C.ANNEX_III_HIGH_RISK,
        C.EXCEPTION_NO_SIGNIFICANT_RISK,
        C.EXCEPTION_CONDITION_NOT_MET,
        C.EXCEPTION_CONDITION_NOT_MET,
        C.EXCEPTION_CONDITION_NOT_MET,
        C.EXCEPTION_CONDITION_NOT_MET,
    ]


def test_hiring_tool_doing_only_a_narrow_procedural_task_is_not_high_risk() -> None:
    # It only converts CVs into a structured form; no ranking, no profiling.
    result = classify(
        answers(annex_iii_4_employment=True, art6_3_a_narrow_procedural_task=True), "provider"
    )
    assert result.risk_class == RiskClass.MINIMAL
    assert result.art6_3_exception_applies
    assert not result.is_high_risk
    assert rationale(result) == [
        ("annex_iii_4_employment", True, C.ANNEX_III_EXCEPTION_APPLIES),
        ("art6_3_significant_risk", False, C.EXCEPTION_NO_SIGNIFICANT_RISK),
        ("art6_3_a_narrow_procedural_task", True, C.EXCEPTION_CONDITION_MET),
        ("art6_3_profiling", False, C.NO_PROFILING),
    ]
    # Art. 6(4) and Art. 49(2): the provider documents the assessment and still registers.
    assert codes(result) == [
        OB.AI_LITERACY,
        OB.NOT_HIGH_RISK_ASSESSMENT,
        OB.NOT_HIGH_RISK_REGISTRATION,
    ]


def test_same_hiring_tool_with_a_chat_interface_is_limited() -> None:
    result = classify(
        answers(
            annex_iii_4_employment=True,
            art6_3_a_narrow_procedural_task=True,
            art50_1_interaction=True,
        ),
        "provider",
    )
    assert result.risk_class == RiskClass.LIMITED
    assert result.transparency_duties == (TransparencyDuty.INTERACTION,)
    assert OB.DISCLOSE_INTERACTION in codes(result)


def test_customer_service_chatbot_is_limited_with_art_50_1() -> None:
    result = classify(answers(art50_1_interaction=True), "provider")
    assert result.risk_class == RiskClass.LIMITED
    assert result.transparency_duties == (TransparencyDuty.INTERACTION,)
    assert rationale(result) == [("art50_1_interaction", True, C.TRANSPARENCY_DUTY)]
    assert codes(result) == [OB.AI_LITERACY, OB.DISCLOSE_INTERACTION]
    [disclose] = [o for o in obligations(result) if o.code == OB.DISCLOSE_INTERACTION]
    assert (disclose.article, disclose.bearer, disclose.applies_from) == (
        "Art. 50(1)",
        Bearer.PROVIDER,
        date(2026, 8, 2),
    )


def test_art_50_1_is_the_providers_duty_not_the_deployers() -> None:
    result = classify(answers("deployer", art50_1_interaction=True), "deployer")
    assert result.risk_class == RiskClass.LIMITED
    assert codes(result) == [OB.AI_LITERACY]


def test_social_scoring_by_a_public_authority_is_prohibited() -> None:
    result = classify(answers("deployer", art5_1_c_social_scoring=True), "deployer")
    assert result.risk_class == RiskClass.PROHIBITED
    assert rationale(result) == [("art5_1_c_social_scoring", True, C.PROHIBITED_PRACTICE)]
    assert codes(result) == [OB.AI_LITERACY, OB.PROHIBITED_WITHDRAW]
    withdraw = obligations(result)[1]
    assert withdraw.applies_from == date(2025, 2, 2)
    assert withdraw.article == "Art. 5"


def test_a_prohibition_outranks_every_other_finding() -> None:
    result = classify(
        answers(
            art5_1_f_emotion_workplace=True,
            annex_iii_1_biometrics=True,
            art6_3_significant_risk=True,
            art50_3_emotion_biometric=True,
        ),
        "provider",
    )
    assert result.risk_class == RiskClass.PROHIBITED
    assert codes(result) == [OB.AI_LITERACY, OB.PROHIBITED_WITHDRAW]


def test_internal_spam_filter_is_minimal() -> None:
    result = classify(answers("provider_and_deployer"), "provider_and_deployer")
    assert result.risk_class == RiskClass.MINIMAL
    assert result.rationale == ()
    assert codes(result) == [OB.AI_LITERACY]
    [literacy] = obligations(result)
    assert literacy.article == "Art. 4"
    assert literacy.bearer == Bearer.PROVIDER_AND_DEPLOYER


def test_gpai_model_provider_flags_and_obligations() -> None:
    result = classify(answers(gpai_model_provider=True, art50_2_synthetic_content=True), "provider")
    assert result.risk_class == RiskClass.LIMITED
    assert (result.gpai, result.gpai_systemic, result.gpai_open_source) == (True, False, False)
    assert codes(result) == [
        OB.AI_LITERACY,
        OB.MARK_SYNTHETIC_CONTENT,
        OB.GPAI_TECHNICAL_DOCUMENTATION,
        OB.GPAI_DOWNSTREAM_INFORMATION,
        OB.GPAI_COPYRIGHT_POLICY,
        OB.GPAI_TRAINING_SUMMARY,
    ]
    gpai = [o for o in obligations(result) if o.bearer == Bearer.GPAI_MODEL_PROVIDER]
    assert {o.applies_from for o in gpai} == {date(2025, 8, 2)}


def test_open_source_gpai_model_is_exempt_from_documentation_duties() -> None:
    result = classify(answers(gpai_model_provider=True, gpai_open_source=True), "provider")
    assert result.risk_class == RiskClass.MINIMAL
    assert ("gpai_open_source", True, C.GPAI_OPEN_SOURCE_EXEMPTION) in rationale(result)
    assert codes(result) == [OB.AI_LITERACY, OB.GPAI_COPYRIGHT_POLICY, OB.GPAI_TRAINING_SUMMARY]


def test_gpai_model_with_systemic_risk_has_no_open_source_exemption() -> None:
    result = classify(
        answers(gpai_model_provider=True, gpai_systemic_risk=True, gpai_open_source=True),
        "provider",
    )
    assert result.gpai_systemic
    assert ("gpai_open_source", True, C.GPAI_OPEN_SOURCE_NO_EXEMPTION) in rationale(result)
    assert codes(result)[1:] == [
        OB.GPAI_TECHNICAL_DOCUMENTATION,
        OB.GPAI_DOWNSTREAM_INFORMATION,
        OB.GPAI_COPYRIGHT_POLICY,
        OB.GPAI_TRAINING_SUMMARY,
        OB.GPAI_NOTIFY_COMMISSION,
        OB.GPAI_MODEL_EVALUATION,
        OB.GPAI_SYSTEMIC_RISK_MITIGATION,
        OB.GPAI_SERIOUS_INCIDENTS,
        OB.GPAI_CYBERSECURITY,
    ]


# --- Annex I ---------------------------------------------------------------------------------


def test_medical_device_needing_a_notified_body_is_high_risk_from_2027() -> None:
    result = classify(
        answers(annex_i_product=True, annex_i_third_party_assessment=True), "provider"
    )
    assert result.risk_class == RiskClass.HIGH
    assert result.annex_i_high_risk
    assert rationale(result) == [
        ("annex_i_product", True, C.ANNEX_I_PRODUCT),
        ("annex_i_third_party_assessment", True, C.ANNEX_I_HIGH_RISK),
    ]
    found = obligations(result)
    assert OB.CONFORMITY_ASSESSMENT_PRODUCT in [o.code for o in found]
    # Art. 49(1) registration covers Annex III systems only.
    assert OB.REGISTRATION not in [o.code for o in found]
    assert {o.applies_from for o in found if o.code != OB.AI_LITERACY} == {date(2027, 8, 2)}


def test_annex_i_product_with_self_assessment_only_is_not_high_risk() -> None:
    result = classify(answers(annex_i_product=True), "provider")
    assert result.risk_class == RiskClass.MINIMAL
    assert rationale(result) == [
        ("annex_i_product", True, C.ANNEX_I_PRODUCT),
        ("annex_i_third_party_assessment", False, C.ANNEX_I_NO_THIRD_PARTY_ASSESSMENT),
    ]


# --- obligations of high-risk systems --------------------------------------------------------


def test_high_risk_provider_obligations_in_order() -> None:
    result = classify(answers(annex_iii_4_employment=True), "provider")
    found = obligations(result)
    assert [(o.code, o.article) for o in found] == [
        (OB.AI_LITERACY, "Art. 4"),
        (OB.RISK_MANAGEMENT, "Art. 9"),
        (OB.DATA_GOVERNANCE, "Art. 10"),
        (OB.TECHNICAL_DOCUMENTATION, "Art. 11, Annex IV"),
        (OB.RECORD_KEEPING, "Art. 12"),
        (OB.INSTRUCTIONS_FOR_USE, "Art. 13"),
        (OB.HUMAN_OVERSIGHT_DESIGN, "Art. 14"),
        (OB.ACCURACY_ROBUSTNESS_CYBERSECURITY, "Art. 15"),
        (OB.QUALITY_MANAGEMENT, "Art. 17"),
        (OB.DOCUMENTATION_KEEPING, "Art. 18"),
        (OB.LOG_KEEPING_PROVIDER, "Art. 19"),
        (OB.CORRECTIVE_ACTIONS, "Art. 20"),
        (OB.CONFORMITY_ASSESSMENT_INTERNAL, "Art. 43(2), Annex VI"),
        (OB.DECLARATION_OF_CONFORMITY, "Art. 47"),
        (OB.CE_MARKING, "Art. 48"),
        (OB.REGISTRATION, "Art. 49(1)"),
        (OB.POST_MARKET_MONITORING, "Art. 72"),
        (OB.SERIOUS_INCIDENT_REPORTING, "Art. 73"),
    ]
    assert {o.bearer for o in found[1:]} == {Bearer.PROVIDER}
    assert {o.applies_from for o in found[1:]} == {date(2026, 8, 2)}


def test_remote_biometric_identification_may_need_a_notified_body() -> None:
    result = classify(
        answers(annex_iii_1_biometrics=True, art6_3_significant_risk=True), "provider"
    )
    assert OB.CONFORMITY_ASSESSMENT_BIOMETRIC in codes(result)
    assert OB.CONFORMITY_ASSESSMENT_INTERNAL not in codes(result)


def test_critical_infrastructure_registers_nationally() -> None:
    result = classify(answers(annex_iii_2_critical_infrastructure=True), "provider")
    assert OB.REGISTRATION_NATIONAL in codes(result)
    assert OB.REGISTRATION not in codes(result)


def test_high_risk_deployer_in_the_private_sector() -> None:
    result = classify(answers("deployer", annex_iii_4_employment=True), "deployer")
    assert result.risk_class == RiskClass.HIGH
    assert codes(result) == [
        OB.AI_LITERACY,
        OB.USE_PER_INSTRUCTIONS,
        OB.ASSIGN_HUMAN_OVERSIGHT,
        OB.INPUT_DATA,
        OB.MONITOR_AND_REPORT,
        OB.LOG_KEEPING_DEPLOYER,
        OB.INFORM_WORKERS,
        OB.DPIA,
        OB.INFORM_AFFECTED_PERSONS,
        OB.EXPLANATION,
    ]
    assert not result.fria_required


def test_public_authority_deploying_benefit_eligibility_needs_fria_and_registration() -> None:
    result = classify(
        answers(
            "deployer",
            annex_iii_5_essential_services=True,
            art6_3_significant_risk=True,
            deployer_public_authority=True,
        ),
        "deployer",
    )
    assert result.fria_required
    found = codes(result)
    assert found[-3:] == [OB.DEPLOYER_REGISTRATION, OB.FRIA, OB.EXPLANATION]
    [fria] = [o for o in obligations(result) if o.code == OB.FRIA]
    assert fria.article == "Art. 27"


def test_bank_deploying_credit_scoring_needs_fria() -> None:
    result = classify(
        answers(
            "deployer",
            annex_iii_5_essential_services=True,
            art6_3_significant_risk=True,
            deployer_credit_or_insurance=True,
        ),
        "deployer",
    )
    assert result.fria_required
    assert OB.FRIA in codes(result)
    assert OB.DEPLOYER_REGISTRATION not in codes(result)


def test_public_operator_of_critical_infrastructure_needs_no_fria() -> None:
    # Art. 27(1) and Art. 86(1) leave out Annex III point 2.
    result = classify(
        answers(
            "deployer", annex_iii_2_critical_infrastructure=True, deployer_public_authority=True
        ),
        "deployer",
    )
    assert result.risk_class == RiskClass.HIGH
    assert not result.fria_required
    assert {OB.FRIA, OB.EXPLANATION, OB.DEPLOYER_REGISTRATION}.isdisjoint(codes(result))


def test_deployer_who_rebrands_a_high_risk_system_becomes_its_provider() -> None:
    result = classify(
        answers("deployer", annex_iii_4_employment=True, deployer_becomes_provider=True),
        "deployer",
    )
    assert result.role == AIActRole.DEPLOYER
    assert result.effective_role == AIActRole.PROVIDER_AND_DEPLOYER
    assert ("deployer_becomes_provider", True, C.DEPLOYER_BECOMES_PROVIDER) in rationale(result)
    found = codes(result)
    assert OB.RISK_MANAGEMENT in found
    assert OB.USE_PER_INSTRUCTIONS in found
    # Asking for the deployer view still includes the provider duties taken on under Art. 25.
    assert OB.CONFORMITY_ASSESSMENT_INTERNAL in codes(result, "deployer")


def test_transparency_duties_apply_on_top_of_high_risk() -> None:
    result = classify(
        answers(
            "provider_and_deployer",
            annex_iii_1_biometrics=True,
            art6_3_significant_risk=True,
            art50_3_emotion_biometric=True,
        ),
        "provider_and_deployer",
    )
    assert result.risk_class == RiskClass.HIGH
    assert result.transparency_duties == (TransparencyDuty.EMOTION_OR_BIOMETRIC_CATEGORISATION,)
    assert OB.INFORM_EMOTION_BIOMETRIC in codes(result)


def test_deep_fakes_and_public_interest_text_are_deployer_duties() -> None:
    result = classify(
        answers("deployer", art50_4_deep_fake=True, art50_4_public_interest_text=True), "deployer"
    )
    assert result.risk_class == RiskClass.LIMITED
    assert codes(result) == [
        OB.AI_LITERACY,
        OB.DISCLOSE_DEEP_FAKE,
        OB.DISCLOSE_PUBLIC_INTEREST_TEXT,
    ]
    assert codes(result, "provider") == [OB.AI_LITERACY]


# --- the guided flow and validation ----------------------------------------------------------


def test_follow_up_questions_appear_only_when_needed() -> None:
    base = required_questions({}, "provider")
    assert "annex_i_third_party_assessment" not in base
    assert "art6_3_profiling" not in base
    assert "gpai_systemic_risk" not in base
    assert not any(key.startswith("deployer_") for key in base)

    assert "annex_i_third_party_assessment" in required_questions(
        {"annex_i_product": True}, "provider"
    )
    after_area = required_questions({"annex_iii_5_essential_services": True}, "deployer")
    assert "art6_3_profiling" in after_area
    assert "deployer_credit_or_insurance" in after_area
    assert "deployer_becomes_provider" in after_area
    # A provider_and_deployer already is the provider; Art. 25 is not asked.
    both = required_questions({"annex_iii_4_employment": True}, "provider_and_deployer")
    assert "deployer_becomes_provider" not in both
    assert "deployer_public_authority" in both


def test_unanswered_questions_are_listed() -> None:
    given = answers()
    del given["art5_1_c_social_scoring"]
    del given["art50_1_interaction"]
    with pytest.raises(InvalidAnswers) as caught:
        classify(given, "provider")
    assert caught.value.missing == ("art5_1_c_social_scoring", "art50_1_interaction")
    assert "art5_1_c_social_scoring" in str(caught.value)


def test_follow_up_questions_become_required_after_a_yes() -> None:
    given = answers()
    given["annex_iii_4_employment"] = True
    with pytest.raises(InvalidAnswers) as caught:
        classify(given, "provider")
    assert caught.value.missing == (
        "art6_3_significant_risk",
        "art6_3_a_narrow_procedural_task",
        "art6_3_b_improves_human_activity",
        "art6_3_c_detects_patterns",
        "art6_3_d_preparatory_task",
        "art6_3_profiling",
    )


def test_unknown_keys_and_non_boolean_answers_are_rejected() -> None:
    given: dict[str, object] = {**answers(), "art5_1_z_mind_reading": True}
    given["art50_1_interaction"] = "yes"
    with pytest.raises(InvalidAnswers) as caught:
        classify(given, "provider")  # type: ignore[arg-type]
    assert caught.value.unknown == ("art5_1_z_mind_reading",)
    assert caught.value.not_boolean == ("art50_1_interaction",)


def test_answers_to_questions_not_asked_are_not_kept() -> None:
    given = {**answers(), "art6_3_profiling": True}
    result = classify(given, "provider")
    assert "art6_3_profiling" not in result.answers
    assert result.risk_class == RiskClass.MINIMAL


def test_unknown_role_is_rejected() -> None:
    with pytest.raises(ValueError):
        classify(answers(), "importer")


def test_classification_is_kept_with_version_and_answers() -> None:
    given: Mapping[str, bool] = answers(art50_1_interaction=True)
    stored = classify(given, "provider").to_dict()
    assert stored["questionnaire_version"] == QUESTIONNAIRE_VERSION == "2024-1689.v1"
    assert stored["risk_class"] == "limited"
    assert stored["transparency_duties"] == ["art50_1_interaction"]
    assert stored["rationale"] == [
        {
            "question_key": "art50_1_interaction",
            "answer": True,
            "consequence": "transparency_duty",
        }
    ]
    assert stored["answers"] == dict(given)


def test_every_question_consequence_and_obligation_has_english_text() -> None:
    keys = [question.key for question in QUESTIONS]
    assert len(keys) == len(set(keys))
    assert set(QUESTION_TEXTS) == set(keys)
    assert set(CONSEQUENCE_TEXTS) == set(Consequence)
    assert set(OBLIGATION_TEXTS) == set(ObligationCode)
    assert set(APPLICATION_DATES) == set(ApplicationPhase)
