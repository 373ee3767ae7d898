"""Who may do what, in one table: role × route × method → the status the server answers.

Every named route of the site (pages and /api/v1/) is a row here; `test_every_route_is_in_the_
matrix` fails when a route appears that the table does not cover. Scoped objects (initiatives,
pilots, KPIs, measurements, costs, benefits, AI systems linked to an initiative, risks, reviews)
are asked for by the owner (alice), a member (bob) and an outsider (charlie), all three team
leads; routes without a scoped object are asked by one team lead (alice).

Statuses follow DESIGN.md section 5: anonymous pages redirect to the login (302), the anonymous
API answers 401, a role that may not act 403, an object outside the person's scope 404, a method
the route does not have 405. Where a role may act, a page answers 200 (GET) or 302 (a saved
POST), the API 200, 201, 202 or 204. A POST with an empty form to a complex form answers 400:
the role got past every permission check and only its input was refused, which is what the row
proves (the forms themselves are tested per app). A refused write must change nothing: rows
with a probe compare the target row (and the model's row count) before and after.

The fixture data is built once per module inside an outer transaction that is rolled back at
the end (what Django's setUpTestData does); each case runs in its own savepoint, so a write a
case makes is undone before the next one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_issue
from core.events import event_kinds
from core.roles import Role
from governance.choices import EvaluationCriterionKind, ImportStatus
from governance.domain.questionnaires import new_token, token_hash
from governance.models import (
    AISystem,
    CandidateCost,
    EstateDataSource,
    EvaluationCandidate,
    EvaluationCriterion,
    ImportRun,
    InfrastructureCheck,
    ITSystem,
    Review,
    Risk,
    SystemLiteracy,
    Vendor,
    VendorEvaluation,
    VendorProduct,
    VendorQuestionnaire,
)
from initiatives.choices import GateOutcome, ReadinessKind, Stage, TeamRoleKind
from initiatives.models import (
    Department,
    GateDecision,
    GateRequest,
    Initiative,
    Pilot,
    ReadinessItem,
    TeamRole,
)
from jobs.models import Job, JobStatus
from metrics.models import AdoptionRecord, Benefit, CostItem, Kpi, Measurement, TrainingCost
from notifications.forms import field_name
from notifications.models import Notification, Subscription
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan
from portfolio.models import QuarterlyReport, ReportStatus
from tests.factories.accounts import UserFactory
from tests.factories.governance import (
    AISystemFactory,
    EstateDataSourceFactory,
    ITSystemFactory,
    ReviewFactory,
    RiskFactory,
    VendorProductFactory,
)
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory, PilotFactory
from tests.factories.metrics import (
    AdoptionRecordFactory,
    BenefitFactory,
    CostItemFactory,
    KpiFactory,
    MeasurementFactory,
)
from tests.factories.people import LiteracyMeasureFactory, PersonFactory, TrainingPlanFactory
from tests.factories.questionnaires import candidate_make

ANON, LEADER, OWNER, MEMBER, OUTSIDER = "anon", "leader", "owner", "member", "outsider"
COMPLIANCE, FINANCE, ADMIN, IT = "compliance", "finance", "admin", "it"
SIGNED_IN = (LEADER, OWNER, MEMBER, OUTSIDER, COMPLIANCE, FINANCE, ADMIN, IT)
# Without a scoped object, bob and charlie are just more team leads: alice speaks for them.
UNSCOPED = (LEADER, OWNER, COMPLIANCE, FINANCE, ADMIN, IT)
REFUSED = {401, 403, 404, 405}
TODAY = datetime.date.today()


# --- The table --------------------------------------------------------------------------------

W = SimpleNamespace  # the fixture world: ids of the objects the rows point at


@dataclass(frozen=True)
class Row:
    """One route and method with the status each person gets."""

    name: str
    method: str
    expect: dict[str, int]
    api: bool = False
    scoped: bool = False
    kwargs: Callable[[W], dict[str, Any]] = lambda w: {}
    data: Callable[[W], Any] | None = None
    query: str = ""
    fmt: str = "json"  # API body: json or multipart
    # (model, world attribute naming the row or None for the count only): unchanged if refused
    probe: tuple[type[models.Model], str | None] | None = None
    # People whose request is answered but must change nothing (e.g. revoking another's token).
    no_effect: frozenset[str] = field(default_factory=frozenset)

    def statuses(self) -> Iterator[tuple[str, int]]:
        actors = SIGNED_IN if self.scoped else UNSCOPED
        for actor in (ANON, *actors):
            if actor in self.expect:
                yield actor, self.expect[actor]
            elif actor == ANON:
                yield actor, 401 if self.api else 302
            else:
                raise AssertionError(f"{self.name} {self.method}: no status for {actor}")


def x(default: int | None = None, **overrides: int) -> dict[str, int]:
    """Statuses of the signed-in people: `default` for all, then per-person exceptions."""
    result = {actor: default for actor in SIGNED_IN if default is not None}
    result.update(overrides)
    return result


def only(allowed: int, *people: str, others: int = 403, **overrides: int) -> dict[str, int]:
    """`allowed` for the given people, `others` for everyone else."""
    return x(others, **{**dict.fromkeys(people, allowed), **overrides})


TEAM = (OWNER, MEMBER)
TEAM_LEADS = (OWNER, MEMBER, OUTSIDER)
MONEY_READERS = (LEADER, OWNER, MEMBER, OUTSIDER, FINANCE)
# The quarterly report is about money: compliance has no financial view, so no report either.
REPORT_READERS = (LEADER, FINANCE)
# The IT estate is rated by the IT department, compliance officers and administrators.
ESTATE_EDITORS = (COMPLIANCE, ADMIN, IT)
# Vendors and their evaluations are kept by leadership, compliance, IT and administrators; cost
# lines (money) by finance and by vendor editors with a financial view (leadership).
VENDOR_EDITORS = (LEADER, COMPLIANCE, ADMIN, IT)
VENDOR_COST_EDITORS = (LEADER, FINANCE)
# Vendor questionnaire links are sent and revoked by whoever keeps vendors (EDIT_VENDORS).
QUESTIONNAIRE_SENDERS = (LEADER, COMPLIANCE, ADMIN, IT)
# People, skills and literacy are kept by leadership, compliance and administrators; training
# plans carry budgets (money): read by leadership, finance and administrators, kept by
# leadership and administrators.
PEOPLE_EDITORS = (LEADER, COMPLIANCE, ADMIN)
BUDGET_READERS = (LEADER, FINANCE, ADMIN)
TRAINING_EDITORS = (LEADER, ADMIN)
SEE = x(200, outsider=404)  # a scoped object: everyone but the outsider sees it

pk_i: Callable[[W], dict[str, Any]] = lambda w: {"pk": w.initiative}  # noqa: E731


def _skill(w: W) -> dict[str, Any]:
    """The person's one recorded skill."""
    return {"pk": w.person, "skill_pk": PersonSkill.objects.get(person_id=w.person).pk}


def _booked_plan(w: W) -> dict[str, Any]:
    """The world's training plan, booked so that finance may book it as a cost."""
    TrainingPlan.objects.filter(pk=w.training_plan).update(status="booked")
    return {"pk": w.training_plan}


def _training_cost(w: W) -> dict[str, Any]:
    """The world's training plan booked as training spend of the organisation."""
    link = TrainingCost.objects.get_or_create(
        plan_id=_booked_plan(w)["pk"],
        defaults={"amount": Decimal("1500.00"), "spent_on": datetime.date(2026, 3, 2)},
    )[0]
    return {"pk": link.pk}


def _pk(attr: str) -> Callable[[W], dict[str, Any]]:
    return lambda w: {"pk": getattr(w, attr)}


def _empty(w: W) -> dict[str, Any]:
    # Not empty: `Form(request.POST or None)` treats an empty POST as an unbound form.
    return {"submitted": "1"}


def _candidate(w: W) -> dict[str, Any]:
    return {"evaluation_pk": w.evaluation, "candidate_pk": w.candidate}


def _questionnaire(w: W) -> dict[str, Any]:
    return {**_candidate(w), "pk": w.questionnaire}


def _in_evaluation(attr: str = "candidate") -> Callable[[W], dict[str, Any]]:
    return lambda w: {"evaluation_pk": w.evaluation, "pk": getattr(w, attr)}


def _vendor_cost(w: W) -> dict[str, Any]:
    return {"evaluation_pk": w.evaluation, "pk": w.candidate, "cost_pk": w.vendor_cost}


def _vendor_page_rows() -> list[Row]:
    """The vendor area's pages: everyone reads vendors and evaluations in scope; editors keep
    them; cost lines only finance and leadership."""
    ev = _pk("evaluation")
    rows = [
        Row("governance:vendor-list", "GET", x(200)),
        Row("governance:vendor-export", "GET", x(200), query="?format=csv"),
        Row("governance:vendor-create", "GET", only(200, *VENDOR_EDITORS)),
        Row(
            "governance:vendor-create",
            "POST",
            only(400, *VENDOR_EDITORS),
            data=_empty,
            probe=(Vendor, None),
        ),
        Row("governance:vendor-detail", "GET", x(200), kwargs=_pk("vendor")),
        Row("governance:vendor-update", "GET", only(200, *VENDOR_EDITORS), kwargs=_pk("vendor")),
        Row(
            "governance:vendor-update",
            "POST",
            only(400, *VENDOR_EDITORS),
            kwargs=_pk("vendor"),
            data=_empty,
            probe=(Vendor, "vendor"),
        ),
        Row("governance:vendor-delete", "GET", x(405), kwargs=_pk("vendor")),
        # Its product is a candidate: the editor is told so and nothing is removed.
        Row(
            "governance:vendor-delete",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=_pk("vendor"),
            probe=(Vendor, "vendor"),
            no_effect=frozenset(VENDOR_EDITORS),
        ),
        Row(
            "governance:vendor-product-create",
            "GET",
            only(200, *VENDOR_EDITORS),
            kwargs=lambda w: {"vendor_pk": w.vendor},
        ),
        Row(
            "governance:vendor-product-create",
            "POST",
            only(400, *VENDOR_EDITORS),
            kwargs=lambda w: {"vendor_pk": w.vendor},
            data=_empty,
            probe=(VendorProduct, None),
        ),
        Row(
            "governance:vendor-product-update",
            "GET",
            only(200, *VENDOR_EDITORS),
            kwargs=_pk("product"),
        ),
        Row(
            "governance:vendor-product-update",
            "POST",
            only(400, *VENDOR_EDITORS),
            kwargs=_pk("product"),
            data=_empty,
            probe=(VendorProduct, "product"),
        ),
        Row("governance:vendor-product-delete", "GET", x(405), kwargs=_pk("product")),
        Row(
            "governance:vendor-product-delete",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=_pk("product"),
            probe=(VendorProduct, "product"),
            no_effect=frozenset(VENDOR_EDITORS),
        ),
        Row("governance:evaluation-list", "GET", x(200)),
        Row("governance:evaluation-export", "GET", x(200), query="?format=xlsx"),
        Row("governance:evaluation-create", "GET", only(200, *VENDOR_EDITORS)),
        Row(
            "governance:evaluation-create",
            "POST",
            only(400, *VENDOR_EDITORS),
            data=_empty,
            probe=(VendorEvaluation, None),
        ),
        Row("governance:evaluation-detail", "GET", SEE, scoped=True, kwargs=ev),
        Row("governance:candidate-detail", "GET", SEE, scoped=True, kwargs=_in_evaluation()),
        Row("governance:evaluation-reopen", "GET", x(405), kwargs=ev),
        # The evaluation is open: reopening it is refused with a message, nothing changes.
        Row(
            "governance:evaluation-reopen",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=ev,
            probe=(VendorEvaluation, "evaluation"),
            no_effect=frozenset(VENDOR_EDITORS),
        ),
        Row("governance:evaluation-delete", "GET", x(405), kwargs=ev),
        Row(
            "governance:evaluation-delete",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=ev,
            probe=(VendorEvaluation, "evaluation"),
        ),
        Row(
            "governance:evaluation-cancel",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=ev,
            data=_empty,
            probe=(VendorEvaluation, "evaluation"),
        ),
        Row("governance:candidate-remove", "GET", x(405), kwargs=_in_evaluation()),
        Row(
            "governance:candidate-remove",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=_in_evaluation(),
            probe=(EvaluationCandidate, "candidate"),
        ),
        Row(
            "governance:candidate-scores",
            "POST",
            only(302, *VENDOR_EDITORS),
            kwargs=_in_evaluation(),
            data=_empty,
            probe=(EvaluationCandidate, "candidate"),
        ),
        Row(
            "governance:candidate-scores",
            "GET",
            only(200, *VENDOR_EDITORS),
            kwargs=_in_evaluation(),
        ),
        Row("governance:candidate-cost-delete", "GET", x(405), kwargs=_vendor_cost),
        Row(
            "governance:candidate-cost-delete",
            "POST",
            only(302, *VENDOR_COST_EDITORS),
            kwargs=_vendor_cost,
            probe=(CandidateCost, "vendor_cost"),
        ),
    ]
    # Forms whose empty POST is refused with field errors (400) once the role may act.
    for name, kwargs, editors, model, attr in (
        ("governance:evaluation-update", ev, VENDOR_EDITORS, VendorEvaluation, "evaluation"),
        ("governance:evaluation-weights", ev, VENDOR_EDITORS, EvaluationCriterion, None),
        ("governance:evaluation-decide", ev, VENDOR_EDITORS, VendorEvaluation, "evaluation"),
        ("governance:candidate-create", lambda w: {"evaluation_pk": w.evaluation}, VENDOR_EDITORS, EvaluationCandidate, None),
        ("governance:candidate-update", _in_evaluation(), VENDOR_EDITORS, EvaluationCandidate, "candidate"),
        ("governance:candidate-cost-create", _in_evaluation(), VENDOR_COST_EDITORS, CandidateCost, None),
        ("governance:candidate-cost-update", _vendor_cost, VENDOR_COST_EDITORS, CandidateCost, "vendor_cost"),
    ):  # fmt: skip
        rows.append(Row(name, "GET", only(200, *editors), kwargs=kwargs))
        rows.append(
            Row(
                name,
                "POST",
                only(400, *editors),
                kwargs=kwargs,
                data=_empty,
                probe=(model, attr),
            )
        )
    rows.append(Row("governance:evaluation-cancel", "GET", only(200, *VENDOR_EDITORS), kwargs=ev))
    return rows


def _vendor_api_rows() -> list[Row]:
    """The vendor area's API: the same rules; money only for money readers (else not found)."""
    ev = _pk("evaluation")
    cost_readers = only(200, LEADER, OWNER, MEMBER, FINANCE, others=404)
    return [
        _api("vendor-list", "GET", x(200)),
        _api(
            "vendor-list",
            "POST",
            only(201, *VENDOR_EDITORS),
            probe=(Vendor, None),
            data=lambda w: {"name": "Fabrikam"},
        ),
        _api("vendor-detail", "GET", x(200), kwargs=_pk("vendor")),
        _api(
            "vendor-detail",
            "PATCH",
            only(200, *VENDOR_EDITORS),
            kwargs=_pk("vendor"),
            data=lambda w: {"notes": "Framework contract signed."},
            probe=(Vendor, "vendor"),
        ),
        # Its product is a candidate: a conflict.
        _api(
            "vendor-detail",
            "DELETE",
            only(409, *VENDOR_EDITORS),
            kwargs=_pk("vendor"),
            probe=(Vendor, "vendor"),
        ),
        _api("vendor-product-list", "GET", x(200)),
        _api(
            "vendor-product-list",
            "POST",
            only(201, *VENDOR_EDITORS),
            probe=(VendorProduct, None),
            data=lambda w: {"vendor": w.vendor, "name": "Acme Speech"},
        ),
        _api("vendor-product-detail", "GET", x(200), kwargs=_pk("product")),
        _api(
            "vendor-product-detail",
            "PATCH",
            only(200, *VENDOR_EDITORS),
            kwargs=_pk("product"),
            data=lambda w: {"description": "Chat assistant"},
            probe=(VendorProduct, "product"),
        ),
        _api(
            "vendor-product-detail",
            "DELETE",
            only(409, *VENDOR_EDITORS),
            kwargs=_pk("product"),
            probe=(VendorProduct, "product"),
        ),
        _api("vendor-evaluation-list", "GET", x(200)),
        _api(
            "vendor-evaluation-list",
            "POST",
            only(201, *VENDOR_EDITORS),
            probe=(VendorEvaluation, None),
            data=lambda w: {"title": "Route planning"},
        ),
        _api("vendor-evaluation-detail", "GET", SEE, scoped=True, kwargs=ev),
        _api(
            "vendor-evaluation-detail",
            "PATCH",
            only(200, *VENDOR_EDITORS, outsider=404),
            scoped=True,
            kwargs=ev,
            data=lambda w: {"need": "Answers in Swedish too"},
            probe=(VendorEvaluation, "evaluation"),
        ),
        _api(
            "vendor-evaluation-detail",
            "DELETE",
            only(204, *VENDOR_EDITORS, outsider=404),
            scoped=True,
            kwargs=ev,
            probe=(VendorEvaluation, "evaluation"),
        ),
        _api(
            "vendor-evaluation-decide",
            "POST",
            only(200, *VENDOR_EDITORS),
            scoped=True,
            kwargs=ev,
            data=lambda w: {"chosen": w.candidate, "rationale": "The only one in the EU"},
            probe=(VendorEvaluation, "evaluation"),
        ),
        _api(
            "vendor-evaluation-cancel",
            "POST",
            only(200, *VENDOR_EDITORS),
            kwargs=ev,
            data=lambda w: {"rationale": "Budget cut"},
            probe=(VendorEvaluation, "evaluation"),
        ),
        # Open already: a conflict.
        _api(
            "vendor-evaluation-reopen",
            "POST",
            only(409, *VENDOR_EDITORS),
            kwargs=ev,
            probe=(VendorEvaluation, "evaluation"),
        ),
        _api(
            "vendor-evaluation-weights",
            "POST",
            only(200, *VENDOR_EDITORS),
            kwargs=ev,
            data=lambda w: {"weights": {"security": 4}},
            probe=(EvaluationCriterion, None),
        ),
        _api("evaluation-candidate-list", "GET", x(200)),
        _api(
            "evaluation-candidate-list",
            "POST",
            only(201, *VENDOR_EDITORS),
            probe=(EvaluationCandidate, None),
            data=lambda w: {"evaluation": w.evaluation, "product": w.spare_product},
        ),
        _api("evaluation-candidate-detail", "GET", SEE, scoped=True, kwargs=_pk("candidate")),
        _api(
            "evaluation-candidate-detail",
            "PATCH",
            only(200, *VENDOR_EDITORS, outsider=404),
            scoped=True,
            kwargs=_pk("candidate"),
            data=lambda w: {"data_residency": "eu"},
            probe=(EvaluationCandidate, "candidate"),
        ),
        _api(
            "evaluation-candidate-detail",
            "DELETE",
            only(204, *VENDOR_EDITORS, outsider=404),
            scoped=True,
            kwargs=_pk("candidate"),
            probe=(EvaluationCandidate, "candidate"),
        ),
        _api(
            "evaluation-candidate-scores",
            "POST",
            only(200, *VENDOR_EDITORS),
            kwargs=_pk("candidate"),
            data=lambda w: {"scores": [{"kind": "exit", "score": 4}]},
            probe=(EvaluationCandidate, None),
        ),
        _api("candidate-cost-list", "GET", x(200)),
        _api(
            "candidate-cost-list",
            "POST",
            only(201, *VENDOR_COST_EDITORS),
            probe=(CandidateCost, None),
            data=lambda w: {
                "candidate": w.candidate,
                "category": "licence",
                "recurrence": "monthly",
                "amount": "1200.00",
            },
        ),
        _api("candidate-cost-detail", "GET", cost_readers, scoped=True, kwargs=_pk("vendor_cost")),
        _api(
            "candidate-cost-detail",
            "PATCH",
            only(200, *VENDOR_COST_EDITORS),
            scoped=True,
            kwargs=_pk("vendor_cost"),
            data=lambda w: {"amount": "1300.00"},
            probe=(CandidateCost, "vendor_cost"),
        ),
        _api(
            "candidate-cost-detail",
            "DELETE",
            only(204, *VENDOR_COST_EDITORS),
            scoped=True,
            kwargs=_pk("vendor_cost"),
            probe=(CandidateCost, "vendor_cost"),
        ),
    ]


def _vendor_token(w: W) -> dict[str, Any]:
    return {"token": w.questionnaire_token}


PAGES: list[Row] = [
    # App shell
    Row("home", "GET", x(200)),
    Row("dashboard", "GET", x(200)),
    Row("healthz", "GET", x(200, anon=200)),
    Row("set_language", "POST", x(302, anon=302), data=lambda w: {"language": "en"}),
    # Personal API tokens: one's own only; revoking another's token is answered but does nothing.
    Row("accounts:api-tokens", "GET", x(200)),
    Row(
        "accounts:api-tokens",
        "POST",
        x(200),
        data=lambda w: {"name": "laptop"},
        probe=(ApiToken, None),
    ),
    Row(
        "accounts:api-token-revoke",
        "POST",
        x(302),
        scoped=True,
        kwargs=_pk("token"),
        probe=(ApiToken, "token"),
        no_effect=frozenset(set(SIGNED_IN) - {OWNER}),
    ),
    Row("accounts:api-token-revoke", "GET", x(405), kwargs=_pk("token")),
    # Initiatives
    Row("initiatives:initiative-list", "GET", x(200)),
    Row("initiatives:initiative-matrix", "GET", x(200)),
    # Suggestions for the owner filter: everyone reads the portfolio (scoped to their rows).
    Row("initiatives:owner-suggestions", "GET", x(200), query="?owner=a"),
    Row("initiatives:initiative-create", "GET", only(200, *TEAM_LEADS), scoped=True),
    Row(
        "initiatives:initiative-create",
        "POST",
        only(400, *TEAM_LEADS),
        scoped=True,
        data=_empty,
        probe=(Initiative, None),
    ),
    Row(
        "initiatives:initiative-duplicates",
        "POST",
        x(200),
        data=lambda w: {"title": "Invoice matching", "problem": "Retyping invoices"},
    ),
    Row("initiatives:initiative-duplicates", "GET", x(405)),
    Row("initiatives:initiative-detail", "GET", SEE, scoped=True, kwargs=pk_i),
    Row(
        "initiatives:initiative-update",
        "GET",
        only(200, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "initiatives:initiative-update",
        "POST",
        only(400, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(Initiative, "initiative"),
    ),
    # Pilot → proof of concept is a legal step back: the team and leadership may take it.
    Row(
        "initiatives:initiative-transition",
        "POST",
        only(302, *TEAM, LEADER, outsider=404),
        scoped=True,
        kwargs=pk_i,
        probe=(Initiative, "initiative"),
        data=lambda w: {"stage": Stage.PROOF_OF_CONCEPT, "reason": "Rework the extraction"},
    ),
    Row("initiatives:initiative-transition", "GET", x(405), scoped=True, kwargs=pk_i),
    Row("initiatives:gate-decision", "GET", SEE, scoped=True, kwargs=pk_i),
    Row(
        "initiatives:gate-decision",
        "POST",
        only(302, LEADER, outsider=404),
        scoped=True,
        kwargs=pk_i,
        probe=(GateDecision, None),
        data=lambda w: {"outcome": GateOutcome.NEEDS_WORK, "rationale": "More data first"},
    ),
    Row(
        "initiatives:pilot-create",
        "GET",
        only(200, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "initiatives:pilot-create",
        "POST",
        only(400, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(Pilot, None),
    ),
    Row(
        "initiatives:pilot-update",
        "GET",
        only(200, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "pilot_pk": w.pilot},
    ),
    Row(
        "initiatives:pilot-update",
        "POST",
        only(400, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "pilot_pk": w.pilot},
        data=_empty,
        probe=(Pilot, "pilot"),
    ),
    # The scaling-readiness checklist: the team and leadership keep it.
    Row(
        "initiatives:readiness-item-update",
        "GET",
        only(200, *TEAM, ADMIN, LEADER, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "item_pk": w.readiness},
    ),
    Row(
        "initiatives:readiness-item-update",
        "POST",
        only(302, *TEAM, ADMIN, LEADER, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "item_pk": w.readiness},
        data=lambda w: {"status": "done", "evidence": "Budget approved"},
        probe=(ReadinessItem, "readiness"),
    ),
    # Gate requests: the team asks (an empty note is refused as input) and withdraws; the
    # request shown is on a second initiative of the team, so that the first has none open.
    Row(
        "initiatives:gate-request",
        "GET",
        only(200, *TEAM, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "initiatives:gate-request",
        "POST",
        only(400, *TEAM, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(GateRequest, None),
    ),
    Row(
        "initiatives:gate-request-withdraw",
        "POST",
        only(302, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("gate_request"),
        probe=(GateRequest, "gate_request"),
    ),
    Row(
        "initiatives:gate-request-withdraw",
        "GET",
        x(405),
        scoped=True,
        kwargs=_pk("gate_request"),
    ),
    # The cross-functional team: whoever may edit the initiative staffs it.
    Row(
        "initiatives:team-role-add",
        "POST",
        only(302, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=lambda w: {"person": w.person, "role": "legal_ethics"},
        probe=(TeamRole, None),
    ),
    Row("initiatives:team-role-add", "GET", x(405), scoped=True, kwargs=pk_i),
    Row(
        "initiatives:team-role-remove",
        "POST",
        only(302, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "role_pk": w.team_role},
        probe=(TeamRole, "team_role"),
    ),
    Row(
        "initiatives:team-role-remove",
        "GET",
        x(405),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "role_pk": w.team_role},
    ),
    Row("initiatives:gate-queue", "GET", only(200, LEADER)),
    Row("initiatives:department-list", "GET", x(200)),
    Row("initiatives:department-detail", "GET", x(200), kwargs=_pk("department")),
    # Metrics: KPIs and measurements belong to the initiative's team.
    Row("metrics:initiative-metrics", "GET", SEE, scoped=True, kwargs=pk_i),
    Row("metrics:kpi-create", "GET", only(200, *TEAM, outsider=404), scoped=True, kwargs=pk_i),
    Row(
        "metrics:kpi-create",
        "POST",
        only(400, *TEAM, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(Kpi, None),
    ),
    Row("metrics:kpi-detail", "GET", SEE, scoped=True, kwargs=_pk("kpi")),
    Row(
        "metrics:kpi-update",
        "GET",
        only(200, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
    ),
    Row(
        "metrics:kpi-update",
        "POST",
        only(400, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
        data=_empty,
        probe=(Kpi, "kpi"),
    ),
    Row(
        "metrics:kpi-delete",
        "GET",
        only(200, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
    ),
    Row(
        "metrics:kpi-delete",
        "POST",
        only(302, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
        data=_empty,
        probe=(Kpi, "kpi"),
    ),
    Row(
        "metrics:measurement-quick-create",
        "POST",
        only(302, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
        probe=(Measurement, None),
        data=lambda w: {f"kpi{w.kpi}-value": "14", f"kpi{w.kpi}-measured_on": "2026-02-28"},
    ),
    Row("metrics:measurement-quick-create", "GET", x(405), scoped=True, kwargs=_pk("kpi")),
    # A measurement is corrected only by whoever logged it (alice), not by the rest of the team.
    Row(
        "metrics:measurement-update",
        "GET",
        only(200, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
    ),
    Row(
        "metrics:measurement-update",
        "POST",
        only(400, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
        data=_empty,
        probe=(Measurement, "measurement"),
    ),
    Row(
        "metrics:measurement-delete",
        "GET",
        only(200, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
    ),
    Row(
        "metrics:measurement-delete",
        "POST",
        only(302, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
        data=_empty,
        probe=(Measurement, "measurement"),
    ),
    Row("metrics:measurement-import", "GET", only(200, *TEAM_LEADS), scoped=True),
    # An import job is seen only by whoever started it (alice).
    Row(
        "metrics:measurement-import-job",
        "GET",
        x(404, owner=200),
        scoped=True,
        kwargs=_pk("measurement_job"),
    ),
    Row(
        "metrics:measurement-import",
        "POST",
        only(400, *TEAM_LEADS),
        scoped=True,
        data=_empty,
        probe=(Measurement, None),
    ),
    Row("metrics:measurement-import-template", "GET", x(200), kwargs=lambda w: {"fmt": "csv"}),
    # Money: leadership, finance and the team read it; only finance changes it; compliance and
    # administrators do not see it (DESIGN.md section 1).
    Row("metrics:financial-overview", "GET", only(200, *MONEY_READERS), scoped=True),
    Row(
        "metrics:initiative-financials",
        "GET",
        only(200, *MONEY_READERS, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "metrics:scaling-estimate",
        "GET",
        only(200, *MONEY_READERS, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "metrics:cost-create",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "metrics:cost-create",
        "POST",
        only(400, FINANCE, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(CostItem, None),
    ),
    Row(
        "metrics:cost-update",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("cost"),
    ),
    Row(
        "metrics:cost-update",
        "POST",
        only(400, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("cost"),
        data=_empty,
        probe=(CostItem, "cost"),
    ),
    Row(
        "metrics:cost-delete",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("cost"),
    ),
    Row(
        "metrics:cost-delete",
        "POST",
        only(302, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("cost"),
        data=_empty,
        probe=(CostItem, "cost"),
    ),
    Row(
        "metrics:benefit-create",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    Row(
        "metrics:benefit-create",
        "POST",
        only(400, FINANCE, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=_empty,
        probe=(Benefit, None),
    ),
    Row(
        "metrics:benefit-update",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("benefit"),
    ),
    Row(
        "metrics:benefit-update",
        "POST",
        only(400, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("benefit"),
        data=_empty,
        probe=(Benefit, "benefit"),
    ),
    Row(
        "metrics:benefit-delete",
        "GET",
        only(200, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("benefit"),
    ),
    Row(
        "metrics:benefit-delete",
        "POST",
        only(302, FINANCE, outsider=404),
        scoped=True,
        kwargs=_pk("benefit"),
        data=_empty,
        probe=(Benefit, "benefit"),
    ),
    # Adoption figures: everyone reads them; team leads and finance maintain them.
    Row("metrics:adoption", "GET", x(200)),
    Row(
        "metrics:adoption",
        "POST",
        only(400, OWNER, FINANCE),
        data=_empty,
        probe=(AdoptionRecord, None),
    ),
    Row("metrics:adoption-delete", "GET", only(200, OWNER, FINANCE), kwargs=_pk("adoption")),
    Row(
        "metrics:adoption-delete",
        "POST",
        only(302, OWNER, FINANCE),
        kwargs=_pk("adoption"),
        data=_empty,
        probe=(AdoptionRecord, "adoption"),
    ),
    # The AI register: everyone reads what is in scope; compliance changes it. Edit pages ask
    # for the role before looking the entry up, so the outsider gets 403 there, not 404.
    Row("governance:system-list", "GET", x(200)),
    Row("governance:export", "GET", x(200), query="?format=csv"),
    Row("governance:system-create", "GET", only(200, COMPLIANCE)),
    Row(
        "governance:system-create",
        "POST",
        only(400, COMPLIANCE),
        data=_empty,
        probe=(AISystem, None),
    ),
    Row("governance:system-detail", "GET", SEE, scoped=True, kwargs=_pk("system")),
    Row(
        "governance:system-update",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=_pk("system"),
    ),
    Row(
        "governance:system-update",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=_pk("system"),
        data=_empty,
        probe=(AISystem, "system"),
    ),
    Row(
        "governance:system-classify",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=_pk("system"),
    ),
    Row(
        "governance:system-classify",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=_pk("system"),
        data=_empty,
        probe=(AISystem, "system"),
    ),
    Row(
        "governance:system-approval",
        "POST",
        only(302, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.system, "action": "submit"},
        data=_empty,
        probe=(AISystem, "system"),
    ),
    Row(
        "governance:system-approval",
        "GET",
        x(405),
        scoped=True,
        kwargs=lambda w: {"pk": w.system, "action": "submit"},
    ),
    # The entry is one of ours already: compliance is told so (a message), nothing changes.
    Row(
        "governance:system-adopt",
        "POST",
        only(302, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=_empty,
        probe=(AISystem, "system"),
    ),
    Row("governance:system-adopt", "GET", x(405), scoped=True, kwargs=_pk("system")),
    # AI literacy of a system: the keepers of the people records choose its users and measures.
    Row(
        "governance:system-literacy",
        "GET",
        only(200, *PEOPLE_EDITORS),
        scoped=True,
        kwargs=_pk("system"),
    ),
    Row(
        "governance:system-literacy",
        "POST",
        only(302, *PEOPLE_EDITORS),
        scoped=True,
        kwargs=_pk("system"),
        data=_empty,
        probe=(SystemLiteracy, None),
    ),
    Row(
        "governance:risk-create",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=lambda w: {"system_pk": w.system},
    ),
    Row(
        "governance:risk-create",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=lambda w: {"system_pk": w.system},
        data=_empty,
        probe=(Risk, None),
    ),
    Row("governance:risk-list", "GET", x(200)),
    Row("governance:risk-detail", "GET", SEE, scoped=True, kwargs=_pk("risk")),
    Row(
        "governance:risk-update",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=_pk("risk"),
    ),
    Row(
        "governance:risk-update",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=_pk("risk"),
        data=_empty,
        probe=(Risk, "risk"),
    ),
    Row(
        "governance:review-create",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=lambda w: {"system_pk": w.system},
    ),
    Row(
        "governance:review-create",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=lambda w: {"system_pk": w.system},
        data=_empty,
        probe=(Review, None),
    ),
    Row("governance:review-list", "GET", x(200)),
    Row("governance:review-detail", "GET", SEE, scoped=True, kwargs=_pk("review")),
    Row(
        "governance:review-update",
        "GET",
        only(200, COMPLIANCE),
        scoped=True,
        kwargs=_pk("review"),
    ),
    Row(
        "governance:review-update",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=_pk("review"),
        data=_empty,
        probe=(Review, "review"),
    ),
    Row(
        "governance:review-complete",
        "POST",
        only(400, COMPLIANCE),
        scoped=True,
        kwargs=_pk("review"),
        data=_empty,
        probe=(Review, "review"),
    ),
    Row("governance:review-complete", "GET", x(405), scoped=True, kwargs=_pk("review")),
    Row("governance:review-evidence", "GET", SEE, scoped=True, kwargs=_pk("review")),
    Row("governance:import-upload", "GET", only(200, COMPLIANCE)),
    Row(
        "governance:import-upload",
        "POST",
        only(400, COMPLIANCE),
        data=_empty,
        probe=(ImportRun, None),
    ),
    Row("governance:import-preview", "GET", only(200, COMPLIANCE), kwargs=_pk("run")),
    Row(
        "governance:import-commit",
        "POST",
        only(302, COMPLIANCE),
        kwargs=_pk("run"),
        data=_empty,
        probe=(Job, None),
    ),
    Row("governance:import-commit", "GET", x(405), kwargs=_pk("run")),
    Row("governance:import-job", "GET", only(200, COMPLIANCE), kwargs=_pk("run")),
    # The estate: everyone signed in reads it; compliance officers and administrators rate it.
    Row("governance:estate", "GET", x(200)),
    Row("governance:infrastructure-check", "GET", only(200, *ESTATE_EDITORS)),
    Row(
        "governance:infrastructure-check",
        "POST",
        only(400, *ESTATE_EDITORS),
        data=_empty,
        probe=(InfrastructureCheck, None),
    ),
    *[
        row
        for prefix, model, attr in (
            ("governance:it-system", ITSystem, "it_system"),
            ("governance:data-source", EstateDataSource, "data_source"),
        )
        for row in (
            Row(f"{prefix}-list", "GET", x(200)),
            Row(f"{prefix}-export", "GET", x(200), query="?format=csv"),
            Row(f"{prefix}-create", "GET", only(200, *ESTATE_EDITORS)),
            Row(
                f"{prefix}-create",
                "POST",
                only(400, *ESTATE_EDITORS),
                data=_empty,
                probe=(model, None),
            ),
            Row(f"{prefix}-detail", "GET", x(200), kwargs=_pk(attr)),
            Row(f"{prefix}-update", "GET", only(200, *ESTATE_EDITORS), kwargs=_pk(attr)),
            Row(
                f"{prefix}-update",
                "POST",
                only(400, *ESTATE_EDITORS),
                kwargs=_pk(attr),
                data=_empty,
                probe=(model, attr),
            ),
        )
    ],
    # A candidate's vendor questionnaires: readers of the evaluation see the answers; vendor
    # editors send and revoke links. The vendor's own page needs no account, only the token.
    Row("governance:candidate-questionnaires", "GET", SEE, scoped=True, kwargs=_candidate),
    Row(
        "governance:candidate-questionnaires",
        "POST",
        only(400, *QUESTIONNAIRE_SENDERS),
        scoped=True,
        kwargs=_candidate,
        data=_empty,
        probe=(VendorQuestionnaire, None),
    ),
    Row("governance:questionnaire-revoke", "GET", x(405), kwargs=_questionnaire),
    Row(
        "governance:questionnaire-revoke",
        "POST",
        only(302, *QUESTIONNAIRE_SENDERS),
        scoped=True,
        kwargs=_questionnaire,
        probe=(VendorQuestionnaire, "questionnaire"),
    ),
    Row("vendor-questionnaire", "GET", x(200, anon=200), kwargs=_vendor_token),
    # An incomplete answer: past every check, refused for its input only, for anyone.
    Row(
        "vendor-questionnaire",
        "POST",
        x(400, anon=400),
        kwargs=_vendor_token,
        data=_empty,
        probe=(VendorQuestionnaire, "questionnaire"),
    ),
    *_vendor_page_rows(),
    # People: everyone signed in reads the competence map and the literacy measures.
    Row("people:competence-map", "GET", x(200)),
    Row("people:competence-export", "GET", x(200), query="?format=csv"),
    Row("people:person-detail", "GET", x(200), kwargs=_pk("person")),
    Row("people:measure-list", "GET", x(200)),
    Row("people:measure-detail", "GET", x(200), kwargs=_pk("literacy_measure")),
    Row("people:training-list", "GET", only(200, *BUDGET_READERS)),
    Row("people:training-export", "GET", only(200, *BUDGET_READERS), query="?format=csv"),
    # Deleting people records: a confirmation page, then the delete (the person has a training
    # plan, so removing them takes a training editor).
    Row("people:person-delete", "GET", only(200, *PEOPLE_EDITORS), kwargs=_pk("person")),
    Row(
        "people:person-delete",
        "POST",
        only(302, *TRAINING_EDITORS),
        kwargs=_pk("person"),
        data=_empty,
        probe=(Person, "person"),
    ),
    Row("people:skill-delete", "GET", only(200, *PEOPLE_EDITORS), kwargs=_skill),
    Row(
        "people:skill-delete",
        "POST",
        only(302, *PEOPLE_EDITORS),
        kwargs=_skill,
        data=_empty,
        probe=(PersonSkill, None),
    ),
    Row("people:training-delete", "GET", only(200, *TRAINING_EDITORS), kwargs=_pk("training_plan")),
    Row(
        "people:training-delete",
        "POST",
        only(302, *TRAINING_EDITORS),
        kwargs=_pk("training_plan"),
        data=_empty,
        probe=(TrainingPlan, "training_plan"),
    ),
    Row("people:measure-delete", "GET", only(200, *PEOPLE_EDITORS), kwargs=_pk("literacy_measure")),
    Row(
        "people:measure-delete",
        "POST",
        only(302, *PEOPLE_EDITORS),
        kwargs=_pk("literacy_measure"),
        data=_empty,
        probe=(LiteracyMeasure, "literacy_measure"),
    ),
    # Team roles across initiatives: everyone reads (and exports) those of what they see.
    Row("initiatives:team-role-list", "GET", x(200)),
    Row("initiatives:team-role-export", "GET", x(200), query="?format=csv"),
    *[
        row
        for prefix, model, attr, editors in (
            ("people:person", Person, "person", PEOPLE_EDITORS),
            ("people:training", TrainingPlan, "training_plan", TRAINING_EDITORS),
            ("people:measure", LiteracyMeasure, "literacy_measure", PEOPLE_EDITORS),
        )
        for row in (
            Row(f"{prefix}-create", "GET", only(200, *editors)),
            Row(
                f"{prefix}-create",
                "POST",
                only(400, *editors),
                data=_empty,
                probe=(model, None),
            ),
            Row(f"{prefix}-update", "GET", only(200, *editors), kwargs=_pk(attr)),
            Row(
                f"{prefix}-update",
                "POST",
                only(400, *editors),
                kwargs=_pk(attr),
                data=_empty,
                probe=(model, attr),
            ),
        )
    ],
    # Training spend: finance books it as costs of the initiatives it serves.
    Row("metrics:training-costs", "GET", only(200, FINANCE)),
    Row(
        "metrics:training-costs",
        "POST",
        only(400, FINANCE),
        data=lambda w: {"plan": w.training_plan},
        probe=(CostItem, None),
    ),
    Row("metrics:training-costs-export", "GET", only(200, FINANCE), query="?format=csv"),
    Row("metrics:training-cost-book", "GET", only(200, FINANCE), kwargs=_booked_plan),
    Row(
        "metrics:training-cost-book",
        "POST",
        only(302, FINANCE),
        kwargs=_booked_plan,
        data=lambda w: {"initiative": "organisation"},
        probe=(TrainingCost, None),
    ),
    # Quarterly reports: finance and leadership generate and download; nobody else sees money.
    Row("reports:report-list", "GET", only(200, *REPORT_READERS)),
    Row(
        "reports:report-list",
        "POST",
        only(302, LEADER, FINANCE),
        data=lambda w: {"year": 2025, "quarter": 4},
        probe=(QuarterlyReport, None),
    ),
    Row("reports:report-detail", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    Row("reports:report-pdf", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    Row("reports:report-json", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    Row("reports:report-csv", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    # Notifications: each person reads and marks only their own (alice holds the one here).
    Row("notifications:notification-list", "GET", x(200)),
    Row(
        "notifications:notification-open",
        "GET",
        x(404, owner=302),
        scoped=True,
        kwargs=_pk("notification"),
        probe=(Notification, "notification"),
    ),
    Row(
        "notifications:notification-read",
        "POST",
        x(404, owner=302),
        scoped=True,
        kwargs=_pk("notification"),
        probe=(Notification, "notification"),
    ),
    Row(
        "notifications:notification-read",
        "GET",
        x(405),
        scoped=True,
        kwargs=_pk("notification"),
    ),
    Row("notifications:notification-read-all", "POST", x(302)),
    Row("notifications:notification-read-all", "GET", x(405)),
    Row("notifications:followed", "GET", x(200)),
    # Following an initiative: whoever may see it (the outsider gets the 404 its page gives).
    Row(
        "notifications:follow",
        "POST",
        x(302, outsider=404),
        data=lambda w: {
            "object_type": "initiatives.initiative",
            "object_id": w.initiative,
            "following": "1",
        },
    ),
    Row("notifications:follow", "GET", x(405)),
    Row("notifications:preferences", "GET", x(200)),
    Row(
        "notifications:preferences",
        "POST",
        x(302),
        # One choice for every kind the apps register (the form asks for each).
        data=lambda w: {field_name(kind.code): "in_app" for kind in event_kinds()},
    ),
]


def _api(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, api=True, **kwargs)


def _csv_upload(w: W) -> dict[str, Any]:
    body = f"kpi_id,date,value,note\n{w.kpi},2026-03-31,12,\n".encode()
    return {"file": ContentFile(body, name="measurements.csv"), "dry_run": "true"}


def _kpi_body(w: W) -> dict[str, Any]:
    return {
        "initiative": w.initiative, "name": "Letters per hour", "category": "efficiency",
        "unit": "letters", "direction": "higher", "baseline_value": "40",
        "baseline_date": "2026-01-01", "target_value": "60", "target_date": "2026-12-31",
        "frequency": "month",
    }  # fmt: skip


API: list[Row] = [
    _api("api-me", "GET", x(200)),
    # The dashboard's figures: everyone signed in (money only for roles that see it).
    _api("api-figures", "GET", x(200)),
    # Departments: everyone reads; administrators manage.
    _api("department-list", "GET", x(200)),
    _api(
        "department-list",
        "POST",
        only(201, ADMIN),
        probe=(Department, None),
        data=lambda w: {"name": "Legal", "code": "legal", "headcount": 12},
    ),
    _api("department-detail", "GET", x(200), kwargs=_pk("department")),
    _api(
        "department-detail",
        "PATCH",
        only(200, ADMIN),
        kwargs=_pk("department"),
        data=lambda w: {"headcount": 120},
        probe=(Department, "department"),
    ),
    # Initiatives still refer to the department: the administrator gets past the role check
    # and is answered with the conflict.
    _api(
        "department-detail",
        "DELETE",
        only(409, ADMIN),
        kwargs=_pk("department"),
        probe=(Department, "department"),
    ),
    # Initiatives
    _api("initiative-list", "GET", x(200)),
    _api(
        "initiative-list",
        "POST",
        only(201, *TEAM_LEADS),
        scoped=True,
        probe=(Initiative, None),
        data=lambda w: {
            "title": "Invoice matching",
            "problem": "Retyping invoices",
            "department": w.department,
            "business_value": 4,
            "technical_feasibility": 3,
            "implementation_effort": 2,
            "build_type": "off_the_shelf",
        },
    ),
    _api("initiative-detail", "GET", SEE, scoped=True, kwargs=pk_i),
    _api(
        "initiative-detail",
        "PATCH",
        only(200, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=lambda w: {"title": "Renamed"},
        probe=(Initiative, "initiative"),
    ),
    _api(
        "initiative-detail",
        "DELETE",
        only(204, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        probe=(Initiative, "initiative"),
    ),
    _api("initiative-stage-changes", "GET", SEE, scoped=True, kwargs=pk_i),
    _api(
        "initiative-transition",
        "POST",
        only(200, *TEAM, LEADER, outsider=404),
        scoped=True,
        kwargs=pk_i,
        probe=(Initiative, "initiative"),
        data=lambda w: {"stage": Stage.PROOF_OF_CONCEPT, "reason": "Rework the extraction"},
    ),
    _api("initiative-transition", "GET", x(405), scoped=True, kwargs=pk_i),
    _api("initiative-team", "GET", SEE, scoped=True, kwargs=pk_i),
    _api(
        "initiative-team",
        "POST",
        only(201, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=pk_i,
        data=lambda w: {"person": w.person, "role": "legal_ethics"},
        probe=(TeamRole, None),
    ),
    _api(
        "initiative-team-member",
        "DELETE",
        only(204, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "member_pk": w.team_role},
        probe=(TeamRole, "team_role"),
    ),
    _api(
        "initiative-team-member",
        "GET",
        x(405),
        scoped=True,
        kwargs=lambda w: {"pk": w.initiative, "member_pk": w.team_role},
    ),
    _api(
        "initiative-roi",
        "GET",
        only(200, *MONEY_READERS, outsider=404),
        scoped=True,
        kwargs=pk_i,
    ),
    # Pilots: the team and administrators document them. An initiative outside the person's
    # scope is not a valid choice in the body (400), as with any unknown id.
    _api("pilot-list", "GET", x(200)),
    _api(
        "pilot-list",
        "POST",
        only(201, *TEAM, ADMIN, outsider=400),
        scoped=True,
        probe=(Pilot, None),
        data=lambda w: {
            "initiative": w.initiative,
            "scope": "Third team",
            "start_date": "2026-04-01",
            "end_date": "2026-06-30",
            "success_criteria": "Handling time down 20 %",
        },
    ),
    _api("pilot-detail", "GET", SEE, scoped=True, kwargs=_pk("pilot")),
    _api(
        "pilot-detail",
        "PATCH",
        only(200, *TEAM, ADMIN, outsider=404),
        scoped=True,
        kwargs=_pk("pilot"),
        data=lambda w: {"lessons_learned": "Involve sceptics early"},
        probe=(Pilot, "pilot"),
    ),
    _api("pilot-detail", "DELETE", x(405), scoped=True, kwargs=_pk("pilot")),
    # Gate decisions: leadership only; a decision once taken is a record (no update).
    _api("gate-decision-list", "GET", x(200)),
    _api(
        "gate-decision-list",
        "POST",
        only(201, LEADER),
        scoped=True,
        probe=(GateDecision, None),
        data=lambda w: {
            "initiative": w.initiative,
            "outcome": GateOutcome.NEEDS_WORK,
            "rationale": "More data first",
        },
    ),
    _api("gate-decision-detail", "GET", SEE, scoped=True, kwargs=_pk("gate")),
    _api("gate-decision-detail", "PATCH", x(405), scoped=True, kwargs=_pk("gate")),
    # Gate requests: the team asks and withdraws; an initiative outside the scope is a 400.
    _api("gate-request-list", "GET", x(200)),
    _api(
        "gate-request-list",
        "POST",
        only(201, *TEAM, outsider=400),
        scoped=True,
        probe=(GateRequest, None),
        data=lambda w: {"initiative": w.initiative, "note": "Savings proven; budget model done"},
    ),
    _api("gate-request-detail", "GET", SEE, scoped=True, kwargs=_pk("gate_request")),
    _api("gate-request-detail", "PATCH", x(405), scoped=True, kwargs=_pk("gate_request")),
    _api(
        "gate-request-withdraw",
        "POST",
        only(200, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("gate_request"),
        probe=(GateRequest, "gate_request"),
    ),
    # KPIs and measurements
    _api("kpi-list", "GET", x(200)),
    _api(
        "kpi-list",
        "POST",
        only(201, *TEAM, outsider=400),
        scoped=True,
        data=_kpi_body,
        probe=(Kpi, None),
    ),
    _api("kpi-detail", "GET", SEE, scoped=True, kwargs=_pk("kpi")),
    _api(
        "kpi-detail",
        "PATCH",
        only(200, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
        data=lambda w: {"description": "Per invoice"},
        probe=(Kpi, "kpi"),
    ),
    _api(
        "kpi-detail",
        "DELETE",
        only(204, *TEAM, outsider=404),
        scoped=True,
        kwargs=_pk("kpi"),
        probe=(Kpi, "kpi"),
    ),
    _api("measurement-list", "GET", x(200)),
    _api(
        "measurement-list",
        "POST",
        only(201, *TEAM, outsider=400),
        scoped=True,
        probe=(Measurement, None),
        data=lambda w: {"kpi": w.kpi, "value": "13", "measured_on": "2026-03-31"},
    ),
    _api(
        "measurement-bulk",
        "POST",
        only(201, *TEAM, outsider=400),
        scoped=True,
        probe=(Measurement, None),
        data=lambda w: [{"kpi": w.kpi, "value": "13", "measured_on": "2026-03-31"}],
    ),
    _api(
        "measurement-import-file",
        "POST",
        only(200, *TEAM, outsider=200),
        scoped=True,
        data=_csv_upload,
        fmt="multipart",
        probe=(Measurement, None),
    ),
    _api(
        "measurement-import-status",
        "GET",
        x(404, owner=200),
        scoped=True,
        kwargs=lambda w: {"job_id": w.measurement_job},
    ),
    _api("measurement-detail", "GET", SEE, scoped=True, kwargs=_pk("measurement")),
    _api(
        "measurement-detail",
        "PATCH",
        only(200, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
        data=lambda w: {"note": "Corrected"},
        probe=(Measurement, "measurement"),
    ),
    _api(
        "measurement-detail",
        "DELETE",
        only(204, OWNER, outsider=404),
        scoped=True,
        kwargs=_pk("measurement"),
        probe=(Measurement, "measurement"),
    ),
    # Money: the role is checked before the object is looked up.
    _api("cost-list", "GET", only(200, *MONEY_READERS), scoped=True),
    _api(
        "cost-list",
        "POST",
        only(201, FINANCE),
        scoped=True,
        probe=(CostItem, None),
        data=lambda w: {
            "initiative": w.initiative,
            "kind": "one_time",
            "category": "training",
            "description": "Workshops",
            "amount": "2500.00",
            "start_date": "2026-02-01",
        },
    ),
    _api(
        "cost-detail",
        "GET",
        only(200, *MONEY_READERS, outsider=404),
        scoped=True,
        kwargs=_pk("cost"),
    ),
    _api(
        "cost-detail",
        "PATCH",
        only(200, FINANCE),
        scoped=True,
        kwargs=_pk("cost"),
        data=lambda w: {"description": "Build, phase 1"},
        probe=(CostItem, "cost"),
    ),
    _api(
        "cost-detail",
        "DELETE",
        only(204, FINANCE),
        scoped=True,
        kwargs=_pk("cost"),
        probe=(CostItem, "cost"),
    ),
    _api("benefit-list", "GET", only(200, *MONEY_READERS), scoped=True),
    _api(
        "benefit-list",
        "POST",
        only(201, FINANCE),
        scoped=True,
        probe=(Benefit, None),
        data=lambda w: {
            "initiative": w.initiative,
            "description": "Avoided overtime",
            "amount": "1200.00",
            "start_date": "2026-03-01",
        },
    ),
    _api(
        "benefit-detail",
        "GET",
        only(200, *MONEY_READERS, outsider=404),
        scoped=True,
        kwargs=_pk("benefit"),
    ),
    _api(
        "benefit-detail",
        "PATCH",
        only(200, FINANCE),
        scoped=True,
        kwargs=_pk("benefit"),
        data=lambda w: {"description": "Avoided agency costs, Q1"},
        probe=(Benefit, "benefit"),
    ),
    _api(
        "benefit-detail",
        "DELETE",
        only(204, FINANCE),
        scoped=True,
        kwargs=_pk("benefit"),
        probe=(Benefit, "benefit"),
    ),
    _api("adoption-list", "GET", x(200)),
    _api(
        "adoption-list",
        "POST",
        only(201, OWNER, FINANCE),
        probe=(AdoptionRecord, None),
        data=lambda w: {"department": w.department, "month": "2026-02-01", "active_users": 45},
    ),
    _api("adoption-detail", "GET", x(200), kwargs=_pk("adoption")),
    _api(
        "adoption-detail",
        "PATCH",
        only(200, OWNER, FINANCE),
        kwargs=_pk("adoption"),
        data=lambda w: {"active_users": 41},
        probe=(AdoptionRecord, "adoption"),
    ),
    _api(
        "adoption-detail",
        "DELETE",
        only(204, OWNER, FINANCE),
        kwargs=_pk("adoption"),
        probe=(AdoptionRecord, "adoption"),
    ),
    # The register
    _api("ai-system-list", "GET", x(200)),
    _api(
        "ai-system-list",
        "POST",
        only(201, COMPLIANCE),
        probe=(AISystem, None),
        data=lambda w: {"name": "Letter sorter", "purpose": "Sorts incoming letters."},
    ),
    _api("ai-system-detail", "GET", SEE, scoped=True, kwargs=_pk("system")),
    _api(
        "ai-system-detail",
        "PATCH",
        only(200, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {"purpose": "Routes letters."},
        probe=(AISystem, "system"),
    ),
    _api(
        "ai-system-detail",
        "DELETE",
        only(204, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        probe=(AISystem, "system"),
    ),
    _api(
        "ai-system-classify",
        "POST",
        only(400, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {},
        probe=(AISystem, "system"),
    ),
    _api(
        "ai-system-submit",
        "POST",
        only(200, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {},
        probe=(AISystem, "system"),
    ),
    # The entry is one of ours already: adopting it again is a state conflict (409).
    _api(
        "ai-system-adopt",
        "POST",
        only(409, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {},
        probe=(AISystem, "system"),
    ),
    # The entry is a draft: compliance may approve and reject, but not a draft (409).
    _api(
        "ai-system-approve",
        "POST",
        only(409, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {"grounds": "DPIA done"},
        probe=(AISystem, "system"),
    ),
    _api(
        "ai-system-reject",
        "POST",
        only(409, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {"grounds": "No DPIA"},
        probe=(AISystem, "system"),
    ),
    _api("risk-list", "GET", x(200)),
    _api(
        "risk-list",
        "POST",
        only(201, COMPLIANCE),
        scoped=True,
        probe=(Risk, None),
        data=lambda w: {
            "system": w.system,
            "category": "legal",
            "description": "No DPIA yet",
            "likelihood": 2,
            "impact": 4,
        },
    ),
    _api("risk-detail", "GET", SEE, scoped=True, kwargs=_pk("risk")),
    _api(
        "risk-detail",
        "PATCH",
        only(200, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("risk"),
        data=lambda w: {"mitigation": "Human check"},
        probe=(Risk, "risk"),
    ),
    _api(
        "risk-detail",
        "DELETE",
        only(204, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("risk"),
        probe=(Risk, "risk"),
    ),
    _api("review-list", "GET", x(200)),
    _api(
        "review-list",
        "POST",
        only(201, COMPLIANCE),
        scoped=True,
        probe=(Review, None),
        data=lambda w: {"system": w.system, "kind": "security", "due_date": "2026-12-31"},
    ),
    _api("review-detail", "GET", SEE, scoped=True, kwargs=_pk("review")),
    _api(
        "review-detail",
        "PATCH",
        only(200, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("review"),
        data=lambda w: {"findings": "Logs reviewed"},
        probe=(Review, "review"),
    ),
    _api("review-detail", "DELETE", x(405), scoped=True, kwargs=_pk("review")),
    _api("review-evidence", "GET", SEE, scoped=True, kwargs=_pk("review")),
    _api(
        "review-complete",
        "POST",
        only(400, COMPLIANCE, outsider=404),
        scoped=True,
        kwargs=_pk("review"),
        data=lambda w: {},
        probe=(Review, "review"),
    ),
    _api(
        "register-import",
        "POST",
        only(400, COMPLIANCE),
        data=lambda w: {},
        fmt="multipart",
        probe=(ImportRun, None),
    ),
    _api(
        "register-import-status",
        "GET",
        only(200, COMPLIANCE),
        kwargs=lambda w: {"job_id": w.job},
    ),
    _api("register-import-run", "GET", only(200, COMPLIANCE), kwargs=_pk("run")),
    # Nothing chosen: compliance gets past every check and only the empty choice is refused.
    _api(
        "register-import-commit",
        "POST",
        only(400, COMPLIANCE),
        kwargs=_pk("run"),
        data=lambda w: {},
        probe=(Job, None),
    ),
    _api("register-export", "GET", x(200), query="?format=csv"),
    # The estate
    _api("it-system-list", "GET", x(200)),
    Row("governance:owner-suggestions", "GET", x(200), kwargs=lambda w: {"of": "systems"}),
    Row("governance:owner-suggestions", "GET", x(404), kwargs=lambda w: {"of": "nothing"}),
    Row("governance:it-system-suggestions", "GET", x(200), query="?it_system=a"),
    _api(
        "it-system-list",
        "POST",
        only(201, *ESTATE_EDITORS),
        probe=(ITSystem, None),
        data=lambda w: {"name": "CRM", "kind": "crm", "hosting": "cloud", "readiness": 2},
    ),
    _api("data-source-list", "GET", x(200)),
    _api(
        "data-source-list",
        "POST",
        only(201, *ESTATE_EDITORS),
        probe=(EstateDataSource, None),
        data=lambda w: {"name": "Customers", "completeness": 4, "timeliness": 3, "consistency": 4},
    ),
    *[
        row
        for name, model, attr in (
            ("it-system-detail", ITSystem, "it_system"),
            ("data-source-detail", EstateDataSource, "data_source"),
        )
        for row in (
            _api(name, "GET", x(200), kwargs=_pk(attr)),
            _api(
                name,
                "PATCH",
                only(200, *ESTATE_EDITORS),
                kwargs=_pk(attr),
                data=lambda w: {"notes": "Checked with the vendor."},
                probe=(model, attr),
            ),
            _api(name, "DELETE", only(204, *ESTATE_EDITORS), kwargs=_pk(attr), probe=(model, attr)),
        )
    ],
    _api("infrastructure-check-list", "GET", x(200)),
    _api(
        "infrastructure-check-list",
        "POST",
        only(201, *ESTATE_EDITORS),
        probe=(InfrastructureCheck, None),
        data=lambda w: dict.fromkeys(
            (
                "structured_databases_with_apis",
                "stable_cloud_connectivity",
                "modern_web_services",
                "current_backup_and_security",
            ),
            True,
        ),
    ),
    _api("infrastructure-check-detail", "GET", x(200), kwargs=_pk("infrastructure_check")),
    # AI literacy of a system: read by whoever sees it, set by the keepers of the people records
    _api("ai-system-literacy", "GET", SEE, scoped=True, kwargs=_pk("system")),
    _api(
        "ai-system-literacy",
        "PUT",
        only(200, *PEOPLE_EDITORS),
        scoped=True,
        kwargs=_pk("system"),
        data=lambda w: {"users": [w.person], "measures": [w.literacy_measure]},
        probe=(SystemLiteracy, None),
    ),
    # People, training plans (budgets: their keepers and finance), literacy measures
    _api("person-list", "GET", x(200)),
    _api(
        "person-list",
        "POST",
        only(201, *PEOPLE_EDITORS),
        probe=(Person, None),
        data=lambda w: {"name": "Maria Jensen", "skills": [{"skill": "ml_llm_basics", "level": 2}]},
    ),
    _api("training-plan-list", "GET", only(200, *BUDGET_READERS)),
    _api(
        "training-plan-list",
        "POST",
        only(201, *TRAINING_EDITORS),
        probe=(TrainingPlan, None),
        data=lambda w: {"person": w.person, "title": "LLM basics", "budget": "2000.00"},
    ),
    _api("literacy-measure-list", "GET", x(200)),
    _api(
        "literacy-measure-list",
        "POST",
        only(201, *PEOPLE_EDITORS),
        probe=(LiteracyMeasure, None),
        data=lambda w: {
            "user_group": "Case workers",
            "learning_objective": "Check the suggestions",
            "kind": "workshop",
            "evidence": "Attendance list",
            "given_on": "2026-02-01",
            "participants": [w.person],
        },
    ),
    _api("person-detail", "GET", x(200), kwargs=_pk("person")),
    _api("training-plan-detail", "GET", only(200, *BUDGET_READERS), kwargs=_pk("training_plan")),
    _api("literacy-measure-detail", "GET", x(200), kwargs=_pk("literacy_measure")),
    *[
        row
        for name, model, attr, change, editors in (
            ("person-detail", Person, "person", {"job_title": "Case worker"}, PEOPLE_EDITORS),
            (
                "training-plan-detail",
                TrainingPlan,
                "training_plan",
                {"notes": "Booked."},
                TRAINING_EDITORS,
            ),
            (
                "literacy-measure-detail",
                LiteracyMeasure,
                "literacy_measure",
                {"evidence": "List"},
                PEOPLE_EDITORS,
            ),
        )
        for row in (
            _api(
                name,
                "PATCH",
                only(200, *editors),
                kwargs=_pk(attr),
                data=lambda w, change=change: change,
                probe=(model, attr),
            ),
            _api(
                name,
                "DELETE",
                # The person has a training plan: removing its budget takes a training editor.
                only(204, *(TRAINING_EDITORS if model is Person else editors)),
                kwargs=_pk(attr),
                probe=(model, attr),
            ),
        )
    ],
    # Team roles across the initiatives each person sees
    _api("team-role-list", "GET", x(200)),
    _api("team-role-detail", "GET", SEE, scoped=True, kwargs=_pk("team_role")),
    # Training spend booked by finance (on an initiative, or of the organisation)
    _api("training-cost-list", "GET", only(200, FINANCE)),
    _api(
        "training-cost-list",
        "POST",
        only(201, FINANCE),
        data=lambda w: {"plan": _booked_plan(w)["pk"], "initiative": None},
        probe=(TrainingCost, None),
    ),
    _api("training-cost-detail", "GET", only(200, FINANCE), kwargs=_training_cost),
    _api(
        "training-cost-detail",
        "DELETE",
        only(204, FINANCE),
        kwargs=_training_cost,
        probe=(TrainingCost, None),
    ),
    *_vendor_api_rows(),
    # Vendor questionnaire links
    _api("vendor-questionnaire-list", "GET", x(200)),
    _api(
        "vendor-questionnaire-list",
        "POST",
        only(201, *QUESTIONNAIRE_SENDERS),
        data=lambda w: {"candidate": w.candidate},
        probe=(VendorQuestionnaire, None),
    ),
    _api("vendor-questionnaire-detail", "GET", SEE, scoped=True, kwargs=_pk("questionnaire")),
    _api(
        "vendor-questionnaire-revoke",
        "POST",
        only(200, *QUESTIONNAIRE_SENDERS),
        scoped=True,
        kwargs=_pk("questionnaire"),
        probe=(VendorQuestionnaire, "questionnaire"),
    ),
    # Quarterly reports
    _api("report-list", "GET", only(200, *REPORT_READERS)),
    _api(
        "report-list",
        "POST",
        only(202, LEADER, FINANCE),
        probe=(QuarterlyReport, None),
        data=lambda w: {"year": 2025, "quarter": 4},
    ),
    _api("report-detail", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    _api("report-pdf", "GET", only(200, *REPORT_READERS), kwargs=_pk("report")),
    # Notifications: one's own only.
    _api("notification-list", "GET", x(200)),
    _api(
        "notification-detail",
        "GET",
        x(404, owner=200),
        scoped=True,
        kwargs=_pk("notification"),
    ),
    _api(
        "notification-read",
        "POST",
        x(404, owner=200),
        scoped=True,
        kwargs=_pk("notification"),
        probe=(Notification, "notification"),
    ),
    _api("notification-read-all", "POST", x(200)),
    # Follow choices: one's own only; following needs sight of the object.
    _api("subscription-list", "GET", x(200)),
    _api(
        "subscription-list",
        "POST",
        x(200, outsider=404),
        data=lambda w: {"object_type": "initiatives.initiative", "object_id": w.initiative},
    ),
    _api(
        "subscription-detail",
        "GET",
        x(404, owner=200),
        scoped=True,
        kwargs=_pk("subscription"),
    ),
    _api("notification-preferences", "GET", x(200)),
    _api(
        "notification-preferences",
        "PUT",
        x(200),
        data=lambda w: {"initiatives.stage_changed": "off"},
    ),
]

MATRIX: list[Row] = [*PAGES, *API]
CASES = [
    pytest.param(row, actor, status, id=f"{row.name}-{row.method}-{actor}")
    for row in MATRIX
    for actor, status in row.statuses()
]


# --- The fixture world, built once per module -------------------------------------------------


def _build_world() -> tuple[W, dict[str, Any]]:
    people = {
        LEADER: UserFactory(username="lena", roles=[Role.LEADERSHIP]),
        OWNER: UserFactory(username="alice", roles=[Role.TEAM_LEAD]),
        MEMBER: UserFactory(username="bob", roles=[Role.TEAM_LEAD]),
        OUTSIDER: UserFactory(username="charlie", roles=[Role.TEAM_LEAD]),
        COMPLIANCE: UserFactory(username="carla", roles=[Role.COMPLIANCE]),
        FINANCE: UserFactory(username="finn", roles=[Role.FINANCE]),
        ADMIN: UserFactory(username="ada", roles=[Role.ADMIN]),
        IT: UserFactory(username="ivan", roles=[Role.IT]),
    }
    admin = people[ADMIN]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    department = DepartmentFactory()
    initiative = InitiativeFactory(
        owner=people[OWNER], members=[people[MEMBER]], department=department, stage=Stage.PILOT
    )
    kpi = KpiFactory(initiative=initiative)
    # Another team's initiative shares the system: the team sees the system, never this title.
    hidden = InitiativeFactory(title=HIDDEN_TITLE, department=department, stage=Stage.PILOT)
    system = AISystemFactory(name=SYSTEM_NAME, initiatives=[initiative, hidden])
    # The team's second initiative in pilot has the open gate request.
    requesting = InitiativeFactory(
        owner=people[OWNER], members=[people[MEMBER]], department=department, stage=Stage.PILOT
    )
    job = Job.objects.create(kind="governance.register_import", status=JobStatus.SUCCEEDED)
    counts = dict.fromkeys(("rows_in_file", "records", "added"), 1) | dict.fromkeys(
        ("errors", "duplicates", "blank_rows", "warnings", "changed", "removed", "unchanged"), 0
    )
    it_system = ITSystemFactory(name="CRM", initiatives=[initiative, hidden], ai_systems=[system])
    person = PersonFactory(name="Maria Jensen", levels={"prompt_engineering": 3})
    candidate = candidate_make(owner=people[LEADER], initiative=initiative)
    for kind in EvaluationCriterionKind.values:
        EvaluationCriterion.objects.create(evaluation_id=candidate.evaluation_id, kind=kind)
    vendor_cost = CandidateCost.objects.create(
        candidate=candidate, category="licence", recurrence="monthly", amount=1000
    )
    questionnaire_token = new_token()
    questionnaire = VendorQuestionnaire.objects.create(
        candidate=candidate,
        token_hash=token_hash(questionnaire_token),
        sent_to="sales@acme.example",
        created_by=people[COMPLIANCE],
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    world = W(
        evaluation=candidate.evaluation_id,
        candidate=candidate.pk,
        questionnaire=questionnaire.pk,
        questionnaire_token=questionnaire_token,
        vendor=candidate.product.vendor_id,
        product=candidate.product_id,
        spare_product=VendorProductFactory(vendor=candidate.product.vendor, name="Acme Vision").pk,
        vendor_cost=vendor_cost.pk,
        person=person.pk,
        team_role=TeamRole.objects.create(
            initiative=initiative,
            person=PersonFactory(name="Tom Berg"),
            role=TeamRoleKind.IT_INFRASTRUCTURE,
        ).pk,
        training_plan=TrainingPlanFactory(person=person).pk,
        literacy_measure=LiteracyMeasureFactory(participants=[person]).pk,
        it_system=it_system.pk,
        data_source=EstateDataSourceFactory(name="Customers", initiatives=[initiative]).pk,
        infrastructure_check=InfrastructureCheck.objects.create(
            structured_databases_with_apis=True,
            stable_cloud_connectivity=True,
            modern_web_services=False,
            current_backup_and_security=True,
            yes_count=3,
            ready=True,
            checked_by=people[COMPLIANCE],
        ).pk,
        department=department.pk,
        initiative=initiative.pk,
        hidden_initiative=hidden.pk,
        pilot=PilotFactory(initiative=initiative).pk,
        readiness=ReadinessItem.objects.create(
            initiative=initiative, kind=ReadinessKind.BUDGET_MODEL
        ).pk,
        gate=GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NEEDS_WORK,
            rationale="Baseline missing",
            decided_by=people[LEADER],
        ).pk,
        kpi=kpi.pk,
        measurement=MeasurementFactory(kpi=kpi, logged_by=people[OWNER]).pk,
        cost=CostItemFactory(initiative=initiative).pk,
        benefit=BenefitFactory(initiative=initiative).pk,
        adoption=AdoptionRecordFactory(department=department).pk,
        system=system.pk,
        risk=RiskFactory(system=system).pk,
        review=ReviewFactory(
            system=system, evidence=ContentFile(b"%PDF-1.4 audit", name="audit.pdf")
        ).pk,
        job=job.pk,
        run=ImportRun.objects.create(
            format_id="us_federal",
            filename="inventory.csv",
            file=ContentFile(b"Use Case Name\nLetter sorter\n", name="inventory.csv"),
            sha256="0" * 64,
            status=ImportStatus.SUCCEEDED,
            counts=counts,
            result=counts,
            job=job,
            created_by=people[COMPLIANCE],
        ).pk,
        report=QuarterlyReport.objects.create(
            year=2025,
            quarter=4,
            version=1,
            status=ReportStatus.READY,
            pdf=ContentFile(b"%PDF-1.4 report", name="report.pdf"),
            snapshot={"initiatives": []},
            created_by=people[FINANCE],
        ).pk,
        token=api_token_issue(user=people[OWNER], name="matrix").token.pk,
        gate_request=GateRequest.objects.create(
            initiative=requesting, requested_by=people[OWNER], note="Ready to scale"
        ).pk,
        subscription=Subscription.objects.create(
            user=people[OWNER],
            content_type=ContentType.objects.get_for_model(AISystem),
            object_id=system.pk,
        ).pk,
        notification=Notification.objects.create(
            recipient=people[OWNER],
            key="matrix",
            kind="initiatives.stage_changed",
            params={},
            target_url="/initiatives/",
        ).pk,
        measurement_job=Job.objects.create(
            kind="metrics.measurement_import",
            status=JobStatus.SUCCEEDED,
            params={"filename": "measurements.csv"},
            result={"committed": True, "counts": {"rows": 1, "created": 1}, "errors": []},
            created_by=people[OWNER],
        ).pk,
    )
    return world, people


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[W, dict[str, Any], dict[str, Any]]]:
    """The objects every row points at and a signed-in client per person, rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data, people = _build_world()
            pages: dict[str, Any] = {ANON: Client()}
            apis: dict[str, Any] = {ANON: APIClient()}
            for actor, user in people.items():
                pages[actor] = Client()
                pages[actor].force_login(user)
                apis[actor] = APIClient()
                apis[actor].force_authenticate(user)
            yield data, pages, apis
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _state(probe: tuple[type[models.Model], str | None], data: W) -> Any:
    model, attr = probe
    manager = model._default_manager
    row = manager.filter(pk=getattr(data, attr)).values().first() if attr else None
    return manager.count(), row


@pytest.mark.parametrize(("row", "actor", "expected"), CASES)
def test_permission(db: None, world: Any, row: Row, actor: str, expected: int) -> None:
    data, pages, apis = world
    url = reverse(row.name, kwargs=row.kwargs(data)) + row.query
    body = row.data(data) if row.data else None
    before = _state(row.probe, data) if row.probe else None
    method = row.method.lower()
    if row.api:
        client = apis[actor]
        extra = {"format": row.fmt} if body is not None else {}
        response = getattr(client, method)(url, body, **extra)
    else:
        response = getattr(pages[actor], method)(url, body or {})
    assert response.status_code == expected, (
        f"{row.method} {url} as {actor}: {response.status_code}, expected {expected}: "
        f"{response.content[:300]!r}"
    )
    if expected == 302 and actor == ANON and ANON not in row.expect:
        assert response.url.startswith(reverse("account_login"))
    refused = expected in REFUSED or (actor == ANON and ANON not in row.expect)
    if row.probe and (refused or actor in row.no_effect):
        assert _state(row.probe, data) == before, f"a refused {row.method} changed {url}"


# --- What the pages' filters, selects and lists reveal ----------------------------------------

HIDDEN_TITLE = "Confidential merger screening"
SYSTEM_NAME = "Shared document classifier"

# Where the hidden title shows to those who see every initiative (the test's control).
SHOWS_HIDDEN_TITLE = {
    "initiative list",
    "matrix",
    "system",
    "register export",
    "IT system",
    "IT systems export",
}

# Pages and API reads whose filters, choices or lists could name another team's initiative, and
# whether the shared system must show (True), must not (False) or may show either way (None).
REVEALING: list[tuple[str, Callable[[W], str], bool | None]] = [
    ("dashboard", lambda w: reverse("dashboard"), None),
    ("initiative list", lambda w: reverse("initiatives:initiative-list"), None),
    ("matrix", lambda w: reverse("initiatives:initiative-matrix"), None),
    ("register", lambda w: reverse("governance:system-list"), None),
    (
        "register filtered by the hidden initiative",
        lambda w: reverse("governance:system-list") + f"?initiative={w.hidden_initiative}",
        True,
    ),
    (
        "register searched by the hidden title",
        lambda w: reverse("governance:system-list") + "?initiative_title=merger+screening",
        True,
    ),
    ("system", lambda w: reverse("governance:system-detail", args=[w.system]), None),
    ("risks", lambda w: reverse("governance:risk-list"), None),
    ("reviews", lambda w: reverse("governance:review-list"), None),
    ("register export", lambda w: reverse("governance:export") + "?format=csv", None),
    ("IT system", lambda w: reverse("governance:it-system-detail", args=[w.it_system]), None),
    (
        "IT systems export",
        lambda w: reverse("governance:it-system-export") + "?format=csv",
        None,
    ),
    (
        "API systems by the hidden initiative",
        lambda w: reverse("ai-system-list") + f"?initiative={w.hidden_initiative}",
        True,
    ),
    (
        "API systems by the hidden title",
        lambda w: reverse("ai-system-list") + "?initiative_title=merger",
        True,
    ),
]


@pytest.mark.parametrize("actor", (LEADER, OWNER, MEMBER, COMPLIANCE, FINANCE, IT))
@pytest.mark.parametrize(("page", "path", "shows_system"), REVEALING, ids=[r[0] for r in REVEALING])
def test_filters_and_lists_name_only_initiatives_in_scope(
    db: None, world: Any, actor: str, page: str, path: Callable[[W], str], shows_system: bool | None
) -> None:
    """A team lead sees the shared system, never the other team's initiative: not as a filter
    choice, a linked title, an export cell or a search hit; who sees every initiative does."""
    data, pages, apis = world
    client = apis[actor] if page.startswith("API") else pages[actor]
    response = client.get(path(data))
    assert response.status_code == 200, f"{page} as {actor}: {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    sees_all = actor in (LEADER, COMPLIANCE, FINANCE, IT)
    if not sees_all:
        assert HIDDEN_TITLE not in text, f"{page} names another team's initiative to {actor}"
    elif page in SHOWS_HIDDEN_TITLE:
        # The control: the title does reach those who see every initiative.
        assert HIDDEN_TITLE in text, f"{page} as {actor}"
    if shows_system is not None:
        # A filter on the hidden initiative finds the system only for those who see it.
        assert (SYSTEM_NAME in text) == sees_all, f"{page} as {actor}"


# --- Every route is in the table ---------------------------------------------------------------

# Routes outside the matrix, and why. Everything else must appear in MATRIX.
ALLOWED_UNCOVERED = {
    # Django's admin checks is_staff and model permissions itself; it is not role-specific.
    "admin:*",
    # allauth's sign-in, sign-up, password and two-factor views act on the person themselves and
    # are the same for every role (tests/accounts covers them).
    "account_*",
    "mfa_*",
    # Single sign-on and the sign-in page are the same for every role, and SCIM answers only the
    # identity provider's bearer token, never a person (tests/accounts/test_sso_oidc.py, test_scim.py).
    "accounts:login",
    "oidc_*",
    "saml_*",
    "socialaccount_*",
    "scim:*",
    # The OpenAPI schema and its docs page describe the API; they hold no data.
    "api-schema",
    "api-docs",
}


def _named_routes(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _allowed(name: str) -> bool:
    return any(
        name.startswith(rule[:-1]) if rule.endswith("*") else name == rule
        for rule in ALLOWED_UNCOVERED
    )


def test_every_route_is_in_the_matrix() -> None:
    routes = set(_named_routes(get_resolver().url_patterns))
    covered = {row.name for row in MATRIX}
    missing = sorted(name for name in routes - covered if not _allowed(name))
    assert not missing, f"routes without a row in the permission matrix: {missing}"
    stale = sorted(covered - routes)
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"


def test_the_matrix_asks_the_owner_the_member_and_the_outsider_on_scoped_rows() -> None:
    for row in MATRIX:
        actors = {actor for actor, _status in row.statuses()}
        assert ANON in actors
        if row.scoped:
            assert {OWNER, MEMBER, OUTSIDER} <= actors, row.name
