"""Demo register: about 25 AI systems across risk classes with risks, reviews, approvals and history.

Deterministic for a given random generator; safe to call twice (the second call does nothing).
Writes go through the services, as the compliance officer, so history and approval steps are real.
Texts are English here, marked with `_` (gettext_noop), and written in the active language; the
English names stay the keys of LINKS and DEPARTMENTS.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from accounts.models import User
from core.roles import Cap, has_capability
from governance import services
from governance.choices import ApprovalStatus, RiskClass
from governance.domain import classification as cls_domain
from governance.models import AISystem, Review
from initiatives.models import Department, Initiative

# name, purpose, vendor, deployment, role, questionnaire "yes" answers, model, data source
# (name, personal data, special categories); vendors and product names are not translated.
CATALOGUE: tuple[tuple[Any, ...], ...] = (
    (_("Customer service chatbot"), _("Answers customer questions on the website around the clock."),
     "Microsoft", "cloud", "deployer", ("art50_1_interaction",),
     ("GPT-4o", "OpenAI", "2024-08", "general_purpose"), (_("CRM"), True, False)),
    (_("Invoice data extraction"), _("Reads supplier invoices and fills in the ERP booking."),
     "Rossum", "cloud", "deployer", ("annex_iii_5_essential_services", "art6_3_a_narrow_procedural_task"),
     ("Rossum Aurora", "Rossum", "3", "machine_learning"), (_("ERP accounts payable"), False, False)),
    (_("CV screening assistant"), _("Ranks job applications against the vacancy profile."),
     "HireLogic", "cloud", "deployer", ("annex_iii_4_employment", "art6_3_significant_risk"),
     ("Ranker", "HireLogic", "5.2", "machine_learning"), (_("Applicant tracking system"), True, False)),
    (_("Demand forecasting"), _("Forecasts weekly demand per warehouse and product group."),
     "", "on_premises", "provider_and_deployer", (),
     (_("Gradient boosting"), _("in-house"), "2025.1", "machine_learning"), (_("Sales history"), False, False)),
    (_("Meeting summariser"), _("Summarises recorded meetings into minutes and actions."),
     "Microsoft", "cloud", "deployer", ("art50_2_synthetic_content",),
     ("Copilot", "Microsoft", "2025", "general_purpose"), (_("Teams recordings"), True, False)),
    (_("Route optimisation"), _("Plans delivery routes for the truck fleet each night."),
     "OptiRoute", "hybrid", "deployer", (),
     (_("VRP solver"), "OptiRoute", "7", "rules"), (_("Order management"), False, False)),
    (_("Benefit eligibility triage"), _("Pre-assesses eligibility for hardship allowances."),
     "", "on_premises", "provider_and_deployer",
     ("annex_iii_5_essential_services", "art6_3_significant_risk", "deployer_public_service"),
     (_("Eligibility model"), _("in-house"), "1.4", "machine_learning"), (_("Case files"), True, True)),
    (_("Contract clause review"), _("Flags unusual clauses in supplier contracts for legal review."),
     "Luminance", "cloud", "deployer", (),
     (_("Legal LLM"), "Luminance", "2025", "general_purpose"), (_("Contract repository"), False, False)),
    (_("Employee sentiment monitor"), _("Infers employees' emotions from video calls."),
     "MoodSense", "cloud", "deployer", ("art5_1_f_emotion_workplace",),
     (_("Affect model"), "MoodSense", "2", "computer_vision"), (_("Video calls"), True, True)),
    (_("Fraud detection on expense claims"), _("Scores expense claims for likely fraud."),
     "", "on_premises", "provider_and_deployer", (),
     (_("Isolation forest"), _("in-house"), "3.0", "machine_learning"), (_("Expense system"), True, False)),
    (_("Marketing copy generator"), _("Drafts product descriptions and campaign texts."),
     "Jasper", "cloud", "deployer", ("art50_2_synthetic_content",),
     ("Jasper", "Jasper", "2025", "general_purpose"), (_("Product catalogue"), False, False)),
    (_("Credit limit advisor"), _("Proposes credit limits for new business customers' contacts."),
     "CreditAI", "cloud", "deployer",
     ("annex_iii_5_essential_services", "art6_3_significant_risk", "deployer_credit_or_insurance"),
     ("Scorecard", "CreditAI", "4", "machine_learning"), (_("Credit bureau data"), True, False)),
    (_("E-mail routing classifier"), _("Sorts incoming customer e-mails into the right service queue."),
     "ServiceNow", "cloud", "deployer", (),
     ("Predictive Intelligence", "ServiceNow", "Xanadu", "machine_learning"), (_("Customer e-mails"), True, False)),
    (_("Speech-to-text for call centre"), _("Transcribes customer calls for quality review."),
     "Speechmatics", "cloud", "deployer", (),
     ("Ursa", "Speechmatics", "2", "speech"), (_("Call recordings"), True, False)),
    (_("Predictive maintenance"), _("Predicts failures of conveyor belts from sensor data."),
     "Siemens", "hybrid", "deployer", (),
     ("Senseye", "Siemens", "2025", "machine_learning"), (_("SCADA sensors"), False, False)),
    (_("Shift planning optimiser"), _("Allocates warehouse shifts based on skills and past performance."),
     "", "on_premises", "provider_and_deployer", ("annex_iii_4_employment", "art6_3_significant_risk"),
     (_("Scheduler"), _("in-house"), "2.1", "rules"), (_("HR system"), True, False)),
    (_("Knowledge base search"), _("Finds answers in internal policies for staff."),
     "", "cloud", "provider_and_deployer", ("art50_1_interaction",),
     ("Mistral Large", "Mistral AI", "2", "general_purpose"), (_("Policy library"), False, False)),
    (_("Product image generator"), _("Creates lifestyle images of products for the web shop."),
     "Adobe", "cloud", "deployer", ("art50_2_synthetic_content", "art50_4_deep_fake"),
     ("Firefly", "Adobe", "3", "general_purpose"), (_("Product photos"), False, False)),
    (_("Translation service"), _("Translates customer letters into Dutch, German and Swedish."),
     "DeepL", "cloud", "deployer", (),
     ("DeepL", "DeepL", "2025", "general_purpose"), (_("Letters"), True, False)),
    (_("Access badge face recognition"), _("Identifies visitors at the gate by their face."),
     "SecureVision", "on_premises", "deployer", ("annex_iii_1_biometrics", "art6_3_significant_risk"),
     ("FaceMatch", "SecureVision", "9", "computer_vision"), (_("Badge photos"), True, True)),
    (_("Spend analytics classifier"), _("Classifies purchase lines into spend categories."),
     "", "cloud", "provider_and_deployer", (),
     (_("Text classifier"), _("in-house"), "1.0", "machine_learning"), (_("Purchase ledger"), False, False)),
    (_("Sales lead scoring"), _("Ranks inbound leads by likelihood to buy."),
     "HubSpot", "cloud", "deployer", (),
     ("Predictive scoring", "HubSpot", "2025", "machine_learning"), (_("CRM"), True, False)),
    (_("Training quiz grader"), _("Grades answers of the internal compliance training."),
     "", "cloud", "provider_and_deployer", ("annex_iii_3_education", "art6_3_b_improves_human_activity"),
     (_("Rubric grader"), _("in-house"), "0.9", "general_purpose"), (_("LMS"), True, False)),
    (_("Document anonymiser"), _("Removes personal data from documents before publication."),
     "", "on_premises", "provider_and_deployer", (),
     (_("NER model"), _("in-house"), "2.3", "machine_learning"), (_("Document archive"), True, True)),
    (_("Voice assistant for drivers"), _("Lets drivers report delays hands-free."),
     "", "cloud", "provider_and_deployer", ("art50_1_interaction",),
     ("Whisper", "OpenAI", "large-v3", "speech"), (_("Trip data"), True, False)),
)  # fmt: skip

# Which use cases (seeding.demo.initiatives.USE_CASES) each system serves, and the department
# that runs it. Chosen by hand: a system is linked only to initiatives whose work it does.
LINKS: dict[str, tuple[str, ...]] = {
    "Customer service chatbot": ("Chatbot for order status questions",),
    "Invoice data extraction": ("Invoice data extraction",),
    "CV screening assistant": ("CV screening assistant",),
    "Demand forecasting": ("Demand forecasting per warehouse",),
    "Meeting summariser": ("Meeting notes to CRM",),
    "Route optimisation": ("Route optimisation for deliveries",),
    "Contract clause review": ("Contract review assistant", "Contract clause extraction for audit"),
    "Fraud detection on expense claims": ("Expense fraud detection",),
    "Marketing copy generator": ("Product description generator",),
    "E-mail routing classifier": ("E-mail triage assistant",),
    "Speech-to-text for call centre": ("Call summarisation for case notes",),
    "Predictive maintenance": ("Predictive maintenance for conveyor belts",),
    "Shift planning optimiser": ("Shift planning optimiser",),
    "Knowledge base search": ("Knowledge-base answer suggestions", "HR policy questions assistant"),
    "Product image generator": ("Product description generator",),
    "Translation service": ("Translation of legal documents",),
    "Sales lead scoring": ("Lead scoring",),
    # Answers to data subject requests go out with other people's data removed.
    "Document anonymiser": ("GDPR data subject request triage",),
}
DEPARTMENTS: dict[str, str] = {
    "Customer service chatbot": "cs", "Invoice data extraction": "fin",
    "CV screening assistant": "hr", "Demand forecasting": "ops", "Meeting summariser": "sales",
    "Route optimisation": "ops", "Benefit eligibility triage": "hr",
    "Contract clause review": "legal", "Employee sentiment monitor": "hr",
    "Fraud detection on expense claims": "fin", "Marketing copy generator": "sales",
    "Credit limit advisor": "fin", "E-mail routing classifier": "cs",
    "Speech-to-text for call centre": "cs", "Predictive maintenance": "ops",
    "Shift planning optimiser": "ops", "Knowledge base search": "cs",
    "Product image generator": "sales", "Translation service": "legal",
    "Access badge face recognition": "ops", "Spend analytics classifier": "fin",
    "Sales lead scoring": "sales", "Training quiz grader": "hr", "Document anonymiser": "legal",
    "Voice assistant for drivers": "ops",
}  # fmt: skip

# A linked system's status follows the furthest stage of its initiatives.
_STATUS_BY_STAGE = {
    "idea": "planned",
    "assessment": "planned",
    "proof_of_concept": "in_development",
    "on_hold": "in_development",
    "pilot": "in_use",
    "scaling": "in_use",
    "production": "in_use",
    "stopped": "retired",
    "retired": "retired",
}
_STATUS_RANK = ("planned", "in_development", "retired", "in_use")

_RISKS = (
    ("technical", _("Accuracy drops on data unlike the training data.")),
    ("legal", _("Processing without a documented lawful basis.")),
    ("organisational", _("Staff rely on the output without checking it.")),
    ("technical", _("Vendor changes the model without notice.")),
    ("legal", _("Transparency duty towards affected people not met.")),
    ("organisational", _("No owner for monitoring after go-live.")),
)


def _status(linked: list[Initiative], rng: random.Random) -> str:
    """In use while an initiative uses it, retired when all that used it stopped; a system
    serving no demo initiative gets a status at random."""
    if not linked:
        return rng.choice(("in_use", "in_use", "in_use", "in_development", "planned"))
    statuses = {_STATUS_BY_STAGE[initiative.stage] for initiative in linked}
    return max(statuses, key=_STATUS_RANK.index)


def _answers(role: str, yes: tuple[str, ...]) -> dict[str, bool]:
    """Complete answers: the given questions yes, everything else asked answered no."""
    answers: dict[str, bool] = {}
    while True:
        missing = [k for k in cls_domain.required_questions(answers, role) if k not in answers]
        if not missing:
            return {k: answers[k] for k in cls_domain.required_questions(answers, role)}
        for key in missing:
            answers[key] = key in yes


def _people() -> tuple[User, list[User]]:
    officers = [u for u in User.objects.order_by("pk") if has_capability(u, Cap.EDIT_REGISTER)]
    if not officers:
        raise RuntimeError("The demo register needs a compliance officer; seed the people first.")
    preferred = [u for u in officers if u.username == "carla"]
    owners = list(User.objects.filter(username__in=["tom", "tara", "carla"]).order_by("username"))
    return (preferred or officers)[0], owners or officers


@transaction.atomic
def seed_governance(*, rng: random.Random) -> None:
    """Fill the register with the demo systems; does nothing when they are already there."""
    if AISystem.objects.filter(name=gettext(CATALOGUE[0][0])).exists():
        return
    officer, owners = _people()
    initiatives = {i.title: i for i in Initiative.objects.order_by("pk")}
    departments = {d.code: d for d in Department.objects.all()}
    today = timezone.localdate()
    approval_plan = ["approved"] * 10 + ["submitted"] * 5 + ["rejected"] * 3 + ["draft"] * 7
    rng.shuffle(approval_plan)

    for index, entry in enumerate(CATALOGUE):
        name, purpose, vendor, deployment, role, yes, model, source = entry
        owner = rng.choice(owners)
        titles = [gettext(title) for title in LINKS.get(name, ())]
        linked = [initiatives[title] for title in titles if title in initiatives]
        status = _status(linked, rng)
        system = services.ai_system_create(
            actor=officer,
            data={
                "name": gettext(name),
                "purpose": gettext(purpose),
                "vendor": vendor,
                "deployment": deployment,
                "eu_role": role,
                "owner": owner,
                "data_steward": rng.choice(owners),
                "department": departments.get(DEPARTMENTS.get(name, "")),
                "status": status,
                "processes_personal_data": source[1],
                "dpia_required": source[1],
                "dpia_done": source[1] and rng.random() < 0.7,
                "controller_contact": "privacy@example.org" if source[1] else "",
                "dpo_contact": "dpo@example.org" if source[1] else "",
                "human_oversight": gettext(
                    "A case handler checks every proposal before it takes effect."
                )
                if yes
                else "",
            },
            initiatives=linked,
            models=[
                {
                    "name": gettext(model[0]),
                    "provider": gettext(model[1]),
                    "version": model[2],
                    "kind": model[3],
                }
            ],
            data_sources=[
                {
                    "name": gettext(source[0]),
                    "personal_data": source[1],
                    "special_categories": source[2],
                    "quality": rng.choice(("good", "good", "fair", "poor", "unknown")),
                }
            ],
        )
        if index % 12 != 11:  # two systems stay unclassified
            services.ai_system_classify(
                actor=officer, system=system, answers=_answers(role, yes), role=role
            )
        system.refresh_from_db()

        for category, description in rng.sample(_RISKS, k=rng.randint(1, 3)):
            likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
            residual = rng.random() < 0.5
            services.risk_create(
                actor=officer,
                system=system,
                data={
                    "category": category,
                    "description": gettext(description),
                    "likelihood": likelihood,
                    "impact": impact,
                    "mitigation": gettext("Monthly accuracy check and a fallback procedure.")
                    if residual
                    else "",
                    "residual_likelihood": max(1, likelihood - 2) if residual else None,
                    "residual_impact": impact if residual else None,
                    "owner": owner,
                    "status": rng.choice(("open", "open", "mitigating", "accepted", "closed")),
                    "due_date": today + datetime.timedelta(days=rng.randint(-20, 120)),
                },
            )

        # Move some planned reviews into the past: overdue, and some already done.
        for review in Review.objects.filter(system=system).order_by("pk"):
            roll = rng.random()
            if roll < 0.25:
                services.review_update(
                    actor=officer,
                    review=review,
                    data={"due_date": today - datetime.timedelta(days=rng.randint(1, 60))},
                )
            elif roll < 0.45:
                services.review_update(
                    actor=officer,
                    review=review,
                    data={"due_date": today + datetime.timedelta(days=rng.randint(0, 25))},
                )
            elif roll < 0.6:
                services.review_complete(
                    actor=officer,
                    review=review,
                    data={
                        "completed_on": today - datetime.timedelta(days=rng.randint(5, 90)),
                        "outcome": rng.choice(("pass", "pass", "pass_with_findings", "fail")),
                        "findings": gettext("Documentation complete; monitoring log reviewed."),
                    },
                )

        target = approval_plan[index]
        if (
            system.risk_class in (RiskClass.UNCLASSIFIED, RiskClass.PROHIBITED)
            and target == "approved"
        ):
            target = "submitted"
        if target != "draft":
            services.ai_system_submit(actor=officer, system=system)
        if target == "approved":
            services.ai_system_approve(
                actor=officer,
                system=system,
                grounds=gettext("DPIA, oversight and logging checked."),
            )
        elif target == "rejected":
            services.ai_system_reject(
                actor=officer,
                system=system,
                grounds=gettext("No DPIA yet for personal data processing."),
            )

    # One approved system changes materially afterwards, so its history shows the way back.
    approved = (
        AISystem.objects.filter(approval_status=ApprovalStatus.APPROVED).order_by("pk").first()
    )
    if approved is not None:
        services.ai_system_update(
            actor=officer,
            system=approved,
            data={"vendor": (approved.vendor or gettext("In-house")) + " Cloud"},
        )
