"""What each obligation is: its code, article, English title, who bears it and from when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from governance.domain.i18n import gettext_noop as _


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
        _(
            "Ensure a sufficient level of AI literacy of staff and others operating or using the "
            "system on your behalf."
        ),
    ),
    ObligationCode.PROHIBITED_WITHDRAW: (
        "Art. 5",
        _(
            "Prohibited practice: the system must not be placed on the market, put into service or "
            "used; stop and withdraw it."
        ),
    ),
    ObligationCode.RISK_MANAGEMENT: (
        "Art. 9",
        _("Establish, document and maintain a risk management system over the whole lifecycle."),
    ),
    ObligationCode.DATA_GOVERNANCE: (
        "Art. 10",
        _(
            "Apply data governance to training, validation and testing data (relevance, "
            "representativeness, errors, bias)."
        ),
    ),
    ObligationCode.TECHNICAL_DOCUMENTATION: (
        "Art. 11, Annex IV",
        _("Draw up technical documentation before placing on the market and keep it up to date."),
    ),
    ObligationCode.RECORD_KEEPING: (
        "Art. 12",
        _("Design the system to record events automatically (logs) over its lifetime."),
    ),
    ObligationCode.INSTRUCTIONS_FOR_USE: (
        "Art. 13",
        _("Make the operation transparent to deployers and supply instructions for use."),
    ),
    ObligationCode.HUMAN_OVERSIGHT_DESIGN: (
        "Art. 14",
        _("Design the system so that natural persons can effectively oversee it."),
    ),
    ObligationCode.ACCURACY_ROBUSTNESS_CYBERSECURITY: (
        "Art. 15",
        _(
            "Achieve appropriate accuracy, robustness and cybersecurity, and declare accuracy metrics."
        ),
    ),
    ObligationCode.QUALITY_MANAGEMENT: ("Art. 17", _("Put a quality management system in place.")),
    ObligationCode.DOCUMENTATION_KEEPING: (
        "Art. 18",
        _("Keep the documentation available to the authorities for 10 years."),
    ),
    ObligationCode.LOG_KEEPING_PROVIDER: (
        "Art. 19",
        _("Keep the automatically generated logs under your control for at least six months."),
    ),
    ObligationCode.CORRECTIVE_ACTIONS: (
        "Art. 20",
        _(
            "Take corrective action, withdraw or recall a non-conforming system, and inform "
            "distributors, deployers and authorities."
        ),
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_PRODUCT: (
        "Art. 43(3)",
        _(
            "Undergo the conformity assessment of the Annex I product legislation, covering the AI "
            "Act requirements."
        ),
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_BIOMETRIC: (
        "Art. 43(1)",
        _(
            "Conformity assessment for biometrics: internal control (Annex VI) where harmonised "
            "standards are applied in full, otherwise with a notified body (Annex VII)."
        ),
    ),
    ObligationCode.CONFORMITY_ASSESSMENT_INTERNAL: (
        "Art. 43(2), Annex VI",
        _("Conformity assessment based on internal control."),
    ),
    ObligationCode.DECLARATION_OF_CONFORMITY: (
        "Art. 47",
        _("Draw up an EU declaration of conformity."),
    ),
    ObligationCode.CE_MARKING: ("Art. 48", _("Affix the CE marking.")),
    ObligationCode.REGISTRATION: (
        "Art. 49(1)",
        _("Register yourself and the system in the EU database before placing it on the market."),
    ),
    ObligationCode.REGISTRATION_NATIONAL: (
        "Art. 49(5)",
        _("Register the critical-infrastructure system at national level."),
    ),
    ObligationCode.POST_MARKET_MONITORING: (
        "Art. 72",
        _("Run a post-market monitoring system based on a post-market monitoring plan."),
    ),
    ObligationCode.SERIOUS_INCIDENT_REPORTING: (
        "Art. 73",
        _("Report serious incidents to the market surveillance authority."),
    ),
    ObligationCode.NOT_HIGH_RISK_ASSESSMENT: (
        "Art. 6(4)",
        _(
            "Document the assessment that the Annex III system is not high-risk before placing it "
            "on the market, and hand it over on request."
        ),
    ),
    ObligationCode.NOT_HIGH_RISK_REGISTRATION: (
        "Art. 49(2)",
        _("Register yourself and the system in the EU database even though it is not high-risk."),
    ),
    ObligationCode.USE_PER_INSTRUCTIONS: (
        "Art. 26(1)",
        _("Use the system in accordance with the provider's instructions for use."),
    ),
    ObligationCode.ASSIGN_HUMAN_OVERSIGHT: (
        "Art. 26(2)",
        _("Assign human oversight to people with the competence, training, authority and support."),
    ),
    ObligationCode.INPUT_DATA: (
        "Art. 26(4)",
        _("Ensure input data under your control is relevant and sufficiently representative."),
    ),
    ObligationCode.MONITOR_AND_REPORT: (
        "Art. 26(5)",
        _(
            "Monitor the operation, inform the provider, suspend use when it presents a risk, and "
            "report serious incidents."
        ),
    ),
    ObligationCode.LOG_KEEPING_DEPLOYER: (
        "Art. 26(6)",
        _("Keep the logs under your control for at least six months."),
    ),
    ObligationCode.INFORM_WORKERS: (
        "Art. 26(7)",
        _("Before use at the workplace, inform workers' representatives and affected workers."),
    ),
    ObligationCode.DPIA: (
        "Art. 26(9)",
        _(
            "Use the provider's information to carry out a data protection impact assessment where "
            "GDPR Art. 35 requires one."
        ),
    ),
    ObligationCode.INFORM_AFFECTED_PERSONS: (
        "Art. 26(11)",
        _("Inform people that decisions about them are made or assisted by a high-risk system."),
    ),
    ObligationCode.DEPLOYER_REGISTRATION: (
        "Art. 26(8), Art. 49(3)",
        _(
            "As a public authority, register the use in the EU database, and do not use a system "
            "that is not registered."
        ),
    ),
    ObligationCode.FRIA: (
        "Art. 27",
        _(
            "Carry out a fundamental rights impact assessment before first use and notify the market "
            "surveillance authority of its results."
        ),
    ),
    ObligationCode.EXPLANATION: (
        "Art. 86",
        _(
            "Give affected persons, on request, a clear and meaningful explanation of the system's "
            "role in decisions that significantly affect them."
        ),
    ),
    ObligationCode.DISCLOSE_INTERACTION: (
        "Art. 50(1)",
        _(
            "Design the system so that people are told they are interacting with an AI system, "
            "unless that is obvious."
        ),
    ),
    ObligationCode.MARK_SYNTHETIC_CONTENT: (
        "Art. 50(2)",
        _(
            "Mark generated audio, image, video and text in a machine-readable format so it is "
            "detectable as artificially generated."
        ),
    ),
    ObligationCode.INFORM_EMOTION_BIOMETRIC: (
        "Art. 50(3)",
        _("Inform the people exposed to emotion recognition or biometric categorisation."),
    ),
    ObligationCode.DISCLOSE_DEEP_FAKE: (
        "Art. 50(4)",
        _(
            "Disclose that image, audio or video content is a deep fake (for evidently artistic or "
            "satirical work, in a way that does not hamper its enjoyment)."
        ),
    ),
    ObligationCode.DISCLOSE_PUBLIC_INTEREST_TEXT: (
        "Art. 50(4)",
        _(
            "Disclose that text published to inform the public on matters of public interest is "
            "artificially generated, unless it is under human editorial responsibility."
        ),
    ),
    ObligationCode.GPAI_TECHNICAL_DOCUMENTATION: (
        "Art. 53(1)(a), Annex XI",
        _("Draw up and keep up to date the model's technical documentation for the AI Office."),
    ),
    ObligationCode.GPAI_DOWNSTREAM_INFORMATION: (
        "Art. 53(1)(b), Annex XII",
        _("Give providers who integrate the model the information and documentation they need."),
    ),
    ObligationCode.GPAI_COPYRIGHT_POLICY: (
        "Art. 53(1)(c)",
        _(
            "Put in place a policy to comply with EU copyright law, including text-and-data-mining "
            "opt-outs."
        ),
    ),
    ObligationCode.GPAI_TRAINING_SUMMARY: (
        "Art. 53(1)(d)",
        _("Publish a sufficiently detailed summary of the content used for training."),
    ),
    ObligationCode.GPAI_NOTIFY_COMMISSION: (
        "Art. 52(1)",
        _("Notify the Commission within two weeks once the systemic-risk threshold is met."),
    ),
    ObligationCode.GPAI_MODEL_EVALUATION: (
        "Art. 55(1)(a)",
        _("Evaluate the model with state-of-the-art protocols, including adversarial testing."),
    ),
    ObligationCode.GPAI_SYSTEMIC_RISK_MITIGATION: (
        "Art. 55(1)(b)",
        _("Assess and mitigate possible systemic risks at Union level."),
    ),
    ObligationCode.GPAI_SERIOUS_INCIDENTS: (
        "Art. 55(1)(c)",
        _("Track, document and report serious incidents to the AI Office without undue delay."),
    ),
    ObligationCode.GPAI_CYBERSECURITY: (
        "Art. 55(1)(d)",
        _("Ensure adequate cybersecurity for the model and its physical infrastructure."),
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
