"""Reads of the estate: IT systems, data sources and infrastructure checks.

Everyone signed in whose role reads the register reads the whole estate: it describes the
organisation's systems, not any team's work. What an entry links to is shown only as far as the
reader may see it (initiatives through initiatives.selectors, AI systems through the register's
scope). Kept apart from governance.selectors, which holds the register's own reads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from core.roles import Cap, has_capability
from governance.domain import estate as estate_domain
from governance.models import AISystem, EstateDataSource, InfrastructureCheck, ITSystem
from governance.selectors import ai_system_list
from initiatives.models import Initiative
from initiatives.selectors import initiative_list


class JSONArrayLength(Func):
    """The number of items of a JSON array column (PostgreSQL jsonb, SQLite JSON1)."""

    function = "jsonb_array_length"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="json_array_length", **extra)


def _may_read(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated) and has_capability(
        user, Cap.VIEW_REGISTER
    )


def _count(queryset: QuerySet[Any], group: str) -> Coalesce:
    """A correlated COUNT(*) subquery, so several counts never multiply each other's joins."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def it_system_list(*, user: Any) -> QuerySet[ITSystem]:
    """The estate's IT systems, each with how many data sources, initiatives and AI systems."""
    queryset = ITSystem.objects.select_related("owner")
    if not _may_read(user):
        return queryset.none()
    return queryset.annotate(
        data_source_count=_count(
            EstateDataSource.objects.filter(it_system=OuterRef("pk")), "it_system"
        ),
        initiative_count=_count(
            ITSystem.initiatives.through.objects.filter(itsystem=OuterRef("pk")), "itsystem"
        ),
        ai_system_count=_count(
            ITSystem.ai_systems.through.objects.filter(itsystem=OuterRef("pk")), "itsystem"
        ),
    )


def it_system_get(*, user: Any, pk: int) -> ITSystem:
    """One IT system, or 404."""
    return get_object_or_404(it_system_list(user=user), pk=pk)


def estate_data_source_list(*, user: Any) -> QuerySet[EstateDataSource]:
    """The estate's data sources with the IT system they live in."""
    queryset = EstateDataSource.objects.select_related("owner", "it_system")
    if not _may_read(user):
        return queryset.none()
    return queryset


def estate_data_source_get(*, user: Any, pk: int) -> EstateDataSource:
    """One data source, or 404."""
    return get_object_or_404(estate_data_source_list(user=user), pk=pk)


def visible_links(*, entry: ITSystem | EstateDataSource, user: Any) -> dict[str, Any]:
    """The initiatives and AI systems an entry serves, as far as the reader may see them.

    The number of the others is told, their names are not (as on the register's pages).
    """
    initiatives = list(
        initiative_list(user=user)
        .filter(pk__in=entry.initiatives.order_by().values("pk"))
        .select_related(None)
        .only("pk", "title")
        .order_by("title")
    )
    systems = list(
        ai_system_list(user=user)
        .filter(pk__in=entry.ai_systems.order_by().values("pk"))
        .select_related(None)
        .only("pk", "name")
        .order_by("name")
    )
    return {
        "initiatives": initiatives,
        "other_initiatives": entry.initiatives.count() - len(initiatives),
        "ai_systems": systems,
        "other_ai_systems": entry.ai_systems.count() - len(systems),
    }


# A rating describes the estate as it was; one not looked at for a year is due for another look.
RERATE_AFTER = datetime.timedelta(days=365)


def it_systems_due_for_rating(*, user: Any, today: datetime.date) -> QuerySet[ITSystem]:
    """IT systems whose entry (and so its rating) has not changed for a year, oldest first."""
    queryset = ITSystem.objects.select_related("owner").filter(
        updated_at__date__lt=today - RERATE_AFTER
    )
    return queryset.order_by("updated_at", "pk") if _may_read(user) else queryset.none()


def data_sources_due_for_rating(*, user: Any, today: datetime.date) -> QuerySet[EstateDataSource]:
    """Data sources whose ratings have not changed for a year, oldest first."""
    queryset = EstateDataSource.objects.select_related("owner").filter(
        updated_at__date__lt=today - RERATE_AFTER
    )
    return queryset.order_by("updated_at", "pk") if _may_read(user) else queryset.none()


def latest_infrastructure_check() -> InfrastructureCheck | None:
    """The check whose result the estate shows now: the latest one."""
    return (
        InfrastructureCheck.objects.select_related("checked_by")
        .order_by("-checked_at", "-id")
        .first()
    )


def infrastructure_check_list(*, user: Any) -> QuerySet[InfrastructureCheck]:
    """Every infrastructure check, newest first, for the history of checks."""
    queryset = InfrastructureCheck.objects.select_related("checked_by").order_by(
        "-checked_at", "-id"
    )
    return queryset if _may_read(user) else queryset.none()


@dataclass(frozen=True)
class EstateSummary:
    """The headline figures of the estate overview."""

    it_systems: int
    suited_systems: int
    data_sources: int
    personal_data_sources: int
    special_category_sources: int
    open_integration_tasks: int
    # (rating, count) for 1 to 5, every rating present.
    readiness_counts: tuple[tuple[int, int], ...]


def estate_summary(*, user: Any) -> EstateSummary:
    """Counts of the estate, aggregated in the database (two queries whatever its size)."""
    readable = _may_read(user)
    systems = ITSystem.objects.order_by() if readable else ITSystem.objects.none()
    per_rating = dict(
        systems.values_list("readiness").annotate(n=Count("pk")).values_list("readiness", "n")
    )
    sources = EstateDataSource.objects.order_by() if readable else EstateDataSource.objects.none()
    totals = sources.aggregate(
        total=Count("pk"),
        personal=Count("pk", filter=Q(personal_data=True)),
        special=Count("pk", filter=Q(special_categories=True)),
        tasks=Coalesce(Sum(JSONArrayLength("integration_tasks")), Value(0)),
    )
    return EstateSummary(
        it_systems=sum(per_rating.values()),
        suited_systems=sum(
            n for rating, n in per_rating.items() if rating >= estate_domain.SUITED_FROM
        ),
        data_sources=totals["total"],
        personal_data_sources=totals["personal"],
        special_category_sources=totals["special"],
        open_integration_tasks=totals["tasks"],
        readiness_counts=tuple(
            (rating, per_rating.get(rating, 0))
            for rating in range(estate_domain.LOWEST, estate_domain.HIGHEST + 1)
        ),
    )


@dataclass(frozen=True)
class Dependencies:
    """What an initiative builds on: IT systems with their readiness, data sources with quality."""

    it_systems: list[ITSystem]
    data_sources: list[EstateDataSource]


def initiative_dependencies(*, initiative: Initiative, user: Any) -> Dependencies:
    """The IT systems and data sources an initiative uses, directly or through its AI systems.

    Weakest first, since the weakest dependency is what the feasibility turns on.
    """
    through_systems = AISystem.objects.filter(initiatives=initiative).values("pk")
    systems = (
        it_system_list(user=user)
        .filter(
            pk__in=ITSystem.objects.filter(
                Q(initiatives=initiative) | Q(ai_systems__in=through_systems)
            ).values("pk")
        )
        .order_by("readiness", "name")
    )
    sources = (
        estate_data_source_list(user=user)
        .filter(
            pk__in=EstateDataSource.objects.filter(
                Q(initiatives=initiative) | Q(ai_systems__in=through_systems)
            ).values("pk")
        )
        .order_by("quality", "name")
    )
    return Dependencies(it_systems=list(systems), data_sources=list(sources))


def ai_system_dependencies(*, system: AISystem, user: Any) -> Dependencies:
    """The IT systems and data sources of the estate an AI system uses, weakest first."""
    return Dependencies(
        it_systems=list(
            it_system_list(user=user).filter(ai_systems=system).order_by("readiness", "name")
        ),
        data_sources=list(
            estate_data_source_list(user=user).filter(ai_systems=system).order_by("quality", "name")
        ),
    )


def with_links(queryset: QuerySet[Any], *, user: Any) -> QuerySet[Any]:
    """Rows with their visible initiatives and AI systems prefetched, for exports."""
    return queryset.prefetch_related(
        Prefetch(
            "initiatives",
            queryset=initiative_list(user=user).select_related(None).only("pk", "title"),
        ),
        Prefetch(
            "ai_systems",
            queryset=ai_system_list(user=user).select_related(None).only("pk", "name"),
        ),
    )
