"""The questionnaire itself: its version, sections, yes/no questions with their articles and texts.

Order matters: QUESTIONS is the order of the form and of the rationale. The English texts are
marked for the catalogues here and translated by the Django layer when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from governance.domain.i18n import gettext_noop as _

QUESTIONNAIRE_VERSION = "2024-1689.v1"


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
    QuestionGroup.PROHIBITED_PRACTICES: _("Prohibited practices (Art. 5)"),
    QuestionGroup.ANNEX_I: _("Products under EU product-safety legislation (Art. 6(1), Annex I)"),
    QuestionGroup.ANNEX_III: _("High-risk areas (Art. 6(2), Annex III)"),
    QuestionGroup.ART_6_3_EXCEPTION: _("Exception for Annex III systems (Art. 6(3))"),
    QuestionGroup.TRANSPARENCY: _("Transparency duties (Art. 50)"),
    QuestionGroup.GPAI: _("General-purpose AI models (Chapter V)"),
    QuestionGroup.DEPLOYER_CONTEXT: _("Your situation as deployer (Art. 25–27)"),
}

QUESTION_TEXTS: dict[str, str] = {
    "art5_1_a_manipulation": _(
        "Does the system deploy subliminal techniques beyond a person's consciousness, or "
        "purposefully manipulative or deceptive techniques, that materially distort people's "
        "behaviour in a way that causes or is reasonably likely to cause them significant harm?"
    ),
    "art5_1_b_exploits_vulnerabilities": _(
        "Does the system exploit vulnerabilities of people due to their age, disability or "
        "specific social or economic situation, materially distorting their behaviour in a way "
        "that causes or is reasonably likely to cause significant harm?"
    ),
    "art5_1_c_social_scoring": _(
        "Does the system evaluate or classify people over time based on their social behaviour or "
        "personal characteristics, with the resulting score leading to detrimental treatment in "
        "unrelated social contexts, or treatment that is unjustified or disproportionate?"
    ),
    "art5_1_d_crime_prediction": _(
        "Does the system assess or predict the risk that a person will commit a criminal offence "
        "based solely on profiling or on assessing their personality traits and characteristics "
        "(rather than supporting a human assessment based on objective, verifiable facts)?"
    ),
    "art5_1_e_facial_scraping": _(
        "Does the system create or expand facial recognition databases through untargeted "
        "scraping of facial images from the internet or CCTV footage?"
    ),
    "art5_1_f_emotion_workplace": _(
        "Does the system infer the emotions of people in the workplace or in education "
        "institutions, other than for medical or safety reasons?"
    ),
    "art5_1_g_biometric_categorisation": _(
        "Does the system categorise individual people based on their biometric data to deduce or "
        "infer their race, political opinions, trade union membership, religious or philosophical "
        "beliefs, sex life or sexual orientation?"
    ),
    "art5_1_h_realtime_rbi": _(
        "Is the system used for real-time remote biometric identification in publicly "
        "accessible spaces for law enforcement, outside the strictly necessary cases of "
        "Art. 5(1)(h)(i)–(iii) (targeted search for victims, preventing an imminent threat to "
        "life or a terrorist attack, locating suspects of serious crimes)?"
    ),
    "annex_i_product": _(
        "Is the system a safety component of a product, or itself a product, covered by the EU "
        "legislation listed in Annex I (for example machinery, toys, lifts, radio equipment, "
        "pressure equipment, medical devices, in vitro diagnostics, vehicles, civil aviation, "
        "marine equipment, rail)?"
    ),
    "annex_i_third_party_assessment": _(
        "Does that legislation require the product to undergo a third-party conformity "
        "assessment (by a notified body) before it is placed on the market or put into service?"
    ),
    "annex_iii_1_biometrics": _(
        "Biometrics: is the system intended for remote biometric identification (not mere "
        "verification that a person is who they claim to be), biometric categorisation by "
        "sensitive or protected attributes, or emotion recognition?"
    ),
    "annex_iii_2_critical_infrastructure": _(
        "Critical infrastructure: is the system a safety component in the management and "
        "operation of critical digital infrastructure, road traffic, or the supply of water, gas, "
        "heating or electricity?"
    ),
    "annex_iii_3_education": _(
        "Education and vocational training: does the system decide on access or admission, "
        "evaluate learning outcomes, assess the level of education a person will receive, or "
        "monitor students for prohibited behaviour during tests?"
    ),
    "annex_iii_4_employment": _(
        "Employment and workers management: is the system used for recruitment or selection "
        "(targeted job adverts, analysing and filtering applications, evaluating candidates), or "
        "for decisions on terms of work, promotion or termination, allocating tasks based on "
        "behaviour or personal traits, or monitoring and evaluating workers' performance?"
    ),
    "annex_iii_5_essential_services": _(
        "Essential services: does the system evaluate eligibility for public assistance benefits "
        "and services, evaluate creditworthiness or credit scores (other than to detect fraud), "
        "assess risk and price life or health insurance for individuals, or evaluate and "
        "prioritise emergency calls, dispatch or patient triage?"
    ),
    "annex_iii_6_law_enforcement": _(
        "Law enforcement: is the system used by or for law enforcement to assess a person's risk "
        "of becoming a victim or of offending, as a polygraph or similar tool, to evaluate the "
        "reliability of evidence, or for profiling in criminal investigations?"
    ),
    "annex_iii_7_migration_border": _(
        "Migration, asylum and border control: is the system used as a polygraph or similar "
        "tool, to assess security, irregular-migration or health risks of a person, to examine "
        "asylum, visa or residence applications, or to detect, recognise or identify people "
        "(other than verifying travel documents)?"
    ),
    "annex_iii_8_justice_democracy": _(
        "Justice and democratic processes: does the system assist a judicial authority (or "
        "alternative dispute resolution) in researching and interpreting facts and law, or is it "
        "intended to influence the outcome of an election or referendum or people's voting "
        "behaviour?"
    ),
    "art6_3_significant_risk": _(
        "Does the system pose a significant risk of harm to the health, safety or fundamental "
        "rights of people, including by materially influencing the outcome of decisions?"
    ),
    "art6_3_a_narrow_procedural_task": _(
        "Is the system intended only to perform a narrow procedural task (for example turning "
        "unstructured data into structured data, or sorting incoming documents into categories)?"
    ),
    "art6_3_b_improves_human_activity": _(
        "Is the system intended only to improve the result of a previously completed human "
        "activity (for example improving the language of a document a person already wrote)?"
    ),
    "art6_3_c_detects_patterns": _(
        "Is the system intended only to detect decision-making patterns or deviations from "
        "earlier patterns, without replacing or influencing the completed human assessment "
        "without proper human review?"
    ),
    "art6_3_d_preparatory_task": _(
        "Is the system intended only to perform a preparatory task to an assessment relevant to "
        "the Annex III use case (for example indexing, searching or translating files)?"
    ),
    "art6_3_profiling": _(
        "Does the system profile natural persons, i.e. automatically evaluate personal aspects "
        "such as work performance, economic situation, health, preferences, reliability, "
        "behaviour, location or movements (GDPR Art. 4(4))?"
    ),
    "art50_1_interaction": _(
        "Is the system intended to interact directly with people (for example a chatbot or voice "
        "assistant)?"
    ),
    "art50_2_synthetic_content": _(
        "Does the system generate synthetic audio, image, video or text content (beyond an "
        "assistive function for standard editing that does not substantially alter the input)?"
    ),
    "art50_3_emotion_biometric": _(
        "Is the system an emotion recognition or biometric categorisation system that people are "
        "exposed to?"
    ),
    "art50_4_deep_fake": _(
        "Does the system generate or manipulate image, audio or video content that resembles "
        "existing people, objects, places or events and would falsely appear authentic "
        "(a deep fake)?"
    ),
    "art50_4_public_interest_text": _(
        "Does the system generate or manipulate text that is published to inform the public on "
        "matters of public interest, without human review or editorial control under someone's "
        "editorial responsibility?"
    ),
    "gpai_model_provider": _(
        "Does your organisation develop a general-purpose AI model (one that displays significant "
        "generality and can competently perform a wide range of distinct tasks) and place it on "
        "the market, including by offering it to others or integrating it into its own products?"
    ),
    "gpai_systemic_risk": _(
        "Does the model have high-impact capabilities (presumed when the cumulative training "
        "compute exceeds 10^25 floating-point operations) or has the Commission designated it as "
        "a general-purpose AI model with systemic risk?"
    ),
    "gpai_open_source": _(
        "Is the model released under a free and open-source licence with its weights, "
        "architecture and usage information publicly available?"
    ),
    "deployer_becomes_provider": _(
        "Do you put your name or trademark on this high-risk system, make a substantial "
        "modification to it, or use it for an intended purpose that makes it high-risk?"
    ),
    "deployer_public_authority": _(
        "Is your organisation a public authority or a body governed by public law, or does it act "
        "on behalf of one?"
    ),
    "deployer_public_service": _(
        "Is your organisation a private entity providing public services?"
    ),
    "deployer_credit_or_insurance": _(
        "Is the system used to evaluate the creditworthiness or credit score of natural persons, "
        "or for risk assessment and pricing of life or health insurance (Annex III point 5(b) "
        "or (c))?"
    ),
}

# The questions the flow and the decision read as groups.
PROHIBITED_KEYS = tuple(q.key for q in QUESTIONS if q.group == QuestionGroup.PROHIBITED_PRACTICES)
ANNEX_III_KEYS = tuple(q.key for q in QUESTIONS if q.group == QuestionGroup.ANNEX_III)
CONDITION_KEYS = (
    "art6_3_a_narrow_procedural_task",
    "art6_3_b_improves_human_activity",
    "art6_3_c_detects_patterns",
    "art6_3_d_preparatory_task",
)
TRANSPARENCY_KEYS: dict[str, TransparencyDuty] = {duty.value: duty for duty in TransparencyDuty}
ESSENTIAL_SERVICES = "annex_iii_5_essential_services"
