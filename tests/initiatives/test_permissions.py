"""Who may do what with an initiative, through the API, for every role and relation.

alice owns the initiative, bob is on its team, charlie is a team lead outside it. A refusal
must leave the initiative as it was.
"""

from __future__ import annotations

import pytest

from accounts.models import User
from initiatives.choices import Stage
from initiatives.models import GateDecision, Initiative, StageChange
from tests.conftest import token_client
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/initiatives/"


@pytest.fixture
def nobody(db: None) -> User:
    """Signed in, but with no role at all."""
    return UserFactory(username="nora")


@pytest.fixture
def invoice_bot(alice: User, bob: User) -> Initiative:
    return InitiativeFactory(
        title="Invoice triage assistant",
        department=DepartmentFactory(name="Finance", code="fin"),
        owner=alice,
        members=[bob],
    )


@pytest.fixture
def charlies_chatbot(charlie: User) -> Initiative:
    return InitiativeFactory(title="HR chatbot", owner=charlie)


def url(initiative: Initiative, suffix: str = "") -> str:
    return f"{LIST}{initiative.pk}/{suffix}"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Invoice triage assistant"]),
        ("bob", ["Invoice triage assistant"]),
        ("charlie", ["HR chatbot"]),
        ("leader", ["HR chatbot", "Invoice triage assistant"]),
        ("compliance_officer", ["HR chatbot", "Invoice triage assistant"]),
        ("finance_user", ["HR chatbot", "Invoice triage assistant"]),
        ("administrator", ["HR chatbot", "Invoice triage assistant"]),
        ("nobody", []),
    ],
)
def test_list(request, persona, expected, invoice_bot, charlies_chatbot) -> None:
    response = token_client(request.getfixturevalue(persona)).get(f"{LIST}?ordering=title")
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == expected


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("charlie", 404),
        ("leader", 200),
        ("compliance_officer", 200),
        ("finance_user", 200),
        ("administrator", 200),
        ("nobody", 404),
    ],
)
def test_retrieve(request, persona, status, invoice_bot) -> None:
    response = token_client(request.getfixturevalue(persona)).get(url(invoice_bot))
    assert response.status_code == status
    if status == 200:
        assert response.json()["title"] == "Invoice triage assistant"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("charlie", 404),
        ("leader", 403),
        ("compliance_officer", 403),
        ("finance_user", 403),
        ("administrator", 200),
        ("nobody", 404),
    ],
)
def test_update(request, persona, status, invoice_bot) -> None:
    response = token_client(request.getfixturevalue(persona)).patch(
        url(invoice_bot), {"title": "Renamed", "business_value": 5}, format="json"
    )
    assert response.status_code == status
    invoice_bot.refresh_from_db()
    if status == 200:
        assert (invoice_bot.title, invoice_bot.priority_score) == ("Renamed", 68)
    else:
        assert (invoice_bot.title, invoice_bot.priority_score) == ("Invoice triage assistant", 50)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("charlie", 404),
        ("leader", 200),
        ("compliance_officer", 403),
        ("finance_user", 403),
        ("administrator", 403),
        ("nobody", 404),
    ],
)
def test_transition_to_assessment(request, persona, status, invoice_bot) -> None:
    user = request.getfixturevalue(persona)
    response = token_client(user).post(
        url(invoice_bot, "transition/"),
        {"stage": "assessment", "reason": "Sample data agreed"},
        format="json",
    )
    assert response.status_code == status
    invoice_bot.refresh_from_db()
    if status == 200:
        assert invoice_bot.stage == Stage.ASSESSMENT
        change = StageChange.objects.get()
        assert (change.actor, change.reason) == (user, "Sample data agreed")
    else:
        assert invoice_bot.stage == Stage.IDEA
        assert not StageChange.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("charlie", 404),
        ("leader", 200),
        ("compliance_officer", 200),
        ("finance_user", 403),
        ("administrator", 403),
    ],
)
def test_put_on_hold(request, persona, status, invoice_bot) -> None:
    """Compliance may pause any initiative (a governance brake) but moves it nowhere else."""
    response = token_client(request.getfixturevalue(persona)).post(
        url(invoice_bot, "transition/"),
        {"stage": "on_hold", "reason": "DPIA outstanding"},
        format="json",
    )
    assert response.status_code == status
    invoice_bot.refresh_from_db()
    assert invoice_bot.stage == (Stage.ON_HOLD if status == 200 else Stage.IDEA)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 403),
        ("bob", 403),
        ("charlie", 403),
        ("leader", 201),
        ("compliance_officer", 403),
        ("finance_user", 403),
        ("administrator", 403),
        ("nobody", 403),
    ],
)
def test_gate_decision(request, persona, status, invoice_bot) -> None:
    Initiative.objects.filter(pk=invoice_bot.pk).update(stage=Stage.PILOT)
    response = token_client(request.getfixturevalue(persona)).post(
        "/api/v1/gate-decisions/",
        {"initiative": invoice_bot.pk, "outcome": "go", "rationale": "ROI proven"},
        format="json",
    )
    assert response.status_code == status
    invoice_bot.refresh_from_db()
    if status == 201:
        assert invoice_bot.stage == Stage.SCALING
        assert GateDecision.objects.get().decided_by.username == "lena"
    else:
        assert invoice_bot.stage == Stage.PILOT
        assert not GateDecision.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 201),
        ("bob", 201),
        ("charlie", 201),
        ("leader", 403),
        ("compliance_officer", 403),
        ("finance_user", 403),
        ("administrator", 403),
        ("nobody", 403),
    ],
)
def test_propose(request, persona, status) -> None:
    department = DepartmentFactory(name="Legal", code="legal")
    response = token_client(request.getfixturevalue(persona)).post(
        LIST,
        {
            "title": "Clause finder",
            "problem": "Liability clauses are missed.",
            "department": department.pk,
            "build_type": "custom",
            "business_value": 3,
            "technical_feasibility": 3,
            "implementation_effort": 3,
        },
        format="json",
    )
    assert response.status_code == status
    assert Initiative.objects.filter(title="Clause finder").count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 403),
        ("bob", 403),
        ("charlie", 404),
        ("leader", 403),
        ("compliance_officer", 403),
        ("finance_user", 403),
        ("administrator", 204),
        ("nobody", 404),
    ],
)
def test_delete(request, persona, status, invoice_bot) -> None:
    response = token_client(request.getfixturevalue(persona)).delete(url(invoice_bot))
    assert response.status_code == status
    assert Initiative.objects.filter(pk=invoice_bot.pk).exists() == (status != 204)
