"""Translatable copies of the questionnaire's English texts (the domain stays free of Django).

Literal gettext_lazy calls so makemessages extracts them; a test checks they equal the domain's
texts, so a change there cannot go unnoticed here. Generated from governance.domain.classification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

QUESTION_TEXTS: dict[str, StrPromise] = {
    "art5_1_a_manipulation": _(
        "Does the system deploy subliminal techniques beyond a person's consciousness, or"
        " purposefully manipulative or deceptive techniques, that materially distort "
        "people's behaviour in a way that causes or is reasonably likely to cause them "
        "significant harm?"
    ),
    "art5_1_b_exploits_vulnerabilities": _(
        "Does the system exploit vulnerabilities of people due to their age, disability "
        "or specific social or economic situation, materially distorting their behaviour "
        "in a way that causes or is reasonably likely to cause significant harm?"
    ),
    "art5_1_c_social_scoring": _(
        "Does the system evaluate or classify people over time based on their social "
        "behaviour or personal characteristics, with the resulting score leading to "
        "detrimental treatment in unrelated social contexts, or treatment that is "
        "unjustified or disproportionate?"
    ),
    "art5_1_d_crime_prediction": _(
        "Does the system assess or predict the risk that a person will commit a criminal "
        "offence based solely on profiling or on assessing their personality traits and "
        "characteristics (rather than supporting a human assessment based on objective, "
        "verifiable facts)?"
    ),
    "art5_1_e_facial_scraping": _(
        "Does the system create or expand facial recognition databases through untargeted"
        " scraping of facial images from the internet or CCTV footage?"
    ),
    "art5_1_f_emotion_workplace": _(
        "Does the system infer the emotions of people in the workplace or in education "
        "institutions, other than for medical or safety reasons?"
    ),
    "art5_1_g_biometric_categorisation": _(
        "Does the system categorise individual people based on their biometric data to "
        "deduce or infer their race, political opinions, trade union membership, "
        "religious or philosophical beliefs, sex life or sexual orientation?"
    ),
    "art5_1_h_realtime_rbi": _(
        "Is the system used for real-time remote biometric identification in publicly "
        "accessible spaces for law enforcement, outside the strictly necessary cases of "
        "Art. 5(1)(h)(i)–(iii) (targeted search for victims, preventing an imminent "
        "threat to life or a terrorist attack, locating suspects of serious crimes)?"
    ),
    "annex_i_product": _(
        "Is the system a safety component of a product, or itself a product, covered by "
        "the EU legislation listed in Annex I (for example machinery, toys, lifts, radio "
        "equipment, pressure equipment, medical devices, in vitro diagnostics, vehicles, "
        "civil aviation, marine equipment, rail)?"
    ),
    "annex_i_third_party_assessment": _(
        "Does that legislation require the product to undergo a third-party conformity "
        "assessment (by a notified body) before it is placed on the market or put into "
        "service?"
    ),
    "annex_iii_1_biometrics": _(
        "Biometrics: is the system intended for remote biometric identification (not mere"
        " verification that a person is who they claim to be), biometric categorisation "
        "by sensitive or protected attributes, or emotion recognition?"
    ),
    "annex_iii_2_critical_infrastructure": _(
        "Critical infrastructure: is the system a safety component in the management and "
        "operation of critical digital infrastructure, road traffic, or the supply of "
        "water, gas, heating or electricity?"
    ),
    "annex_iii_3_education": _(
        "Education and vocational training: does the system decide on access or "
        "admission, evaluate learning outcomes, assess the level of education a person "
        "will receive, or monitor students for prohibited behaviour during tests?"
    ),
    "annex_iii_4_employment": _(
        "Employment and workers management: is the system used for recruitment or "
        "selection (targeted job adverts, analysing and filtering applications, "
        "evaluating candidates), or for decisions on terms of work, promotion or "
        "termination, allocating tasks based on behaviour or personal traits, or "
        "monitoring and evaluating workers' performance?"
    ),
    "annex_iii_5_essential_services": _(
        "Essential services: does the system evaluate eligibility for public assistance "
        "benefits and services, evaluate creditworthiness or credit scores (other than to"
        " detect fraud), assess risk and price life or health insurance for individuals, "
        "or evaluate and prioritise emergency calls, dispatch or patient triage?"
    ),
    "annex_iii_6_law_enforcement": _(
        "Law enforcement: is the system used by or for law enforcement to assess a "
        "person's risk of becoming a victim or of offending, as a polygraph or similar "
        "tool, to evaluate the reliability of evidence, or for profiling in criminal "
        "investigations?"
    ),
    "annex_iii_7_migration_border": _(
        "Migration, asylum and border control: is the system used as a polygraph or "
        "similar tool, to assess security, irregular-migration or health risks of a "
        "person, to examine asylum, visa or residence applications, or to detect, "
        "recognise or identify people (other than verifying travel documents)?"
    ),
    "annex_iii_8_justice_democracy": _(
        "Justice and democratic processes: does the system assist a judicial authority "
        "(or alternative dispute resolution) in researching and interpreting facts and "
        "law, or is it intended to influence the outcome of an election or referendum or "
        "people's voting behaviour?"
    ),
    "art6_3_significant_risk": _(
        "Does the system pose a significant risk of harm to the health, safety or "
        "fundamental rights of people, including by materially influencing the outcome of"
        " decisions?"
    ),
    "art6_3_a_narrow_procedural_task": _(
        "Is the system intended only to perform a narrow procedural task (for example "
        "turning unstructured data into structured data, or sorting incoming documents "
        "into categories)?"
    ),
    "art6_3_b_improves_human_activity": _(
        "Is the system intended only to improve the result of a previously completed "
        "human activity (for example improving the language of a document a person "
        "already wrote)?"
    ),
    "art6_3_c_detects_patterns": _(
        "Is the system intended only to detect decision-making patterns or deviations "
        "from earlier patterns, without replacing or influencing the completed human "
        "assessment without proper human review?"
    ),
    "art6_3_d_preparatory_task": _(
        "Is the system intended only to perform a preparatory task to an assessment "
        "relevant to the Annex III use case (for example indexing, searching or "
        "translating files)?"
    ),
    "art6_3_profiling": _(
        "Does the system profile natural persons, i.e. automatically evaluate personal "
        "aspects such as work performance, economic situation, health, preferences, "
        "reliability, behaviour, location or movements (GDPR Art. 4(4))?"
    ),
    "art50_1_interaction": _(
        "Is the system intended to interact directly with people (for example a chatbot "
        "or voice assistant)?"
    ),
    "art50_2_synthetic_content": _(
        "Does the system generate synthetic audio, image, video or text content (beyond "
        "an assistive function for standard editing that does not substantially alter the"
        " input)?"
    ),
    "art50_3_emotion_biometric": _(
        "Is the system an emotion recognition or biometric categorisation system that "
        "people are exposed to?"
    ),
    "art50_4_deep_fake": _(
        "Does the system generate or manipulate image, audio or video content that "
        "resembles existing people, objects, places or events and would falsely appear "
        "authentic (a deep fake)?"
    ),
    "art50_4_public_interest_text": _(
        "Does the system generate or manipulate text that is published to inform the "
        "public on matters of public interest, without human review or editorial control "
        "under someone's editorial responsibility?"
    ),
    "gpai_model_provider": _(
        "Does your organisation develop a general-purpose AI model (one that displays "
        "significant generality and can competently perform a wide range of distinct "
        "tasks) and place it on the market, including by offering it to others or "
        "integrating it into its own products?"
    ),
    "gpai_systemic_risk": _(
        "Does the model have high-impact capabilities (presumed when the cumulative "
        "training compute exceeds 10^25 floating-point operations) or has the Commission "
        "designated it as a general-purpose AI model with systemic risk?"
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
        "Is your organisation a public authority or a body governed by public law, or "
        "does it act on behalf of one?"
    ),
    "deployer_public_service": _(
        "Is your organisation a private entity providing public services?"
    ),
    "deployer_credit_or_insurance": _(
        "Is the system used to evaluate the creditworthiness or credit score of natural "
        "persons, or for risk assessment and pricing of life or health insurance (Annex "
        "III point 5(b) or (c))?"
    ),
}

GROUP_TITLES: dict[str, StrPromise] = {
    "prohibited_practices": _("Prohibited practices (Art. 5)"),
    "annex_i": _("Products under EU product-safety legislation (Art. 6(1), Annex I)"),
    "annex_iii": _("High-risk areas (Art. 6(2), Annex III)"),
    "art_6_3_exception": _("Exception for Annex III systems (Art. 6(3))"),
    "transparency": _("Transparency duties (Art. 50)"),
    "gpai": _("General-purpose AI models (Chapter V)"),
    "deployer_context": _("Your situation as deployer (Art. 25–27)"),
}

CONSEQUENCE_TEXTS: dict[str, StrPromise] = {
    "prohibited_practice": _("A prohibited practice under Art. 5: the class is prohibited."),
    "annex_i_product": _("A product, or safety component, under Annex I legislation."),
    "annex_i_high_risk": _(
        "It needs a third-party conformity assessment, so it is high-risk under Art. 6(1)."
    ),
    "annex_i_no_third_party_assessment": _(
        "No third-party conformity assessment is needed, so Art. 6(1) does not make it high-risk."
    ),
    "annex_iii_high_risk": _("An Annex III area: high-risk under Art. 6(2)."),
    "annex_iii_exception_applies": _(
        "An Annex III area, but the Art. 6(3) exception applies, so it is not high-risk."
    ),
    "art6_3_blocked_by_significant_risk": _(
        "It poses a significant risk of harm, so the Art. 6(3) exception is not available."
    ),
    "art6_3_no_significant_risk": _("It poses no significant risk of harm (Art. 6(3))."),
    "art6_3_condition_met": _("A condition of the Art. 6(3) exception is met."),
    "art6_3_condition_not_met": _("This condition of the Art. 6(3) exception is not met."),
    "art6_3_condition_overridden_by_profiling": _(
        "This Art. 6(3) condition is met but does not count, because the system profiles people."
    ),
    "art6_3_profiling_override": _(
        "It profiles natural persons, so it is always high-risk (Art. 6(3), third subparagraph)."
    ),
    "art6_3_no_profiling": _("It does not profile natural persons."),
    "transparency_duty": _("A transparency duty under Art. 50 applies."),
    "gpai_model": _("You provide a general-purpose AI model: Art. 53 applies."),
    "gpai_systemic_risk": _("The model has systemic risk: Art. 52 and Art. 55 apply too."),
    "gpai_open_source_exemption": _(
        "Open-source release: exempt from Art. 53(1)(a) and (b) (Art. 53(2))."
    ),
    "gpai_open_source_no_exemption": _(
        "Open-source release, but a model with systemic risk gets no exemption (Art. 53(2))."
    ),
    "deployer_becomes_provider": _(
        "You are considered the provider of this high-risk system (Art. 25(1))."
    ),
    "public_authority_deployer": _(
        "As a public deployer you must register the use and assess fundamental rights "
        "(Art. 26(8), Art. 27)."
    ),
    "public_service_deployer": _(
        "As a provider of public services you must assess fundamental rights (Art. 27)."
    ),
    "credit_or_insurance_deployer": _(
        "Credit scoring or life and health insurance pricing: a fundamental rights impact"
        " assessment is needed (Art. 27)."
    ),
}

OBLIGATION_TITLES: dict[str, StrPromise] = {
    "ai_literacy": _(
        "Ensure a sufficient level of AI literacy of staff and others operating or using "
        "the system on your behalf."
    ),
    "prohibited_withdraw": _(
        "Prohibited practice: the system must not be placed on the market, put into "
        "service or used; stop and withdraw it."
    ),
    "risk_management": _(
        "Establish, document and maintain a risk management system over the whole lifecycle."
    ),
    "data_governance": _(
        "Apply data governance to training, validation and testing data (relevance, "
        "representativeness, errors, bias)."
    ),
    "technical_documentation": _(
        "Draw up technical documentation before placing on the market and keep it up to date."
    ),
    "record_keeping": _(
        "Design the system to record events automatically (logs) over its lifetime."
    ),
    "instructions_for_use": _(
        "Make the operation transparent to deployers and supply instructions for use."
    ),
    "human_oversight_design": _(
        "Design the system so that natural persons can effectively oversee it."
    ),
    "accuracy_robustness_cybersecurity": _(
        "Achieve appropriate accuracy, robustness and cybersecurity, and declare accuracy metrics."
    ),
    "quality_management": _("Put a quality management system in place."),
    "documentation_keeping": _("Keep the documentation available to the authorities for 10 years."),
    "log_keeping_provider": _(
        "Keep the automatically generated logs under your control for at least six months."
    ),
    "corrective_actions": _(
        "Take corrective action, withdraw or recall a non-conforming system, and inform "
        "distributors, deployers and authorities."
    ),
    "conformity_assessment_product": _(
        "Undergo the conformity assessment of the Annex I product legislation, covering "
        "the AI Act requirements."
    ),
    "conformity_assessment_biometric": _(
        "Conformity assessment for biometrics: internal control (Annex VI) where "
        "harmonised standards are applied in full, otherwise with a notified body (Annex "
        "VII)."
    ),
    "conformity_assessment_internal": _("Conformity assessment based on internal control."),
    "declaration_of_conformity": _("Draw up an EU declaration of conformity."),
    "ce_marking": _("Affix the CE marking."),
    "registration": _(
        "Register yourself and the system in the EU database before placing it on the market."
    ),
    "registration_national": _("Register the critical-infrastructure system at national level."),
    "post_market_monitoring": _(
        "Run a post-market monitoring system based on a post-market monitoring plan."
    ),
    "serious_incident_reporting": _(
        "Report serious incidents to the market surveillance authority."
    ),
    "not_high_risk_assessment": _(
        "Document the assessment that the Annex III system is not high-risk before "
        "placing it on the market, and hand it over on request."
    ),
    "not_high_risk_registration": _(
        "Register yourself and the system in the EU database even though it is not high-risk."
    ),
    "use_per_instructions": _(
        "Use the system in accordance with the provider's instructions for use."
    ),
    "assign_human_oversight": _(
        "Assign human oversight to people with the competence, training, authority and support."
    ),
    "input_data": _(
        "Ensure input data under your control is relevant and sufficiently representative."
    ),
    "monitor_and_report": _(
        "Monitor the operation, inform the provider, suspend use when it presents a risk,"
        " and report serious incidents."
    ),
    "log_keeping_deployer": _("Keep the logs under your control for at least six months."),
    "inform_workers": _(
        "Before use at the workplace, inform workers' representatives and affected workers."
    ),
    "dpia": _(
        "Use the provider's information to carry out a data protection impact assessment "
        "where GDPR Art. 35 requires one."
    ),
    "inform_affected_persons": _(
        "Inform people that decisions about them are made or assisted by a high-risk system."
    ),
    "deployer_registration": _(
        "As a public authority, register the use in the EU database, and do not use a "
        "system that is not registered."
    ),
    "fria": _(
        "Carry out a fundamental rights impact assessment before first use and notify the"
        " market surveillance authority of its results."
    ),
    "explanation": _(
        "Give affected persons, on request, a clear and meaningful explanation of the "
        "system's role in decisions that significantly affect them."
    ),
    "disclose_interaction": _(
        "Design the system so that people are told they are interacting with an AI "
        "system, unless that is obvious."
    ),
    "mark_synthetic_content": _(
        "Mark generated audio, image, video and text in a machine-readable format so it "
        "is detectable as artificially generated."
    ),
    "inform_emotion_biometric": _(
        "Inform the people exposed to emotion recognition or biometric categorisation."
    ),
    "disclose_deep_fake": _(
        "Disclose that image, audio or video content is a deep fake (for evidently "
        "artistic or satirical work, in a way that does not hamper its enjoyment)."
    ),
    "disclose_public_interest_text": _(
        "Disclose that text published to inform the public on matters of public interest "
        "is artificially generated, unless it is under human editorial responsibility."
    ),
    "gpai_technical_documentation": _(
        "Draw up and keep up to date the model's technical documentation for the AI Office."
    ),
    "gpai_downstream_information": _(
        "Give providers who integrate the model the information and documentation they need."
    ),
    "gpai_copyright_policy": _(
        "Put in place a policy to comply with EU copyright law, including "
        "text-and-data-mining opt-outs."
    ),
    "gpai_training_summary": _(
        "Publish a sufficiently detailed summary of the content used for training."
    ),
    "gpai_notify_commission": _(
        "Notify the Commission within two weeks once the systemic-risk threshold is met."
    ),
    "gpai_model_evaluation": _(
        "Evaluate the model with state-of-the-art protocols, including adversarial testing."
    ),
    "gpai_systemic_risk_mitigation": _(
        "Assess and mitigate possible systemic risks at Union level."
    ),
    "gpai_serious_incidents": _(
        "Track, document and report serious incidents to the AI Office without undue delay."
    ),
    "gpai_cybersecurity": _(
        "Ensure adequate cybersecurity for the model and its physical infrastructure."
    ),
}

BEARER_LABELS: dict[str, StrPromise] = {
    "provider": _("Provider"),
    "deployer": _("Deployer"),
    "provider_and_deployer": _("Provider and deployer"),
    "gpai_model_provider": _("Provider of the general-purpose model"),
}
