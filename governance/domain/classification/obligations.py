"""Which obligations follow from a classification and the organisation's role."""

from __future__ import annotations

from governance.domain.classification.catalogue import (
    APPLICATION_DATES,
    OBLIGATION_TEXTS,
    ApplicationPhase,
    Bearer,
    Obligation,
    ObligationCode,
)
from governance.domain.classification.decision import Classification, RiskClass
from governance.domain.classification.flow import AIActRole
from governance.domain.classification.questions import TransparencyDuty

_PROVIDER_HIGH_RISK: tuple[ObligationCode, ...] = (
    ObligationCode.RISK_MANAGEMENT,
    ObligationCode.DATA_GOVERNANCE,
    ObligationCode.TECHNICAL_DOCUMENTATION,
    ObligationCode.RECORD_KEEPING,
    ObligationCode.INSTRUCTIONS_FOR_USE,
    ObligationCode.HUMAN_OVERSIGHT_DESIGN,
    ObligationCode.ACCURACY_ROBUSTNESS_CYBERSECURITY,
    ObligationCode.QUALITY_MANAGEMENT,
    ObligationCode.DOCUMENTATION_KEEPING,
    ObligationCode.LOG_KEEPING_PROVIDER,
    ObligationCode.CORRECTIVE_ACTIONS,
)
_PROVIDER_HIGH_RISK_AFTER_CONFORMITY: tuple[ObligationCode, ...] = (
    ObligationCode.DECLARATION_OF_CONFORMITY,
    ObligationCode.CE_MARKING,
)
_PROVIDER_HIGH_RISK_MONITORING: tuple[ObligationCode, ...] = (
    ObligationCode.POST_MARKET_MONITORING,
    ObligationCode.SERIOUS_INCIDENT_REPORTING,
)
_DEPLOYER_HIGH_RISK: tuple[ObligationCode, ...] = (
    ObligationCode.USE_PER_INSTRUCTIONS,
    ObligationCode.ASSIGN_HUMAN_OVERSIGHT,
    ObligationCode.INPUT_DATA,
    ObligationCode.MONITOR_AND_REPORT,
    ObligationCode.LOG_KEEPING_DEPLOYER,
    ObligationCode.INFORM_WORKERS,
    ObligationCode.DPIA,
)
_TRANSPARENCY_OBLIGATIONS: dict[TransparencyDuty, tuple[ObligationCode, Bearer]] = {
    # Art. 50(1) and (2) address providers; Art. 50(3) and (4) address deployers.
    TransparencyDuty.INTERACTION: (ObligationCode.DISCLOSE_INTERACTION, Bearer.PROVIDER),
    TransparencyDuty.SYNTHETIC_CONTENT: (ObligationCode.MARK_SYNTHETIC_CONTENT, Bearer.PROVIDER),
    TransparencyDuty.EMOTION_OR_BIOMETRIC_CATEGORISATION: (
        ObligationCode.INFORM_EMOTION_BIOMETRIC,
        Bearer.DEPLOYER,
    ),
    TransparencyDuty.DEEP_FAKE: (ObligationCode.DISCLOSE_DEEP_FAKE, Bearer.DEPLOYER),
    TransparencyDuty.PUBLIC_INTEREST_TEXT: (
        ObligationCode.DISCLOSE_PUBLIC_INTEREST_TEXT,
        Bearer.DEPLOYER,
    ),
}


def _obligation(code: ObligationCode, bearer: Bearer, phase: ApplicationPhase) -> Obligation:
    """Build an obligation from its code, with its article, title and start date."""
    article, title = OBLIGATION_TEXTS[code]
    return Obligation(
        code=code,
        article=article,
        title=title,
        bearer=bearer,
        applies_from=APPLICATION_DATES[phase],
    )


def obligations(
    classification: Classification, role: AIActRole | str | None = None
) -> list[Obligation]:
    """Obligations that follow from the classification for the given role (default: its own)."""
    c = classification
    role = AIActRole(role) if role is not None else c.effective_role
    if role == AIActRole.DEPLOYER and c.effective_role == AIActRole.PROVIDER_AND_DEPLOYER:
        role = AIActRole.PROVIDER_AND_DEPLOYER
    as_provider = role in (AIActRole.PROVIDER, AIActRole.PROVIDER_AND_DEPLOYER)
    as_deployer = role in (AIActRole.DEPLOYER, AIActRole.PROVIDER_AND_DEPLOYER)
    own = Bearer(role.value)
    general = ApplicationPhase.GENERAL

    result = [
        _obligation(ObligationCode.AI_LITERACY, own, ApplicationPhase.PROHIBITIONS_AND_LITERACY)
    ]
    if c.risk_class == RiskClass.PROHIBITED:
        result.append(
            _obligation(
                ObligationCode.PROHIBITED_WITHDRAW, own, ApplicationPhase.PROHIBITIONS_AND_LITERACY
            )
        )
        result.extend(_gpai_obligations(c))
        return result

    if c.is_high_risk:
        # A system high-risk under both routes is bound from the earlier, Annex III date.
        phase = general if c.annex_iii_high_risk else ApplicationPhase.ANNEX_I_HIGH_RISK
        if as_provider:
            result.extend(_obligation(code, Bearer.PROVIDER, phase) for code in _PROVIDER_HIGH_RISK)
            result.extend(_conformity_assessments(c, phase))
            result.extend(
                _obligation(code, Bearer.PROVIDER, phase)
                for code in _PROVIDER_HIGH_RISK_AFTER_CONFORMITY
            )
            if c.annex_iii_high_risk:
                result.append(_registration(c))
            result.extend(
                _obligation(code, Bearer.PROVIDER, phase) for code in _PROVIDER_HIGH_RISK_MONITORING
            )
        if as_deployer:
            result.extend(_obligation(code, Bearer.DEPLOYER, phase) for code in _DEPLOYER_HIGH_RISK)
            beyond_point_2 = any(area != 2 for area in c.annex_iii_areas)
            if c.annex_iii_high_risk:
                result.append(
                    _obligation(ObligationCode.INFORM_AFFECTED_PERSONS, Bearer.DEPLOYER, general)
                )
            if c.annex_iii_high_risk and beyond_point_2 and c.public_authority_deployer:
                result.append(
                    _obligation(ObligationCode.DEPLOYER_REGISTRATION, Bearer.DEPLOYER, general)
                )
            if c.fria_required:
                result.append(_obligation(ObligationCode.FRIA, Bearer.DEPLOYER, general))
            if c.annex_iii_high_risk and beyond_point_2:
                result.append(_obligation(ObligationCode.EXPLANATION, Bearer.DEPLOYER, general))
    elif c.art6_3_exception_applies and as_provider:
        result.append(
            _obligation(ObligationCode.NOT_HIGH_RISK_ASSESSMENT, Bearer.PROVIDER, general)
        )
        result.append(
            _obligation(ObligationCode.NOT_HIGH_RISK_REGISTRATION, Bearer.PROVIDER, general)
        )

    for duty in c.transparency_duties:
        code, bearer = _TRANSPARENCY_OBLIGATIONS[duty]
        if (bearer == Bearer.PROVIDER and as_provider) or (
            bearer == Bearer.DEPLOYER and as_deployer
        ):
            result.append(_obligation(code, bearer, general))

    result.extend(_gpai_obligations(c))
    return result


def _conformity_assessments(c: Classification, phase: ApplicationPhase) -> list[Obligation]:
    """Art. 43: the procedure depends on the route into high-risk and on Annex III point 1."""
    result = []
    if c.annex_i_high_risk:
        result.append(
            _obligation(
                ObligationCode.CONFORMITY_ASSESSMENT_PRODUCT,
                Bearer.PROVIDER,
                ApplicationPhase.ANNEX_I_HIGH_RISK,
            )
        )
    if c.annex_iii_high_risk:
        code = (
            ObligationCode.CONFORMITY_ASSESSMENT_BIOMETRIC
            if 1 in c.annex_iii_areas
            else ObligationCode.CONFORMITY_ASSESSMENT_INTERNAL
        )
        result.append(_obligation(code, Bearer.PROVIDER, phase))
    return result


def _registration(c: Classification) -> Obligation:
    """Art. 49(1) EU database, except Annex III point 2 alone: national level (Art. 49(5))."""
    only_point_2 = all(area == 2 for area in c.annex_iii_areas)
    code = ObligationCode.REGISTRATION_NATIONAL if only_point_2 else ObligationCode.REGISTRATION
    return _obligation(code, Bearer.PROVIDER, ApplicationPhase.GENERAL)


def _gpai_obligations(c: Classification) -> list[Obligation]:
    """Chapter V duties of a GPAI model provider, with the Art. 53(2) open-source exemption."""
    if not c.gpai:
        return []
    phase = ApplicationPhase.GPAI
    bearer = Bearer.GPAI_MODEL_PROVIDER
    codes: list[ObligationCode] = []
    # Art. 53(2): open-source models skip (a) and (b), unless they carry systemic risk.
    if not c.gpai_open_source or c.gpai_systemic:
        codes += [
            ObligationCode.GPAI_TECHNICAL_DOCUMENTATION,
            ObligationCode.GPAI_DOWNSTREAM_INFORMATION,
        ]
    codes += [ObligationCode.GPAI_COPYRIGHT_POLICY, ObligationCode.GPAI_TRAINING_SUMMARY]
    if c.gpai_systemic:
        codes += [
            ObligationCode.GPAI_NOTIFY_COMMISSION,
            ObligationCode.GPAI_MODEL_EVALUATION,
            ObligationCode.GPAI_SYSTEMIC_RISK_MITIGATION,
            ObligationCode.GPAI_SERIOUS_INCIDENTS,
            ObligationCode.GPAI_CYBERSECURITY,
        ]
    return [_obligation(code, bearer, phase) for code in codes]
