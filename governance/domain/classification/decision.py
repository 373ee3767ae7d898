"""The decision: complete answers in, the class with a rationale that explains it line by line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from governance.domain.classification.flow import (
    AIActRole,
    annex_iii_points,
    exception_applies,
    required_questions,
    validate_answers,
)
from governance.domain.classification.questions import (
    ANNEX_III_KEYS,
    CONDITION_KEYS,
    PROHIBITED_KEYS,
    QUESTIONNAIRE_VERSION,
    QUESTIONS_BY_KEY,
    TRANSPARENCY_KEYS,
    TransparencyDuty,
)
from governance.domain.i18n import gettext_noop as _


class RiskClass(StrEnum):
    """Risk class of an AI system under the AI Act."""

    PROHIBITED = "prohibited"
    HIGH = "high"
    LIMITED = "limited"
    MINIMAL = "minimal"


class Consequence(StrEnum):
    """What one answer contributed to the classification (a rationale line's code)."""

    PROHIBITED_PRACTICE = "prohibited_practice"
    ANNEX_I_PRODUCT = "annex_i_product"
    ANNEX_I_HIGH_RISK = "annex_i_high_risk"
    ANNEX_I_NO_THIRD_PARTY_ASSESSMENT = "annex_i_no_third_party_assessment"
    ANNEX_III_HIGH_RISK = "annex_iii_high_risk"
    ANNEX_III_EXCEPTION_APPLIES = "annex_iii_exception_applies"
    EXCEPTION_BLOCKED_BY_SIGNIFICANT_RISK = "art6_3_blocked_by_significant_risk"
    EXCEPTION_NO_SIGNIFICANT_RISK = "art6_3_no_significant_risk"
    EXCEPTION_CONDITION_MET = "art6_3_condition_met"
    EXCEPTION_CONDITION_NOT_MET = "art6_3_condition_not_met"
    EXCEPTION_CONDITION_OVERRIDDEN = "art6_3_condition_overridden_by_profiling"
    PROFILING_OVERRIDE = "art6_3_profiling_override"
    NO_PROFILING = "art6_3_no_profiling"
    TRANSPARENCY_DUTY = "transparency_duty"
    GPAI_MODEL = "gpai_model"
    GPAI_SYSTEMIC_RISK = "gpai_systemic_risk"
    GPAI_OPEN_SOURCE_EXEMPTION = "gpai_open_source_exemption"
    GPAI_OPEN_SOURCE_NO_EXEMPTION = "gpai_open_source_no_exemption"
    DEPLOYER_BECOMES_PROVIDER = "deployer_becomes_provider"
    PUBLIC_AUTHORITY_DEPLOYER = "public_authority_deployer"
    PUBLIC_SERVICE_DEPLOYER = "public_service_deployer"
    CREDIT_OR_INSURANCE_DEPLOYER = "credit_or_insurance_deployer"


CONSEQUENCE_TEXTS: dict[Consequence, str] = {
    Consequence.PROHIBITED_PRACTICE: _(
        "A prohibited practice under Art. 5: the class is prohibited."
    ),
    Consequence.ANNEX_I_PRODUCT: _("A product, or safety component, under Annex I legislation."),
    Consequence.ANNEX_I_HIGH_RISK: _(
        "It needs a third-party conformity assessment, so it is high-risk under Art. 6(1)."
    ),
    Consequence.ANNEX_I_NO_THIRD_PARTY_ASSESSMENT: _(
        "No third-party conformity assessment is needed, so Art. 6(1) does not make it high-risk."
    ),
    Consequence.ANNEX_III_HIGH_RISK: _("An Annex III area: high-risk under Art. 6(2)."),
    Consequence.ANNEX_III_EXCEPTION_APPLIES: _(
        "An Annex III area, but the Art. 6(3) exception applies, so it is not high-risk."
    ),
    Consequence.EXCEPTION_BLOCKED_BY_SIGNIFICANT_RISK: _(
        "It poses a significant risk of harm, so the Art. 6(3) exception is not available."
    ),
    Consequence.EXCEPTION_NO_SIGNIFICANT_RISK: _(
        "It poses no significant risk of harm (Art. 6(3))."
    ),
    Consequence.EXCEPTION_CONDITION_MET: _("A condition of the Art. 6(3) exception is met."),
    Consequence.EXCEPTION_CONDITION_NOT_MET: _(
        "This condition of the Art. 6(3) exception is not met."
    ),
    Consequence.EXCEPTION_CONDITION_OVERRIDDEN: _(
        "This Art. 6(3) condition is met but does not count, because the system profiles people."
    ),
    Consequence.PROFILING_OVERRIDE: _(
        "It profiles natural persons, so it is always high-risk (Art. 6(3), third subparagraph)."
    ),
    Consequence.NO_PROFILING: _("It does not profile natural persons."),
    Consequence.TRANSPARENCY_DUTY: _("A transparency duty under Art. 50 applies."),
    Consequence.GPAI_MODEL: _("You provide a general-purpose AI model: Art. 53 applies."),
    Consequence.GPAI_SYSTEMIC_RISK: _(
        "The model has systemic risk: Art. 52 and Art. 55 apply too."
    ),
    Consequence.GPAI_OPEN_SOURCE_EXEMPTION: _(
        "Open-source release: exempt from Art. 53(1)(a) and (b) (Art. 53(2))."
    ),
    Consequence.GPAI_OPEN_SOURCE_NO_EXEMPTION: _(
        "Open-source release, but a model with systemic risk gets no exemption (Art. 53(2))."
    ),
    Consequence.DEPLOYER_BECOMES_PROVIDER: _(
        "You are considered the provider of this high-risk system (Art. 25(1))."
    ),
    Consequence.PUBLIC_AUTHORITY_DEPLOYER: _(
        "As a public deployer you must register the use and assess fundamental rights "
        "(Art. 26(8), Art. 27)."
    ),
    Consequence.PUBLIC_SERVICE_DEPLOYER: _(
        "As a provider of public services you must assess fundamental rights (Art. 27)."
    ),
    Consequence.CREDIT_OR_INSURANCE_DEPLOYER: _(
        "Credit scoring or life and health insurance pricing: a fundamental rights impact "
        "assessment is needed (Art. 27)."
    ),
}


@dataclass(frozen=True, slots=True)
class RationaleLine:
    """One answer and what it contributed to the classification."""

    question_key: str
    answer: bool
    consequence: Consequence

    @property
    def reference(self) -> str:
        """Article the question asks about."""
        return QUESTIONS_BY_KEY[self.question_key].reference


@dataclass(frozen=True, slots=True)
class Classification:
    """The outcome of the questionnaire: class, flags and the rationale that explains them."""

    questionnaire_version: str
    role: AIActRole
    effective_role: AIActRole
    risk_class: RiskClass
    annex_i_high_risk: bool
    annex_iii_areas: tuple[int, ...]
    art6_3_exception_applies: bool
    transparency_duties: tuple[TransparencyDuty, ...]
    gpai: bool
    gpai_systemic: bool
    gpai_open_source: bool
    public_authority_deployer: bool
    fria_required: bool
    rationale: tuple[RationaleLine, ...]
    answers: Mapping[str, bool] = field(default_factory=dict)

    @property
    def annex_iii_high_risk(self) -> bool:
        """High-risk through Art. 6(2): an Annex III area without the Art. 6(3) exception."""
        return bool(self.annex_iii_areas) and not self.art6_3_exception_applies

    @property
    def is_high_risk(self) -> bool:
        """High-risk through either route, whether or not a prohibition overrides it."""
        return self.annex_i_high_risk or self.annex_iii_high_risk

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for keeping the classification beside the answers."""
        return {
            "questionnaire_version": self.questionnaire_version,
            "role": self.role.value,
            "effective_role": self.effective_role.value,
            "risk_class": self.risk_class.value,
            "annex_i_high_risk": self.annex_i_high_risk,
            "annex_iii_areas": list(self.annex_iii_areas),
            "art6_3_exception_applies": self.art6_3_exception_applies,
            "transparency_duties": [duty.value for duty in self.transparency_duties],
            "gpai": self.gpai,
            "gpai_systemic": self.gpai_systemic,
            "gpai_open_source": self.gpai_open_source,
            "public_authority_deployer": self.public_authority_deployer,
            "fria_required": self.fria_required,
            "rationale": [
                {
                    "question_key": line.question_key,
                    "answer": line.answer,
                    "consequence": line.consequence.value,
                }
                for line in self.rationale
            ],
            "answers": dict(self.answers),
        }


def classify(answers: Mapping[str, bool], role: AIActRole | str) -> Classification:
    """Classify an AI system from complete questionnaire answers; raise InvalidAnswers if not."""
    role = AIActRole(role)
    validate_answers(answers, role)
    asked = required_questions(answers, role)
    kept = {key: answers[key] for key in asked}
    lines: list[RationaleLine] = []

    def note(key: str, consequence: Consequence) -> None:
        lines.append(RationaleLine(key, kept[key], consequence))

    prohibited = False
    for key in PROHIBITED_KEYS:
        if kept[key]:
            prohibited = True
            note(key, Consequence.PROHIBITED_PRACTICE)

    annex_i_high = False
    if kept["annex_i_product"]:
        note("annex_i_product", Consequence.ANNEX_I_PRODUCT)
        annex_i_high = kept["annex_i_third_party_assessment"]
        note(
            "annex_i_third_party_assessment",
            Consequence.ANNEX_I_HIGH_RISK
            if annex_i_high
            else Consequence.ANNEX_I_NO_THIRD_PARTY_ASSESSMENT,
        )

    areas = annex_iii_points(kept)
    exception = bool(areas) and exception_applies(kept)
    for key in ANNEX_III_KEYS:
        if kept[key]:
            note(
                key,
                Consequence.ANNEX_III_EXCEPTION_APPLIES
                if exception
                else Consequence.ANNEX_III_HIGH_RISK,
            )
    if areas:
        lines.extend(_exception_lines(kept))

    duties = tuple(duty for key, duty in TRANSPARENCY_KEYS.items() if kept[key])
    for duty in duties:
        note(duty.value, Consequence.TRANSPARENCY_DUTY)

    gpai = kept["gpai_model_provider"]
    gpai_systemic = gpai and kept["gpai_systemic_risk"]
    gpai_open_source = gpai and kept["gpai_open_source"]
    if gpai:
        note("gpai_model_provider", Consequence.GPAI_MODEL)
        if gpai_systemic:
            note("gpai_systemic_risk", Consequence.GPAI_SYSTEMIC_RISK)
        if gpai_open_source:
            note(
                "gpai_open_source",
                Consequence.GPAI_OPEN_SOURCE_NO_EXEMPTION
                if gpai_systemic
                else Consequence.GPAI_OPEN_SOURCE_EXEMPTION,
            )

    effective_role = role
    if kept.get("deployer_becomes_provider"):
        # Art. 25(1): the deployer takes on the provider's obligations and keeps its own.
        effective_role = AIActRole.PROVIDER_AND_DEPLOYER
        note("deployer_becomes_provider", Consequence.DEPLOYER_BECOMES_PROVIDER)
    public_authority = bool(kept.get("deployer_public_authority"))
    public_service = bool(kept.get("deployer_public_service"))
    credit_or_insurance = bool(kept.get("deployer_credit_or_insurance"))
    if public_authority:
        note("deployer_public_authority", Consequence.PUBLIC_AUTHORITY_DEPLOYER)
    if public_service:
        note("deployer_public_service", Consequence.PUBLIC_SERVICE_DEPLOYER)
    if credit_or_insurance:
        note("deployer_credit_or_insurance", Consequence.CREDIT_OR_INSURANCE_DEPLOYER)
    # Art. 27(1): Annex III systems except point 2, for public deployers; always for 5(b)/(c).
    beyond_point_2 = any(area != 2 for area in areas)
    fria = (
        bool(areas)
        and not exception
        and ((beyond_point_2 and (public_authority or public_service)) or credit_or_insurance)
    )

    if prohibited:
        risk_class = RiskClass.PROHIBITED
    elif annex_i_high or (areas and not exception):
        risk_class = RiskClass.HIGH
    elif duties:
        risk_class = RiskClass.LIMITED
    else:
        risk_class = RiskClass.MINIMAL

    return Classification(
        questionnaire_version=QUESTIONNAIRE_VERSION,
        role=role,
        effective_role=effective_role,
        risk_class=risk_class,
        annex_i_high_risk=annex_i_high,
        annex_iii_areas=areas,
        art6_3_exception_applies=exception,
        transparency_duties=duties,
        gpai=gpai,
        gpai_systemic=gpai_systemic,
        gpai_open_source=gpai_open_source,
        public_authority_deployer=public_authority,
        fria_required=fria,
        rationale=tuple(lines),
        answers=kept,
    )


def _exception_lines(kept: Mapping[str, bool]) -> list[RationaleLine]:
    """Rationale lines for the Art. 6(3) answers that decided whether the exception holds."""
    significant = kept["art6_3_significant_risk"]
    profiling = kept["art6_3_profiling"]
    met = [key for key in CONDITION_KEYS if kept[key]]
    lines = [
        RationaleLine(
            "art6_3_significant_risk",
            significant,
            Consequence.EXCEPTION_BLOCKED_BY_SIGNIFICANT_RISK
            if significant
            else Consequence.EXCEPTION_NO_SIGNIFICANT_RISK,
        )
    ]
    if significant:
        return lines
    if not met:
        lines.extend(
            RationaleLine(key, False, Consequence.EXCEPTION_CONDITION_NOT_MET)
            for key in CONDITION_KEYS
        )
        return lines
    condition = (
        Consequence.EXCEPTION_CONDITION_OVERRIDDEN
        if profiling
        else Consequence.EXCEPTION_CONDITION_MET
    )
    lines.extend(RationaleLine(key, True, condition) for key in met)
    lines.append(
        RationaleLine(
            "art6_3_profiling",
            profiling,
            Consequence.PROFILING_OVERRIDE if profiling else Consequence.NO_PROFILING,
        )
    )
    return lines
