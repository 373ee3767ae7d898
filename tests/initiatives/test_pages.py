"""The initiative pages as people use them: list, matrix, proposal, stage changes, gate, pilot."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import GateOutcome, Stage
from initiatives.models import GateDecision, Initiative, Pilot, StageChange
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def proposal(dept, **overrides):
    data = {
        "title": "Invoice data extraction",
        "problem": "Accounts payable retypes supplier invoices by hand.",
        "department": dept.pk,
        "build_type": "off_the_shelf",
        "data_availability": "available",
        "data_quality": "medium",
        "business_value": "4",
        "technical_feasibility": "4",
        "implementation_effort": "2",
        "strategic_alignment": "4",
    }
    data.update(overrides)
    return data


def test_team_lead_proposes_a_use_case_and_sees_its_priority(client, alice) -> None:
    department = DepartmentFactory(name="Finance")
    client.force_login(alice)
    response = client.post(reverse("initiatives:initiative-create"), proposal(department))
    initiative = Initiative.objects.get(title="Invoice data extraction")
    assert response.status_code == 302
    assert response.url == reverse("initiatives:initiative-detail", args=[initiative.pk])
    assert initiative.owner == alice
    assert (initiative.priority_score, initiative.priority_band) == (75, "high")
    assert initiative.readiness_items.count() == 10
    page = client.get(response.url).content.decode()
    assert "Priority 75 (High)" in page
    assert "36 / 36" not in page  # value 4 gives 27 of 36 points
    assert "27 / 36" in page


def test_a_score_out_of_range_is_a_field_error_and_nothing_is_saved(client, alice) -> None:
    department = DepartmentFactory()
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:initiative-create"), proposal(department, business_value="7")
    )
    assert response.status_code == 400
    assert "business_value" in response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert not Initiative.objects.exists()


def test_an_unknown_department_is_a_field_error(client, alice) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:initiative-create"), proposal(DepartmentFactory(), department="99999")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["department"] == ["Choose a department from the list."]


def test_leadership_may_not_propose(client, leader) -> None:
    client.force_login(leader)
    assert client.get(reverse("initiatives:initiative-create")).status_code == 403


def test_likely_duplicates_are_shown_while_typing(client, alice, charlie) -> None:
    InitiativeFactory(title="Invoice data extraction with OCR", owner=charlie)
    InitiativeFactory(title="Route optimisation for deliveries", owner=charlie)
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:initiative-duplicates"),
        {"title": "Extracting invoice data", "problem": ""},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Possible duplicates" in body
    assert "Invoice data extraction with OCR" in body
    assert "Route optimisation" not in body


def test_list_shows_only_a_team_leads_own_and_member_initiatives(
    client, alice, bob, charlie
) -> None:
    InitiativeFactory(title="Alice's", owner=alice)
    InitiativeFactory(title="Shared", owner=charlie, members=[alice])
    InitiativeFactory(title="Charlie's", owner=charlie)
    client.force_login(alice)
    titles = [
        i.title for i in client.get(reverse("initiatives:initiative-list")).context["page_obj"]
    ]
    assert sorted(titles) == ["Alice's", "Shared"]


def test_list_filters_sorts_and_answers_htmx_with_the_table_only(client, leader) -> None:
    InitiativeFactory(title="Low", business_value=1, technical_feasibility=1, stage=Stage.IDEA)
    InitiativeFactory(title="High", business_value=5, technical_feasibility=5, stage=Stage.PILOT)
    InitiativeFactory(title="Mid", stage=Stage.PILOT)
    client.force_login(leader)
    response = client.get(
        reverse("initiatives:initiative-list"),
        {"stage": "pilot", "ordering": "priority"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="initiative-results",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert [i.title for i in response.context["page_obj"]] == ["Mid", "High"]


def test_list_query_count_does_not_grow_with_the_data(client, leader) -> None:
    client.force_login(leader)
    url = reverse("initiatives:initiative-list")
    InitiativeFactory.create_batch(3)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    InitiativeFactory.create_batch(40)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_matrix_plots_every_visible_initiative_with_a_link(client, leader) -> None:
    initiative = InitiativeFactory(
        business_value=5, technical_feasibility=4, implementation_effort=2
    )
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-matrix"))
    chart = json.loads(response.context["chart_json"])
    [point] = chart["points"]
    assert (
        point["business_value"],
        point["technical_feasibility"],
        point["implementation_effort"],
    ) == (5, 4, 2)
    assert point["url"] == f"/initiatives/{initiative.pk}/"
    assert 'id="matrix-data"' in response.content.decode()


def test_a_large_matrix_groups_initiatives_sharing_a_bubble_and_opens_their_list(
    client, leader, monkeypatch
) -> None:
    monkeypatch.setattr("initiatives.views.initiatives.MATRIX_GROUP_ABOVE", 4)
    same = {"business_value": 5, "technical_feasibility": 4, "implementation_effort": 2}
    crowd = [InitiativeFactory(stage=Stage.PILOT, **same) for _ in range(3)]
    lone = InitiativeFactory(stage=Stage.IDEA, **same)
    InitiativeFactory(stage=Stage.PILOT, business_value=1, technical_feasibility=1)
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-matrix"))
    chart = json.loads(response.context["chart_json"])
    assert len(chart["points"]) == 3  # five initiatives, three bubbles
    [group] = [p for p in chart["points"] if p.get("count") == 3]
    assert group["title"] == "3 initiatives"
    [single] = [p for p in chart["points"] if p["stage"] == "idea"]
    assert single["url"] == f"/initiatives/{lone.pk}/"
    assert "share one bubble" in response.content.decode()
    # The bubble opens the list holding exactly its three initiatives (the browser adds the
    # bubble's stage and position to the list's address, as static/js/charts.js does).
    assert "url" not in group
    address = chart["group_url"] + (
        "stage=pilot&business_value=5&technical_feasibility=4&implementation_effort=2"
    )
    listed = client.get(address).context["page_obj"].object_list
    assert sorted(i.pk for i in listed) == sorted(i.pk for i in crowd)


def test_illegal_jump_answers_409_with_the_reason_on_the_page(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.IDEA)
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:initiative-transition", args=[initiative.pk]),
        {"stage": "production", "reason": "Skip ahead"},
    )
    assert response.status_code == 409
    assert "cannot move from Idea to Production" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.stage == Stage.IDEA
    assert not StageChange.objects.exists()


def _selected_stage(page: str) -> str:
    """The value the stage select shows on load (the first option unless one is selected)."""
    select = page.split('name="stage"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option value="([^"]*)"( selected)?>', select)
    return next((value for value, selected in options if selected), options[0][0])


def test_the_stage_form_on_a_pilot_does_not_preselect_a_step_back(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    client.force_login(alice)
    page = client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    html = page.content.decode()
    assert _selected_stage(html) == ""
    assert '<option value="" selected>Choose a stage</option>' in html
    response = client.post(
        reverse("initiatives:initiative-transition", args=[initiative.pk]),
        {"stage": "", "reason": "Clicked too fast"},
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors["stage"] == ["Choose a stage."]
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PILOT


def test_the_stage_form_preselects_the_next_stage_forward(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.ASSESSMENT)
    client.force_login(alice)
    page = client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    html = page.content.decode()
    assert _selected_stage(html) == "proof_of_concept"
    assert "Choose a stage" not in html


def test_team_lead_moves_own_initiative_to_pilot_step_by_step(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.IDEA)
    client.force_login(alice)
    for stage in ["assessment", "proof_of_concept", "pilot"]:
        response = client.post(
            reverse("initiatives:initiative-transition", args=[initiative.pk]),
            {"stage": stage, "reason": f"Ready for {stage}"},
        )
        assert response.status_code == 302, response.content.decode()[:500]
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PILOT
    assert list(initiative.stage_changes.values_list("to_stage", "actor__username")) == [
        ("pilot", "alice"), ("proof_of_concept", "alice"), ("assessment", "alice"),
    ]  # fmt: skip


def test_gate_page_shows_missing_evidence_as_not_yet_available(client, leader) -> None:
    initiative = InitiativeFactory(stage=Stage.PILOT)
    client.force_login(leader)
    response = client.get(reverse("initiatives:gate-decision", args=[initiative.pk]))
    slots = {item.data.get("slot"): item for item in response.context["evidence"]}
    assert set(slots) >= {"readiness", "realised_roi", "open_high_risks", "register_approval"}
    for slot in ("realised_roi", "open_high_risks", "register_approval"):
        if slots[slot].data.get("available") is False:
            assert str(slots[slot].value) == "Not yet available"


def test_leadership_approves_scaling_at_the_gate(client, leader) -> None:
    initiative = InitiativeFactory(stage=Stage.PILOT)
    client.force_login(leader)
    response = client.post(
        reverse("initiatives:gate-decision", args=[initiative.pk]),
        {"outcome": "go", "rationale": "Targets met, checklist complete."},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage == Stage.SCALING
    decision = GateDecision.objects.get(initiative=initiative)
    assert decision.outcome == GateOutcome.GO
    assert decision.decided_by == leader
    assert decision.evidence["items"][0]["label"] == "Scaling-readiness checklist"


def test_a_team_lead_cannot_decide_the_gate(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:gate-decision", args=[initiative.pk]),
        {"outcome": "go", "rationale": "I like it"},
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PILOT


def test_pilot_end_before_start_is_a_field_error(client, alice) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:pilot-create", args=[initiative.pk]),
        {
            "scope": "Two teams",
            "start_date": "2026-03-01",
            "end_date": "2026-02-01",
            "success_criteria": "Handling time down 20 %",
            "participants-TOTAL_FORMS": "3",
            "participants-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_date"] == ["The end cannot be before the start."]
    assert not Pilot.objects.exists()


def test_pilot_with_a_sceptic_is_documented(client, alice) -> None:
    department = DepartmentFactory(name="Customer Service")
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT, department=department)
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:pilot-create", args=[initiative.pk]),
        {
            "scope": "Two teams",
            "departments": [department.pk],
            "start_date": "2026-01-05",
            "end_date": "2026-03-31",
            "success_criteria": "Handling time down 20 %",
            "participants-TOTAL_FORMS": "2",
            "participants-INITIAL_FORMS": "0",
            "participants-0-name": "Greta",
            "participants-0-is_sceptic": "on",
            "participants-1-name": "Hugo",
        },
    )
    assert response.status_code == 302
    pilot = Pilot.objects.get(initiative=initiative)
    assert sorted(pilot.participants.values_list("name", "is_sceptic")) == [
        ("Greta", True),
        ("Hugo", False),
    ]


def test_pilot_form_offers_an_add_participant_button_and_takes_the_added_rows(
    client, alice
) -> None:
    initiative = InitiativeFactory(owner=alice, stage=Stage.PILOT)
    client.force_login(alice)
    url = reverse("initiatives:pilot-create", args=[initiative.pk])
    page = client.get(url).content.decode()
    assert 'data-formset-add="participants"' in page and "Add participant" in page
    assert 'id="participants-empty-form"' in page
    assert 'name="participants-__prefix__-name"' in page  # the row the button copies
    assert "js/formset.js" in page and "<script>" not in page  # no inline script under the CSP
    # Five rows, as the browser sends them after two clicks on "Add participant".
    names = ["Ada", "Ben", "Cem", "Dana", "Eli"]
    rows = {f"participants-{i}-name": name for i, name in enumerate(names)}
    response = client.post(
        url,
        {
            "scope": "Two teams",
            "start_date": "2026-01-05",
            "end_date": "2026-03-31",
            "success_criteria": "Handling time down 20 %",
            "participants-TOTAL_FORMS": "5",
            "participants-INITIAL_FORMS": "0",
            **rows,
            "participants-4-is_sceptic": "on",
        },
    )
    assert response.status_code == 302
    pilot = Pilot.objects.get(initiative=initiative)
    assert sorted(pilot.participants.values_list("name", "is_sceptic")) == [
        ("Ada", False), ("Ben", False), ("Cem", False), ("Dana", False), ("Eli", True),
    ]  # fmt: skip


def test_readiness_row_is_edited_in_place_with_htmx(client, alice) -> None:
    from initiatives.services import initiative_create

    initiative = initiative_create(
        actor=alice,
        data={"title": "T", "problem": "P", "department": DepartmentFactory(), "build_type": "custom",
              "business_value": 3, "technical_feasibility": 3, "implementation_effort": 3,
              "strategic_alignment": 3},
    )  # fmt: skip
    item = initiative.readiness_items.get(kind="training")
    client.force_login(alice)
    url = reverse("initiatives:readiness-item-update", args=[initiative.pk, item.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.lstrip().startswith("<tr")
    response = client.post(
        url,
        {"status": "done", "owner": alice.pk, "evidence": "Coaching plan"},
        HTTP_HX_REQUEST="true",
    )
    row = response.content.decode()
    assert row.lstrip().startswith("<tr") and "Done" in row and "Coaching plan" in row
    item.refresh_from_db()
    assert item.status == "done"
    assert item.history.latest().history_user == alice


def test_outsiders_get_404_for_initiatives_out_of_scope(client, alice, charlie) -> None:
    initiative = InitiativeFactory(owner=charlie)
    client.force_login(alice)
    assert (
        client.get(reverse("initiatives:initiative-detail", args=[initiative.pk])).status_code
        == 404
    )
    assert client.get(reverse("initiatives:gate-decision", args=[initiative.pk])).status_code == 404


def test_matrix_data_cannot_close_its_script_element(client, leader) -> None:
    InitiativeFactory(title="Bots </script><script>alert(1)</script> & more")
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-matrix"))
    html = response.content.decode()
    data = html.split('<script id="matrix-data" type="application/json">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and "&" not in data
    assert (
        json.loads(data)["points"][0]["title"] == "Bots </script><script>alert(1)</script> & more"
    )
