"""The people API: persons with skills, training plans, literacy measures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from people.choices import Skill
from people.models import Person, TrainingPlan
from tests.conftest import token_client
from tests.factories.people import LiteracyMeasureFactory, PersonFactory, TrainingPlanFactory

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_person_with_skills_and_lists_them(compliance_officer, alice):
    api = token_client(compliance_officer)
    response = api.post(
        "/api/v1/people/",
        {
            "name": "Maria Jensen",
            "job_title": "Case worker",
            "skills": [
                {"skill": "business_process", "level": 4},
                {"skill": "workflow_automation", "level": 3},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["translator"] is True
    assert {s["skill"]: s["level_label"] for s in body["skills"]} == {
        "business_process": "expert",
        "workflow_automation": "skilled",
    }
    listed = token_client(alice).get("/api/v1/people/").json()
    assert [p["name"] for p in listed["results"]] == ["Maria Jensen"]


def test_a_level_of_5_or_an_unknown_skill_is_a_400(compliance_officer):
    api = token_client(compliance_officer)
    response = api.post(
        "/api/v1/people/",
        {"name": "Maria", "skills": [{"skill": "prompt_engineering", "level": 5}]},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["skills"]
    response = api.post(
        "/api/v1/people/",
        {"name": "Maria", "skills": [{"skill": "juggling", "level": 2}]},
        format="json",
    )
    assert response.status_code == 400
    assert api.post("/api/v1/people/", {"job_title": "Clerk"}, format="json").status_code == 400
    assert not Person.objects.exists()


def test_a_team_lead_may_not_create_or_change_people(alice):
    person = PersonFactory(levels={Skill.PROMPT_ENGINEERING: 2})
    api = token_client(alice)
    assert api.post("/api/v1/people/", {"name": "X"}, format="json").status_code == 403
    response = api.patch(f"/api/v1/people/{person.pk}/", {"name": "Y"}, format="json")
    assert response.status_code == 403
    assert Person.objects.get().name == person.name


def test_training_plans_are_money_finance_reads_and_team_leads_do_not(finance_user, alice, leader):
    plan = TrainingPlanFactory(budget=Decimal("2400.00"))
    body = token_client(finance_user).get("/api/v1/training-plans/").json()
    assert [(p["id"], p["budget"]) for p in body["results"]] == [(plan.pk, "2400.00")]
    assert token_client(alice).get("/api/v1/training-plans/").status_code == 403
    assert (
        token_client(finance_user)
        .post("/api/v1/training-plans/", {"person": plan.person_id, "title": "X"}, format="json")
        .status_code
        == 403
    )
    api = token_client(leader)
    bad = api.post(
        "/api/v1/training-plans/",
        {"person": plan.person_id, "title": "LLM basics", "budget": "-1"},
        format="json",
    )
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["budget"]
    created = api.post(
        "/api/v1/training-plans/",
        {"person": plan.person_id, "title": "LLM basics", "budget": "1800.50", "status": "booked"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert TrainingPlan.objects.get(title="LLM basics").budget == Decimal("1800.50")


def test_literacy_measures_list_with_their_refresh_date(alice, compliance_officer):
    person = PersonFactory()
    measure = LiteracyMeasureFactory(participants=[person], refresh_months=6)
    body = token_client(alice).get("/api/v1/literacy-measures/").json()
    assert body["results"][0]["participants"] == [person.pk]
    assert body["results"][0]["refresh_due"] is not None
    response = token_client(compliance_officer).post(
        "/api/v1/literacy-measures/",
        {"user_group": "Managers", "learning_objective": "Oversight", "kind": "e_learning",
         "given_on": "2026-02-01", "evidence": "LMS completion report", "participants": [person.pk]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["refresh_due"] is None
    assert measure.pk != response.json()["id"]


def test_the_same_skill_twice_is_a_400_not_the_last_one_kept(compliance_officer):
    api = token_client(compliance_officer)
    answer = api.post(
        "/api/v1/people/",
        {
            "name": "Maria Jensen",
            "skills": [
                {"skill": "business_process", "level": 2},
                {"skill": "business_process", "level": 4},
            ],
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "Give each skill once; repeated: business_process." in str(answer.json())
    assert not Person.objects.filter(name="Maria Jensen").exists()


def test_compliance_cannot_remove_training_budgets_with_a_person(compliance_officer, leader):
    plan = TrainingPlanFactory(budget=Decimal("2500.00"))
    answer = token_client(compliance_officer).delete(f"/api/v1/people/{plan.person_id}/")
    assert answer.status_code == 403
    assert TrainingPlan.objects.filter(pk=plan.pk).exists()
    assert token_client(leader).delete(f"/api/v1/people/{plan.person_id}/").status_code == 204
    assert not TrainingPlan.objects.filter(pk=plan.pk).exists()


def test_a_hand_edited_person_id_on_the_training_form_is_not_a_500(client, leader):
    client.force_login(leader)
    for value in ("²", "9" * 5000, "-3"):
        assert client.get("/people/training/new/", {"person": value}).status_code == 200
