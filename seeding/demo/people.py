"""The demo people, one or more for every role, and the departments they work in.

Department names are marked with `_` (gettext_noop) and written in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from accounts.models import User
from core.roles import ROLE_GROUP_NAMES, Role
from initiatives.models import Department


@dataclass(frozen=True)
class DemoPerson:
    """A demo account; passwords are for trying the product only."""

    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    password: str


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("lena", "Lena", "de Vries", (Role.LEADERSHIP,), "demo-leadership"),
    DemoPerson("tom", "Tom", "Berg", (Role.TEAM_LEAD,), "demo-teamlead"),
    DemoPerson("tara", "Tara", "Lindqvist", (Role.TEAM_LEAD,), "demo-teamlead"),
    DemoPerson("carla", "Carla", "Jansen", (Role.COMPLIANCE,), "demo-compliance"),
    DemoPerson("finn", "Finn", "Schulz", (Role.FINANCE,), "demo-finance"),
    DemoPerson("ivan", "Ivan", "Novak", (Role.IT,), "demo-it"),
    DemoPerson("admin", "Ada", "Admin", (Role.ADMIN,), "demo-admin"),
)

# (name, code, headcount, champion usernames)
DEMO_DEPARTMENTS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    (_("Customer Service"), "cs", 420, ("tom",)),
    (_("Finance & Control"), "fin", 85, ("finn",)),
    (_("Human Resources"), "hr", 60, ()),
    (_("Operations & Logistics"), "ops", 640, ("tara",)),
    (_("Sales & Marketing"), "sales", 210, ("tom",)),
    (_("Legal & Compliance"), "legal", 35, ("carla",)),
)


@transaction.atomic
def seed_people_and_departments() -> dict[str, User]:
    """Create (or refresh) the demo accounts and departments; safe to run twice."""
    people: dict[str, User] = {}
    for person in DEMO_PEOPLE:
        user, _created = User.objects.get_or_create(username=person.username)
        user.first_name = person.first_name
        user.last_name = person.last_name
        user.email = f"{person.username}@example.org"
        user.is_staff = Role.ADMIN in person.roles
        user.is_superuser = Role.ADMIN in person.roles
        user.set_password(person.password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[ROLE_GROUP_NAMES[r] for r in person.roles]))
        people[person.username] = user
    for name, code, headcount, champions in DEMO_DEPARTMENTS:
        department, _created = Department.objects.update_or_create(
            code=code, defaults={"name": gettext(name), "headcount": headcount}
        )
        department.champions.set([people[username] for username in champions])
    return people
