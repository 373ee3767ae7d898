"""The people and departments phase: team leads, compliance, finance and leadership accounts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.models import User
from core.roles import ROLE_GROUP_NAMES, Role
from initiatives.models import Department
from seeding.scale.bulk import BATCH
from seeding.scale.catalogues import DEPARTMENT_NAMES, REGIONS
from seeding.scale.sizes import ScaleSizes


@dataclass
class People:
    """Who owns what: team leads per department, compliance officers, finance people."""

    leads_by_department: dict[int, list[int]]
    compliance: list[int]
    finance: list[int]
    departments: list[Department]


def create_people_and_departments(rng: random.Random, sizes: ScaleSizes) -> tuple[People, int]:
    """Departments and people, reused when they exist; returns them and the number of people."""
    n_departments = max(1, sizes.departments)
    departments = []
    for i in range(n_departments):
        base = DEPARTMENT_NAMES[i % len(DEPARTMENT_NAMES)]
        region = REGIONS[(i // len(DEPARTMENT_NAMES)) % len(REGIONS)]
        suffix = "" if i < len(DEPARTMENT_NAMES) * len(REGIONS) else f" {i}"
        departments.append(
            Department(
                name=f"{base} · {region}{suffix}",
                code=f"scale-{i + 1:03d}",
                headcount=rng.randint(40, 2500),
            )
        )
    Department.objects.bulk_create(departments, ignore_conflicts=True)
    departments = list(
        Department.objects.filter(code__in=[d.code for d in departments]).order_by("code")
    )
    n_leads = max(2, sizes.initiatives // 25)
    n_compliance = max(1, sizes.systems // 500)
    password = make_password(None)  # unusable: these people exist to own data, not to sign in
    people: list[tuple[str, Role]] = [
        (f"scale-lead-{i:05d}", Role.TEAM_LEAD) for i in range(n_leads)
    ]
    people += [(f"scale-compliance-{i:03d}", Role.COMPLIANCE) for i in range(n_compliance)]
    people += [(f"scale-finance-{i:03d}", Role.FINANCE) for i in range(3)]
    people += [(f"scale-leader-{i:03d}", Role.LEADERSHIP) for i in range(3)]
    User.objects.bulk_create(
        [
            User(username=name, password=password, email=f"{name}@example.org", first_name=name)
            for name, _role in people
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    ids = dict(User.objects.filter(username__startswith="scale-").values_list("username", "pk"))
    groups = {
        role: Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0]
        for role in {role for _name, role in people}
    }
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=ids[name], group_id=groups[role].pk) for name, role in people],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    leads = [ids[name] for name, role in people if role == Role.TEAM_LEAD]
    by_department: dict[int, list[int]] = {d.pk: [] for d in departments}
    for i, lead in enumerate(leads):
        by_department[departments[i % len(departments)].pk].append(lead)
    for department in departments:  # more departments than leads: share them
        if not by_department[department.pk]:
            by_department[department.pk] = [leads[department.pk % len(leads)]]
    return (
        People(
            leads_by_department=by_department,
            compliance=[ids[n] for n, r in people if r == Role.COMPLIANCE],
            finance=[ids[n] for n, r in people if r == Role.FINANCE],
            departments=departments,
        ),
        len(people),
    )
