"""Each person chooses how they hear of each kind of event: page and API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.events import Delivery
from initiatives.events import GATE_DECIDED, GATE_REQUESTED, STAGE_CHANGED
from notifications.models import NotificationPreference
from tests.conftest import token_client

pytestmark = pytest.mark.django_db
PAGE = reverse("notifications:preferences")
API = "/api/v1/notifications/preferences/"
DEFAULTS = {
    GATE_REQUESTED: "email",
    GATE_DECIDED: "email",
    STAGE_CHANGED: "digest",
    "metrics.import_finished": "in_app",
    "metrics.kpi_overdue": "digest",
    "governance.import_finished": "in_app",
    "governance.approval_requested": "email",
    "governance.approval_decided": "email",
    "governance.review_reminder": "in_app",
    "governance.vendor_questionnaire_answered": "email",
    "portfolio.report_ready": "in_app",
}


def test_the_page_shows_labelled_choices_with_the_defaults(client, alice) -> None:
    client.force_login(alice)
    page = client.get(PAGE).content.decode()
    assert "<legend>A stage-gate decision is requested</legend>" in page
    assert "<legend>An initiative changes stage</legend>" in page
    assert '<input type="radio" name="initiatives__stage_changed" value="digest" ' in page
    form = client.get(PAGE).context["form"]
    assert form["initiatives__gate_requested"].value() == "email"
    assert form["initiatives__stage_changed"].value() == "digest"
    # Reached from the account menu and from the notifications page.
    assert (
        f'href="{PAGE}"' in client.get(reverse("notifications:notification-list")).content.decode()
    )


def test_the_report_import_and_approval_kinds_are_on_the_page(client, alice) -> None:
    client.force_login(alice)
    page = client.get(PAGE).content.decode()
    for label in (
        "A measurement import I started is finished",
        "A KPI I measure is overdue for a measurement",
        "A register import I started is finished",
        "Approval of an AI system is requested",
        "Approval of an AI system is decided",
        "A review I own is due or overdue",
        "A quarterly report I requested is ready",
    ):
        assert f"<legend>{label}</legend>" in page


def test_saving_the_page_keeps_only_what_differs_from_the_default(client, alice) -> None:
    client.force_login(alice)
    response = client.post(
        PAGE,
        {
            **{code.replace(".", "__"): default for code, default in DEFAULTS.items()},
            "initiatives__gate_requested": "off",
            "initiatives__stage_changed": "in_app",
        },
    )
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=alice).values_list("kind", "delivery")
    ) == {GATE_REQUESTED: "off", STAGE_CHANGED: "in_app"}
    assert "Your notification settings are saved." in client.get(PAGE).content.decode()


def test_a_bad_choice_on_the_page_is_a_field_error(client, alice) -> None:
    client.force_login(alice)
    response = client.post(PAGE, {"initiatives__gate_requested": "sms"})
    assert response.status_code == 400
    assert response.context["form"].errors["initiatives__gate_requested"] == [
        "Select a valid choice. sms is not one of the available choices."
    ]
    assert not NotificationPreference.objects.exists()


def test_the_page_needs_a_sign_in(client) -> None:
    assert client.get(PAGE).status_code == 302


def test_the_api_reads_and_changes_ones_own_settings(alice, bob) -> None:
    api = token_client(alice)
    assert api.get(API).json() == DEFAULTS
    answer = api.put(API, {STAGE_CHANGED: "off"}, format="json")
    assert answer.status_code == 200
    assert answer.json() == {**DEFAULTS, STAGE_CHANGED: "off"}
    assert token_client(bob).get(API).json() == DEFAULTS


@pytest.mark.parametrize(
    ("body", "field"),
    [({GATE_DECIDED: "sms"}, GATE_DECIDED), ({"no.such_event": "email"}, "no.such_event")],
)
def test_a_bad_value_in_the_api_is_a_400_naming_the_field(alice, body, field) -> None:
    answer = token_client(alice).put(API, body, format="json")
    assert answer.status_code == 400
    payload = answer.json()
    assert payload["status"] == 400
    assert list(payload["errors"]) == [field]
    assert not NotificationPreference.objects.exists()


def test_a_list_instead_of_an_object_is_a_400(alice) -> None:
    answer = token_client(alice).put(API, ["email"], format="json")
    assert answer.status_code == 400


def test_the_api_needs_a_sign_in(api_client) -> None:
    assert api_client.get(API).status_code in {401, 403}


def test_the_choices_are_the_five_deliveries() -> None:
    assert Delivery.values == ["in_app", "email", "digest", "weekly", "off"]
