"""Every refusal of the initiatives API comes in the one error format."""

from __future__ import annotations

import pytest

from initiatives.models import Pilot
from tests.conftest import token_client

pytestmark = pytest.mark.django_db
LIST = "/api/v1/initiatives/"


def test_400_names_the_fields(alice, customer_service) -> None:
    response = token_client(alice).post(
        LIST,
        {
            "title": "Chatbot",
            "problem": "Too many calls",
            "department": customer_service.pk,
            "build_type": "off_the_shelf",
            "business_value": 7,
            "technical_feasibility": 3,
            "implementation_effort": 3,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "invalid",
        "detail": "Some fields are not valid.",
        "errors": {"business_value": ["Ensure this value is less than or equal to 5."]},
    }


def test_400_from_a_service_keeps_the_field(alice, invoice_bot) -> None:
    response = token_client(alice).post(
        "/api/v1/pilots/",
        {
            "initiative": invoice_bot.pk,
            "scope": "One team",
            "start_date": "2026-05-01",
            "end_date": "2026-04-01",
            "success_criteria": "Fewer errors",
        },
        format="json",
    )
    assert response.json() == {
        "status": 400,
        "code": "invalid",
        "detail": "Some fields are not valid.",
        "errors": {"end_date": ["The end cannot be before the start."]},
    }
    assert not Pilot.objects.exists()


def test_401_without_credentials(api_client, invoice_bot) -> None:
    response = api_client.get(f"{LIST}{invoice_bot.pk}/")
    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "code": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
        "errors": {},
    }


def test_403_for_a_role_that_may_not_act(finance_user, invoice_bot) -> None:
    response = token_client(finance_user).patch(
        f"{LIST}{invoice_bot.pk}/", {"title": "Mine now"}, format="json"
    )
    assert response.json() == {
        "status": 403,
        "code": "permission_denied",
        "detail": "You may not change this.",
        "errors": {},
    }


def test_403_for_a_stage_change_the_role_may_not_make(finance_user, invoice_bot) -> None:
    response = token_client(finance_user).post(
        f"{LIST}{invoice_bot.pk}/transition/",
        {"stage": "assessment", "reason": "Budget approved"},
        format="json",
    )
    assert response.json() == {
        "status": 403,
        "code": "role_not_allowed",
        "detail": "Your role may not move an initiative from Idea to Assessment.",
        "errors": {},
    }


def test_404_outside_the_scope(charlie, invoice_bot) -> None:
    response = token_client(charlie).get(f"{LIST}{invoice_bot.pk}/")
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "Not found.",
        "errors": {},
    }


def test_409_for_an_illegal_stage_jump(bob, invoice_bot) -> None:
    response = token_client(bob).post(
        f"{LIST}{invoice_bot.pk}/transition/",
        {"stage": "production", "reason": "Ship it"},
        format="json",
    )
    assert response.json() == {
        "status": 409,
        "code": "illegal_jump",
        "detail": "An initiative cannot move from Idea to Production. From Idea it can move to: "
        "Assessment, On hold, Stopped.",
        "errors": {},
    }


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/api/v1/departments/", "Customer Service"),
        ("/api/v1/initiatives/", "Invoice triage assistant"),
        ("/api/v1/initiatives/{pk}/", "Invoice triage assistant"),
        ("/api/v1/initiatives/{pk}/stage-changes/", "Stage changes"),
        ("/api/v1/pilots/", "Pilot List"),
        ("/api/v1/gate-decisions/", "Gate Decision List"),
    ],
)
def test_the_browsable_api_renders_for_a_signed_in_person(
    client, alice, invoice_bot, path, shown
) -> None:
    client.force_login(alice)
    response = client.get(path.format(pk=invoice_bot.pk), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert shown in response.content.decode()
