"""The initiatives part of the demo organisation: about thirty use cases at every stage."""

from __future__ import annotations

import datetime
import itertools
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from initiatives.choices import (
    BuildType,
    DataAvailability,
    DataQuality,
    GateOutcome,
    ReadinessKind,
    ReadinessStatus,
    Stage,
)
from initiatives.domain.lifecycle import LIFECYCLE_ORDER
from initiatives.domain.priority import derive_priority
from initiatives.models import (
    Department,
    GateDecision,
    Initiative,
    Pilot,
    PilotParticipant,
    ReadinessItem,
    StageChange,
    StrategicObjective,
)

OBJECTIVES = (
    ("Customer experience", "Faster, more accurate answers for customers in every channel."),
    ("Operational efficiency", "Do the same work with less manual effort and fewer errors."),
    ("Cost leadership", "Lower the cost per case, per order and per invoice."),
    ("Compliance by design", "Meet legal duties with less effort and more evidence."),
    ("Employee experience", "Take tedious work off people's desks."),
)

# title, problem, department code, build type, value, feasibility, effort, alignment, stage,
# owner, objective index
USE_CASES: tuple[tuple[Any, ...], ...] = (
    ("E-mail triage assistant", "Agents spend almost a third of their time routing incoming e-mails to the right queue.", "cs", BuildType.OFF_THE_SHELF, 4, 5, 2, 4, Stage.PRODUCTION, "tom", 0),
    ("Chatbot for order status questions", "Half of all calls ask where an order is; customers wait on hold for answers that are in the system.", "cs", BuildType.OFF_THE_SHELF, 4, 4, 2, 5, Stage.SCALING, "tom", 0),
    ("Call summarisation for case notes", "After every call agents type notes for four minutes; notes are inconsistent and often incomplete.", "cs", BuildType.FINE_TUNED, 4, 4, 3, 4, Stage.PILOT, "tom", 4),
    ("Sentiment alerts on complaints", "Angry customers are noticed only when they escalate to management.", "cs", BuildType.CUSTOM, 3, 3, 3, 3, Stage.PROOF_OF_CONCEPT, "tom", 0),
    ("Knowledge-base answer suggestions", "New agents cannot find the right article in the knowledge base during a call.", "cs", BuildType.OFF_THE_SHELF, 3, 4, 2, 3, Stage.ASSESSMENT, "tom", 4),
    ("Invoice data extraction", "Accounts payable retypes supplier invoices by hand: 20 minutes per invoice, 4,000 invoices a month.", "fin", BuildType.OFF_THE_SHELF, 5, 5, 2, 4, Stage.PRODUCTION, "tara", 2),
    ("Expense fraud detection", "Auditors check a random 2 % of expense claims and find duplicates and inflated amounts too late.", "fin", BuildType.CUSTOM, 4, 3, 3, 4, Stage.PILOT, "tara", 3),
    ("Cash-flow forecasting", "Treasury builds the 13-week cash forecast in spreadsheets and misses it by 15 % on average.", "fin", BuildType.CUSTOM, 4, 3, 4, 3, Stage.PROOF_OF_CONCEPT, "tara", 2),
    ("Contract clause extraction for audit", "External auditors ask for payment terms from hundreds of contracts every year.", "fin", BuildType.FINE_TUNED, 2, 3, 3, 2, Stage.IDEA, "tara", 3),
    ("Automated month-end reconciliation", "Closing the books takes eight working days, mostly matching bank lines to ledger entries.", "fin", BuildType.CUSTOM, 4, 2, 4, 3, Stage.ON_HOLD, "tara", 1),
    ("CV screening assistant", "Recruiters read 300 CVs per vacancy and shortlists take three weeks.", "hr", BuildType.OFF_THE_SHELF, 3, 3, 2, 2, Stage.STOPPED, "tara", 4),
    ("HR policy questions assistant", "HR answers the same questions about leave and benefits hundreds of times a month.", "hr", BuildType.OFF_THE_SHELF, 3, 4, 2, 4, Stage.PILOT, "tara", 4),
    ("Attrition risk signals", "Good people leave without warning; exit interviews come too late.", "hr", BuildType.CUSTOM, 3, 2, 3, 2, Stage.IDEA, "tara", 4),
    ("Job advertisement writing assistant", "Hiring managers take days to write job advertisements that then attract too few applicants.", "hr", BuildType.OFF_THE_SHELF, 2, 5, 1, 3, Stage.SCALING, "tara", 4),
    ("Predictive maintenance for conveyor belts", "Unplanned conveyor stops cost 40 hours of downtime a month in the main warehouse.", "ops", BuildType.CUSTOM, 5, 4, 4, 5, Stage.PRODUCTION, "tara", 1),
    ("Route optimisation for deliveries", "Planners build delivery routes by hand each night; trucks drive 12 % more kilometres than needed.", "ops", BuildType.OFF_THE_SHELF, 5, 4, 3, 5, Stage.SCALING, "tara", 2),
    ("Demand forecasting per warehouse", "Stock-outs and overstock at the same time: forecasts are made per region, not per warehouse.", "ops", BuildType.CUSTOM, 4, 3, 4, 4, Stage.PILOT, "tara", 1),
    ("Visual damage inspection of returns", "Every returned parcel is inspected by hand; damage is judged differently per inspector.", "ops", BuildType.FINE_TUNED, 3, 3, 3, 3, Stage.PROOF_OF_CONCEPT, "tara", 1),
    ("Shift planning optimiser", "Shift plans ignore preferences and skills; overtime costs are rising.", "ops", BuildType.OFF_THE_SHELF, 3, 4, 3, 3, Stage.ASSESSMENT, "tara", 4),
    ("Inventory anomaly detection", "Inventory differences are found only at the yearly stock count.", "ops", BuildType.CUSTOM, 3, 4, 2, 3, Stage.RETIRED, "tara", 1),
    ("Lead scoring", "Sales follows up every inbound lead in arrival order, so the best ones wait.", "sales", BuildType.OFF_THE_SHELF, 4, 5, 2, 4, Stage.PRODUCTION, "tom", 2),
    ("Product description generator", "Writing product texts for 8,000 new articles a year delays their launch in the web shop.", "sales", BuildType.OFF_THE_SHELF, 3, 5, 1, 3, Stage.PILOT, "tom", 0),
    ("Churn prediction for business accounts", "Business customers leave without warning; account managers react after the contract ends.", "sales", BuildType.CUSTOM, 4, 3, 3, 4, Stage.ASSESSMENT, "tom", 0),
    ("Next-best-offer recommendations", "Customers are offered the same promotions whatever they bought before.", "sales", BuildType.CUSTOM, 3, 3, 4, 3, Stage.IDEA, "tom", 0),
    ("Meeting notes to CRM", "Account managers skip updating the CRM after customer meetings.", "sales", BuildType.OFF_THE_SHELF, 2, 4, 2, 2, Stage.PROOF_OF_CONCEPT, "tom", 4),
    ("Contract review assistant", "Legal reviews 120 standard contracts a month, each taking two hours.", "legal", BuildType.FINE_TUNED, 4, 3, 3, 4, Stage.PILOT, "tom", 3),
    ("Regulatory change monitoring", "New regulations are noticed late and by chance.", "legal", BuildType.OFF_THE_SHELF, 3, 4, 2, 5, Stage.ASSESSMENT, "tom", 3),
    ("GDPR data subject request triage", "Requests arrive in every channel and the one-month deadline is at risk.", "legal", BuildType.OFF_THE_SHELF, 3, 4, 2, 5, Stage.IDEA, "tom", 3),
    ("Translation of legal documents", "External translation of contracts costs 90,000 a year and takes a week.", "legal", BuildType.OFF_THE_SHELF, 3, 5, 1, 3, Stage.PRODUCTION, "tom", 2),
    ("E-discovery document classification", "Litigation holds require sorting hundreds of thousands of documents by hand.", "legal", BuildType.CUSTOM, 3, 2, 4, 2, Stage.ON_HOLD, "tom", 3),
)  # fmt: skip

# Where a stopped or held initiative stood before.
_HELD_OR_STOPPED_FROM = {
    "Automated month-end reconciliation": Stage.PROOF_OF_CONCEPT,
    "E-discovery document classification": Stage.ASSESSMENT,
    "CV screening assistant": Stage.PILOT,
}


def _path_to(stage: str, title: str) -> list[str]:
    """The stages an initiative went through to reach its current stage."""
    if stage in (Stage.ON_HOLD, Stage.STOPPED):
        before = _HELD_OR_STOPPED_FROM[title]
        return [*_path_to(before, title), stage]
    order = [s.value for s in LIFECYCLE_ORDER]
    return order[: order.index(stage) + 1]


@transaction.atomic
def seed_initiatives(*, people: dict[str, Any], rng: random.Random) -> list[Initiative]:
    """Create the demo use cases with their history, pilots, checklists and gate decisions."""
    objectives = [
        StrategicObjective.objects.update_or_create(name=name, defaults={"description": text})[0]
        for name, text in OBJECTIVES
    ]
    departments = {d.code: d for d in Department.objects.all()}
    lena = people["lena"]
    today = timezone.localdate()
    created = []
    for index, row in enumerate(USE_CASES):
        title, problem, dept, build, value, feas, effort, align, stage, owner, obj = row
        if Initiative.objects.filter(title=title).exists():
            continue
        priority = derive_priority(
            business_value=value,
            technical_feasibility=feas,
            implementation_effort=effort,
            strategic_alignment=align,
        )
        path = _path_to(stage, title)
        held_in = _HELD_OR_STOPPED_FROM.get(title, "") if stage == Stage.ON_HOLD else ""
        initiative = Initiative.objects.create(
            title=title,
            problem=problem,
            process_affected=title.split(" for ")[-1].capitalize(),
            expected_benefit=rng.choice(
                [
                    "Fewer hours of manual work and faster turnaround.",
                    "Lower cost per case and fewer errors.",
                    "Better answers for customers and happier staff.",
                ]
            ),
            department=departments[dept],
            owner=people[owner],
            strategic_objective=objectives[obj],
            data_availability=rng.choice(DataAvailability.values[:3]),
            data_quality=rng.choice(DataQuality.values[:3]),
            build_type=build,
            business_value=value,
            technical_feasibility=feas,
            implementation_effort=effort,
            strategic_alignment=align,
            priority_score=priority.score,
            priority_band=priority.band.value,
            stage=stage,
            held_in_stage=held_in,
        )
        other_lead = people["tara" if owner == "tom" else "tom"]
        if index % 3 == 0:
            initiative.members.set([other_lead])
        # Spread the history over the last two years, older for later stages.
        start = today - datetime.timedelta(days=60 * len(path) + rng.randint(0, 60))
        changes = []
        for before, after in itertools.pairwise(path):
            actor = (
                lena
                if after in (Stage.SCALING, Stage.PRODUCTION, Stage.RETIRED, Stage.STOPPED)
                else people[owner]
            )
            changes.append(
                StageChange(
                    initiative=initiative,
                    from_stage=before,
                    to_stage=after,
                    actor=actor,
                    reason=_reason(after),
                )
            )
        StageChange.objects.bulk_create(changes)
        # auto_now_add ignores given values, so the dates are set afterwards.
        moment = timezone.make_aware(datetime.datetime.combine(start, datetime.time(10)))
        for change in changes:
            moment += datetime.timedelta(days=rng.randint(30, 75))
            StageChange.objects.filter(pk=change.pk).update(changed_at=min(moment, timezone.now()))
        Initiative.objects.filter(pk=initiative.pk).update(
            stage_changed_at=min(moment, timezone.now())
        )
        _checklist(initiative, stage, people, rng)
        if Stage.PILOT in path:
            _pilot(initiative, departments, rng, today)
        _gate_decisions(initiative, path, lena)
        # A decision is dated with the stage change it caused.
        decided = StageChange.objects.filter(
            initiative=initiative, to_stage__in=[Stage.SCALING, Stage.STOPPED]
        ).first()
        if decided is not None:
            GateDecision.objects.filter(initiative=initiative).update(decided_at=decided.changed_at)
        created.append(initiative)
    return created


def _reason(stage: str) -> str:
    reasons: dict[str, str] = {
        Stage.ASSESSMENT: "Problem confirmed with the department; worth assessing.",
        Stage.PROOF_OF_CONCEPT: "Data is available; a small proof of concept can show feasibility.",
        Stage.PILOT: "Proof of concept met its accuracy target; ready for real users.",
        Stage.SCALING: "Pilot met its success criteria; go decision at the stage gate.",
        Stage.PRODUCTION: "Rolled out to every target department; support model in place.",
        Stage.RETIRED: "Replaced by the inventory module of the new ERP system.",
        Stage.ON_HOLD: "Paused until the data platform migration is finished.",
        Stage.STOPPED: "High-risk use under the EU AI Act; benefits do not justify the obligations.",
    }
    return reasons.get(stage, "Moved on.")


def _checklist(
    initiative: Initiative, stage: str, people: dict[str, Any], rng: random.Random
) -> None:
    shares: dict[str, float] = {
        Stage.PRODUCTION: 1.0,
        Stage.RETIRED: 1.0,
        Stage.SCALING: 0.9,
        Stage.PILOT: 0.5,
    }
    done_share = shares.get(stage, 0.0)
    items = []
    for kind in ReadinessKind.values:
        roll = rng.random()
        if roll < done_share:
            status = ReadinessStatus.DONE
        elif roll < done_share + 0.25 and done_share:
            status = ReadinessStatus.IN_PROGRESS
        else:
            status = ReadinessStatus.NOT_STARTED
        items.append(
            ReadinessItem(
                initiative=initiative,
                kind=kind,
                status=status,
                owner=initiative.owner if status != ReadinessStatus.NOT_STARTED else None,
                evidence="See the pilot report in the project space."
                if status == ReadinessStatus.DONE
                else "",
            )
        )
    ReadinessItem.objects.bulk_create(items)


def _pilot(
    initiative: Initiative,
    departments: dict[str, Department],
    rng: random.Random,
    today: datetime.date,
) -> None:
    start = today - datetime.timedelta(days=rng.randint(200, 500))
    end = start + datetime.timedelta(days=rng.randint(60, 120))
    pilot = Pilot.objects.create(
        initiative=initiative,
        scope=f"Two teams of {initiative.department.name}, real cases, for {((end - start).days // 30)} months.",
        start_date=start,
        end_date=end,
        success_criteria="Handling time down 20 %, quality at least as good as before, users willing to keep it.",
        user_feedback="Saves time on routine cases; unusual cases still need a person.",
        lessons_learned="Involve the sceptics early: their objections improved the prompts and the review step.",
        scaling_playbook="Train champions first, then teams in waves of two; keep the human review step.",
    )
    pilot.departments.set([initiative.department])
    names = ["Anna", "Ben", "Chloé", "Daan", "Elif", "Fredrik", "Greta", "Hugo"]
    rng.shuffle(names)
    PilotParticipant.objects.bulk_create(
        PilotParticipant(
            pilot=pilot,
            name=name,
            department=initiative.department,
            role="Case handler" if i else "Team lead",
            is_sceptic=i in (1, 4),
        )
        for i, name in enumerate(names[:5])
    )


def _gate_decisions(initiative: Initiative, path: list[str], lena: Any) -> None:
    if initiative.title == "Expense fraud detection":
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NEEDS_WORK,
            rationale="Promising, but false positives still burden the auditors; retest with the new threshold.",
            decided_by=lena,
        )
    if Stage.SCALING in path:
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.GO,
            rationale="Pilot met its targets and the checklist is complete.",
            decided_by=lena,
        )
    if initiative.stage == Stage.STOPPED and Stage.PILOT in path:
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NO_GO,
            rationale=_reason(Stage.STOPPED),
            decided_by=lena,
        )
