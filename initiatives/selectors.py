"""Reads of the initiatives app, scoped to the person asking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.extensions import (
    GATE_EVIDENCE_SLOTS,
    GateEvidence,
    OptionalReadinessItem,
    gate_evidence_provider,
    optional_readiness_providers,
)
from core.filters import person_suggestions
from core.roles import Cap, has_capability, scope_to_user
from initiatives.choices import (
    TEAM_GAP_WARNINGS,
    TEAM_ROLE_IN_SENTENCE,
    GateRequestStatus,
    ReadinessStatus,
    Stage,
    TeamRoleKind,
)
from initiatives.domain.duplicates import DuplicateCandidate, find_duplicates
from initiatives.domain.team import REQUIRED_ROLES, team_gaps
from initiatives.models import (
    Department,
    GateDecision,
    GateRequest,
    Initiative,
    Pilot,
    ReadinessItem,
    StageChange,
    TeamRole,
)

_Row = TypeVar("_Row", bound=Model)

MEMBER_PATHS = ("owner", "members")
GATE_SLOT_LABELS = {
    "realised_roi": gettext_lazy("Realised ROI"),
    "open_high_risks": gettext_lazy("Open high risks"),
    "register_approval": gettext_lazy("AI register approval"),
}


def initiative_list(*, user: Any) -> QuerySet[Initiative]:
    """Initiatives the person may see: all for leadership, compliance and finance; a team lead's
    own and those they are a member of."""
    queryset = Initiative.objects.select_related("department", "owner", "strategic_objective")
    return scope_to_user(
        queryset, user, all_cap=Cap.VIEW_ALL_INITIATIVES, member_paths=MEMBER_PATHS
    )


def owner_suggestion_list(*, user: Any, term: str) -> list[Any]:
    """Owners of the initiatives the person may see whose username or name holds the words."""
    owned = initiative_list(user=user).order_by().values("owner_id")
    return person_suggestions(get_user_model().objects.filter(pk__in=owned), term)


def visible_through(
    queryset: QuerySet[_Row],
    *,
    user: Any,
    path: str = "initiative",
    all_cap: Cap = Cap.VIEW_ALL_INITIATIVES,
    also: Q | None = None,
) -> QuerySet[_Row]:
    """Rows of another app that hang off initiatives, limited to the initiatives the person sees.

    `path` leads from the row to its initiative ("initiative", "kpi__initiative", or a
    many-to-many such as "initiatives"); with `all_cap` the person sees every row; `also` adds
    rows the person sees for another reason (an AI system they own, say).
    """
    if user is None or not user.is_authenticated:
        return queryset.none()
    if has_capability(user, all_cap):
        return queryset
    condition = Q(**{f"{path}__in": initiative_list(user=user).order_by().values("pk")})
    if also is not None:
        condition |= also
    if also is None and not _crosses_many(queryset.model, path):
        return queryset.filter(condition)
    # Through a many-to-many (or with an alternative) a row can match twice; filter by id
    # instead of distinct() so ordering and aggregation on the result keep working.
    matching = queryset.model._default_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=matching)


def _crosses_many(model: Any, path: str) -> bool:
    """Whether a lookup path passes a to-many relation (and so can repeat rows)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def initiative_get(*, user: Any, pk: int) -> Initiative:
    """One initiative in the person's scope, or 404."""
    return get_object_or_404(initiative_list(user=user), pk=pk)


def initiative_detail_get(*, user: Any, pk: int) -> Initiative:
    """One initiative with everything its page shows, in a fixed number of queries."""
    queryset = initiative_list(user=user).prefetch_related(
        "members",
        Prefetch(
            "pilots",
            queryset=Pilot.objects.prefetch_related("departments", "participants__department"),
        ),
        Prefetch("readiness_items", queryset=ReadinessItem.objects.select_related("owner")),
        Prefetch("gate_decisions", queryset=GateDecision.objects.select_related("decided_by")),
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("actor")),
        Prefetch("team_roles", queryset=team_role_rows()),
    )
    return get_object_or_404(queryset, pk=pk)


def initiative_matrix_points(*, queryset: QuerySet[Initiative]) -> list[dict[str, Any]]:
    """What the prioritisation matrix plots, one dict per initiative."""
    rows: Any = queryset.order_by("pk").values(
        "pk",
        "title",
        "stage",
        "business_value",
        "technical_feasibility",
        "implementation_effort",
        "priority_score",
        "department__name",
    )
    return [dict(row) for row in rows]


MATRIX_AXES = ("stage", "business_value", "technical_feasibility", "implementation_effort")


def initiative_matrix_groups(*, queryset: QuerySet[Initiative]) -> list[dict[str, Any]]:
    """The matrix of a large portfolio: one bubble per position, effort and stage (at most
    5 × 5 × 5 per stage, whatever the size), with how many initiatives it holds.

    Grouped on the matrix index alone (no title), so the database reads the index and not
    the table; `initiative_matrix_titles` names the bubbles of one initiative afterwards.
    """
    rows: Any = (
        queryset.order_by()
        .values(*MATRIX_AXES)
        .annotate(count=Count("pk"), pk=Min("pk"))
        .order_by(*MATRIX_AXES)
    )
    return [dict(row) for row in rows]


def initiative_matrix_titles(*, queryset: QuerySet[Initiative], pks: list[int]) -> dict[int, str]:
    """The titles of the initiatives `pks` (one query, whatever their number)."""
    return dict(queryset.order_by().filter(pk__in=pks).values_list("pk", "title"))


def initiative_priority_rows(*, queryset: QuerySet[Initiative], limit: int) -> list[dict[str, Any]]:
    """The highest priorities first, for the matrix's table view."""
    rows: Any = queryset.order_by("-priority_score", "title", "pk").values(
        "pk", "title", "stage", *MATRIX_AXES[1:], "priority_score"
    )[:limit]
    return [dict(row) for row in rows]


def stage_counts(*, queryset: QuerySet[Initiative]) -> dict[str, int]:
    """Number of initiatives per stage, every stage present."""
    counts = dict.fromkeys(Stage.values, 0)
    # COUNT(*), not COUNT(id): the (department, stage) index then answers alone.
    for row in queryset.order_by().values("stage").annotate(n=Count("*")):
        counts[row["stage"]] = row["n"]
    return counts


def possible_duplicates(
    *, title: str, problem: str, exclude_pk: int | None = None
) -> list[tuple[DuplicateCandidate, Initiative]]:
    """Initiatives anywhere in the portfolio that resemble a proposal, best first.

    The whole portfolio is searched, not just the person's scope: the point is to find the
    other team already working on the same problem. Only title, department and owner are shown.
    """
    if not (title or "").strip() and not (problem or "").strip():
        return []
    rows = Initiative.objects.exclude(stage__in=[Stage.STOPPED, Stage.RETIRED])
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    candidates = rows.values_list("pk", "title", "problem")
    matches = find_duplicates(title, problem, candidates)
    by_pk = Initiative.objects.select_related("department", "owner").in_bulk(
        [m.id for m in matches]
    )
    return [(match, by_pk[match.id]) for match in matches if match.id in by_pk]


def readiness_summary(*, initiative: Initiative) -> dict[str, int]:
    """Counts of the required checklist items done, open and not applicable (uses prefetched
    items); an item marked not applicable is neither open nor counted in "applicable"."""
    items = list(initiative.readiness_items.all())
    done = sum(1 for item in items if item.status == ReadinessStatus.DONE)
    not_applicable = sum(1 for item in items if item.status == ReadinessStatus.NOT_APPLICABLE)
    return {
        "done": done,
        "not_applicable": not_applicable,
        "open": len(items) - done - not_applicable,
        "applicable": len(items) - not_applicable,
        "total": len(items),
    }


@dataclass(frozen=True)
class OptionalItem:
    """An optional checklist item as a page shows it: the item and its status's label."""

    item: OptionalReadinessItem
    status_label: str


def optional_readiness_items(*, initiative: Initiative) -> list[OptionalItem]:
    """The optional checklist items other apps derive for the initiative (core.extensions).

    They are never part of readiness_summary: the gate's "n of m done" counts required items.
    """
    labels = dict(ReadinessStatus.choices)
    items = [provider(initiative) for provider in optional_readiness_providers()]
    return [OptionalItem(item, str(labels.get(item.status, item.status))) for item in items]


def team_role_rows() -> QuerySet[TeamRole]:
    """Team roles with their person, in name order (for prefetching onto initiatives)."""
    return TeamRole.objects.select_related("person").order_by("person__name", "id")


def team_role_list(*, user: Any, initiative: Initiative) -> QuerySet[TeamRole]:
    """The team roles of one initiative, if the person may see it (else none)."""
    return visible_through(team_role_rows().filter(initiative=initiative), user=user)


def team_role_search(*, user: Any, query: str = "", role: str = "") -> QuerySet[TeamRole]:
    """Team roles across the initiatives the person sees, whose person, initiative, department,
    role or note matches every word of `query`, optionally of one role."""
    rows = visible_through(
        TeamRole.objects.select_related("person", "initiative__department"), user=user
    )
    if role:
        rows = rows.filter(role=role)
    for term in query.split()[:8]:
        roles = [code for code, label in TeamRoleKind.choices if term.lower() in str(label).lower()]
        rows = rows.filter(
            Q(person__name__icontains=term)
            | Q(person__email__icontains=term)
            | Q(initiative__title__icontains=term)
            | Q(initiative__department__name__icontains=term)
            | Q(note__icontains=term)
            | Q(role__in=roles)
        )
    return rows.order_by("initiative__title", "initiative_id", "role", "person__name", "id")


def team_role_get(*, user: Any, initiative: Initiative, pk: int) -> TeamRole:
    """One team role of the initiative in the person's scope, or 404."""
    return get_object_or_404(team_role_list(user=user, initiative=initiative), pk=pk)


@dataclass(frozen=True)
class TeamSlot:
    """One required role with the people who hold it."""

    role: str
    label: str
    members: list[TeamRole]
    warning: str


@dataclass(frozen=True)
class TeamSummary:
    """An initiative's cross-functional team by role, and the roles nobody holds."""

    slots: list[TeamSlot]
    gaps: list[TeamSlot]
    required: int

    @property
    def missing_in_sentence(self) -> str:
        """The missing roles as they read in a sentence: "business owner, legal and ethics"."""
        return ", ".join(str(TEAM_ROLE_IN_SENTENCE[TeamRoleKind(s.role)]) for s in self.gaps)


def team_summary(*, initiative: Initiative) -> TeamSummary:
    """The team by required role, with the gaps (from prefetched team roles if there are)."""
    if "team_roles" in getattr(initiative, "_prefetched_objects_cache", {}):
        rows = list(initiative.team_roles.all())
    else:
        rows = list(team_role_rows().filter(initiative=initiative))
    missing = {str(role) for role in team_gaps(row.role for row in rows)}
    slots = []
    for role in REQUIRED_ROLES:
        kind = TeamRoleKind(role.value)
        slots.append(
            TeamSlot(
                role=kind.value,
                label=str(kind.label),
                members=[row for row in rows if row.role == kind.value],
                warning=str(TEAM_GAP_WARNINGS[kind]) if kind.value in missing else "",
            )
        )
    return TeamSummary(
        slots=slots,
        gaps=[slot for slot in slots if slot.role in missing],
        required=len(REQUIRED_ROLES),
    )


def department_list(*, user: Any) -> QuerySet[Department]:
    """Every department with its headcount, number of champions and visible initiatives."""
    visible = initiative_list(user=user).values("pk")
    return Department.objects.annotate(
        champion_count=Count("champions", distinct=True),
        initiative_count=Count("initiatives", filter=Q(initiatives__in=visible), distinct=True),
    ).order_by("name")


def department_get(*, user: Any, pk: int) -> Department:
    """One department with its champions, or 404."""
    return get_object_or_404(Department.objects.prefetch_related("champions"), pk=pk)


def pilot_list(*, user: Any) -> QuerySet[Pilot]:
    """Pilots of the initiatives the person may see."""
    queryset = Pilot.objects.select_related("initiative").prefetch_related(
        "departments", "participants"
    )
    return visible_through(queryset, user=user)


def gate_decision_list(*, user: Any) -> QuerySet[GateDecision]:
    """Gate decisions on the initiatives the person may see."""
    queryset = GateDecision.objects.select_related("initiative", "decided_by")
    return visible_through(queryset, user=user)


def gate_request_list(*, user: Any) -> QuerySet[GateRequest]:
    """Gate requests on the initiatives the person may see, newest first."""
    queryset = GateRequest.objects.select_related(
        "initiative__department", "requested_by", "closed_by", "decision"
    )
    return visible_through(queryset, user=user)


def gate_request_get(*, user: Any, pk: int) -> GateRequest:
    """One gate request in the person's scope, or 404."""
    return get_object_or_404(gate_request_list(user=user), pk=pk)


def gate_queue(*, user: Any) -> QuerySet[GateRequest]:
    """Open requests awaiting a decision, oldest first: for those who decide gates, else none."""
    if not has_capability(user, Cap.DECIDE_GATES):
        return GateRequest.objects.none()
    queryset = GateRequest.objects.filter(status=GateRequestStatus.OPEN).select_related(
        "initiative__department", "requested_by"
    )
    return visible_through(queryset, user=user).order_by("created_at", "id")


def open_gate_request(*, initiative: Initiative) -> GateRequest | None:
    """The initiative's open gate request with its requester, if there is one."""
    return (
        GateRequest.objects.filter(initiative=initiative, status=GateRequestStatus.OPEN)
        .select_related("requested_by")
        .first()
    )


def gate_evidence_for(*, initiative: Initiative) -> list[GateEvidence]:
    """Everything leadership sees at the stage gate, in a fixed order.

    The checklist comes from this app; realised ROI, open high risks and register approval come
    from the apps that own them. Until an app provides its part the item says so instead of
    disappearing, so a decider never mistakes a missing check for a passed one.
    """
    summary = readiness_summary(initiative=initiative)
    tone = "good" if summary["open"] == 0 else ("warn" if summary["done"] else "bad")
    # Optional items are told, not weighed: the verdict (value and tone) counts required ones.
    optional = optional_readiness_items(initiative=initiative)
    detail = " ".join(
        _("Optional: %(item)s, %(value)s.") % {"item": entry.item.label, "value": entry.item.value}
        for entry in optional
    )
    evidence = [
        GateEvidence(
            label=_("Scaling-readiness checklist"),
            value=_("%(done)s of %(applicable)s items done")
            % {"done": summary["done"], "applicable": summary["applicable"]},
            tone=tone,
            detail=detail,
            data={
                "slot": "readiness",
                **summary,
                "optional": [
                    {"key": entry.item.key, "status": entry.item.status, **entry.item.data}
                    for entry in optional
                ],
            },
        ),
        _team_evidence(team_summary(initiative=initiative)),
    ]
    for slot in GATE_EVIDENCE_SLOTS:
        provider = gate_evidence_provider(slot)
        if provider is None:
            evidence.append(
                GateEvidence(
                    label=GATE_SLOT_LABELS[slot],
                    value=_("Not yet available"),
                    detail=_("This part of the product is not installed yet."),
                    data={"slot": slot, "available": False},
                )
            )
        else:
            evidence.append(provider(initiative))
    return evidence


def _team_evidence(team: TeamSummary) -> GateEvidence:
    """The cross-functional team at the gate: which required roles nobody holds."""
    missing = len(team.gaps)
    if missing == 0:
        return GateEvidence(
            label=_("Cross-functional team"),
            value=_("All %(required)s roles filled") % {"required": team.required},
            tone="good",
            data={"slot": "team", "missing": []},
        )
    return GateEvidence(
        label=_("Cross-functional team"),
        value=ngettext(
            "%(missing)s of %(required)s roles missing",
            "%(missing)s of %(required)s roles missing",
            missing,
        )
        % {"missing": missing, "required": team.required},
        tone="bad" if missing == team.required else "warn",
        detail=_("Missing: %(roles)s") % {"roles": team.missing_in_sentence},
        data={"slot": "team", "missing": [slot.role for slot in team.gaps]},
    )
