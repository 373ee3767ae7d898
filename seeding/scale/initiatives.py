"""The initiatives phase: initiatives spread over the lifecycle, with team members."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from initiatives.choices import BuildType, DataAvailability, DataQuality, Stage
from initiatives.domain.priority import derive_priority
from initiatives.models import Initiative, StrategicObjective
from seeding.scale.bulk import BATCH
from seeding.scale.catalogues import OBJECTIVES, STAGE_MIX, USE_CASES
from seeding.scale.people import People
from seeding.scale.sizes import ScaleSizes


def _weighted(rng: random.Random, mix: dict[str, tuple[float, int, int]], n: int) -> list[str]:
    stages = list(mix)
    return rng.choices(stages, weights=[mix[s][0] for s in stages], k=n)


@dataclass
class InitiativeRow:
    """A created initiative and what the later phases need of it."""

    pk: int
    stage: str
    owner_id: int
    department_id: int
    started: date


def create_initiatives(
    rng: random.Random, sizes: ScaleSizes, people: People, as_of: date, now: datetime
) -> list[InitiativeRow]:
    """The initiatives, their stage and age drawn from the stage mix, with team members."""
    objectives = [StrategicObjective.objects.get_or_create(name=name)[0].pk for name in OBJECTIVES]
    stages = _weighted(rng, STAGE_MIX, sizes.initiatives)
    rows: list[Initiative] = []
    meta: list[tuple[str, int, int, date]] = []
    for n, stage in enumerate(stages):
        department = people.departments[rng.randrange(len(people.departments))]
        owner = rng.choice(people.leads_by_department[department.pk])
        title, process, problem = USE_CASES[rng.randrange(len(USE_CASES))]
        _share, youngest, oldest = STAGE_MIX[stage]
        started = as_of - timedelta(days=rng.randint(youngest, oldest))
        scores = {
            "business_value": rng.randint(1, 5),
            "technical_feasibility": rng.randint(1, 5),
            "implementation_effort": rng.randint(1, 5),
            "strategic_alignment": rng.randint(1, 5),
        }
        priority = derive_priority(**scores)
        rows.append(
            Initiative(
                title=f"{title} in {department.name} ({n + 1})",
                problem=problem,
                process_affected=process,
                expected_benefit="Less manual work and faster answers.",
                department_id=department.pk,
                owner_id=owner,
                strategic_objective_id=rng.choice(objectives),
                data_availability=rng.choice(DataAvailability.values),
                data_quality=rng.choice(DataQuality.values),
                build_type=rng.choices(BuildType.values, weights=(6, 3, 1))[0],
                priority_score=priority.score,
                priority_band=priority.band.value,
                stage=stage,
                held_in_stage=Stage.PILOT if stage == Stage.ON_HOLD else "",
                stage_changed_at=datetime.combine(
                    started + timedelta(days=(as_of - started).days // 2),
                    datetime.min.time(),
                    tzinfo=UTC,
                ),
                **scores,
            )
        )
        meta.append((stage, owner, department.pk, started))
    created = Initiative.objects.bulk_create(rows, batch_size=BATCH)
    # Half the initiatives have a second team lead from the same department on the team.
    Members = Initiative.members.through
    members = []
    for initiative, (_stage, owner, department_id, _started) in zip(created, meta, strict=True):
        others = [u for u in people.leads_by_department[department_id] if u != owner]
        if others and rng.random() < 0.5:
            members.append(Members(initiative_id=initiative.pk, user_id=rng.choice(others)))
    Members.objects.bulk_create(members, batch_size=BATCH)
    return [
        InitiativeRow(initiative.pk, stage, owner, department_id, started)
        for initiative, (stage, owner, department_id, started) in zip(created, meta, strict=True)
    ]
