"""The initiatives part of the demo organisation: about thirty use cases at every stage.

Each one has a believable history: stage changes counted back from today, a pilot inside its
pilot stage, gate decisions dated with the changes they caused.

Texts are English here, marked with `_` (gettext_noop) for the seeding catalogue, and written in
the active language (the seed command's --language); the English title stays the key the other
demo tables use.
"""

from __future__ import annotations

import datetime
import itertools
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_noop as _

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
from initiatives.services.gates import gate_request

OBJECTIVES = (
    (_("Customer experience"), _("Faster, more accurate answers for customers in every channel.")),
    (_("Operational efficiency"), _("Do the same work with less manual effort and fewer errors.")),
    (_("Cost leadership"), _("Lower the cost per case, per order and per invoice.")),
    (_("Compliance by design"), _("Meet legal duties with less effort and more evidence.")),
    (_("Employee experience"), _("Take tedious work off people's desks.")),
)

# title, problem, department code, build type, value, feasibility, effort, alignment, stage,
# owner, objective index. The xgettext comments tell the catalogue that "2 %" is no placeholder.
USE_CASES: tuple[tuple[Any, ...], ...] = (
    (_("E-mail triage assistant"), _("Agents spend almost a third of their time routing incoming e-mails to the right queue."), "cs", BuildType.OFF_THE_SHELF, 4, 5, 2, 4, Stage.PRODUCTION, "tom", 0),
    (_("Chatbot for order status questions"), _("Half of all calls ask where an order is; customers wait on hold for answers that are in the system."), "cs", BuildType.OFF_THE_SHELF, 4, 4, 2, 5, Stage.SCALING, "tom", 0),
    (_("Call summarisation for case notes"), _("After every call agents type notes for four minutes; notes are inconsistent and often incomplete."), "cs", BuildType.FINE_TUNED, 4, 4, 3, 4, Stage.PILOT, "tom", 4),
    (_("Sentiment alerts on complaints"), _("Angry customers are noticed only when they escalate to management."), "cs", BuildType.CUSTOM, 3, 3, 3, 3, Stage.PROOF_OF_CONCEPT, "tom", 0),
    (_("Knowledge-base answer suggestions"), _("New agents cannot find the right article in the knowledge base during a call."), "cs", BuildType.OFF_THE_SHELF, 3, 4, 2, 3, Stage.ASSESSMENT, "tom", 4),
    (_("Invoice data extraction"), _("Accounts payable retypes supplier invoices by hand: 20 minutes per invoice, 4,000 invoices a month."), "fin", BuildType.OFF_THE_SHELF, 5, 5, 2, 4, Stage.PRODUCTION, "tara", 2),
    (_("Expense fraud detection"),
     # xgettext:no-python-format
     _("Auditors check a random 2 % of expense claims and find duplicates and inflated amounts too late."), "fin", BuildType.CUSTOM, 4, 3, 3, 4, Stage.PILOT, "tara", 3),
    (_("Cash-flow forecasting"),
     # xgettext:no-python-format
     _("Treasury builds the 13-week cash forecast in spreadsheets and misses it by 15 % on average."), "fin", BuildType.CUSTOM, 4, 3, 4, 3, Stage.PROOF_OF_CONCEPT, "tara", 2),
    (_("Contract clause extraction for audit"), _("External auditors ask for payment terms from hundreds of contracts every year."), "fin", BuildType.FINE_TUNED, 2, 3, 3, 2, Stage.IDEA, "tara", 3),
    (_("Automated month-end reconciliation"), _("Closing the books takes eight working days, mostly matching bank lines to ledger entries."), "fin", BuildType.CUSTOM, 4, 2, 4, 3, Stage.ON_HOLD, "tara", 1),
    (_("CV screening assistant"), _("Recruiters read 300 CVs per vacancy and shortlists take three weeks."), "hr", BuildType.OFF_THE_SHELF, 3, 3, 2, 2, Stage.STOPPED, "tara", 4),
    (_("HR policy questions assistant"), _("HR answers the same questions about leave and benefits hundreds of times a month."), "hr", BuildType.OFF_THE_SHELF, 3, 4, 2, 4, Stage.PILOT, "tara", 4),
    (_("Attrition risk signals"), _("Good people leave without warning; exit interviews come too late."), "hr", BuildType.CUSTOM, 3, 2, 3, 2, Stage.IDEA, "tara", 4),
    (_("Job advertisement writing assistant"), _("Hiring managers take days to write job advertisements that then attract too few applicants."), "hr", BuildType.OFF_THE_SHELF, 2, 5, 1, 3, Stage.SCALING, "tara", 4),
    (_("Predictive maintenance for conveyor belts"), _("Unplanned conveyor stops cost 40 hours of downtime a month in the main warehouse."), "ops", BuildType.CUSTOM, 5, 4, 4, 5, Stage.PRODUCTION, "tara", 1),
    (_("Route optimisation for deliveries"), _("Planners build delivery routes by hand each night; trucks drive 12 % more kilometres than needed."), "ops", BuildType.OFF_THE_SHELF, 5, 4, 3, 5, Stage.SCALING, "tara", 2),
    (_("Demand forecasting per warehouse"), _("Stock-outs and overstock at the same time: forecasts are made per region, not per warehouse."), "ops", BuildType.CUSTOM, 4, 3, 4, 4, Stage.PILOT, "tara", 1),
    (_("Visual damage inspection of returns"), _("Every returned parcel is inspected by hand; damage is judged differently per inspector."), "ops", BuildType.FINE_TUNED, 3, 3, 3, 3, Stage.PROOF_OF_CONCEPT, "tara", 1),
    (_("Shift planning optimiser"), _("Shift plans ignore preferences and skills; overtime costs are rising."), "ops", BuildType.OFF_THE_SHELF, 3, 4, 3, 3, Stage.ASSESSMENT, "tara", 4),
    (_("Inventory anomaly detection"), _("Inventory differences are found only at the yearly stock count."), "ops", BuildType.CUSTOM, 3, 4, 2, 3, Stage.RETIRED, "tara", 1),
    (_("Lead scoring"), _("Sales follows up every inbound lead in arrival order, so the best ones wait."), "sales", BuildType.OFF_THE_SHELF, 4, 5, 2, 4, Stage.PRODUCTION, "tom", 2),
    (_("Product description generator"), _("Writing product texts for 8,000 new articles a year delays their launch in the web shop."), "sales", BuildType.OFF_THE_SHELF, 3, 5, 1, 3, Stage.PILOT, "tom", 0),
    (_("Churn prediction for business accounts"), _("Business customers leave without warning; account managers react after the contract ends."), "sales", BuildType.CUSTOM, 4, 3, 3, 4, Stage.ASSESSMENT, "tom", 0),
    (_("Next-best-offer recommendations"), _("Customers are offered the same promotions whatever they bought before."), "sales", BuildType.CUSTOM, 3, 3, 4, 3, Stage.IDEA, "tom", 0),
    (_("Meeting notes to CRM"), _("Account managers skip updating the CRM after customer meetings."), "sales", BuildType.OFF_THE_SHELF, 2, 4, 2, 2, Stage.PROOF_OF_CONCEPT, "tom", 4),
    (_("Contract review assistant"), _("Legal reviews 120 standard contracts a month, each taking two hours."), "legal", BuildType.FINE_TUNED, 4, 3, 3, 4, Stage.PILOT, "tom", 3),
    (_("Regulatory change monitoring"), _("New regulations are noticed late and by chance."), "legal", BuildType.OFF_THE_SHELF, 3, 4, 2, 5, Stage.ASSESSMENT, "tom", 3),
    (_("GDPR data subject request triage"), _("Requests arrive in every channel and the one-month deadline is at risk."), "legal", BuildType.OFF_THE_SHELF, 3, 4, 2, 5, Stage.IDEA, "tom", 3),
    (_("Translation of legal documents"), _("External translation of contracts costs 90,000 a year and takes a week."), "legal", BuildType.OFF_THE_SHELF, 3, 5, 1, 3, Stage.PRODUCTION, "tom", 2),
    (_("E-discovery document classification"), _("Litigation holds require sorting hundreds of thousands of documents by hand."), "legal", BuildType.CUSTOM, 3, 2, 4, 2, Stage.ON_HOLD, "tom", 3),
)  # fmt: skip

# The process a use case changes, where its title names it after "for"; other use cases name
# their process in the title itself.
_PROCESS_AFFECTED = {
    "Chatbot for order status questions": _("Order status questions"),
    "Call summarisation for case notes": _("Case notes"),
    "Predictive maintenance for conveyor belts": _("Conveyor belts"),
    "Route optimisation for deliveries": _("Deliveries"),
    "Contract clause extraction for audit": _("Audit"),
}

_EXPECTED_BENEFITS = (
    _("Fewer hours of manual work and faster turnaround."),
    _("Lower cost per case and fewer errors."),
    _("Better answers for customers and happier staff."),
)

# Where a stopped or held initiative stood before.
_HELD_OR_STOPPED_FROM = {
    "Automated month-end reconciliation": Stage.PROOF_OF_CONCEPT,
    "E-discovery document classification": Stage.ASSESSMENT,
    "CV screening assistant": Stage.PILOT,
}

# Days an initiative spends in a stage before it moves on (fewest, most): a pilot runs for
# months, production lasts until something replaces it.
_STAGE_DAYS: dict[str, tuple[int, int]] = {
    Stage.IDEA: (20, 60),
    Stage.ASSESSMENT: (30, 75),
    Stage.PROOF_OF_CONCEPT: (60, 120),
    Stage.PILOT: (120, 200),
    Stage.SCALING: (120, 240),
    Stage.PRODUCTION: (240, 420),
}
# How long ago an initiative reached the stage it is in now (fewest, most days).
_CURRENT_DAYS: dict[str, tuple[int, int]] = {Stage.PILOT: (60, 180)}
_DEFAULT_CURRENT_DAYS = (20, 120)


def _path_to(stage: str, title: str) -> list[str]:
    """The stages an initiative went through to reach its current stage."""
    if stage in (Stage.ON_HOLD, Stage.STOPPED):
        before = _HELD_OR_STOPPED_FROM[title]
        return [*_path_to(before, title), stage]
    order = [s.value for s in LIFECYCLE_ORDER]
    return order[: order.index(stage) + 1]


def _timeline(path: list[str], today: datetime.date, rng: random.Random) -> list[datetime.date]:
    """The day the initiative entered each stage of its path, counted back from today: the
    current stage some weeks ago, each earlier one a stage's typical length before the next."""
    low, high = _CURRENT_DAYS.get(path[-1], _DEFAULT_CURRENT_DAYS)
    entered = [today - datetime.timedelta(days=rng.randint(low, high))]
    for stage in reversed(path[:-1]):
        low, high = _STAGE_DAYS[stage]
        entered.insert(0, entered[0] - datetime.timedelta(days=rng.randint(low, high)))
    return entered


def _at_ten(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@transaction.atomic
def seed_initiatives(*, people: dict[str, Any], rng: random.Random) -> list[Initiative]:
    """Create the demo use cases with their history, pilots, checklists and gate decisions."""
    objectives = [
        StrategicObjective.objects.update_or_create(
            name=gettext(name), defaults={"description": gettext(text)}
        )[0]
        for name, text in OBJECTIVES
    ]
    departments = {d.code: d for d in Department.objects.all()}
    lena = people["lena"]
    today = timezone.localdate()
    created = []
    for index, row in enumerate(USE_CASES):
        title, problem, dept, build, value, feas, effort, align, stage, owner, obj = row
        if Initiative.objects.filter(title=gettext(title)).exists():
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
            title=gettext(title),
            problem=gettext(problem),
            process_affected=gettext(_PROCESS_AFFECTED.get(title, title)),
            expected_benefit=gettext(rng.choice(_EXPECTED_BENEFITS)),
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
        # The history counts back from today (about three years for the oldest); the pilot,
        # the checklist and the gate decisions are dated inside it.
        entered = _timeline(path, today, rng)
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
        for change, day in zip(changes, entered[1:], strict=True):
            StageChange.objects.filter(pk=change.pk).update(changed_at=_at_ten(day))
        Initiative.objects.filter(pk=initiative.pk).update(
            created_at=_at_ten(entered[0]) - datetime.timedelta(hours=1),
            stage_changed_at=_at_ten(entered[-1]) if changes else None,
        )
        _checklist(initiative, stage, people, rng)
        pilot = None
        if Stage.PILOT in path:
            position = path.index(Stage.PILOT)
            left = entered[position + 1] if position + 1 < len(path) else None
            pilot = _pilot(initiative, departments, rng, entered[position], left)
        _gate_decisions(initiative, title, path, lena)
        # A decision is dated with the stage change it caused; "needs work" after the pilot's
        # first results, before today.
        decided = StageChange.objects.filter(
            initiative=initiative, to_stage__in=[Stage.SCALING, Stage.STOPPED]
        ).first()
        if decided is not None:
            GateDecision.objects.filter(initiative=initiative).exclude(
                outcome=GateOutcome.NEEDS_WORK
            ).update(decided_at=decided.changed_at)
        if pilot is not None:
            midway = pilot.start_date + (min(pilot.end_date, today) - pilot.start_date) / 2
            GateDecision.objects.filter(
                initiative=initiative, outcome=GateOutcome.NEEDS_WORK
            ).update(decided_at=_at_ten(midway))
        created.append(initiative)
    return created


_REASONS: dict[str, str] = {
    Stage.ASSESSMENT: _("Problem confirmed with the department; worth assessing."),
    Stage.PROOF_OF_CONCEPT: _("Data is available; a small proof of concept can show feasibility."),
    Stage.PILOT: _("Proof of concept met its accuracy target; ready for real users."),
    Stage.SCALING: _("Pilot met its success criteria; go decision at the stage gate."),
    Stage.PRODUCTION: _("Rolled out to every target department; support model in place."),
    Stage.RETIRED: _("Replaced by the inventory module of the new ERP system."),
    Stage.ON_HOLD: _("Paused until the data platform migration is finished."),
    Stage.STOPPED: _("High-risk use under the EU AI Act; benefits do not justify the obligations."),
}


def _reason(stage: str) -> str:
    return gettext(_REASONS.get(stage, _("Moved on.")))


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
    evidence = gettext("See the pilot report in the project space.")
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
                evidence=evidence if status == ReadinessStatus.DONE else "",
            )
        )
    ReadinessItem.objects.bulk_create(items)


def _pilot(
    initiative: Initiative,
    departments: dict[str, Department],
    rng: random.Random,
    entered: datetime.date,
    left: datetime.date | None,
) -> Pilot:
    """The pilot, inside the pilot stage: it starts after the initiative entered the stage and
    ends before it left it; a pilot still running has a planned end."""
    start = entered + datetime.timedelta(days=rng.randint(3, 14))
    if left is None:
        end = start + datetime.timedelta(days=rng.randint(90, 150))
    else:
        # A pilot stage lasts at least 120 days (_STAGE_DAYS), so this end follows the start.
        end = left - datetime.timedelta(days=rng.randint(3, 14))
    months = (end - start).days // 30
    pilot = Pilot.objects.create(
        initiative=initiative,
        scope=ngettext(
            "Two teams of %(department)s, real cases, for %(months)d month.",
            "Two teams of %(department)s, real cases, for %(months)d months.",
            months,
        )
        % {"department": initiative.department.name, "months": months},
        start_date=start,
        end_date=end,
        # The demo metrics replace this with the pilot's own KPI targets.
        success_criteria=gettext(
            "The KPI targets agreed at the start are met, quality is at least as good as before, users are willing to keep it."
        ),
        user_feedback=gettext("Saves time on routine cases; unusual cases still need a person."),
        lessons_learned=gettext(
            "Involve the sceptics early: their objections improved the prompts and the review step."
        ),
        scaling_playbook=gettext(
            "Train champions first, then teams in waves of two; keep the human review step."
        ),
    )
    pilot.departments.set([initiative.department])
    names = ["Anna", "Ben", "Chloé", "Daan", "Elif", "Fredrik", "Greta", "Hugo"]
    rng.shuffle(names)
    PilotParticipant.objects.bulk_create(
        PilotParticipant(
            pilot=pilot,
            name=name,
            department=initiative.department,
            role=gettext("Case handler") if i else gettext("Team lead"),
            is_sceptic=i in (1, 4),
        )
        for i, name in enumerate(names[:5])
    )
    return pilot


def _gate_decisions(initiative: Initiative, title: str, path: list[str], lena: Any) -> None:
    """The gate decisions of the history; `title` is the use case's English title."""
    if title == "Expense fraud detection":
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NEEDS_WORK,
            rationale=gettext(
                "Promising, but false positives still burden the auditors; retest with the new threshold."
            ),
            decided_by=lena,
        )
    if Stage.SCALING in path:
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.GO,
            rationale=gettext("Pilot met its targets and the checklist is complete."),
            decided_by=lena,
        )
    if initiative.stage == Stage.STOPPED and Stage.PILOT in path:
        GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NO_GO,
            rationale=_reason(Stage.STOPPED),
            decided_by=lena,
        )


# Two teams whose pilots are over ask leadership for the scaling gate, so the gate queue, the
# homes and the bell have something real in them.
_GATE_REQUESTS = {
    "Demand forecasting per warehouse": _(
        "Forecast error fell from 18 % to 9 % in the two pilot warehouses and overstock is down; "
        "the data feeds are automated. Ready to scale to the other warehouses."
    ),
    "Call summarisation for case notes": _(
        "Agents save about four minutes per call and the reviewers found no summary that changed "
        "a case's meaning. Support and governance owners are named."
    ),
}


def seed_gate_requests() -> None:
    """Open a gate request for the demo pilots that are over, through the product's service."""
    for title, note in _GATE_REQUESTS.items():
        initiative = Initiative.objects.filter(title=gettext(title), stage=Stage.PILOT).first()
        if initiative is None or initiative.gate_requests.exists():
            continue
        gate_request(actor=initiative.owner, initiative=initiative, note=gettext(note))
