"""The departments endpoints: readable by everyone signed in, managed by administrators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Department
from tests.conftest import token_client
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/departments/"


def test_a_department_shows_headcount_champions_and_visible_initiatives(
    alice, charlie, leader, customer_service, invoice_bot
) -> None:
    champion = UserFactory(username="chris", first_name="Chris", last_name="Meyer")
    customer_service.champions.set([champion])
    InitiativeFactory(department=customer_service, owner=charlie)

    row = token_client(leader).get(f"{LIST}{customer_service.pk}/").json()
    assert row == {
        "id": customer_service.pk,
        "name": "Customer Service",
        "code": "cs",
        "headcount": 240,
        "champions": [{"id": champion.pk, "name": "Chris Meyer"}],
        "initiative_count": 2,
    }
    # A team lead counts only the initiatives they may see.
    assert token_client(alice).get(f"{LIST}{customer_service.pk}/").json()["initiative_count"] == 1


@pytest.mark.parametrize(
    "persona", ["alice", "leader", "compliance_officer", "finance_user", "administrator"]
)
def test_everyone_signed_in_lists_departments(request, persona, customer_service) -> None:
    DepartmentFactory(name="Accounts Payable", code="ap")
    response = token_client(request.getfixturevalue(persona)).get(LIST)
    assert response.status_code == 200
    assert [d["name"] for d in response.json()["results"]] == [
        "Accounts Payable",
        "Customer Service",
    ]


def test_an_administrator_creates_a_department_with_champions(administrator, bob) -> None:
    response = token_client(administrator).post(
        LIST, {"name": "Legal", "code": "legal", "headcount": 35, "champions": [bob.pk]}
    )
    assert response.status_code == 201
    assert response.json()["champions"] == [{"id": bob.pk, "name": str(bob)}]
    assert response.json()["initiative_count"] == 0
    assert list(Department.objects.get(code="legal").champions.all()) == [bob]


def test_an_administrator_changes_the_headcount(administrator, customer_service) -> None:
    response = token_client(administrator).patch(
        f"{LIST}{customer_service.pk}/", {"headcount": 260}
    )
    assert response.status_code == 200
    customer_service.refresh_from_db()
    assert customer_service.headcount == 260


def test_a_duplicate_code_is_a_field_error(administrator, customer_service) -> None:
    response = token_client(administrator).post(LIST, {"name": "Client Service", "code": "cs"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["code"]


@pytest.mark.parametrize("persona", ["alice", "leader", "compliance_officer", "finance_user"])
def test_only_administrators_manage_departments(request, persona, customer_service) -> None:
    client = token_client(request.getfixturevalue(persona))
    url = f"{LIST}{customer_service.pk}/"
    assert client.post(LIST, {"name": "Legal", "code": "legal"}).status_code == 403
    assert client.patch(url, {"headcount": 1}).status_code == 403
    assert client.delete(url).status_code == 403
    customer_service.refresh_from_db()
    assert customer_service.headcount == 240
    assert list(Department.objects.values_list("code", flat=True)) == ["cs"]


def test_a_department_with_initiatives_cannot_be_deleted(
    administrator, customer_service, invoice_bot
) -> None:
    response = token_client(administrator).delete(f"{LIST}{customer_service.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Department.objects.filter(pk=customer_service.pk).exists()


def test_an_empty_department_is_deleted(administrator) -> None:
    empty = DepartmentFactory(name="Old unit", code="old")
    assert token_client(administrator).delete(f"{LIST}{empty.pk}/").status_code == 204
    assert not Department.objects.filter(pk=empty.pk).exists()


def test_the_list_makes_the_same_number_of_queries_for_5_and_50(alice, bob) -> None:
    client = token_client(alice)
    client.get("/api/v1/me/")
    champions = UserFactory.create_batch(2)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    for department in DepartmentFactory.create_batch(5):
        department.champions.set(champions)
        InitiativeFactory(department=department, owner=alice)
    small = count()
    for department in DepartmentFactory.create_batch(45):
        department.champions.set(champions)
        InitiativeFactory(department=department, owner=alice)
    assert count() == small
