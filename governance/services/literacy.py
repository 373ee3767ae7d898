"""Writes of AI literacy per system: who uses it and which literacy measures are for it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from core.exceptions import require
from core.history import as_actor
from governance.models import AISystem, SystemLiteracy
from people import rules as people_rules
from people.models import LiteracyMeasure, Person


@transaction.atomic
def system_literacy_set(
    *,
    actor: Any,
    system: AISystem,
    users: Iterable[Person],
    measures: Iterable[LiteracyMeasure],
) -> SystemLiteracy:
    """Record the users of an AI system and the literacy measures given for it.

    Those who keep the literacy records (people.rules) keep this too; the system must already be
    one the actor sees (the caller looked it up through the register's selector).
    """
    require(people_rules.can_edit_people(actor), str(people_rules.EDITORS_ONLY))
    link, _created = SystemLiteracy.objects.select_for_update().get_or_create(system=system)
    as_actor(link, actor).save()
    link.users.set(list(users))
    link.measures.set(list(measures))
    return link
