"""Approvers hear of an approval request; the requester and the owner hear the decision."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from core.roles import Role
from governance import services
from governance.events import APPROVAL_DECIDED, APPROVAL_REQUESTED, emit_approval_requested
from governance.models import ApprovalEvent
from notifications.models import Notification
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_officer(db: None) -> User:
    """Another compliance officer, who approves what carla submits."""
    return UserFactory(
        username="cora", first_name="Cora", last_name="Checker", roles=[Role.COMPLIANCE]
    )


def _told(kind: str) -> dict[int, str]:
    return {n.recipient_id: n.sentence for n in Notification.objects.filter(kind=kind)}


def test_a_request_reaches_every_approver_but_the_requester_once(
    compliance_officer,
    second_officer,
    alice,
    leader,
    linked_system,
    django_capture_on_commit_callbacks,
) -> None:
    linked_system.owner = alice
    linked_system.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.ai_system_submit(actor=compliance_officer, system=linked_system)
    sentence = f"{compliance_officer} asks for approval of the AI system “Letter classifier”."
    # The approver, and alice, who follows the system she owns; not leadership.
    assert _told(APPROVAL_REQUESTED) == {second_officer.pk: sentence, alice.pk: sentence}
    # E-mailed at once by default.
    assert sorted((m.to, m.subject) for m in mail.outbox) == sorted(
        [
            ([second_officer.email], f"Portfolio: {sentence}"),
            ([alice.email], f"Portfolio: {sentence}"),
        ]
    )
    notification = Notification.objects.get(kind=APPROVAL_REQUESTED, recipient=second_officer)
    assert notification.delivery == "email"
    assert notification.target_url == reverse("governance:system-detail", args=[linked_system.pk])
    step = ApprovalEvent.objects.get(system=linked_system, to_status="submitted")
    with transaction.atomic():
        emit_approval_requested(step)
    assert Notification.objects.filter(kind=APPROVAL_REQUESTED).count() == 2
    assert not Notification.objects.filter(kind=APPROVAL_DECIDED).exists()


@pytest.mark.parametrize(("decide", "outcome"), [("approve", "Approved"), ("reject", "Rejected")])
def test_the_decision_reaches_the_requester_and_the_owner_once_each(
    compliance_officer, second_officer, alice, bob, linked_system, decide, outcome
) -> None:
    linked_system.owner = alice
    linked_system.risk_class = "minimal"
    linked_system.save()
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    getattr(services, f"ai_system_{decide}")(
        actor=second_officer, system=linked_system, grounds="DPIA reviewed."
    )
    sentence = (
        f"{second_officer} decided on the AI system “Letter classifier”: {outcome}. "
        "Grounds: DPIA reviewed."
    )
    assert _told(APPROVAL_DECIDED) == {compliance_officer.pk: sentence, alice.pk: sentence}
    assert set(
        Notification.objects.filter(kind=APPROVAL_DECIDED).values_list("delivery", flat=True)
    ) == {"email"}


def test_the_owner_who_is_also_the_requester_is_told_once(
    compliance_officer, second_officer, linked_system
) -> None:
    linked_system.owner = compliance_officer
    linked_system.risk_class = "minimal"
    linked_system.save()
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    services.ai_system_approve(actor=second_officer, system=linked_system, grounds="Fine.")
    assert list(_told(APPROVAL_DECIDED)) == [compliance_officer.pk]
