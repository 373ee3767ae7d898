"""The governance phase: AI systems linked to initiatives, with their risks and reviews."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from governance.choices import (
    ApprovalStatus,
    Deployment,
    EURole,
    ReviewKind,
    ReviewOutcome,
    RiskCategory,
    RiskClass,
    RiskStatus,
    SystemStatus,
)
from governance.domain.risk import score as risk_score
from governance.models import AISystem, Review, Risk
from initiatives.choices import Stage
from seeding.scale.bulk import BATCH
from seeding.scale.catalogues import (
    RISK_DESCRIPTIONS,
    SYSTEM_STATUS,
    VENDORS,
    reviews_for,
    risks_for,
)
from seeding.scale.initiatives import InitiativeRow
from seeding.scale.people import People
from seeding.scale.sizes import ScaleSizes


def create_systems(
    rng: random.Random,
    sizes: ScaleSizes,
    initiatives: list[InitiativeRow],
    people: People,
    as_of: date,
    now: datetime,
) -> tuple[int, int, int]:
    """AI systems for the later-stage initiatives with risks and reviews; returns the counts."""
    if not sizes.systems:
        return 0, 0, 0
    later = [i for i in initiatives if i.stage not in (Stage.IDEA, Stage.ASSESSMENT)]
    pool = later or initiatives
    systems: list[AISystem] = []
    links: list[InitiativeRow] = []
    for n in range(sizes.systems):
        initiative = pool[n % len(pool)] if n < len(pool) else rng.choice(pool)
        vendor, product, deployment = VENDORS[rng.randrange(len(VENDORS))]
        status = SYSTEM_STATUS[initiative.stage]
        risk_class = rng.choices(
            (RiskClass.HIGH, RiskClass.LIMITED, RiskClass.MINIMAL, RiskClass.UNCLASSIFIED),
            weights=(15, 35, 40, 10),
        )[0]
        approved = status == SystemStatus.IN_USE or (
            status == SystemStatus.RETIRED and rng.random() < 0.7
        )
        approval = (
            ApprovalStatus.APPROVED
            if approved
            else rng.choice((ApprovalStatus.DRAFT, ApprovalStatus.SUBMITTED))
        )
        personal = rng.random() < 0.55
        decider = rng.choice(people.compliance)
        systems.append(
            AISystem(
                name=f"{vendor} {product} #{n + 1}",
                purpose=f"Supports the initiative {initiative.pk}.",
                owner_id=initiative.owner_id,
                data_steward_id=rng.choice(people.compliance),
                business_contact_id=initiative.owner_id,
                department_id=initiative.department_id,
                status=status,
                vendor=vendor,
                deployment=deployment,
                processes_personal_data=personal,
                lawful_basis="legitimate_interests" if personal else "",
                dpia_required=personal and risk_class == RiskClass.HIGH,
                dpia_done=personal and risk_class == RiskClass.HIGH and approved,
                transfers_outside_eu=deployment == Deployment.CLOUD and rng.random() < 0.3,
                eu_role=EURole.PROVIDER if vendor == "In-house" else EURole.DEPLOYER,
                risk_class=risk_class,
                human_oversight="A case handler checks every proposal before it is sent.",
                approval_status=approval,
                approval_decided_by_id=decider if approved else None,
                approval_decided_at=now - timedelta(days=rng.randint(10, 400))
                if approved
                else None,
                approval_grounds="Meets the AI policy." if approved else "",
                created_by_id=decider,
            )
        )
        links.append(initiative)
    created = AISystem.objects.bulk_create(systems, batch_size=BATCH)
    Link = AISystem.initiatives.through
    Link.objects.bulk_create(
        [
            Link(aisystem_id=system.pk, initiative_id=initiative.pk)
            for system, initiative in zip(created, links, strict=True)
        ],
        batch_size=BATCH,
    )
    risks: list[Risk] = []
    reviews: list[Review] = []
    categories = list(RiskCategory)
    kinds = list(ReviewKind)
    for index, system in enumerate(created):
        for k in range(risks_for(index)):
            likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
            risk_status = rng.choices(
                (RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED, RiskStatus.CLOSED),
                weights=(35, 30, 15, 20),
            )[0]
            residual = risk_status in (RiskStatus.MITIGATING, RiskStatus.CLOSED)
            r_likelihood = max(1, likelihood - rng.randint(0, 2)) if residual else None
            r_impact = max(1, impact - rng.randint(0, 1)) if residual else None
            category = categories[(index + k) % len(categories)]
            risks.append(
                Risk(
                    system_id=system.pk,
                    category=category,
                    description=RISK_DESCRIPTIONS[category],
                    likelihood=likelihood,
                    impact=impact,
                    score=risk_score(likelihood, impact),
                    mitigation="Monthly sample check by the team." if residual else "",
                    owner_id=system.owner_id,
                    status=risk_status,
                    due_date=as_of + timedelta(days=rng.randint(-60, 180)),
                    residual_likelihood=r_likelihood,
                    residual_impact=r_impact,
                    residual_score=risk_score(r_likelihood, r_impact)
                    if r_likelihood and r_impact
                    else None,
                )
            )
        for k in range(reviews_for(index)):
            due = as_of + timedelta(days=rng.randint(-200, 200))
            done = due < as_of and rng.random() < 0.75  # a quarter of past reviews is overdue
            reviews.append(
                Review(
                    system_id=system.pk,
                    kind=kinds[(index + k) % len(kinds)],
                    due_date=due,
                    completed_on=due - timedelta(days=rng.randint(0, 20)) if done else None,
                    outcome=rng.choices(list(ReviewOutcome), weights=(60, 30, 10))[0]
                    if done
                    else "",
                    findings="No material findings." if done else "",
                    owner_id=rng.choice(people.compliance),
                )
            )
    Risk.objects.bulk_create(risks, batch_size=BATCH)
    Review.objects.bulk_create(reviews, batch_size=BATCH)
    return len(created), len(risks), len(reviews)
