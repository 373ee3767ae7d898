"""The people pages as people use them: the competence map, persons, training, literacy."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.choices import Skill, TrainingStatus
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan
from tests.factories.people import LiteracyMeasureFactory, PersonFactory, TrainingPlanFactory

pytestmark = pytest.mark.django_db

PERSON_FORM = {
    "name": "Maria Jensen",
    "email": "maria@example.org",
    "job_title": "Case worker",
    "department": "Benefits",
    "is_champion": "on",
    "champion_note": "Runs the team's prompt clinic.",
    "skill_business_process": "4",
    "skill_api_integration": "3",
    "skill_prompt_engineering": "2",
}


def test_leadership_adds_a_person_with_skills_and_sees_a_translator(client, leader):
    client.force_login(leader)
    response = client.post(reverse("people:person-create"), PERSON_FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(name="Maria Jensen")
    assert {s.skill: s.level for s in person.skills.all()} == {
        Skill.BUSINESS_PROCESS: 4,
        Skill.API_INTEGRATION: 3,
        Skill.PROMPT_ENGINEERING: 2,
    }
    page = client.get(response.url).content.decode()
    assert "Translator" in page
    assert "Potential AI champion" in page
    assert "4 – expert" in page
    assert "2 – working" in page
    assert "Runs the team&#x27;s prompt clinic." in page


def test_a_level_of_5_is_a_field_error_and_nothing_is_saved(client, compliance_officer):
    client.force_login(compliance_officer)
    response = client.post(
        reverse("people:person-create"), {**PERSON_FORM, "skill_prompt_engineering": "5"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["skill_prompt_engineering"]
    assert "5 is not one of the available choices" in errors["skill_prompt_engineering"][0]
    assert not Person.objects.exists()


def test_a_person_needs_a_name_or_an_account(client, leader, alice):
    client.force_login(leader)
    response = client.post(reverse("people:person-create"), {"job_title": "Clerk"})
    assert response.status_code == 400
    assert "Give a name, or choose the person" in response.context["form"].errors["name"][0]
    response = client.post(reverse("people:person-create"), {"user": alice.pk})
    assert response.status_code == 302
    person = Person.objects.get(user=alice)
    assert person.name == alice.get_full_name()
    assert person.email == "alice@example.org"


def test_editing_a_person_removes_a_skill_left_empty(client, leader):
    person = PersonFactory(levels={Skill.PROMPT_ENGINEERING: 3, Skill.DATA_QUALITY: 2})
    client.force_login(leader)
    form = {"name": person.name, "skill_prompt_engineering": "4"}
    response = client.post(reverse("people:person-update", args=[person.pk]), form)
    assert response.status_code == 302
    assert {s.skill: s.level for s in person.skills.all()} == {Skill.PROMPT_ENGINEERING: 4}
    assert person.skills.get().history.latest().history_user == leader
    removed = PersonSkill.history.get(person_id=person.pk, history_type="-")
    assert (removed.skill, removed.history_user) == (Skill.DATA_QUALITY, leader)


def test_a_team_lead_reads_the_map_but_cannot_edit(client, alice):
    person = PersonFactory(name="Jonas Berg")
    client.force_login(alice)
    page = client.get(reverse("people:competence-map"))
    assert page.status_code == 200
    assert "Jonas Berg" in page.content.decode()
    assert "Add a person" not in page.content.decode()
    assert client.get(reverse("people:person-create")).status_code == 403
    response = client.post(reverse("people:person-update", args=[person.pk]), PERSON_FORM)
    assert response.status_code == 403
    assert Person.objects.get().name == "Jonas Berg"
    # Training budgets are money team leads do not see here.
    assert client.get(reverse("people:training-list")).status_code == 403
    assert (
        "Training plans"
        not in client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    )


def test_the_map_is_a_table_with_headers_and_level_words(client, alice):
    PersonFactory(name="Maria Jensen", levels={Skill.BUSINESS_PROCESS: 4, Skill.ML_LLM_BASICS: 3})
    client.force_login(alice)
    page = client.get(reverse("people:competence-map")).content.decode()
    assert '<th scope="col">Prompt engineering</th>' in page
    assert '<th scope="row"><a href="' in page
    assert "4 – expert" in page
    assert "3 – skilled" in page
    assert "not recorded" in page


def test_the_map_counts_people_skilled_or_expert_per_skill(client, alice):
    for level in (3, 4, 4, 3, 2, 1):
        PersonFactory(levels={Skill.PROMPT_ENGINEERING: level})
    client.force_login(alice)
    page = client.get(reverse("people:competence-map")).content.decode()
    assert "4 people at skilled or expert in Prompt engineering" in page
    assert "0 people at skilled or expert in API integration" in page


def test_the_map_filters_by_skill_level_champions_and_translators(client, alice):
    PersonFactory(name="Ada Expert", levels={Skill.ML_LLM_BASICS: 4})
    PersonFactory(name="Ben Beginner", levels={Skill.ML_LLM_BASICS: 1})
    PersonFactory(name="Cleo Champion", is_champion=True)
    PersonFactory(name="Dan Translator", levels={Skill.BUSINESS_PROCESS: 3, Skill.DATA_QUALITY: 3})
    client.force_login(alice)
    url = reverse("people:competence-map")

    def names(query: dict[str, str]) -> list[str]:
        rows = client.get(url, query).context["matrix"].rows
        return [row.person.name for row in rows]

    assert names({"skill": "ml_llm_basics", "min_level": "3"}) == ["Ada Expert"]
    assert names({"skill": "ml_llm_basics"}) == ["Ada Expert", "Ben Beginner"]
    assert names({"champions": "on"}) == ["Cleo Champion"]
    assert names({"translators": "on"}) == ["Dan Translator"]
    assert names({"min_level": "3"}) == ["Ada Expert", "Dan Translator"]


def test_an_empty_map_says_whether_nobody_is_recorded_or_nobody_matches(client, alice):
    client.force_login(alice)
    url = reverse("people:competence-map")
    page = client.get(url).content.decode()
    assert "Nobody is on the competence map yet." in page
    assert "Nobody matches these filters." not in page
    # Applying the form with nothing chosen is still no filter.
    assert "Nobody is on the competence map yet." in client.get(url, {"skill": ""}).content.decode()
    PersonFactory(name="Ben Beginner", levels={Skill.ML_LLM_BASICS: 1})
    page = client.get(url, {"champions": "on"}).content.decode()
    assert "Nobody matches these filters." in page
    assert "Nobody is on the competence map yet." not in page


def test_the_checkbox_filters_sit_beside_their_labels(client, alice):
    client.force_login(alice)
    page = client.get(reverse("people:competence-map")).content.decode()
    for name, label in (("champions", "Champions only"), ("translators", "Translators only")):
        assert (
            f'<div class="field choice-line">\n    <input type="checkbox" name="{name}" '
            f'id="id_{name}"> <label for="id_{name}" class="inline-label">{label}</label>'
        ) in page


def test_the_map_reads_as_many_queries_for_30_people_as_for_3(client, alice):
    def populate(n: int) -> None:
        for _ in range(n):
            PersonFactory(levels={Skill.PROMPT_ENGINEERING: 3, Skill.BUSINESS_PROCESS: 4})

    client.force_login(alice)
    url = reverse("people:competence-map")
    populate(3)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url).context["matrix"].rows) == 3
    populate(27)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(url).context["matrix"].rows) == 30
    assert len(large) == len(small)


def test_the_map_exports_as_csv_with_the_filter(client, alice):
    PersonFactory(name="=Ada", levels={Skill.PROMPT_ENGINEERING: 4})
    PersonFactory(name="Ben", levels={Skill.PROMPT_ENGINEERING: 1})
    client.force_login(alice)
    response = client.get(
        reverse("people:competence-export"),
        {"skill": "prompt_engineering", "min_level": "3", "format": "csv"},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["id", "name", "job_title", "department", "champion", "translator"]
    assert len(rows) == 2
    # Formula-safe: a name starting with = is not run as a formula.
    assert rows[1][1] == "'=Ada"
    assert rows[1][rows[0].index("prompt_engineering")] == "4"
    xlsx = client.get(reverse("people:competence-export"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("people:competence-export"), {"format": "pdf"}).status_code == 400


def test_training_overview_totals_per_status_and_the_budget_hint(client, finance_user):
    maria = PersonFactory(name="Maria Jensen")
    jonas = PersonFactory(name="Jonas Berg")
    TrainingPlanFactory(person=maria, budget=Decimal("1500.00"))
    TrainingPlanFactory(person=maria, budget=Decimal("1200.00"), status=TrainingStatus.BOOKED)
    TrainingPlanFactory(person=jonas, budget=Decimal("900.00"), status=TrainingStatus.BOOKED)
    TrainingPlanFactory(person=jonas, budget=Decimal("4000.00"), status=TrainingStatus.CANCELLED)
    client.force_login(finance_user)
    response = client.get(reverse("people:training-list"))
    assert response.status_code == 200
    totals = {t.status: (t.count, t.budget) for t in response.context["totals"]}
    assert totals["planned"] == (1, Decimal("1500.00"))
    assert totals["booked"] == (2, Decimal("2100.00"))
    assert totals["cancelled"] == (1, Decimal("4000.00"))
    assert totals["completed"] == (0, Decimal("0"))
    budgets = {b.name: (b.budget, b.hint) for b in response.context["budgets"]}
    assert budgets == {
        "Jonas Berg": (Decimal("900.00"), "below"),
        "Maria Jensen": (Decimal("2700.00"), "within"),
    }
    page = response.content.decode()
    assert "€2,100.00" in page
    assert "Guide: €2,000.00–€5,000.00 per person for thorough training." in page
    assert "below the guide" in page
    detail = client.get(reverse("people:person-detail", args=[jonas.pk])).content.decode()
    assert "Below the guide of €2,000.00–€5,000.00 per person for thorough training." in detail
    export = client.get(reverse("people:training-export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == [
        "id", "person", "title", "provider", "budget_eur", "starts_on", "ends_on", "status",
    ]  # fmt: skip
    assert len(rows) == 5


def test_a_training_plan_is_planned_from_the_person_page_with_field_errors(client, leader):
    person = PersonFactory(name="Maria Jensen")
    client.force_login(leader)
    form = {
        "person": person.pk,
        "title": "LLM foundations",
        "provider": "Academy",
        "budget": "2500.00",
        "starts_on": "2026-05-04",
        "ends_on": "2026-05-01",
        "status": "booked",
    }
    response = client.post(reverse("people:training-create"), form)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == [
        "The planned end cannot be before the start."
    ]
    response = client.post(reverse("people:training-create"), {**form, "budget": "-5"})
    assert "budget" in response.context["form"].errors
    response = client.post(reverse("people:training-create"), {**form, "ends_on": "2026-05-08"})
    assert response.status_code == 302
    assert response.url == reverse("people:person-detail", args=[person.pk])
    plan = TrainingPlan.objects.get()
    assert plan.budget == Decimal("2500.00")
    page = client.get(response.url).content.decode()
    assert "LLM foundations" in page
    assert "€2,500.00" in page
    assert "Booked" in page


def test_a_literacy_measure_is_recorded_with_participants_and_evidence(client, compliance_officer):
    maria = PersonFactory(name="Maria Jensen")
    client.force_login(compliance_officer)
    form = {
        "user_group": "Case workers",
        "learning_objective": "Check the classifier's suggestions before acting on them.",
        "kind": "workshop",
        "evidence": "",
        "refresh_months": "12",
        "given_on": "2026-01-20",
        "participants": [maria.pk],
    }
    response = client.post(reverse("people:measure-create"), form)
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [
        "Describe the evidence or give a link to it."
    ]
    form["evidence_url"] = "https://intranet.example.org/attendance/2026-01-20"
    response = client.post(reverse("people:measure-create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = LiteracyMeasure.objects.get()
    assert list(measure.participants.all()) == [maria]
    page = client.get(response.url).content.decode()
    assert "due on 20 Jan 2027" in page
    assert "1 participant" in page
    person_page = client.get(reverse("people:person-detail", args=[maria.pk])).content.decode()
    assert "Case workers: Workshop" in person_page


def test_a_measure_past_its_refresh_is_marked(client, alice):
    person = PersonFactory()
    LiteracyMeasureFactory(
        participants=[person], given_on=datetime.date.today() - datetime.timedelta(days=400)
    )
    client.force_login(alice)
    page = client.get(reverse("people:measure-list")).content.decode()
    assert "past its refresh" in page
    assert "every 12 months" in page
