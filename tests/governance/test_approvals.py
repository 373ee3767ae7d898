"""The approval flow: draft → submitted → approved or rejected, and material changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance import services
from governance.choices import ApprovalStatus, RiskClass
from governance.models import ApprovalEvent
from governance.services import ApprovalConflict
from tests.conftest import token_client
from tests.factories.governance import AIModelFactory

pytestmark = pytest.mark.django_db


def test_submit_approve_records_who_when_and_grounds(compliance_officer, linked_system):
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    system = services.ai_system_approve(
        actor=compliance_officer, system=linked_system, grounds="DPIA done, oversight in place."
    )
    assert system.approval_status == ApprovalStatus.APPROVED
    assert system.approval_decided_by == compliance_officer
    assert system.approval_decided_at is not None
    assert system.approval_grounds == "DPIA done, oversight in place."
    steps = list(
        ApprovalEvent.objects.filter(system=system)
        .order_by("id")
        .values_list("from_status", "to_status")
    )
    assert steps == [("draft", "submitted"), ("submitted", "approved")]


def test_rejection_needs_grounds_and_can_be_resubmitted(compliance_officer, linked_system):
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    with pytest.raises(ValidationError):
        services.ai_system_reject(actor=compliance_officer, system=linked_system, grounds=" ")
    services.ai_system_reject(actor=compliance_officer, system=linked_system, grounds="No DPIA.")
    system = services.ai_system_submit(actor=compliance_officer, system=linked_system)
    assert system.approval_status == ApprovalStatus.SUBMITTED


def test_only_compliance_officers_approve(
    alice, leader, finance_user, compliance_officer, linked_system
):
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    for user in (alice, leader, finance_user):
        with pytest.raises(PermissionDenied):
            services.ai_system_approve(actor=user, system=linked_system, grounds="ok")
    linked_system.refresh_from_db()
    assert linked_system.approval_status == ApprovalStatus.SUBMITTED


def test_approving_a_draft_is_a_conflict_409(compliance_officer, linked_system):
    response = token_client(compliance_officer).post(
        f"/api/v1/ai-systems/{linked_system.pk}/approve/", {"grounds": "ok"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_unclassified_and_prohibited_systems_cannot_be_approved(compliance_officer, linked_system):
    for risk_class in (RiskClass.UNCLASSIFIED, RiskClass.PROHIBITED):
        linked_system.risk_class = risk_class
        linked_system.approval_status = ApprovalStatus.SUBMITTED
        linked_system.save()
        with pytest.raises(ApprovalConflict):
            services.ai_system_approve(actor=compliance_officer, system=linked_system, grounds="ok")


def _approved(system, officer):
    services.ai_system_submit(actor=officer, system=system)
    return services.ai_system_approve(actor=officer, system=system, grounds="Fine.")


def test_material_change_sends_an_approved_system_back_for_approval(
    compliance_officer, linked_system
):
    system = _approved(linked_system, compliance_officer)
    system = services.ai_system_update(
        actor=compliance_officer, system=system, data={"vendor": "Other vendor"}
    )
    assert system.approval_status == ApprovalStatus.SUBMITTED
    event = ApprovalEvent.objects.filter(system=system).first()
    assert (event.from_status, event.to_status) == ("approved", "submitted")
    assert event.material_fields == ["vendor"]
    assert "vendor" in event.grounds


def test_a_new_model_is_material_but_a_new_name_is_not(compliance_officer, linked_system):
    system = _approved(linked_system, compliance_officer)
    system = services.ai_system_update(
        actor=compliance_officer, system=system, data={"name": "Letter router"}
    )
    assert system.approval_status == ApprovalStatus.APPROVED
    system = services.ai_system_update(
        actor=compliance_officer,
        system=system,
        data={},
        models=[{"name": "llama", "kind": "general_purpose"}],
    )
    assert system.approval_status == ApprovalStatus.SUBMITTED
    assert ApprovalEvent.objects.filter(system=system).first().material_fields == ["models"]


def test_unchanged_models_are_not_a_material_change(compliance_officer, linked_system):
    model = AIModelFactory(system=linked_system)
    system = _approved(linked_system, compliance_officer)
    same = [{"id": model.pk, "name": model.name, "provider": model.provider,
             "version": model.version, "kind": model.kind}]  # fmt: skip
    system = services.ai_system_update(
        actor=compliance_officer, system=system, data={}, models=same
    )
    assert system.approval_status == ApprovalStatus.APPROVED


def test_approval_through_the_page(client, compliance_officer, linked_system):
    client.force_login(compliance_officer)
    client.post(reverse("governance:system-approval", args=[linked_system.pk, "submit"]))
    response = client.post(
        reverse("governance:system-approval", args=[linked_system.pk, "approve"]),
        {"grounds": "Reviewed the DPIA."},
        follow=True,
    )
    assert response.status_code == 200
    linked_system.refresh_from_db()
    assert linked_system.approval_status == ApprovalStatus.APPROVED
    assert "Reviewed the DPIA." in response.content.decode()


def test_team_lead_posting_approve_gets_a_message_not_a_change(
    client, alice, compliance_officer, linked_system
):
    services.ai_system_submit(actor=compliance_officer, system=linked_system)
    client.force_login(alice)
    response = client.post(
        reverse("governance:system-approval", args=[linked_system.pk, "approve"]), {"grounds": "x"}
    )
    assert response.status_code == 403
    linked_system.refresh_from_db()
    assert linked_system.approval_status == ApprovalStatus.SUBMITTED
