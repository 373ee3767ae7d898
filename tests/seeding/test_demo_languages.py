"""seed_demo --language: the demo organisation in Dutch, Swedish or German tells the same story
as in English, with the same figures, from the seeding app's own catalogue."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from governance.models import AISystem, EstateDataSource, InfrastructureCheck, ITSystem
from initiatives.models import (
    Department,
    GateDecision,
    GateRequest,
    Initiative,
    Pilot,
    StrategicObjective,
)
from metrics.models import CostItem, Kpi, Measurement, RoiSnapshot, TrainingCost
from people.models import LiteracyMeasure, Person, PersonSkill, TrainingPlan
from tests.test_translations import placeholders, read_po

pytestmark = pytest.mark.django_db

SEEDING = Path(__file__).resolve().parents[2] / "seeding"
LANGUAGES = ("nl", "sv", "de")

COUNTED = (
    Initiative, Kpi, Measurement, AISystem, CostItem, Pilot, GateDecision, GateRequest,
    StrategicObjective, Department, ITSystem, EstateDataSource, InfrastructureCheck, Person,
    PersonSkill, TrainingPlan, LiteracyMeasure, TrainingCost,
)  # fmt: skip
ROI_FIGURES = (
    "costs", "benefits", "net", "roi", "cumulative_costs", "cumulative_benefits", "cumulative_net",
    "cumulative_roi", "planned_cumulative_benefits", "planned_cumulative_roi",
)  # fmt: skip


def seed(*args: str) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", *args, stdout=StringIO())


def figures() -> dict[str, Any]:
    """What the demo organisation is made of, without its words: counts, and every KPI and ROI
    figure in the order the use cases were seeded."""
    order = {pk: index for index, pk in enumerate(Initiative.objects.order_by("pk").values_list("pk", flat=True))}  # fmt: skip
    roi = sorted(
        (order[s["initiative_id"]], s["kind"], s["period_label"], *(s[f] for f in ROI_FIGURES))
        for s in RoiSnapshot.objects.values("initiative_id", "kind", "period_label", *ROI_FIGURES)
    )
    kpis = sorted(
        (order[k.initiative_id], k.baseline_value, k.target_value, k.value_per_unit, k.category)
        for k in Kpi.objects.all()
    )

    def linked(entry: ITSystem | EstateDataSource) -> tuple[int, ...]:
        return tuple(sorted(order[pk] for pk in entry.initiatives.values_list("pk", flat=True)))

    return {
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
        "links": sorted(
            order[pk]
            for pk in AISystem.objects.values_list("initiatives", flat=True)
            if pk is not None
        ),
        # The estate's ratings and what uses them: the same in every language.
        "estate": sorted(
            (s.kind, s.hosting, s.api_access, s.readiness, linked(s), s.ai_systems.count())
            for s in ITSystem.objects.all()
        ),
        "data_sources": sorted(
            (
                d.completeness,
                d.timeliness,
                d.consistency,
                d.quality,
                d.personal_data,
                d.special_categories,
                len(d.integration_tasks),
                linked(d),
                d.ai_systems.count(),
            )
            for d in EstateDataSource.objects.all()
        ),
        "checks": list(
            InfrastructureCheck.objects.order_by("checked_at").values_list("yes_count", "ready")
        ),
        "stages": [i.stage for i in Initiative.objects.order_by("pk")],
        "measured": sorted(Measurement.objects.values_list("value", flat=True)),
        # The competence map without its words: skills, budgets, and who uses and was trained.
        "skills": sorted(PersonSkill.objects.values_list("person__name", "skill", "level")),
        "training": sorted(
            TrainingPlan.objects.values_list("person__name", "budget", "status", "starts_on")
        ),
        "literacy": sorted(
            (
                m.given_on,
                m.refresh_months,
                m.kind,
                tuple(sorted(m.participants.values_list("name", flat=True))),
                m.ai_system_links.count(),
            )
            for m in LiteracyMeasure.objects.all()
        ),
        "kpis": kpis,
        "roi": roi,
    }


def english_figures() -> dict[str, Any]:
    """The English demo's figures, seeded and rolled back so another language can follow."""
    with transaction.atomic():
        seed()
        english = figures()
        assert Initiative.objects.filter(title="Invoice data extraction").exists()
        transaction.set_rollback(True)
    assert not Initiative.objects.exists()
    return english


def test_the_german_demo_has_german_texts_and_the_english_figures() -> None:
    english = english_figures()
    seed("--language", "de")

    invoice = Initiative.objects.get(title="Datenextraktion aus Rechnungen")
    assert invoice.problem == (
        "Die Kreditorenbuchhaltung tippt Lieferantenrechnungen von Hand ab: 20 Minuten je "
        "Rechnung, 4.000 Rechnungen im Monat."
    )
    assert invoice.strategic_objective.name == "Kostenführerschaft"
    assert invoice.department.name == "Finanzen & Controlling"
    assert invoice.kpis.order_by("pk").values_list("name", "unit").first() == (
        "Minuten je Rechnung",
        "Minuten",
    )
    assert set(StrategicObjective.objects.values_list("name", flat=True)) == {
        "Kundenerlebnis", "Operative Effizienz", "Kostenführerschaft", "Compliance by Design",
        "Mitarbeitererlebnis",
    }  # fmt: skip
    assert not Initiative.objects.filter(title="Invoice data extraction").exists()
    # The register and its links: the system that reads invoices serves this initiative.
    system = AISystem.objects.get(name="Datenextraktion aus Rechnungen")
    assert list(system.initiatives.all()) == [invoice]
    assert system.purpose == "Liest Lieferantenrechnungen und füllt die Buchung im ERP-System aus."
    # Texts put together from figures use the German decimal comma.
    triage = Pilot.objects.get(initiative__title="Assistent für die E-Mail-Vorsortierung")
    assert triage.success_criteria.startswith(
        "Minuten bis zur Weiterleitung einer eingehenden E-Mail von 3,5 auf 0,8 Minuten"
    )
    assert triage.scope.startswith("Zwei Teams aus Kundenservice, echte Fälle, ")
    go = GateDecision.objects.filter(outcome="go").first()
    assert go is not None
    assert go.rationale == "Der Pilot hat seine Ziele erreicht, und die Checkliste ist vollständig."
    assert GateRequest.objects.filter(
        initiative__title="Bedarfsprognose je Lager",
        note__startswith="Der Prognosefehler sank in den beiden Pilotlagern von 18\xa0% auf 9\xa0%",
    ).exists()

    # The estate in German: the ERP system that holds the invoices is not ready for AI yet.
    erp = ITSystem.objects.get(name="ERP-System")
    assert (erp.kind, erp.readiness, erp.hosting) == ("erp", 2, "on_premises")
    assert erp.readiness_reasons.startswith(
        "Eigenentwickelte Module, keine dokumentierte API für Bestellungen."
    )
    assert invoice in erp.initiatives.all()
    assert ITSystem.objects.get(name="Lagerverwaltungssystem").data_sources.get().name == (
        "Sensordaten der Förderbänder"
    )
    invoices = EstateDataSource.objects.get(name="Lieferantenrechnungen")
    assert invoices.integration_tasks == [
        "Gescannte Rechnungen kommen per E-Mail und werden abgetippt",
        "Lieferantennummern unterscheiden sich zwischen ERP-System und Dokumentenablage",
    ]
    latest = InfrastructureCheck.objects.latest()
    assert (latest.yes_count, latest.ready) == (3, True)
    assert latest.notes.startswith("Das Hauptlager hat jetzt eine zweite Internetleitung.")

    # The competence map in German: job titles, departments and the literacy records.
    erik = Person.objects.get(name="Erik Nilsson")
    assert (erik.job_title, erik.department) == ("Leiter IT-Infrastruktur", "Betrieb & Logistik")
    assert TrainingPlan.objects.get(person=erik).title == "Zertifizierung Cloud-Sicherheit"
    triage_measure = LiteracyMeasure.objects.get(
        user_group="Sachbearbeitende, die den Assistenten für die E-Mail-Vorsortierung nutzen"
    )
    assert triage_measure.learning_objective == (
        "Falsche Weiterleitungsvorschläge erkennen und korrigieren."
    )

    german = figures()
    assert german["counts"] == english["counts"]
    assert german["counts"]["Initiative"] == 30
    assert german["counts"]["AISystem"] == 25
    assert german["counts"]["GateRequest"] == 2
    assert german["counts"]["ITSystem"] == 8
    assert german["counts"]["EstateDataSource"] == 8
    assert german["counts"]["InfrastructureCheck"] == 2
    assert german["links"] == english["links"]
    assert german["estate"] == english["estate"]
    assert german["data_sources"] == english["data_sources"]
    assert german["checks"] == english["checks"] == [(2, False), (3, True)]
    assert german["stages"] == english["stages"]
    assert german["measured"] == english["measured"]
    assert german["kpis"] == english["kpis"]
    assert german["roi"] == english["roi"]
    assert german["counts"]["Person"] == 15
    # Two trainings booked to initiatives and one to the organisation.
    assert german["counts"]["TrainingCost"] == 3
    assert german["skills"] == english["skills"]
    assert german["training"] == english["training"]
    assert german["literacy"] == english["literacy"]
    cumulative_roi = 3 + ROI_FIGURES.index("cumulative_roi")
    assert any((row[cumulative_roi] or 0) > Decimal(50) for row in german["roi"])


@pytest.mark.parametrize(
    ("language", "invoice", "objective", "department", "customers", "user_group"),
    [
        ("nl", "Factuurgegevens uitlezen", "Kostenleiderschap", "Klantenservice",
         "Klantstamgegevens", "Behandelaars die de assistent voor e-mailtriage gebruiken"),
        ("sv", "Dataextraktion från fakturor", "Kostnadsledarskap", "Kundtjänst", "Kundregister",
         "Handläggare som använder assistenten för sortering av e-post"),
    ],
)  # fmt: skip
def test_the_dutch_and_swedish_demos_have_their_own_titles(
    language: str, invoice: str, objective: str, department: str, customers: str, user_group: str
) -> None:
    seed("--language", language)
    initiative = Initiative.objects.get(title=invoice)
    assert initiative.strategic_objective.name == objective
    assert Department.objects.get(code="cs").name == department
    assert AISystem.objects.get(name=invoice).initiatives.get() == initiative
    assert Initiative.objects.values("title").distinct().count() == 30
    assert GateRequest.objects.count() == 2
    assert not Initiative.objects.filter(title="Invoice data extraction").exists()
    # The estate: customer master data lives in the CRM and feeds lead scoring's register entry.
    source = EstateDataSource.objects.get(name=customers)
    assert source.it_system is not None and source.it_system.kind == "crm"
    assert (source.completeness, source.timeliness, source.consistency, source.quality) == (
        4,
        4,
        3,
        3,
    )
    assert ITSystem.objects.count() == EstateDataSource.objects.count() == 8
    assert InfrastructureCheck.objects.latest().ready
    # The literacy measure for the triage assistant's case workers, and who took part in it.
    measure = LiteracyMeasure.objects.get(user_group=user_group)
    assert sorted(measure.participants.values_list("name", flat=True)) == [
        "Lisa Andersson",
        "Sanne Bakker",
        "Tom Berg",
    ]
    assert Person.objects.get(name="Sanne Bakker").department == department
    assert Person.objects.count() == 15


def test_without_a_language_the_demo_follows_language_code_and_keeps_to_it() -> None:
    with override_settings(LANGUAGE_CODE="sv"):
        seed()
    assert Initiative.objects.filter(title="Assistent för sortering av e-post").exists()
    # A second organisation in another language would tell two stories at once.
    with pytest.raises(CommandError, match="already loaded in 'sv'"):
        seed("--language", "nl")
    seed("--language", "sv")
    assert Initiative.objects.count() == 30


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'fr'"):
        seed("--language", "fr")


# --- The seeding catalogue --------------------------------------------------------------------


def po_path(language: str) -> Path:
    return SEEDING / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_text_is_translated_and_compiled(language: str) -> None:
    entries = read_po(po_path(language))
    assert len(entries) > 250
    problems = []
    with po_path(language).with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for entry in entries:
        texts = [entry.msgstr] if entry.msgid_plural is None else list(entry.msgstr_plural.values())
        if "fuzzy" in entry.flags or not all(text.strip() for text in texts):
            problems.append(f"untranslated: {entry.msgid!r}")
        # Only formatted texts have placeholders; elsewhere "18 % to" is a plain per cent sign.
        for source, text in entry.pairs() if "python-format" in entry.flags else []:
            if placeholders(source) != placeholders(text):
                problems.append(f"placeholders differ: {entry.msgid!r}")
        if entry.msgid_plural is None and catalog.get(entry.msgid) != entry.msgstr:
            problems.append(f"not compiled: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


def test_the_seeding_catalogue_holds_every_demo_text(tmp_path: Path) -> None:
    """Extract the demo texts afresh (as `make seed-messages` does: without settings, so only
    the seeding folder is read) and compare with the committed catalogue."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("GNU gettext (xgettext, msgmerge) is needed: apt-get install gettext")
    copy = tmp_path / "seeding"
    shutil.copytree(SEEDING, copy, ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete"]
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        command, cwd=copy, capture_output=True, text=True, timeout=120, env=environment
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = {entry.key for entry in read_po(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    committed = {entry.key for entry in read_po(po_path("nl"))}
    assert fresh == committed, (
        "Run make seed-messages and translate:\n"
        f"missing: {sorted(k[1] for k in fresh - committed)}\n"
        f"gone: {sorted(k[1] for k in committed - fresh)}"
    )
