"""EU AI Act (Regulation (EU) 2024/1689) risk classification through a versioned questionnaire.

The questionnaire is data: QUESTIONS (key, group, article reference, in the order asked) and
QUESTION_TEXTS (English defaults keyed by question key, wrapped for translation by the Django layer).
`required_questions` tells the guided form which questions the answers so far make necessary;
`classify` turns complete answers into a Classification whose rationale explains the class line by
line; `obligations` lists what follows from the class and the organisation's role.

How the class is reached, strictest first:
- prohibited: any practice of Art. 5(1)(a)–(h);
- high: Art. 6(1) (safety component of, or itself, a product under the Annex I legislation that
  needs a third-party conformity assessment) or Art. 6(2) (an Annex III area), unless for Annex III
  the Art. 6(3) exception holds. This questionnaire reads Art. 6(3) conservatively: the exception
  holds only when the system poses no significant risk of harm, meets at least one of conditions
  (a)–(d), and does not profile natural persons (profiling always keeps it high-risk);
- limited: any Art. 50 transparency duty;
- minimal: none of the above.
Art. 50 duties are listed whatever the class (Art. 50(6)); GPAI model duties (Art. 53, 55) follow
from the separate GPAI questions and sit beside the system's class.

Not modelled: the scope exclusions of Art. 2 (military, research, personal use), the transitional
rules of Art. 111, and the product-specific routes of Annex I Section B (Art. 2(2)). Application
dates are those of Art. 113 as adopted; an amendment changes APPLICATION_DATES and the version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

QUESTIONNAIRE_VERSION = "2024-1689.v1"


class RiskClass(StrEnum):
    """Risk class of an AI system under the AI Act."""

    PROHIBITED = "prohibited"
    HIGH = "high"
    LIMITED = "limited"
    MINIMAL = "minimal"


class AIActRole(StrEnum):
    """The organisation's role for an AI system (Art. 3(3) provider, Art. 3(4) deployer)."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    # An in-house system used in-house: the organisation puts it into service (provider) and uses
    # it under its authority (deployer), so both sets of duties apply.
    PROVIDER_AND_DEPLOYER = "provider_and_deployer"


class QuestionGroup(StrEnum):
    """Sections of the questionnaire, in the order asked."""

    PROHIBITED_PRACTICES = "prohibited_practices"
    ANNEX_I = "annex_i"
    ANNEX_III = "annex_iii"
    ART_6_3_EXCEPTION = "art_6_3_exception"
    TRANSPARENCY = "transparency"
    GPAI = "gpai"
    DEPLOYER_CONTEXT = "deployer_context"


class TransparencyDuty(StrEnum):
    """Art. 50 duties a system triggers."""

    INTERACTION = "art50_1_interaction"
    SYNTHETIC_CONTENT = "art50_2_synthetic_content"
    EMOTION_OR_BIOMETRIC_CATEGORISATION = "art50_3_emotion_biometric"
    DEEP_FAKE = "art50_4_deep_fake"
    PUBLIC_INTEREST_TEXT = "art50_4_public_interest_text"


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


@dataclass(frozen=True, slots=True)
class Question:
    """One yes/no question: its key, section and the article it asks about."""

    key: str
    group: QuestionGroup
    reference: str


# Order matters: it is the order of the form and of the rationale.
QUESTIONS: tuple[Question, ...] = (
    Question("art5_1_a_manipulation", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(a)"),
    Question(
        "art5_1_b_exploits_vulnerabilities", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(b)"
    ),
    Question("art5_1_c_social_scoring", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(c)"),
    Question("art5_1_d_crime_prediction", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(d)"),
    Question("art5_1_e_facial_scraping", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(e)"),
    Question("art5_1_f_emotion_workplace", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(f)"),
    Question(
        "art5_1_g_biometric_categorisation", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(g)"
    ),
    Question("art5_1_h_realtime_rbi", QuestionGroup.PROHIBITED_PRACTICES, "Art. 5(1)(h)"),
    Question("annex_i_product", QuestionGroup.ANNEX_I, "Art. 6(1)(a), Annex I"),
    Question("annex_i_third_party_assessment", QuestionGroup.ANNEX_I, "Art. 6(1)(b)"),
    Question("annex_iii_1_biometrics", QuestionGroup.ANNEX_III, "Annex III point 1"),
    Question("annex_iii_2_critical_infrastructure", QuestionGroup.ANNEX_III, "Annex III point 2"),
    Question("annex_iii_3_education", QuestionGroup.ANNEX_III, "Annex III point 3"),
    Question("annex_iii_4_employment", QuestionGroup.ANNEX_III, "Annex III point 4"),
    Question("annex_iii_5_essential_services", QuestionGroup.ANNEX_III, "Annex III point 5"),
    Question("annex_iii_6_law_enforcement", QuestionGroup.ANNEX_III, "Annex III point 6"),
    Question("annex_iii_7_migration_border", QuestionGroup.ANNEX_III, "Annex III point 7"),
    Question("annex_iii_8_justice_democracy", QuestionGroup.ANNEX_III, "Annex III point 8"),
    Question(
        "art6_3_significant_risk", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3) first subpara."
    ),
    Question("art6_3_a_narrow_procedural_task", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3)(a)"),
    Question("art6_3_b_improves_human_activity", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3)(b)"),
    Question("art6_3_c_detects_patterns", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3)(c)"),
    Question("art6_3_d_preparatory_task", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3)(d)"),
    Question("art6_3_profiling", QuestionGroup.ART_6_3_EXCEPTION, "Art. 6(3) third subpara."),
    Question("art50_1_interaction", QuestionGroup.TRANSPARENCY, "Art. 50(1)"),
    Question("art50_2_synthetic_content", QuestionGroup.TRANSPARENCY, "Art. 50(2)"),
    Question("art50_3_emotion_biometric", QuestionGroup.TRANSPARENCY, "Art. 50(3)"),
    Question("art50_4_deep_fake", QuestionGroup.TRANSPARENCY, "Art. 50(4) first subpara."),
    Question(
        "art50_4_public_interest_text", QuestionGroup.TRANSPARENCY, "Art. 50(4) second subpara."
    ),
    Question("gpai_model_provider", QuestionGroup.GPAI, "Art. 3(63), Art. 53"),
    Question("gpai_systemic_risk", QuestionGroup.GPAI, "Art. 51"),
    Question("gpai_open_source", QuestionGroup.GPAI, "Art. 53(2)"),
    Question("deployer_becomes_provider", QuestionGroup.DEPLOYER_CONTEXT, "Art. 25(1)"),
    Question("deployer_public_authority", QuestionGroup.DEPLOYER_CONTEXT, "Art. 26(8), Art. 27"),
    Question("deployer_public_service", QuestionGroup.DEPLOYER_CONTEXT, "Art. 27(1)"),
    Question("deployer_credit_or_insurance", QuestionGroup.DEPLOYER_CONTEXT, "Art. 27(1)"),
)

QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}

GROUP_TITLES: dict[QuestionGroup, str] = {
    QuestionGroup.PROHIBITED_PRACTICES: "Prohibited practices (Art. 5)",
    QuestionGroup.ANNEX_I: "Products under EU product-safety legislation (Art. 6(1), Annex I)",
    QuestionGroup.ANNEX_III: "High-risk areas (Art. 6(2), Annex III)",
    QuestionGroup.ART_6_3_EXCEPTION: "Exception for Annex III systems (Art. 6(3))",
    QuestionGroup.TRANSPARENCY: "Transparency duties (Art. 50)",
    QuestionGroup.GPAI: "General-purpose AI models (Chapter V)",
    QuestionGroup.DEPLOYER_CONTEXT: "Your situation as deployer (Art. 25–27)",
}

QUESTION_TEXTS: dict[str, str] = {
    "art5_1_a_manipulation": (
        "Does the system deploy subliminal techniques beyond a person's consciousness, or "
        "purposefully manipulative or deceptive techniques, that materially distort people's "
        "behaviour in a way that causes or is reasonably likely to cause them significant harm?"
    ),
    "art5_1_b_exploits_vulnerabilities": (
        "Does the system exploit vulnerabilities of people due to their age, disability or "
        "specific social or economic situation, materially distorting their behaviour in a way "
        "that causes or is reasonably likely to cause significant harm?"
    ),
    "art5_1_c_social_scoring": (
        "Does the system evaluate or classify people over time based on their social behaviour or "
        "personal characteristics, with the resulting score leading to detrimental treatment in "
        "unrelated social contexts, or treatment that is unjustified or disproportionate?"
    ),
    "art5_1_d_crime_prediction": (
        "Does the system assess or predict the risk that a person will commit a criminal offence "
        "based solely on profiling or on assessing their personality traits and characteristics "
        "(rather than supporting a human assessment based on objective, verifiable facts)?"
    ),
    "art5_1_e_facial_scraping": (
        "Does the system create or expand facial recognition databases through untargeted "
        "scraping of facial images from the internet or CCTV footage?"
    ),
    "art5_1_f_emotion_workplace": (
        "Does the system infer the emotions of people in the workplace or in education "
        "institutions, other than for medical or safety reasons?"
    ),
    "art5_1_g_biometric_categorisation": (
        "Does the system categorise individual people based on their biometric data to deduce or "
        "infer their race, political opinions, trade union membership, religious or philosophical "
        "beliefs, sex life or sexual orientation?"
    ),
    "art5_1_h_realtime_rbi": (
        "Is the system used for real-time remote biometric identification in publicly "
        "accessible spaces for law enforcement, outside the strictly necessary cases of "
        "Art. 5(1)(h)(i)–(iii) (targeted search for victims, preventing an imminent threat to "
        "life or a terrorist attack, locating suspects of serious crimes)?"
    ),
    "annex_i_product": (
        "Is the system a safety component of a product, or itself a product, covered by the EU "
        "legislation listed in Annex I (for example machinery, toys, lifts, radio equipment, "
        "pressure equipment, medical devices, in vitro diagnostics, vehicles, civil aviation, "
        "marine equipment, rail)?"
    ),
    "annex_i_third_party_assessment": (
        "Does that legislation require the product to undergo a third-party conformity "
        "assessment (by a notified body) before it is placed on the market or put into service?"
    ),
    "annex_iii_1_biometrics": (
        "Biometrics: is the system intended for remote biometric identification (not mere "
        "verification that a person is who they claim to be), biometric categorisation by "
        "sensitive or protected attributes, or emotion recognition?"
    ),
    "annex_iii_2_critical_infrastructure": (
        "Critical infrastructure: is the system a safety component in the management and "
        "operation of critical digital infrastructure, road traffic, or the supply of water, gas, "
        "heating or electricity?"
    ),
    "annex_iii_3_education": (
        "Education and vocational training: does the system decide on access or admission, "
        "evaluate learning outcomes, assess the level of education a person will receive, or "
        "monitor students for prohibited behaviour during tests?"
    ),
    "annex_iii_4_employment": (
        "Employment and workers management: is the system used for recruitment or selection "
        "(targeted job adverts, analysing and filtering applications, evaluating candidates), or "
        "for decisions on terms of work, promotion or termination, allocating tasks based on "
        "behaviour or personal traits, or monitoring and evaluating workers' performance?"
    ),
    "annex_iii_5_essential_services": (
        "Essential services: does the system evaluate eligibility for public assistance benefits "
        "and services, evaluate creditworthiness or credit scores (other than to detect fraud), "
        "assess risk and price life or health insurance for individuals, or evaluate and "
        "prioritise emergency calls, dispatch or patient triage?"
    ),
    "annex_iii_6_law_enforcement": (
        "Law enforcement: is the system used by or for law enforcement to assess a person's risk "
        "of becoming a victim or of offending, as a polygraph or similar tool, to evaluate the "
        "reliability of evidence, or for profiling in criminal investigations?"
    ),
    "annex_iii_7_migration_border": (
        "Migration, asylum and border control: is the system used as a polygraph or similar "
        "tool, to assess security, irregular-migration or health risks of a person, to examine "
        "asylum, visa or residence applications, or to detect, recognise or identify people "
        "(other than verifying travel documents)?"
    ),
    "annex_iii_8_justice_democracy": (
        "Justice and democratic processes: does the system assist a judicial authority (or "
        "alternative dispute resolution) in researching and interpreting facts and law, or is it "
        "intended to influence the outcome of an election or referendum or people's voting "
        "behaviour?"
    ),
    "art6_3_significant_risk": (
        "Does the system pose a significant risk of harm to the health, safety or fundamental "
        "rights of people, including by materially influencing the outcome of decisions?"
    ),
    "art6_3_a_narrow_procedural_task": (
        "Is the system intended only to perform a narrow procedural task (for example turning "
        "unstructured data into structured data, or sorting incoming documents into categories)?"
    ),
    "art6_3_b_improves_human_activity": (
        "Is the system intended only to improve the result of a previously completed human "
        "activity (for example improving the language of a document a person already wrote)?"
    ),
    "art6_3_c_detects_patterns": (
        "Is the system intended only to detect decision-making patterns or deviations from "
        "earlier patterns, without replacing or influencing the completed human assessment "
        "without proper human review?"
    ),
    "art6_3_d_preparatory_task": (
        "Is the system intended only to perform a preparatory task to an assessment relevant to "
        "the Annex III use case (for example indexing, searching or translating files)?"
    ),
    "art6_3_profiling": (
        "Does the system profile natural persons, i.e. automatically evaluate personal aspects "
        "such as work performance, economic situation, health, preferences, reliability, "
        "behaviour, location or movements (GDPR Art. 4(4))?"
    ),
    "art50_1_interaction": (
        "Is the system intended to interact directly with people (for example a chatbot or voice "
        "assistant)?"
    ),
    "art50_2_synthetic_content": (
        "Does the system generate synthetic audio, image, video or text content (beyond an "
        "assistive function for standard editing that does not substantially alter the input)?"
    ),
    "art50_3_emotion_biometric": (
        "Is the system an emotion recognition or biometric categorisation system that people are "
        "exposed to?"
    ),
    "art50_4_deep_fake": (
        "Does the system generate or manipulate image, audio or video content that resembles "
        "existing people, objects, places or events and would falsely appear authentic "
        "(a deep fake)?"
    ),
    "art50_4_public_interest_text": (
        "Does the system generate or manipulate text that is published to inform the public on "
        "matters of public interest, without human review or editorial control under someone's "
        "editorial responsibility?"
    ),
    "gpai_model_provider": (
        "Does your organisation develop a general-purpose AI model (one that displays significant "
        "generality and can competently perform a wide range of distinct tasks) and place it on "
        "the market, including by offering it to others or integrating it into its own products?"
    ),
    "gpai_systemic_risk": (
        "Does the model have high-impact capabilities (presumed when the cumulative training "
        "compute exceeds 10^25 floating-point operations) or has the Commission designated it as "
        "a general-purpose AI model with systemic risk?"
    ),
    "gpai_open_source": (
        "Is the model released under a free and open-source licence with its weights, "
        "architecture and usage information publicly available?"
    ),
    "deployer_becomes_provider": (
        "Do you put your name or trademark on this high-risk system, make a substantial "
        "modification to it, or use it for an intended purpose that makes it high-risk?"
    ),
    "deployer_public_authority": (
        "Is your organisation a public authority or a body governed by public law, or does it act "
        "on behalf of one?"
    ),
    "deployer_public_service": "Is your organisation a private entity providing public services?",
    "deployer_credit_or_insurance": (
        "Is the system used to evaluate the creditworthiness or credit score of natural persons, "
        "or for risk assessment and pricing of life or health insurance (Annex III point 5(b) "
        "or (c))?"
    ),
}

CONSEQUENCE_TEXTS: dict[Consequence, str] = {
    Consequence.PROHIBITED_PRACTICE: "A prohibited practice under Art. 5: the class is prohibited.",
    Consequence.ANNEX_I_PRODUCT: "A product, or safety component, under Annex I legislation.",
    Consequence.ANNEX_I_HIGH_RISK: (
        "It needs a third-party conformity assessment, so it is high-risk under Art. 6(1)."
    ),
    Consequence.ANNEX_I_NO_THIRD_PARTY_ASSESSMENT: (
        "No third-party conformity assessment is needed, so Art. 6(1) does not make it high-risk."
    ),
    Consequence.ANNEX_III_HIGH_RISK: "An Annex III area: high-risk under Art. 6(2).",
    Consequence.ANNEX_III_EXCEPTION_APPLIES: (
        "An Annex III area, but the Art. 6(3) exception applies, so it is not high-risk."
    ),
    Consequence.EXCEPTION_BLOCKED_BY_SIGNIFICANT_RISK: (
        "It poses a significant risk of harm, so the Art. 6(3) exception is not available."
    ),
    Consequence.EXCEPTION_NO_SIGNIFICANT_RISK: "It poses no significant risk of harm (Art. 6(3)).",
    Consequence.EXCEPTION_CONDITION_MET: "A condition of the Art. 6(3) exception is met.",
    Consequence.EXCEPTION_CONDITION_NOT_MET: "This condition of the Art. 6(3) exception is not met.",
    Consequence.EXCEPTION_CONDITION_OVERRIDDEN: (
        "This Art. 6(3) condition is met but does not count, because the system profiles people."
    ),
    Consequence.PROFILING_OVERRIDE: (
        "It profiles natural persons, so it is always high-risk (Art. 6(3), third subparagraph)."
    ),
    Consequence.NO_PROFILING: "It does not profile natural persons.",
    Consequence.TRANSPARENCY_DUTY: "A transparency duty under Art. 50 applies.",
    Consequence.GPAI_MODEL: "You provide a general-purpose AI model: Art. 53 applies.",
    Consequence.GPAI_SYSTEMIC_RISK: "The model has systemic risk: Art. 52 and Art. 55 apply too.",
    Consequence.GPAI_OPEN_SOURCE_EXEMPTION: (
        "Open-source release: exempt from Art. 53(1)(a) and (b) (Art. 53(2))."
    ),
    Consequence.GPAI_OPEN_SOURCE_NO_EXEMPTION: (
        "Open-source release, but a model with systemic risk gets no exemption (Art. 53(2))."
    ),
    Consequence.DEPLOYER_BECOMES_PROVIDER: (
        "You are considered the provider of this high-risk system (Art. 25(1))."
    ),
    Consequence.PUBLIC_AUTHORITY_DEPLOYER: (
        "As a public deployer you must register the use and assess fundamental rights "
        "(Art. 26(8), Art. 27)."
    ),
    Consequence.PUBLIC_SERVICE_DEPLOYER: (
        "As a provider of public services you must assess fundamental rights (Art. 27)."
    ),
    Consequence.CREDIT_OR_INSURANCE_DEPLOYER: (
        "Credit scoring or life and health insurance pricing: a fundamental rights impact "
        "assessment is needed (Art. 27)."
    ),
}

_PROHIBITED_KEYS = tuple(q.key for q in QUESTIONS if q.group == QuestionGroup.PROHIBITED_PRACTICES)
_ANNEX_III_KEYS = tuple(q.key for q in QUESTIONS if q.group == QuestionGroup.ANNEX_III)
_CONDITION_KEYS = (
    "art6_3_a_narrow_procedural_task",
    "art6_3_b_improves_human_activity",
    "art6_3_c_detects_patterns",
    "art6_3_d_preparatory_task",
)
_TRANSPARENCY_KEYS: dict[str, TransparencyDuty] = {duty.value: duty for duty in TransparencyDuty}
_ESSENTIAL_SERVICES = "annex_iii_5_essential_services"


class InvalidAnswers(ValueError):
    """The answers are incomplete or contain unknown questions or non-yes/no values."""

    def __init__(
        self,
        *,
        missing: Iterable[str] = (),
        unknown: Iterable[str] = (),
        not_boolean: Iterable[str] = (),
    ) -> None:
        self.missing = tuple(missing)
        self.unknown = tuple(unknown)
        self.not_boolean = tuple(not_boolean)
        parts = []
        if self.missing:
            parts.append("unanswered: " + ", ".join(self.missing))
        if self.unknown:
            parts.append("unknown questions: " + ", ".join(self.unknown))
        if self.not_boolean:
            parts.append("answers must be yes or no: " + ", ".join(self.not_boolean))
        super().__init__("Invalid questionnaire answers (" + "; ".join(parts) + ").")


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


def _yes(answers: Mapping[str, bool], key: str) -> bool:
    """True only for an explicit yes; missing answers count as not (yet) yes."""
    return answers.get(key) is True


def _exception_applies(answers: Mapping[str, bool]) -> bool:
    """Art. 6(3): no significant risk, at least one of (a)–(d), and no profiling."""
    return (
        not _yes(answers, "art6_3_significant_risk")
        and any(_yes(answers, key) for key in _CONDITION_KEYS)
        and not _yes(answers, "art6_3_profiling")
    )


def _areas(answers: Mapping[str, bool]) -> tuple[int, ...]:
    """Annex III points answered yes, as numbers 1–8."""
    return tuple(index for index, key in enumerate(_ANNEX_III_KEYS, 1) if _yes(answers, key))


def required_questions(answers: Mapping[str, bool], role: AIActRole | str) -> list[str]:
    """Keys the guided form must ask, given the answers so far, in questionnaire order."""
    role = AIActRole(role)
    required = list(_PROHIBITED_KEYS)
    required.append("annex_i_product")
    if _yes(answers, "annex_i_product"):
        required.append("annex_i_third_party_assessment")
    required.extend(_ANNEX_III_KEYS)
    if _areas(answers):
        required.append("art6_3_significant_risk")
        required.extend(_CONDITION_KEYS)
        required.append("art6_3_profiling")
    required.extend(_TRANSPARENCY_KEYS)
    required.append("gpai_model_provider")
    if _yes(answers, "gpai_model_provider"):
        required.extend(("gpai_systemic_risk", "gpai_open_source"))

    prohibited = any(_yes(answers, key) for key in _PROHIBITED_KEYS)
    annex_i_high = _yes(answers, "annex_i_product") and _yes(
        answers, "annex_i_third_party_assessment"
    )
    annex_iii_high = bool(_areas(answers)) and not _exception_applies(answers)
    if role != AIActRole.PROVIDER and not prohibited:
        if role == AIActRole.DEPLOYER and (annex_i_high or annex_iii_high):
            required.append("deployer_becomes_provider")
        if annex_iii_high:
            required.extend(("deployer_public_authority", "deployer_public_service"))
            if _yes(answers, _ESSENTIAL_SERVICES):
                required.append("deployer_credit_or_insurance")
    return required


def _validate(answers: Mapping[str, Any], role: AIActRole) -> None:
    """Raise InvalidAnswers for unknown keys, non-boolean values or unanswered questions."""
    unknown = sorted(key for key in answers if key not in QUESTIONS_BY_KEY)
    not_boolean = [
        q.key for q in QUESTIONS if q.key in answers and not isinstance(answers[q.key], bool)
    ]
    if unknown or not_boolean:
        raise InvalidAnswers(unknown=unknown, not_boolean=not_boolean)
    missing = [key for key in required_questions(answers, role) if key not in answers]
    if missing:
        raise InvalidAnswers(missing=missing)


def classify(answers: Mapping[str, bool], role: AIActRole | str) -> Classification:
    """Classify an AI system from complete questionnaire answers; raise InvalidAnswers if not."""
    role = AIActRole(role)
    _validate(answers, role)
    asked = required_questions(answers, role)
    kept = {key: answers[key] for key in asked}
    lines: list[RationaleLine] = []

    def note(key: str, consequence: Consequence) -> None:
        lines.append(RationaleLine(key, kept[key], consequence))

    prohibited = False
    for key in _PROHIBITED_KEYS:
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

    areas = _areas(kept)
    exception = bool(areas) and _exception_applies(kept)
    for key in _ANNEX_III_KEYS:
        if kept[key]:
            note(
                key,
                Consequence.ANNEX_III_EXCEPTION_APPLIES
                if exception
                else Consequence.ANNEX_III_HIGH_RISK,
            )
    if areas:
        lines.extend(_exception_lines(kept))

    duties = tuple(duty for key, duty in _TRANSPARENCY_KEYS.items() if kept[key])
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
    met = [key for key in _CONDITION_KEYS if kept[key]]
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
            for key in _CONDITION_KEYS
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


# Obligations ---------------------------------------------------------------------------------


class Bearer(StrEnum):
    """Who carries an obligation."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    PROVIDER_AND_DEPLOYER = "provider_and_deployer"
    GPAI_MODEL_PROVIDER = "gpai_model_provider"


class ObligationCode(StrEnum):
    """Obligations under the AI Act that the register lists per system."""

    AI_LITERACY = "ai_literacy"
    PROHIBITED_WITHDRAW = "prohibited_withdraw"
    RISK_MANAGEMENT = "risk_management"
    DATA_GOVERNANCE = "data_governance"
    TECHNICAL_DOCUMENTATION = "technical_documentation"
    RECORD_KEEPING = "record_keeping"
    INSTRUCTIONS_FOR_USE = "instructions_for_use"
    HUMAN_OVERSIGHT_DESIGN = "human_oversight_design"
    ACCURACY_ROBUSTNESS_CYBERSECURITY = "accuracy_robustness_cybersecurity"
    QUALITY_MANAGEMENT = "quality_management"
    DOCUMENTATION_KEEPING = "documentation_keeping"
    LOG_KEEPING_PROVIDER = "log_keeping_provider"
    CORRECTIVE_ACTIONS = "corrective_actions"
    CONFORMITY_ASSESSMENT_PRODUCT = "conformity_assessment_product"
    CONFORMITY_ASSESSMENT_BIOMETRIC = "conformity_assessment_biometric"
    CONFORMITY_ASSESSMENT_INTERNAL = "conformity_assessment_internal"
    DECLARATION_OF_CONFORMITY = "declaration_of_conformity"
    CE_MARKING = "ce_marking"
    REGISTRATION = "registration"
    REGISTRATION_NATIONAL = "registration_national"
    POST_MARKET_MONITORING = "post_market_monitoring"
    SERIOUS_INCIDENT_REPORTING = "serious_incident_reporting"
    NOT_HIGH_RISK_ASSESSMENT = "not_high_risk_assessment"
    NOT_HIGH_RISK_REGISTRATION = "not_high_risk_registration"
    USE_PER_INSTRUCTIONS = "use_per_instructions"
    ASSIGN_HUMAN_OVERSIGHT = "assign_human_oversight"
    INPUT_DATA = "input_data"
    MONITOR_AND_REPORT = "monitor_and_report"
    LOG_KEEPING_DEPLOYER = "log_keeping_deployer"
    INFORM_WORKERS = "inform_workers"
    DPIA = "dpia"
    INFORM_AFFECTED_PERSONS = "inform_affected_persons"
    DEPLOYER_REGISTRATION = "deployer_registration"
    FRIA = "fria"
    EXPLANATION = "explanation"
    DISCLOSE_INTERACTION = "disclose_interaction"
    MARK_SYNTHETIC_CONTENT = "mark_synthetic_content"
    INFORM_EMOTION_BIOMETRIC = "inform_emotion_biometric"
    DISCLOSE_DEEP_FAKE = "disclose_deep_fake"
    DISCLOSE_PUBLIC_INTEREST_TEXT = "disclose_public_interest_text"
    GPAI_TECHNICAL_DOCUMENTATION = "gpai_technical_documentation"
    GPAI_DOWNSTREAM_INFORMATION = "gpai_downstream_information"
    GPAI_COPYRIGHT_POLICY = "gpai_copyright_policy"
    GPAI_TRAINING_SUMMARY = "gpai_training_summary"
    GPAI_NOTIFY_COMMISSION = "gpai_notify_commission"
    GPAI_MODEL_EVALUATION = "gpai_model_evaluation"
    GPAI_SYSTEMIC_RISK_MITIGATION = "gpai_systemic_risk_mitigation"
    GPAI_SERIOUS_INCIDENTS = "gpai_serious_incidents"
    GPAI_CYBERSECURITY = "gpai_cybersecurity"


class ApplicationPhase(StrEnum):
    """The dates from which parts of the AI Act apply (Art. 113)."""

    PROHIBITIONS_AND_LITERACY = "prohibitions_and_literacy"
    GPAI = "gpai"
    GENERAL = "general"
    ANNEX_I_HIGH_RISK = "annex_i_high_risk"


APPLICATION_DATES: dict[ApplicationPhase, date] = {
    # Art. 113(a): Chapters I and II, so Art. 4 literacy and Art. 5 prohibitions.
    ApplicationPhase.PROHIBITIONS_AND_LITERACY: date(2025, 2, 2),
    # Art. 113(b): Chapter V, the GPAI model obligations.
    ApplicationPhase.GPAI: date(2025, 8, 2),
    # Art. 113, second paragraph: everything else, including Annex III high-risk and Art. 50.
    ApplicationPhase.GENERAL: date(2026, 8, 2),
    # Art. 113(c): Art. 6(1) and the obligations that follow from it.
    ApplicationPhase.ANNEX_I_HIGH_RISK: date(2027, 8, 2),
}

# (article, English title) per obligation; the Django layer translates the title.
OBLIGATION_TEXTS: dict[ObligationCode, tuple[str, str]] = {
    ObligationCode.AI_LITERACY: (
        "Art. 4",
        "Ensure a sufficient level of AI literacy of staff and others operating or using the "
        "system on your behalf.",
    ),
    ObligationCode.PROHIBITED_WITHDRAW: (
        "Art. 5",
        "Prohibited practice: the system must not be placed on the market, put into service or "
        "used; stop and withdraw it.",
    ),
    ObligationCode.RISK_MANAGEMENT: (
        "Art. 9",
        "Establish, document and maintain a risk management system over the whole lifecycle.",
    ),
    ObligationCode.DATA_GOVERNANCE: (
        "Art. 10",
        "Apply data governance to training, validation and testing data (relevance, "
        "representativeness, errors, bias).",
    ),
    ObligationCode.TECHNICAL_DOCUMENTATION: (
        "Art. 11, Annex IV",
        "Draw up technical documentation before placing on the market and keep it up to date.",
    ),
    ObligationCode.RECORD_KEEPING: (
        "Art. 12",
        "Design the system to record events automatically (logs) over its lifetime.",
    ),
    ObligationCode.INSTRUCTIONS_FOR_USE: (
        "Art. 13",
        "Make the operation transparent to deployers and supply instructions for use.",
    ),
    ObligationCode.HUMAN_OVERSIGHT_DESIGN: (
        "Art. 14",
        "Design the system so that natural persons can effectively oversee it.",
    ),
    ObligationCode.ACCURACY_ROBUSTNESS_CYBERSECURITY: (
        "Art. 15",
        "Achieve appropriate accuracy, robustness and cybersecurity, and declare accuracy metrics.",
    ),
    ObligationCode.QUALITY_MANAGEMENT: ("Art. 17", "Put a quality management system in place."),
    ObligationCode.DOCUMENTATION_KEEPING: (
        "Art. 18",
        "Keep the documentation available to the authorities for 10 years.",
    ),
    ObligationCode.LOG_KEEPING_PROVIDER: (
        "Art. 19",
        "Keep the automatically generated logs under your control for at least six months.",
    ),
    ObligationCode.CORRECTIVE_ACTIONS: (
        "Art. 20",
        "Take corrective action, withdraw or recall a non-conforming system, and inform "
        "distributors, deployers and authorities.",
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_PRODUCT: (
        "Art. 43(3)",
        "Undergo the conformity assessment of the Annex I product legislation, covering the AI "
        "Act requirements.",
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_BIOMETRIC: (
        "Art. 43(1)",
        "Conformity assessment for biometrics: internal control (Annex VI) where harmonised "
        "standards are applied in full, otherwise with a notified body (Annex VII).",
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_INTERNAL: (
        "Art. 43(2), Annex VI",
        "Conformity assessment based on internal control.",
    ),
    ObligationCode.DECLARATION_OF_CONFORMITY: (
        "Art. 47",
        "Draw up an EU declaration of conformity.",
    ),
    ObligationCode.CE_MARKING: ("Art. 48", "Affix the CE marking."),
    ObligationCode.REGISTRATION: (
        "Art. 49(1)",
        "Register yourself and the system in the EU database before placing it on the market.",
    ),
    ObligationCode.REGISTRATION_NATIONAL: (
        "Art. 49(5)",
        "Register the critical-infrastructure system at national level.",
    ),
    ObligationCode.POST_MARKET_MONITORING: (
        "Art. 72",
        "Run a post-market monitoring system based on a post-market monitoring plan.",
    ),
    ObligationCode.SERIOUS_INCIDENT_REPORTING: (
        "Art. 73",
        "Report serious incidents to the market surveillance authority.",
    ),
    ObligationCode.NOT_HIGH_RISK_ASSESSMENT: (
        "Art. 6(4)",
        "Document the assessment that the Annex III system is not high-risk before placing it "
        "on the market, and hand it over on request.",
    ),
    ObligationCode.NOT_HIGH_RISK_REGISTRATION: (
        "Art. 49(2)",
        "Register yourself and the system in the EU database even though it is not high-risk.",
    ),
    ObligationCode.USE_PER_INSTRUCTIONS: (
        "Art. 26(1)",
        "Use the system in accordance with the provider's instructions for use.",
    ),
    ObligationCode.ASSIGN_HUMAN_OVERSIGHT: (
        "Art. 26(2)",
        "Assign human oversight to people with the competence, training, authority and support.",
    ),
    ObligationCode.INPUT_DATA: (
        "Art. 26(4)",
        "Ensure input data under your control is relevant and sufficiently representative.",
    ),
    ObligationCode.MONITOR_AND_REPORT: (
        "Art. 26(5)",
        "Monitor the operation, inform the provider, suspend use when it presents a risk, and "
        "report serious incidents.",
    ),
    ObligationCode.LOG_KEEPING_DEPLOYER: (
        "Art. 26(6)",
        "Keep the logs under your control for at least six months.",
    ),
    ObligationCode.INFORM_WORKERS: (
        "Art. 26(7)",
        "Before use at the workplace, inform workers' representatives and affected workers.",
    ),
    ObligationCode.DPIA: (
        "Art. 26(9)",
        "Use the provider's information to carry out a data protection impact assessment where "
        "GDPR Art. 35 requires one.",
    ),
    ObligationCode.INFORM_AFFECTED_PERSONS: (
        "Art. 26(11)",
        "Inform people that decisions about them are made or assisted by a high-risk system.",
    ),
    ObligationCode.DEPLOYER_REGISTRATION: (
        "Art. 26(8), Art. 49(3)",
        "As a public authority, register the use in the EU database, and do not use a system "
        "that is not registered.",
    ),
    ObligationCode.FRIA: (
        "Art. 27",
        "Carry out a fundamental rights impact assessment before first use and notify the market "
        "surveillance authority of its results.",
    ),
    ObligationCode.EXPLANATION: (
        "Art. 86",
        "Give affected persons, on request, a clear and meaningful explanation of the system's "
        "role in decisions that significantly affect them.",
    ),
    ObligationCode.DISCLOSE_INTERACTION: (
        "Art. 50(1)",
        "Design the system so that people are told they are interacting with an AI system, "
        "unless that is obvious.",
    ),
    ObligationCode.MARK_SYNTHETIC_CONTENT: (
        "Art. 50(2)",
        "Mark generated audio, image, video and text in a machine-readable format so it is "
        "detectable as artificially generated.",
    ),
    ObligationCode.INFORM_EMOTION_BIOMETRIC: (
        "Art. 50(3)",
        "Inform the people exposed to emotion recognition or biometric categorisation.",
    ),
    ObligationCode.DISCLOSE_DEEP_FAKE: (
        "Art. 50(4)",
        "Disclose that image, audio or video content is a deep fake (for evidently artistic or "
        "satirical work, in a way that does not hamper its enjoyment).",
    ),
    ObligationCode.DISCLOSE_PUBLIC_INTEREST_TEXT: (
        "Art. 50(4)",
        "Disclose that text published to inform the public on matters of public interest is "
        "artificially generated, unless it is under human editorial responsibility.",
    ),
    ObligationCode.GPAI_TECHNICAL_DOCUMENTATION: (
        "Art. 53(1)(a), Annex XI",
        "Draw up and keep up to date the model's technical documentation for the AI Office.",
    ),
    ObligationCode.GPAI_DOWNSTREAM_INFORMATION: (
        "Art. 53(1)(b), Annex XII",
        "Give providers who integrate the model the information and documentation they need.",
    ),
    ObligationCode.GPAI_COPYRIGHT_POLICY: (
        "Art. 53(1)(c)",
        "Put in place a policy to comply with EU copyright law, including text-and-data-mining "
        "opt-outs.",
    ),
    ObligationCode.GPAI_TRAINING_SUMMARY: (
        "Art. 53(1)(d)",
        "Publish a sufficiently detailed summary of the content used for training.",
    ),
    ObligationCode.GPAI_NOTIFY_COMMISSION: (
        "Art. 52(1)",
        "Notify the Commission within two weeks once the systemic-risk threshold is met.",
    ),
    ObligationCode.GPAI_MODEL_EVALUATION: (
        "Art. 55(1)(a)",
        "Evaluate the model with state-of-the-art protocols, including adversarial testing.",
    ),
    ObligationCode.GPAI_SYSTEMIC_RISK_MITIGATION: (
        "Art. 55(1)(b)",
        "Assess and mitigate possible systemic risks at Union level.",
    ),
    ObligationCode.GPAI_SERIOUS_INCIDENTS: (
        "Art. 55(1)(c)",
        "Track, document and report serious incidents to the AI Office without undue delay.",
    ),
    ObligationCode.GPAI_CYBERSECURITY: (
        "Art. 55(1)(d)",
        "Ensure adequate cybersecurity for the model and its physical infrastructure.",
    ),
}


@dataclass(frozen=True, slots=True)
class Obligation:
    """One duty that follows from a classification, with its article and start date."""

    code: ObligationCode
    article: str
    title: str
    bearer: Bearer
    applies_from: date


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
