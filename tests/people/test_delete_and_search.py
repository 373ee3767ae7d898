"""Deleting people records with a confirmation, and finding people, plans and team roles."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import TeamRoleKind
from initiatives.models import TeamRole
from metrics.services.training import training_cost_sync
from people.choices import TrainingStatus
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan
from tests.factories.initiatives import InitiativeFactory
from tests.factories.people import LiteracyMeasureFactory, PersonFactory, TrainingPlanFactory

pytestmark = pytest.mark.django_db


def test_compliance_deletes_a_person_after_confirming_and_the_history_keeps_them(
    client, compliance_officer
):
    person = PersonFactory(name="Maria Jensen", levels={"prompt_engineering": 3})
    client.force_login(compliance_officer)
    url = reverse("people:person-delete", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Delete Maria Jensen?" in page
    assert Person.objects.filter(pk=person.pk).exists()
    response = client.post(url)
    assert response.headers["Location"] == reverse("people:competence-map")
    assert not Person.objects.filter(pk=person.pk).exists()
    record = Person.history.filter(id=person.pk).latest("history_date")
    assert (record.history_type, record.name, record.history_user) == (
        "-",
        "Maria Jensen",
        compliance_officer,
    )


def test_a_team_lead_may_not_delete_and_a_missing_record_is_404(client, alice, leader):
    person = PersonFactory()
    measure = LiteracyMeasureFactory()
    client.force_login(alice)
    assert client.get(reverse("people:person-delete", args=[person.pk])).status_code == 403
    assert client.post(reverse("people:measure-delete", args=[measure.pk])).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    client.force_login(leader)
    assert client.get(reverse("people:person-delete", args=[999999])).status_code == 404


def test_one_skill_is_deleted_from_the_person_page(client, leader):
    person = PersonFactory(levels={"prompt_engineering": 3, "business_process": 4})
    other = PersonFactory(levels={"prompt_engineering": 2})
    skill = person.skills.get(skill="prompt_engineering")
    client.force_login(leader)
    detail = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert reverse("people:skill-delete", args=[person.pk, skill.pk]) in detail
    # Another person's skill through this person's address is not found.
    foreign = other.skills.get()
    assert (
        client.post(reverse("people:skill-delete", args=[person.pk, foreign.pk])).status_code == 404
    )
    client.post(reverse("people:skill-delete", args=[person.pk, skill.pk]))
    assert list(person.skills.values_list("skill", "level")) == [("business_process", 4)]
    assert PersonSkill.history.filter(id=skill.pk, history_type="-").exists()


def test_a_training_booked_as_a_cost_cannot_be_deleted_and_says_why(client, leader, finance_user):
    plan = TrainingPlanFactory(
        title="LLM foundations", budget=Decimal("2400.00"), status=TrainingStatus.BOOKED
    )
    training_cost_sync(
        actor=finance_user, plan=plan, initiative=None, today=datetime.date(2026, 3, 1)
    )
    client.force_login(leader)
    response = client.post(reverse("people:training-delete", args=[plan.pk]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "cannot be deleted while other records refer to it (training cost)" in page
    assert "taken off the costs by finance" in page
    assert TrainingPlan.objects.filter(pk=plan.pk).exists()
    # The person with that plan cannot go either, for the same reason.
    response = client.post(reverse("people:person-delete", args=[plan.person_id]))
    assert response.status_code == 409
    assert Person.objects.filter(pk=plan.person_id).exists()


def test_a_training_plan_is_deleted_by_a_training_editor_only(client, leader, compliance_officer):
    plan = TrainingPlanFactory(title="Prompt clinic")
    client.force_login(compliance_officer)
    assert client.post(reverse("people:training-delete", args=[plan.pk])).status_code == 403
    client.force_login(leader)
    response = client.post(reverse("people:training-delete", args=[plan.pk]))
    assert response.headers["Location"] == reverse("people:person-detail", args=[plan.person_id])
    assert not TrainingPlan.objects.exists()
    assert TrainingPlan.history.filter(history_type="-", title="Prompt clinic").count() == 1


def test_a_literacy_measure_is_deleted_after_confirming(client, compliance_officer):
    measure = LiteracyMeasureFactory(user_group="Case workers")
    client.force_login(compliance_officer)
    page = client.get(reverse("people:measure-delete", args=[measure.pk])).content.decode()
    assert "EU AI Act Art. 4" in page
    client.post(reverse("people:measure-delete", args=[measure.pk]))
    assert not LiteracyMeasure.objects.exists()


def test_the_map_searches_name_email_job_department_and_skill(client, alice):
    PersonFactory(
        name="Maria Jensen",
        job_title="Case worker",
        department="Benefits",
        levels={"api_integration": 3},
    )
    PersonFactory(name="Tom Berg", job_title="Analyst", department="Finance")
    person = PersonFactory(name="Ines Kraft", department="IT")
    person.email = "ines.kraft@example.org"
    person.save()
    client.force_login(alice)
    url = reverse("people:competence-map")

    def found(query: str) -> list[str]:
        page = client.get(url, {"q": query}).content.decode()
        return [n for n in ("Maria Jensen", "Tom Berg", "Ines Kraft") if n in page]

    assert found("jensen") == ["Maria Jensen"]
    assert found("ines.kraft@") == ["Ines Kraft"]
    assert found("analyst") == ["Tom Berg"]
    assert found("benefits") == ["Maria Jensen"]
    assert found("API") == ["Maria Jensen"]
    assert found("case benefits") == ["Maria Jensen"]
    assert "Nobody matches these filters." in client.get(url, {"q": "zzz"}).content.decode()
    export = client.get(reverse("people:competence-export"), {"q": "berg", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert [row[1] for row in rows[1:]] == ["Tom Berg"]


def test_the_map_is_paged_with_the_same_queries_for_60_people_as_for_3(client, alice):
    client.force_login(alice)
    url = reverse("people:competence-map")
    for index in range(3):
        PersonFactory(name=f"A {index:03d}", levels={"business_process": 3, "api_integration": 3})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"translators": "on"})
    for index in range(3, 60):
        PersonFactory(name=f"A {index:03d}", levels={"business_process": 3, "api_integration": 3})
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"translators": "on"}).content.decode()
    assert len(many) == len(few)
    assert "60 people and their skill levels" in page
    assert "1–50 of 60" in page
    assert "A 049" in page and "A 050" not in page
    second = client.get(url, {"translators": "on", "page": 2}).content.decode()
    assert "A 050" in second and "A 059" in second and "A 049" not in second


def test_training_plans_are_searched_and_the_export_follows_the_search(client, finance_user):
    TrainingPlanFactory(title="LLM foundations", person=PersonFactory(name="Maria Jensen"))
    TrainingPlanFactory(title="Vision models", provider="Uni Lab")
    client.force_login(finance_user)
    page = client.get(reverse("people:training-list"), {"q": "uni lab"}).content.decode()
    assert "Vision models" in page and "LLM foundations" not in page
    export = client.get(reverse("people:training-export"), {"q": "jensen", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert [(row[1], row[2]) for row in rows[1:]] == [("Maria Jensen", "LLM foundations")]
    assert (
        "No training plan matches this search."
        in client.get(reverse("people:training-list"), {"q": "zzz"}).content.decode()
    )


def test_team_roles_across_initiatives_are_searched_and_exported_in_scope(
    client, alice, charlie, leader
):
    seen = InitiativeFactory(title="Letter sorting", owner=alice)
    hidden = InitiativeFactory(title="Secret pilot")
    maria = PersonFactory(name="Maria Jensen")
    TeamRole.objects.create(initiative=seen, person=maria, role=TeamRoleKind.DATA_SCIENTIST)
    TeamRole.objects.create(
        initiative=seen, person=PersonFactory(name="Tom Berg"), role=TeamRoleKind.BUSINESS_OWNER
    )
    TeamRole.objects.create(initiative=hidden, person=maria, role=TeamRoleKind.IT_INFRASTRUCTURE)
    url = reverse("initiatives:team-role-list")
    client.force_login(charlie)
    assert "Maria Jensen" not in client.get(url).content.decode()
    client.force_login(alice)
    page = client.get(url, {"q": "maria"}).content.decode()
    assert "Letter sorting" in page and "Secret pilot" not in page and "Tom Berg" not in page
    page = client.get(url, {"q": "business owner"}).content.decode()
    assert "Tom Berg" in page and "Maria Jensen" not in page
    export = client.get(reverse("initiatives:team-role-export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == [
        "initiative_id",
        "initiative",
        "department",
        "role",
        "person",
        "email",
        "note",
    ]
    assert [(row[1], row[3], row[4]) for row in rows[1:]] == [
        ("Letter sorting", TeamRoleKind.BUSINESS_OWNER.value, "Tom Berg"),
        ("Letter sorting", TeamRoleKind.DATA_SCIENTIST.value, "Maria Jensen"),
    ]
    client.force_login(leader)
    export = client.get(
        reverse("initiatives:team-role-export"),
        {"format": "xlsx", "role": TeamRoleKind.IT_INFRASTRUCTURE.value},
    )
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [(row[1], row[3], row[4]) for row in values[1:]] == [
        ("Secret pilot", TeamRoleKind.IT_INFRASTRUCTURE.value, "Maria Jensen")
    ]
    assert client.get(reverse("initiatives:team-role-export"), {"format": "pdf"}).status_code == 400


def test_the_api_searches_team_roles_across_the_initiatives_in_scope(alice, charlie):
    from tests.conftest import token_client

    seen = InitiativeFactory(title="Letter sorting", owner=alice)
    hidden = InitiativeFactory(title="Secret pilot")
    maria = PersonFactory(name="Maria Jensen")
    TeamRole.objects.create(initiative=seen, person=maria, role=TeamRoleKind.LEGAL_ETHICS)
    TeamRole.objects.create(initiative=hidden, person=maria, role=TeamRoleKind.LEGAL_ETHICS)
    TeamRole.objects.create(
        initiative=seen, person=PersonFactory(name="Tom Berg"), role=TeamRoleKind.END_USER
    )
    body = token_client(alice).get("/api/v1/team-roles/", {"q": "jensen"}).json()
    assert [(r["initiative"], r["person"]["name"], r["role"]) for r in body["results"]] == [
        (seen.pk, "Maria Jensen", TeamRoleKind.LEGAL_ETHICS.value)
    ]
    body = token_client(alice).get("/api/v1/team-roles/", {"role": "end_user"}).json()
    assert [r["person"]["name"] for r in body["results"]] == ["Tom Berg"]
    assert token_client(charlie).get("/api/v1/team-roles/").json()["results"] == []
