"""The "my work" home: for each role a person holds, the part of the week that is theirs.

`home_for` assembles every part the person's capabilities call for, each from the owning app's
selectors, in a fixed number of queries whatever the size of the portfolio: every list is cut
to LIMIT rows in the database, and where the page says how many more there are, counted there.
A person with several roles gets each part.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import formatting
from core.periods import Period, PeriodKind
from core.roles import Cap, Role, capabilities, has_role
from governance.domain.reviews import review_status
from governance.estate_selectors import (
    RERATE_AFTER,
    data_sources_due_for_rating,
    estate_data_source_list,
    it_system_list,
    it_systems_due_for_rating,
    latest_infrastructure_check,
)
from governance.selectors import (
    CURRENT_SYSTEMS_QUERY,
    RegisterSummary,
    open_high_risk_list,
    register_summary,
    reviews_needing_attention,
    risk_list,
    systems_awaiting_list,
)
from initiatives.choices import GateRequestStatus, Stage
from initiatives.models import GateRequest, Initiative, Pilot
from initiatives.selectors import gate_queue, gate_request_list, initiative_list, pilot_list
from metrics.domain.progress import Verdict
from metrics.selectors import KpiDue, initiatives_missing_financials, kpis_due, roi_initiative_rows
from metrics.selectors.reporting import Scope, Slice
from portfolio.figures import QuarterView
from portfolio.figures.money import initiative_row, summary_section
from portfolio.selectors import NextReport, report_next_due

# How many rows each list shows; the rest is counted and linked.
LIMIT = 8

_T = TypeVar("_T")

# A team lead's initiatives, those nearest a decision first; stopped and retired ones are done.
_ENDED = (Stage.STOPPED, Stage.RETIRED)
_WORK_ORDER = Case(
    When(stage=Stage.PILOT, then=Value(0)),
    When(stage=Stage.SCALING, then=Value(1)),
    When(stage=Stage.PROOF_OF_CONCEPT, then=Value(2)),
    When(stage=Stage.ASSESSMENT, then=Value(3)),
    When(stage=Stage.IDEA, then=Value(4)),
    When(stage=Stage.PRODUCTION, then=Value(5)),
    default=Value(6),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class Listing(Generic[_T]):
    """The first rows of a list and how many there are in all."""

    items: list[_T]
    total: int

    @property
    def more(self) -> int:
        """How many rows are not shown."""
        return max(0, self.total - len(self.items))


def _listing(queryset: QuerySet[Any], limit: int = LIMIT) -> Listing[Any]:
    """The first `limit` rows and the count (two queries)."""
    return Listing(list(queryset[:limit]), queryset.count())


# --- Team lead ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyInitiative:
    """One of the person's initiatives with the step its lifecycle expects next."""

    initiative: Initiative
    next_step: str | Promise
    # A pilot is over and no gate request is open: the page offers to request the gate.
    gate_due: bool


def next_step(
    stage: str,
    *,
    held_in: str = "",
    pilots: int = 0,
    running_until: datetime.date | None = None,
    gate_requested: bool = False,
) -> str | Promise:
    """What the lifecycle (initiatives.domain.lifecycle) expects next of an initiative in a stage.

    In pilot it depends on the pilot and the gate: none recorded yet, one running, all of them
    over, or the stage gate requested and waiting for leadership.
    """
    if stage == Stage.IDEA:
        return _("Assess its value, feasibility, effort and data.")
    if stage == Stage.ASSESSMENT:
        return _("Build a proof of concept, or pilot an off-the-shelf tool.")
    if stage == Stage.PROOF_OF_CONCEPT:
        return _("Plan the pilot with SMART goals and baselines.")
    if stage == Stage.PILOT:
        if gate_requested:
            return _("Waiting for leadership's gate decision.")
        if not pilots:
            return _("Record the pilot: scope, dates and success criteria.")
        if running_until is not None:
            return _("Run the pilot until %(end)s and log its KPI measurements.") % {
                "end": formatting.date(running_until, language=get_language())
            }
        return _("The pilot is over: record its lessons learned.")
    if stage == Stage.SCALING:
        return _("Roll it out; leadership moves it into production.")
    if stage == Stage.PRODUCTION:
        return _("Keep measuring its KPIs; ROI is reported quarterly.")
    if stage == Stage.ON_HOLD:
        held = dict(Stage.choices).get(held_in, held_in)
        return _("On hold (in %(stage)s): resume it or stop it.") % {"stage": held}
    return ""


def _theirs(user: Any) -> QuerySet[Initiative]:
    """The initiatives the person is on the team of: as owner or as member."""
    ids = Initiative.objects.filter(Q(owner=user) | Q(members=user)).values("pk")
    return initiative_list(user=user).filter(pk__in=ids)


@dataclass(frozen=True)
class TeamLeadPart:
    """My initiatives, KPIs due for a measurement, pilots running and my gate requests."""

    initiatives: Listing[MyInitiative]
    kpis_due: list[KpiDue]
    pilots_running: list[Pilot]
    gate_requests: Listing[GateRequest]


def team_lead_part(*, user: Any, today: datetime.date) -> TeamLeadPart:
    """The team lead's initiatives with their next step, KPIs due, pilots running and the gate
    requests of their initiatives (newest first)."""
    running = Q(pilots__start_date__lte=today, pilots__end_date__gte=today)
    open_request = GateRequest.objects.filter(
        initiative=OuterRef("pk"), status=GateRequestStatus.OPEN
    )
    mine = (
        _theirs(user)
        .exclude(stage__in=_ENDED)
        .select_related(None)
        .select_related("department")
        .annotate(
            pilot_count=Count("pilots", distinct=True),
            running_until=Max("pilots__end_date", filter=running),
            gate_requested=Exists(open_request),
        )
        .order_by(_WORK_ORDER, "title", "pk")
    )
    first = _listing(mine)
    initiatives = Listing(
        [
            MyInitiative(
                initiative,
                next_step(
                    initiative.stage,
                    held_in=initiative.held_in_stage,
                    pilots=initiative.pilot_count,
                    running_until=initiative.running_until,
                    gate_requested=initiative.gate_requested,
                ),
                gate_due=initiative.stage == Stage.PILOT
                and initiative.pilot_count > 0
                and initiative.running_until is None
                and not initiative.gate_requested,
            )
            for initiative in first.items
        ],
        first.total,
    )
    pilots = (
        pilot_list(user=user)
        .prefetch_related(None)
        .filter(
            initiative__in=_theirs(user).values("pk"),
            start_date__lte=today,
            end_date__gte=today,
        )
        .order_by("end_date", "pk")
    )
    return TeamLeadPart(
        initiatives=initiatives,
        kpis_due=kpis_due(user=user, today=today, limit=LIMIT),
        pilots_running=list(pilots[:LIMIT]),
        gate_requests=_listing(
            gate_request_list(user=user).filter(initiative__in=_theirs(user).values("pk"))
        ),
    )


# --- Leadership --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadershipPart:
    """Gates awaiting a decision, initiatives needing adjustment and the portfolio at a glance
    (the dashboard's figures)."""

    gate_queue: Listing[GateRequest]
    period: dict[str, Any]
    summary: dict[str, Any]
    needs_adjustment: list[dict[str, Any]]


def _figures_scope(user: Any) -> Scope:
    """The dashboard's scope without filters (portfolio.dashboard.filters.figures_scope)."""
    if Cap.VIEW_ALL_INITIATIVES in capabilities(user):
        return Slice()
    return initiative_list(user=user)


def leadership_part(*, user: Any, today: datetime.date) -> LeadershipPart:
    """The open gate requests, oldest first; the dashboard's figures for the current quarter;
    the initiatives needing adjustment, most invested first (the stored verdicts of
    metrics.domain.progress)."""
    quarter = Period.containing(PeriodKind.QUARTER, today)
    view = QuarterView.of(
        quarter.start.year,
        (quarter.start.month - 1) // 3 + 1,
        scope=_figures_scope(user),
        today=today,
    )
    rows = roi_initiative_rows(
        view.period.start,
        view.scope,
        order="investment",
        limit=LIMIT,
        verdict=Verdict.NEEDS_ADJUSTMENT.value,
    )
    return LeadershipPart(
        gate_queue=_listing(gate_queue(user=user)),
        period=view.as_json(),
        summary=summary_section(view),
        needs_adjustment=[initiative_row(row, view) for row in rows],
    )


# --- Compliance --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompliancePart:
    """Reviews due or overdue, systems awaiting classification or approval, open high risks,
    with the register's own counts (the tiles above the register list)."""

    reviews: list[Any]
    systems_awaiting: list[Any]
    open_high_risks: list[Any]
    summary: RegisterSummary
    # The register list's filter for the systems in the register now, for its links.
    current_query: str = CURRENT_SYSTEMS_QUERY


def _with_state(reviews: list[Any], today: datetime.date) -> list[Any]:
    """Reviews marked overdue or due soon on the day (governance.domain.reviews)."""
    for review in reviews:
        review.state = review_status(review.due_date, today).value
    return reviews


def compliance_part(*, user: Any, today: datetime.date) -> CompliancePart:
    """The register's work for the compliance officer: the most urgent first, each list cut in
    the database; the totals are register_summary's, so they match the register's tiles."""
    reviews = reviews_needing_attention(user=user, today=today)[:LIMIT]
    high_risks = open_high_risk_list(risks=risk_list(user=user)).order_by(
        "-score", "due_date", "pk"
    )
    return CompliancePart(
        reviews=_with_state(list(reviews), today),
        systems_awaiting=list(systems_awaiting_list(user=user).select_related(None)[:LIMIT]),
        open_high_risks=list(high_risks[:LIMIT]),
        summary=register_summary(user=user),
    )


# --- Finance -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancePart:
    """Costs and benefits missing for the current quarter, and the next report due."""

    quarter: Period
    missing: Listing[Initiative]
    next_report: NextReport


def finance_part(*, user: Any, today: datetime.date) -> FinancePart:
    """Initiatives in pilot, scaling or production without costs or benefits this quarter."""
    quarter = Period.containing(PeriodKind.QUARTER, today)
    missing = (
        initiatives_missing_financials(user=user, period=quarter)
        .select_related(None)
        .select_related("department")
    )
    return FinancePart(
        quarter=quarter,
        missing=_listing(missing),
        next_report=report_next_due(user=user, today=today),
    )


# --- IT ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EstatePart:
    """The IT department's estate: what the person owns, ratings a year old, the latest check."""

    it_systems: Listing[Any]
    data_sources: Listing[Any]
    systems_due: Listing[Any]
    sources_due: Listing[Any]
    latest_check: Any
    # The latest check is a year old or there is none: the estate page asks for a new one.
    check_due: bool


def estate_part(*, user: Any, today: datetime.date) -> EstatePart:
    """The IT systems and data sources the person owns (weakest first), the entries of the whole
    estate not re-rated for a year (oldest first) and the latest infrastructure check."""
    check = latest_infrastructure_check()
    return EstatePart(
        it_systems=_listing(
            it_system_list(user=user).filter(owner=user).order_by("readiness", "name", "pk")
        ),
        data_sources=_listing(
            estate_data_source_list(user=user)
            .filter(owner=user)
            .select_related(None)
            .order_by("quality", "name", "pk")
        ),
        systems_due=_listing(it_systems_due_for_rating(user=user, today=today)),
        sources_due=_listing(data_sources_due_for_rating(user=user, today=today)),
        latest_check=check,
        check_due=check is None or check.checked_at.date() < today - RERATE_AFTER,
    )


# --- The home ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    """Every part of the person's home; a part they have no role for is None."""

    team_lead: TeamLeadPart | None = None
    leadership: LeadershipPart | None = None
    compliance: CompliancePart | None = None
    finance: FinancePart | None = None
    estate: EstatePart | None = None
    # Reviews the person answers for as review or system owner (compliance sees all of them).
    my_reviews: list[Any] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the person has no part at all."""
        return not (
            self.team_lead or self.leadership or self.compliance or self.finance or self.estate
        )


def home_for(*, user: Any, today: datetime.date) -> Home:
    """The parts of the home the person's roles call for, each in a fixed number of queries."""
    caps = capabilities(user)
    compliance = compliance_part(user=user, today=today) if Cap.EDIT_REGISTER in caps else None
    my_reviews: list[Any] = []
    if compliance is None:
        owned = reviews_needing_attention(user=user, today=today, owned_only=True)
        my_reviews = _with_state(list(owned[:LIMIT]), today)
    return Home(
        team_lead=team_lead_part(user=user, today=today)
        if Cap.EDIT_OWN_INITIATIVES in caps
        else None,
        leadership=leadership_part(user=user, today=today) if Cap.DECIDE_GATES in caps else None,
        compliance=compliance,
        finance=finance_part(user=user, today=today) if Cap.EDIT_FINANCIALS in caps else None,
        # By role, not capability: compliance and administrators also edit the estate, but their
        # week is the register and the organisation; the estate's upkeep is the IT department's.
        estate=estate_part(user=user, today=today) if has_role(user, Role.IT) else None,
        my_reviews=my_reviews,
    )
