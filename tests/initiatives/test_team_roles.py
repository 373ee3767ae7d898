"""The cross-functional team of an initiative: roles, gaps, pages, gate and API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import selectors, services
from initiatives.choices import Stage, TeamRoleKind
from initiatives.models import TeamRole
from tests.conftest import token_client
from tests.factories.initiatives import InitiativeFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(alice, bob):
    return InitiativeFactory(
        title="Invoice triage assistant", owner=alice, members=[bob], stage=Stage.PILOT
    )


@pytest.fixture
def staffed(initiative, alice):
    """Three of the five roles filled: data scientist, IT, business owner."""
    people = {
        "data_scientist": PersonFactory(name="Priya Raman", job_title="ML engineer"),
        "it_infrastructure": PersonFactory(name="Tom Berg", job_title="Platform lead"),
        "business_owner": PersonFactory(name="Eva Lind", job_title="Head of accounts payable"),
    }
    for role, person in people.items():
        services.team_role_add(actor=alice, initiative=initiative, person=person, role=role)
    return people


def _detail(client, initiative):
    return client.get(reverse("initiatives:initiative-detail", args=[initiative.pk]))


def test_gaps_are_the_required_roles_nobody_holds(initiative, staffed) -> None:
    team = selectors.team_summary(initiative=initiative)
    assert [slot.role for slot in team.gaps] == ["end_user", "legal_ethics"]
    assert team.missing_in_sentence == "end-user representative, legal and ethics"
    holders = {slot.role: [m.person.name for m in slot.members] for slot in team.slots}
    assert holders == {
        "data_scientist": ["Priya Raman"],
        "it_infrastructure": ["Tom Berg"],
        "business_owner": ["Eva Lind"],
        "end_user": [],
        "legal_ethics": [],
    }


def test_the_page_warns_of_the_missing_legal_and_ethics_member(
    client, alice, initiative, staffed
) -> None:
    client.force_login(alice)
    page = _detail(client, initiative).content.decode()
    assert "2 of 5 roles missing:" in page
    assert "No legal and ethics member" in page
    assert "No end-user representative" in page
    assert "Priya Raman</a>, ML engineer" in page
    assert "Eva Lind</a>, Head of accounts payable" in page


def test_adding_a_legal_and_ethics_member_closes_that_gap(client, bob, initiative, staffed) -> None:
    counsel = PersonFactory(name="Jonas Weber", job_title="Data protection officer")
    client.force_login(bob)  # a member of the team may staff it too
    response = client.post(
        reverse("initiatives:team-role-add", args=[initiative.pk]),
        {"person": counsel.pk, "role": "legal_ethics", "note": "Half a day a week"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#team-title")
    page = client.get(response.url).content.decode()
    assert "Jonas Weber was added to the team as legal and ethics." in page
    assert "No legal and ethics member" not in page
    assert "1 of 5 roles missing:" in page
    assert "No end-user representative" in page
    role = TeamRole.objects.get(initiative=initiative, person=counsel)
    assert (role.role, role.note) == ("legal_ethics", "Half a day a week")
    assert role.history.get().history_user == bob


def test_the_same_person_twice_in_one_role_is_a_field_error(
    client, alice, initiative, staffed
) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("initiatives:team-role-add", args=[initiative.pk]),
        {"person": staffed["it_infrastructure"].pk, "role": "it_infrastructure"},
    )
    assert response.status_code == 400
    assert response.context["team_form"].errors["person"] == [
        "Tom Berg is already on the team as IT and infrastructure."
    ]
    assert TeamRole.objects.filter(initiative=initiative).count() == 3


def test_one_person_may_hold_a_second_role(alice, initiative, staffed) -> None:
    services.team_role_add(
        actor=alice, initiative=initiative, person=staffed["business_owner"], role="end_user"
    )
    team = selectors.team_summary(initiative=initiative)
    assert [slot.role for slot in team.gaps] == ["legal_ethics"]


def test_removing_a_member_reopens_the_gap(client, alice, initiative, staffed) -> None:
    role = TeamRole.objects.get(initiative=initiative, role="data_scientist")
    client.force_login(alice)
    response = client.post(reverse("initiatives:team-role-remove", args=[initiative.pk, role.pk]))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Priya Raman is no longer on the team as data scientist / ML engineer." in page
    assert "No data scientist or ML engineer" in page
    assert "3 of 5 roles missing:" in page
    assert not TeamRole.objects.filter(pk=role.pk).exists()
    assert TeamRole.history.filter(id=role.pk, history_type="-").get().history_user == alice


def test_a_team_lead_of_another_initiative_gets_404(client, charlie, initiative, staffed) -> None:
    outsider_person = PersonFactory(name="Nina Park")
    role = TeamRole.objects.get(initiative=initiative, role="business_owner")
    client.force_login(charlie)
    assert _detail(client, initiative).status_code == 404
    add = client.post(
        reverse("initiatives:team-role-add", args=[initiative.pk]),
        {"person": outsider_person.pk, "role": "legal_ethics"},
    )
    remove = client.post(reverse("initiatives:team-role-remove", args=[initiative.pk, role.pk]))
    assert (add.status_code, remove.status_code) == (404, 404)
    assert TeamRole.objects.filter(initiative=initiative).count() == 3
    api = token_client(charlie)
    assert api.get(f"/api/v1/initiatives/{initiative.pk}/team/").status_code == 404
    post = api.post(
        f"/api/v1/initiatives/{initiative.pk}/team/",
        {"person": outsider_person.pk, "role": "legal_ethics"},
        format="json",
    )
    assert post.status_code == 404
    assert api.delete(f"/api/v1/initiatives/{initiative.pk}/team/{role.pk}/").status_code == 404


def test_who_sees_but_may_not_edit_gets_no_form_and_403(
    client, compliance_officer, initiative, staffed
) -> None:
    client.force_login(compliance_officer)
    page = _detail(client, initiative).content.decode()
    assert "No legal and ethics member" in page
    assert "Add a person to the team" not in page
    response = client.post(
        reverse("initiatives:team-role-add", args=[initiative.pk]),
        {"person": staffed["business_owner"].pk, "role": "legal_ethics"},
    )
    assert response.status_code == 403
    api = token_client(compliance_officer)
    refused = api.post(
        f"/api/v1/initiatives/{initiative.pk}/team/",
        {"person": staffed["business_owner"].pk, "role": "legal_ethics"},
        format="json",
    )
    assert refused.status_code == 403
    assert TeamRole.objects.filter(initiative=initiative).count() == 3


def test_the_gate_page_shows_the_team_gaps_beside_the_evidence(
    client, leader, initiative, staffed
) -> None:
    client.force_login(leader)
    response = client.get(reverse("initiatives:gate-decision", args=[initiative.pk]))
    team = next(item for item in response.context["evidence"] if item.data["slot"] == "team")
    assert str(team.value) == "2 of 5 roles missing"
    assert str(team.detail) == "Missing: end-user representative, legal and ethics"
    assert team.tone == "warn"
    page = response.content.decode()
    assert "Cross-functional team" in page
    assert "2 of 5 roles missing" in page
    assert "Missing: end-user representative, legal and ethics" in page
    response = client.post(
        reverse("initiatives:gate-decision", args=[initiative.pk]),
        {"outcome": "needs_work", "rationale": "Name someone for legal and ethics first."},
    )
    assert response.status_code == 302
    frozen = initiative.gate_decisions.get().evidence["items"]
    assert frozen[1]["value"] == "2 of 5 roles missing"
    assert frozen[1]["data"]["missing"] == ["end_user", "legal_ethics"]


def test_the_gate_says_so_when_every_role_is_filled(client, leader, alice, initiative) -> None:
    person = PersonFactory(name="Sam Olsen")
    for role in TeamRoleKind.values:
        services.team_role_add(actor=alice, initiative=initiative, person=person, role=role)
    client.force_login(leader)
    response = client.get(reverse("initiatives:gate-decision", args=[initiative.pk]))
    team = next(item for item in response.context["evidence"] if item.data["slot"] == "team")
    assert (str(team.value), team.tone) == ("All 5 roles filled", "good")


def test_api_lists_adds_and_removes_team_members(alice, initiative, staffed) -> None:
    api = token_client(alice)
    url = f"/api/v1/initiatives/{initiative.pk}/team/"
    listed = api.get(url).json()
    assert [(m["role"], m["person"]["name"]) for m in listed["members"]] == [
        ("data_scientist", "Priya Raman"),
        ("it_infrastructure", "Tom Berg"),
        ("business_owner", "Eva Lind"),
    ]
    assert listed["members"][0]["person"]["job_title"] == "ML engineer"
    assert [(g["role"], g["warning"]) for g in listed["missing_roles"]] == [
        ("end_user", "No end-user representative"),
        ("legal_ethics", "No legal and ethics member"),
    ]
    user_rep = PersonFactory(name="Maja Holm", job_title="Accounts clerk")
    created = api.post(url, {"person": user_rep.pk, "role": "end_user"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["role"], body["role_label"], body["person"]["name"]) == (
        "end_user",
        "End-user representative",
        "Maja Holm",
    )
    after = api.get(url).json()
    assert [g["role"] for g in after["missing_roles"]] == ["legal_ethics"]
    removed = api.delete(f"{url}{body['id']}/")
    assert removed.status_code == 204
    assert [g["role"] for g in api.get(url).json()["missing_roles"]] == [
        "end_user",
        "legal_ethics",
    ]


def test_api_bad_input_is_a_400_with_field_errors(alice, initiative, staffed) -> None:
    api = token_client(alice)
    url = f"/api/v1/initiatives/{initiative.pk}/team/"
    bad = api.post(url, {"person": 999999, "role": "chief_ai_officer"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"person", "role"}
    duplicate = api.post(
        url, {"person": staffed["data_scientist"].pk, "role": "data_scientist"}, format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"]["person"] == [
        "Priya Raman is already on the team as data scientist / ML engineer."
    ]
    assert api.post(url, {}, format="json").status_code == 400
    assert TeamRole.objects.filter(initiative=initiative).count() == 3


def _page_queries(client, initiative) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _detail(client, initiative)
    assert response.status_code == 200
    return len(queries)


def test_the_page_reads_the_same_number_of_queries_for_2_and_10_members(
    client, alice, initiative
) -> None:
    client.force_login(alice)
    roles = TeamRoleKind.values
    for number in range(2):
        services.team_role_add(
            actor=alice,
            initiative=initiative,
            person=PersonFactory(name=f"Member {number}"),
            role=roles[number % 5],
        )
    PersonFactory.create_batch(3)  # more people to choose from than are on the team
    with_two = _page_queries(client, initiative)
    for number in range(2, 10):
        services.team_role_add(
            actor=alice,
            initiative=initiative,
            person=PersonFactory(name=f"Member {number}"),
            role=roles[number % 5],
        )
    PersonFactory.create_batch(20)
    with_ten = _page_queries(client, initiative)
    assert TeamRole.objects.filter(initiative=initiative).count() == 10
    assert with_ten == with_two
    page = _detail(client, initiative).content.decode()
    assert "All 5 roles are filled." in page


def test_the_api_team_reads_the_same_number_of_queries_for_2_and_10_members(
    alice, initiative
) -> None:
    api = token_client(alice)
    url = f"/api/v1/initiatives/{initiative.pk}/team/"
    roles = TeamRoleKind.values
    api.get(url)  # the token's first use is recorded once; not part of the reading

    def add(numbers: range) -> int:
        for number in numbers:
            services.team_role_add(
                actor=alice,
                initiative=initiative,
                person=PersonFactory(name=f"Member {number}"),
                role=roles[number % 5],
            )
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url)
        assert response.status_code == 200
        assert len(response.json()["members"]) == numbers.stop
        return len(queries)

    assert add(range(2)) == add(range(2, 10))
