"""Fuzz the API from its own OpenAPI schema: no input makes a 500, every answer fits the schema.

Schemathesis reads the schema /api/schema/ serves (from its generator: the served one needs
sign-in) and sends, through the WSGI application (no server), generated
requests to every operation, as a team lead and as a compliance officer, each with a personal
API token. Path ids point at seeded rows of the person's scope so that detail operations reach
real objects instead of stopping at 404. The examples are bounded and derandomised, so a run is
repeatable and stays within a few minutes.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from accounts.tokens import api_token_issue
from core.roles import Role
from governance.models import InfrastructureCheck
from initiatives.choices import GateOutcome, Stage
from initiatives.models import GateDecision, GateRequest
from jobs.models import Job, JobStatus
from notifications.models import Notification
from portfolio.models import QuarterlyReport, ReportStatus
from tests.factories.accounts import UserFactory
from tests.factories.governance import (
    AISystemFactory,
    EstateDataSourceFactory,
    ITSystemFactory,
    ReviewFactory,
    RiskFactory,
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

MAX_EXAMPLES = 15

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        # The coverage phase walks every boundary of every field; examples and bounded fuzzing
        # find the same classes of bugs here in a fraction of the time.
        "phases": {"coverage": {"enabled": False}},
    }
)
APP = WSGIHandler()
# The served schema needs sign-in; the fuzzer reads the same document from its generator.
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)),
    config=CONFIG,
)
schema.app = APP
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def _wsgi_in_test_transaction() -> Iterator[None]:
    """Requests through the WSGI handler must not close the test's connection, as the test
    client's handler also arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.TEAM_LEAD, Role.COMPLIANCE], ids=["team_lead", "compliance"])
def seeded(
    request: pytest.FixtureRequest, db: None, _wsgi_in_test_transaction: None
) -> dict[str, Any]:
    """Rows every operation can reach, and the token of the person asking."""
    lead = UserFactory(username="alice", roles=[Role.TEAM_LEAD])
    officer = UserFactory(username="carla", roles=[Role.COMPLIANCE])
    leader = UserFactory(username="lena", roles=[Role.LEADERSHIP])
    department = DepartmentFactory()
    initiative = InitiativeFactory(owner=lead, department=department, stage=Stage.PILOT)
    kpi = KpiFactory(initiative=initiative)
    system = AISystemFactory(initiatives=[initiative])
    job = Job.objects.create(kind="governance.register_import", status=JobStatus.SUCCEEDED)
    person = lead if request.param == Role.TEAM_LEAD else officer
    ids = {
        "departments": department.pk,
        "initiatives": initiative.pk,
        "pilots": PilotFactory(initiative=initiative).pk,
        "gate-decisions": GateDecision.objects.create(
            initiative=initiative,
            outcome=GateOutcome.NEEDS_WORK,
            rationale="Baseline missing",
            decided_by=leader,
        ).pk,
        "kpis": kpi.pk,
        "measurements": MeasurementFactory(kpi=kpi, logged_by=lead).pk,
        "costs": CostItemFactory(initiative=initiative).pk,
        "benefits": BenefitFactory(initiative=initiative).pk,
        "adoption": AdoptionRecordFactory(department=department).pk,
        "ai-systems": system.pk,
        "risks": RiskFactory(system=system).pk,
        "reviews": ReviewFactory(
            system=system, due_date=datetime.date.today() + datetime.timedelta(days=30)
        ).pk,
        "reports": QuarterlyReport.objects.create(
            year=2025, quarter=4, version=1, status=ReportStatus.FAILED, created_by=leader
        ).pk,
        "register": job.pk,
        "it-systems": ITSystemFactory(initiatives=[initiative], ai_systems=[system]).pk,
        "data-sources": EstateDataSourceFactory(initiatives=[initiative]).pk,
        "infrastructure-checks": InfrastructureCheck.objects.create(
            structured_databases_with_apis=True,
            stable_cloud_connectivity=False,
            modern_web_services=True,
            current_backup_and_security=True,
            yes_count=3,
            ready=True,
            checked_by=officer,
        ).pk,
        "measurements/import": Job.objects.create(
            kind="metrics.measurement_import", status=JobStatus.QUEUED, created_by=person
        ).pk,
        "gate-requests": GateRequest.objects.create(
            initiative=initiative, requested_by=lead, note="Ready to scale"
        ).pk,
        "notifications": Notification.objects.create(
            recipient=person, key="fuzz", kind="initiatives.stage_changed", params={}
        ).pk,
        "people": PersonFactory(levels={"business_process": 3}).pk,
        "training-plans": TrainingPlanFactory().pk,
        "literacy-measures": LiteracyMeasureFactory().pk,
    }
    secret = api_token_issue(user=person, name="fuzz").secret
    # Schemathesis's in-process transport asks for gzip but does not unpack it; the
    # compression itself is tested in tests/portfolio/test_shell.py.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    return {"ids": ids, "headers": headers}


def _seed_path(case: Any, ids: dict[str, int]) -> None:
    """Point the case's path ids at seeded rows (the longest matching resource wins)."""
    if not case.path_parameters:
        return
    path = case.operation.path.removeprefix("/api/v1/")
    resource = max((key for key in ids if path.startswith(key + "/")), key=len, default=None)
    if resource is None:
        return
    for name in case.path_parameters:
        case.path_parameters[name] = ids[resource]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema(case: Any, seeded: dict[str, Any]) -> None:
    _seed_path(case, seeded["ids"])
    case.call_and_validate(headers=seeded["headers"], checks=CHECKS)
