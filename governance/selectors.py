"""Reads of the governance app, scoped to the person asking.

Leadership, compliance, finance and administrators read the whole register; a team lead reads the
systems linked to the initiatives they see (initiatives.selectors decides which: those they own or
are a member of), and the systems they own themselves. Risks and reviews follow the scope of their
system.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.roles import Cap, has_capability
from governance import rules
from governance.choices import OPEN_RISK_STATUSES, ApprovalStatus, RiskClass, SystemStatus
from governance.domain import risk as risk_domain
from governance.domain.inventories import ImportChoice, OrganisationTally, chosen_counts
from governance.domain.reviews import DEFAULT_DUE_SOON_DAYS, cadence_table
from governance.models import AISystem, Classification, ImportRun, Review, ReviewCadence, Risk
from initiatives.choices import Stage
from initiatives.models import Department, Initiative
from initiatives.selectors import initiative_list, visible_through

# Initiatives past the proof of concept must be in the AI register.
PAST_PROOF_OF_CONCEPT = (Stage.PILOT, Stage.SCALING, Stage.PRODUCTION)


def _today() -> datetime.date:
    return timezone.localdate()


def _count(queryset: QuerySet[Any], group: str = "system") -> Coalesce:
    """A correlated COUNT(*) subquery, so several counts never multiply each other's joins."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def ai_system_list(*, user: Any) -> QuerySet[AISystem]:
    """AI systems the person may see: linked to an initiative they see, or their own."""
    queryset = AISystem.objects.select_related("owner", "department")
    return visible_through(
        queryset,
        user=user,
        path="initiatives",
        all_cap=Cap.VIEW_WHOLE_REGISTER,
        also=Q(owner=user),
    )


def ai_system_list_annotated(
    *, user: Any, today: datetime.date | None = None
) -> QuerySet[AISystem]:
    """The register list: each system with its open risks and its overdue and soon-due reviews."""
    today = today or _today()
    soon = today + datetime.timedelta(days=DEFAULT_DUE_SOON_DAYS)
    open_reviews = Review.objects.filter(system=OuterRef("pk"), completed_on__isnull=True)
    return ai_system_list(user=user).annotate(
        open_risk_count=_count(
            Risk.objects.filter(system=OuterRef("pk"), status__in=OPEN_RISK_STATUSES)
        ),
        overdue_review_count=_count(open_reviews.filter(due_date__lt=today)),
        due_soon_review_count=_count(open_reviews.filter(due_date__gte=today, due_date__lte=soon)),
        initiative_count=_count(
            AISystem.initiatives.through.objects.filter(aisystem=OuterRef("pk")), "aisystem"
        ),
    )


def ai_system_get(*, user: Any, pk: int) -> AISystem:
    """One AI system in the person's scope, or 404."""
    return get_object_or_404(ai_system_list(user=user), pk=pk)


def ai_system_detail_get(*, user: Any, pk: int) -> AISystem:
    """One AI system with everything its page shows, in a fixed number of queries."""
    queryset = ai_system_list(user=user).select_related(
        "data_steward", "business_contact", "approval_decided_by", "created_by", "vendor_record"
    )
    system = get_object_or_404(queryset, pk=pk)
    return system


def linked_initiatives(*, system: AISystem, user: Any) -> tuple[list[Initiative], int]:
    """The system's initiatives the person may see (by title) and how many others it serves.

    A team lead sees a system through one of their initiatives; the titles of the others stay
    out of their view, only their number is told.
    """
    linked = system.initiatives.order_by().values("pk")
    visible = list(
        initiative_list(user=user)
        .filter(pk__in=linked)
        .select_related(None)
        .only("pk", "title")
        .order_by("title")
    )
    return visible, system.initiatives.count() - len(visible)


def latest_classification(system: AISystem) -> Classification | None:
    """The classification the system's class comes from: its latest questionnaire run."""
    return system.classifications.select_related("created_by").first()


@dataclass(frozen=True)
class RegisterSummary:
    """Headline numbers of the register for the person's scope."""

    systems: int
    high_risk: int
    awaiting_approval: int
    unclassified: int
    overdue_reviews: int
    open_risks: int
    open_high_risks: int


# The "open high risks" figure: still open or being mitigated, scoring high or critical.
OPEN_HIGH_RISK = Q(status__in=OPEN_RISK_STATUSES, score__gte=risk_domain.HIGH_FROM)

# The register list's filter value for the systems `own_systems` keeps.
OWN_SOURCE = "own"
# The register list's filter for the systems `current_systems` keeps, for links to that list.
CURRENT_SYSTEMS_QUERY = "&".join(
    [
        *(f"status={status}" for status in SystemStatus.values if status != SystemStatus.RETIRED),
        f"source={OWN_SOURCE}",
    ]
)


def own_systems(systems: QuerySet[AISystem]) -> QuerySet[AISystem]:
    """Of the given systems, the organisation's own: made here, or imported and adopted.

    The one place that decides it: reference entries (other organisations' systems imported
    from a public inventory, not adopted) never count in the register figures, the dashboard or
    the quarterly report, and the register's "own entries" filter is this same rule.
    """
    return systems.filter(is_reference=False)


def reference_systems(systems: QuerySet[AISystem]) -> QuerySet[AISystem]:
    """Of the given systems, the reference entries: all that own_systems leaves out."""
    return systems.filter(is_reference=True)


def current_systems(systems: QuerySet[AISystem]) -> QuerySet[AISystem]:
    """Of the given systems, those in the organisation's register now: its own, not retired."""
    return own_systems(systems).exclude(status=SystemStatus.RETIRED)


def systems_awaiting_list(*, user: Any) -> QuerySet[AISystem]:
    """Systems in the register now that are not yet classified or are submitted for approval,
    those registered longest ago first."""
    return (
        current_systems(ai_system_list(user=user))
        .filter(Q(risk_class=RiskClass.UNCLASSIFIED) | Q(approval_status=ApprovalStatus.SUBMITTED))
        .order_by("created_at", "pk")
    )


def overdue_review_list(*, reviews: QuerySet[Review], on: datetime.date) -> QuerySet[Review]:
    """Of the given reviews, those not completed whose due date is before `on`."""
    return reviews.filter(completed_on__isnull=True, due_date__lt=on)


def _system_counts(systems: QuerySet[AISystem]) -> dict[str, int]:
    """Systems in the register now, by class and approval (one query)."""
    return (
        current_systems(systems)
        .order_by()
        .aggregate(
            total=Count("pk"),
            high=Count("pk", filter=Q(risk_class=RiskClass.HIGH)),
            prohibited=Count("pk", filter=Q(risk_class=RiskClass.PROHIBITED)),
            unclassified=Count("pk", filter=Q(risk_class=RiskClass.UNCLASSIFIED)),
            approved=Count("pk", filter=Q(approval_status=ApprovalStatus.APPROVED)),
            awaiting=Count("pk", filter=Q(approval_status=ApprovalStatus.SUBMITTED)),
        )
    )


def register_summary(*, user: Any, queryset: QuerySet[AISystem] | None = None) -> RegisterSummary:
    """Counts for the KPI tiles above the register: the same definitions as register_status."""
    systems = queryset if queryset is not None else ai_system_list(user=user)
    counts = _system_counts(systems)
    ids = own_systems(systems).order_by().values("pk")
    risks = Risk.objects.filter(system__in=ids)
    # Both risk figures in one pass; the high ones are exactly open_high_risk_list's.
    risk_counts = risks.order_by().aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_RISK_STATUSES)),
        high=Count("pk", filter=OPEN_HIGH_RISK),
    )
    return RegisterSummary(
        systems=counts["total"],
        high_risk=counts["high"],
        awaiting_approval=counts["awaiting"],
        unclassified=counts["unclassified"],
        overdue_reviews=overdue_review_list(
            reviews=Review.objects.filter(system__in=ids), on=_today()
        ).count(),
        open_risks=risk_counts["open"],
        open_high_risks=risk_counts["high"],
    )


# register_status in one statement. {past}: the initiatives past the proof of concept in view;
# {linked}: the own systems in view. Names come from the models' metadata, values are parameters.
_REGISTER_STATUS_SQL = """
SELECT (SELECT COUNT(*) FROM {initiative} i WHERE {past}),
       (SELECT COUNT(*) FROM {initiative} i WHERE {past} AND i.id IN (
            SELECT l.initiative_id FROM {links} l WHERE l.aisystem_id IN ({own}))),
       s.total, s.high, s.prohibited, s.unclassified, s.approved,
       (SELECT COUNT(*) FROM {review} r
        WHERE r.completed_on IS NULL AND r.due_date < %s AND r.system_id IN ({linked})),
       (SELECT COUNT(*) FROM {risk} k
        WHERE k.status IN (%s, %s) AND k.score >= %s AND k.system_id IN ({linked}))
FROM (SELECT COUNT(*) AS total,
             COALESCE(SUM(CASE WHEN risk_class = %s THEN 1 ELSE 0 END), 0) AS high,
             COALESCE(SUM(CASE WHEN risk_class = %s THEN 1 ELSE 0 END), 0) AS prohibited,
             COALESCE(SUM(CASE WHEN risk_class = %s THEN 1 ELSE 0 END), 0) AS unclassified,
             COALESCE(SUM(CASE WHEN approval_status = %s THEN 1 ELSE 0 END), 0) AS approved
      FROM {system} WHERE NOT is_reference AND status <> %s{linked_systems}) s
"""


def register_status(*, on: datetime.date, initiatives: Any = None) -> dict[str, Any]:
    """Register coverage, systems by class and approval, overdue reviews and open high risks.

    Coverage counts the initiatives past the proof of concept that have a register entry. With
    `initiatives` (a person's or a filter's view) only the systems linked to those initiatives
    count; without, the whole register does. Retired systems are left out of the system counts,
    and reference entries (own_systems) out of every count, coverage included. Every count uses
    the same definition as the register pages (governance/definitions.py).

    One statement (the dashboard asks it on every first view after a change), with coverage as
    a semi-join on the link table rather than a distinct count over a join.
    """
    system = AISystem._meta.db_table
    links = AISystem.initiatives.through._meta.db_table
    own = f"SELECT id FROM {system} WHERE NOT is_reference"  # noqa: S608 - a table name
    stages = ", ".join(["%s"] * len(PAST_PROOF_OF_CONCEPT))
    past, linked, scope_params = f"i.stage IN ({stages})", own, []
    linked_systems = ""  # the whole register: every own system
    if initiatives is not None:
        scope_sql, found = initiatives.order_by().values("pk").query.sql_with_params()
        scope_params = list(found)
        past += f" AND i.id IN ({scope_sql})"
        linked = (
            f"SELECT l.aisystem_id FROM {links} l "  # noqa: S608 - names and compiled SQL
            f"WHERE l.initiative_id IN ({scope_sql}) AND l.aisystem_id IN ({own})"
        )
        linked_systems = f" AND id IN ({linked})"
    sql = _REGISTER_STATUS_SQL.format(
        initiative=Initiative._meta.db_table, links=links, own=own, system=system,
        review=Review._meta.db_table, risk=Risk._meta.db_table, past=past, linked=linked,
        linked_systems=linked_systems,
    )  # fmt: skip
    past_params = [*(str(stage) for stage in PAST_PROOF_OF_CONCEPT), *scope_params]
    params = [
        *past_params,
        *past_params,
        on,
        *scope_params,
        *(str(status) for status in OPEN_RISK_STATUSES),
        risk_domain.HIGH_FROM,
        *scope_params,
        *(str(value) for value in (RiskClass.HIGH, RiskClass.PROHIBITED, RiskClass.UNCLASSIFIED)),
        str(ApprovalStatus.APPROVED),
        str(SystemStatus.RETIRED),
        *scope_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    total, registered, systems, high, prohibited, unclassified, approved, overdue, risks = row
    return {
        "register_coverage": {"registered": registered, "initiatives": total},
        "systems": systems,
        "high_risk_systems": high,
        "prohibited_systems": prohibited,
        "unclassified_systems": unclassified,
        "approved_systems": approved,
        "overdue_reviews": overdue,
        "open_high_risks": risks,
    }


# --- Risks -------------------------------------------------------------------------------------


def _of_visible_systems(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Rows of the systems the person may see; for the whole register no semi-join at all, so
    the risk and review lists' counts read one table."""
    if user is not None and user.is_authenticated and has_capability(user, Cap.VIEW_WHOLE_REGISTER):
        return queryset
    return queryset.filter(system__in=ai_system_list(user=user).values("pk"))


def risk_list(*, user: Any) -> QuerySet[Risk]:
    """Risks of the systems the person may see."""
    return _of_visible_systems(Risk.objects.select_related("system", "owner"), user)


def risk_get(*, user: Any, pk: int) -> Risk:
    """One risk in the person's scope, or 404."""
    return get_object_or_404(risk_list(user=user), pk=pk)


def open_high_risk_list(*, risks: QuerySet[Risk]) -> QuerySet[Risk]:
    """Of the given risks, those still open or being mitigated that score high or critical."""
    return risks.filter(OPEN_HIGH_RISK)


def risk_heatmap(*, risks: QuerySet[Risk]) -> risk_domain.Heatmap:
    """Open risks counted per likelihood × impact cell, aggregated in the database."""
    cells = (
        risks.filter(status__in=OPEN_RISK_STATUSES)
        .order_by()
        .values_list("likelihood", "impact")
        .annotate(n=Count("pk"))
    )
    return risk_domain.heatmap_counted(cells)


# --- Reviews -----------------------------------------------------------------------------------


def review_list(*, user: Any) -> QuerySet[Review]:
    """Reviews of the systems the person may see."""
    return _of_visible_systems(Review.objects.select_related("system", "owner"), user)


def review_get(*, user: Any, pk: int) -> Review:
    """One review in the person's scope, or 404."""
    return get_object_or_404(review_list(user=user), pk=pk)


def reviews_needing_attention(
    *, user: Any, today: datetime.date | None = None, owned_only: bool = False
) -> QuerySet[Review]:
    """Open reviews that are overdue or due within 30 days, most urgent first.

    `owned_only` keeps the reviews the person answers for: as review owner, or as owner of the
    system when the review has no owner of its own.
    """
    today = today or _today()
    soon = today + datetime.timedelta(days=DEFAULT_DUE_SOON_DAYS)
    reviews = Review.objects.filter(completed_on__isnull=True, due_date__lte=soon)
    if owned_only:
        reviews = reviews.filter(Q(owner=user) | Q(owner__isnull=True, system__owner=user))
    else:
        reviews = reviews.filter(system__in=ai_system_list(user=user).values("pk"))
    return reviews.select_related("system", "owner").order_by("due_date", "id")


def cadence_overrides() -> dict[str, dict[str, int | None]]:
    """The installation's cadence settings ({class: {kind: months}}) from the admin."""
    overrides: dict[str, dict[str, int | None]] = {}
    for row in ReviewCadence.objects.exclude(risk_class=RiskClass.UNCLASSIFIED):
        overrides.setdefault(row.risk_class, {})[row.kind] = row.months
    return overrides


def cadence_months_for(risk_class: str, kind: str) -> int | None:
    """Months between reviews for a class and kind; unclassified systems use the high-risk
    cadence, because not knowing the class must not mean fewer reviews."""
    effective = RiskClass.HIGH if risk_class == RiskClass.UNCLASSIFIED else risk_class
    return cadence_table(cadence_overrides())[effective][kind]  # type: ignore[index]


# --- Imports -----------------------------------------------------------------------------------


def import_progress_key(job_id: int) -> str:
    """Cache key of the progress of an import job while it writes (see services.imports)."""
    return f"governance:import-progress:{job_id}"


def import_run_get(*, user: Any, pk: int) -> ImportRun:
    """One import; only people who may edit the register see imports."""
    if not rules.can_edit_register(user):
        raise PermissionDenied
    return get_object_or_404(ImportRun.objects.select_related("job", "created_by"), pk=pk)


def import_run_for_job(*, user: Any, job_id: int) -> ImportRun:
    """The import a job runs, for the status endpoint."""
    if not rules.can_edit_register(user):
        raise PermissionDenied
    return get_object_or_404(ImportRun.objects.select_related("job"), job_id=job_id)


def import_preview_rows(
    *, run: ImportRun, choice: ImportChoice | None = None
) -> list[dict[str, Any]]:
    """The preview's rows: first every row that cannot be imported (with its reason), then the
    records of the chosen organisations (all without a choice) in file order."""
    errors = [{**issue, "action": "error"} for issue in run.row_errors]
    rows = run.plan.get("rows", [])
    if choice is not None and not choice.everything:
        rows = [row for row in rows if choice.includes(row.get("organisation", ""))]
    return [*errors, *rows]


def import_department_choices() -> list[tuple[int, str]]:
    """Our departments, by name, for mapping an inventory's organisations onto (one query)."""
    return list(Department.objects.order_by("name", "pk").values_list("pk", "name"))


def import_chosen_counts(*, run: ImportRun, choice: ImportChoice) -> dict[str, int]:
    """Rows, added, changed, unchanged and removed of the organisations chosen."""
    tallies = [OrganisationTally.from_json(item) for item in run.organisations]
    return chosen_counts(tallies, choice, run.counts)


def import_run_progress(*, run: ImportRun) -> dict[str, Any]:
    """Progress of an import's job: the cache while it writes, the job row otherwise."""
    job = run.job
    if job is None:
        return {"done": 0, "total": 0, "percent": 0, "message": "", "active": False}
    job.refresh_from_db()
    live = cache.get(import_progress_key(job.pk)) if job.is_active else None
    done, total = (live["done"], live["total"]) if live else (job.done, job.total)
    percent = (
        100
        if not job.is_active and job.status == "succeeded"
        else (min(100, done * 100 // total) if total else 0)
    )
    return {
        "done": done,
        "total": total,
        "percent": percent,
        "message": job.message,
        "active": job.is_active,
        "status": job.status,
        "error": job.error,
    }
