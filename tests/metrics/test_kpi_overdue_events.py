"""The daily overdue reminder: owners hear once per missed due date of a KPI they measure."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.choices import Stage
from metrics.choices import Frequency
from metrics.events import KPI_OVERDUE
from metrics.selectors import kpi_statuses, kpis_overdue_on
from metrics.services import measurement_create
from metrics.services.kpi_reminders import kpi_overdue_notify
from metrics.tasks import kpi_overdue_notify_task
from notifications.models import Notification
from tests.conftest import wait_for
from tests.factories.initiatives import InitiativeFactory
from tests.factories.metrics import KpiFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 20)


def told() -> list[Notification]:
    """The overdue notifications, in a fixed order."""
    return list(Notification.objects.filter(kind=KPI_OVERDUE).order_by("recipient_id", "key"))


@pytest.fixture
def triage(alice, bob):
    """alice's pilot "E-mail triage assistant", with bob on the team."""
    return InitiativeFactory(
        title="E-mail triage assistant", owner=alice, members=[bob], stage=Stage.PILOT
    )


@pytest.fixture
def handling_time(triage, bob):
    """A monthly KPI bob measures, last measured on 3 September: due on 3 October."""
    kpi = KpiFactory(initiative=triage, name="Handling time", owner=bob, unit="minutes")
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 9, 3))
    return kpi


def test_the_kpi_owner_and_the_initiative_owner_hear_once_of_a_missed_month(
    alice, bob, charlie, triage, handling_time
) -> None:
    assert kpi_overdue_notify(today=TODAY) == 1
    notices = told()
    assert [n.recipient_id for n in notices] == sorted([alice.pk, bob.pk])
    sentence = (
        "The KPI “Handling time” of “E-mail triage assistant” is overdue for a measurement: "
        "due on 3 Oct 2026."
    )
    assert [n.sentence for n in notices] == [sentence, sentence]
    assert {n.delivery for n in notices} == {"digest"}
    assert notices[0].key == f"kpi-overdue:{handling_time.pk}:2026-10-03"
    assert notices[0].target_url == (
        reverse("initiatives:initiative-detail", args=[triage.pk]) + f"#kpi-{handling_time.pk}-name"
    )
    assert notices[0].params["initiative_id"] == triage.pk
    assert notices[0].params["unit"] == "minutes"
    # The job runs again the next day and the day after: nobody hears it twice.
    assert kpi_overdue_notify(today=TODAY + datetime.timedelta(days=1)) == 1
    assert kpi_overdue_notify(today=TODAY + datetime.timedelta(days=2)) == 1
    assert len(told()) == 2


def test_the_due_date_reads_in_the_readers_language(alice, handling_time) -> None:
    kpi_overdue_notify(today=TODAY)
    notice = Notification.objects.get(kind=KPI_OVERDUE, recipient=alice)
    with translation.override("de"):
        assert "3. Oktober 2026" in notice.sentence


def test_an_owner_of_both_hears_once_and_a_kpi_without_owner_tells_the_initiative_owner(
    alice, triage
) -> None:
    own = KpiFactory(initiative=triage, name="Routing accuracy", owner=alice)
    MeasurementFactory(kpi=own, measured_on=datetime.date(2026, 9, 1))
    orphan = KpiFactory(initiative=triage, name="Tickets per day", owner=None)
    MeasurementFactory(kpi=orphan, measured_on=datetime.date(2026, 9, 1))
    assert kpi_overdue_notify(today=TODAY) == 2
    assert [(n.recipient_id, n.params["kpi"]) for n in told()] == [
        (alice.pk, "Routing accuracy"),
        (alice.pk, "Tickets per day"),
    ]


def test_a_kpi_measured_recently_tells_nobody(triage, bob) -> None:
    kpi = KpiFactory(initiative=triage, name="Handling time", owner=bob)
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 10, 1))
    assert kpi_overdue_notify(today=TODAY) == 0
    assert told() == []


@pytest.mark.parametrize("stage", [Stage.STOPPED, Stage.RETIRED])
def test_a_kpi_of_an_ended_initiative_tells_nobody(triage, handling_time, stage) -> None:
    triage.stage = stage
    triage.save()
    assert kpi_overdue_notify(today=TODAY) == 0
    assert told() == []


def test_an_initiative_on_hold_is_still_reminded(triage, handling_time) -> None:
    triage.stage = Stage.ON_HOLD
    triage.save()
    assert kpi_overdue_notify(today=TODAY) == 1


def test_a_kpi_never_measured_is_due_one_interval_after_its_baseline(alice, triage) -> None:
    KpiFactory(initiative=triage, name="Backlog", baseline_date=datetime.date(2026, 8, 1))
    # Not measured yet: the baseline lies ahead, nothing is due.
    KpiFactory(
        initiative=triage,
        name="Reply quality",
        baseline_date=datetime.date(2026, 11, 1),
        target_date=datetime.date(2027, 6, 30),
    )
    assert kpi_overdue_notify(today=TODAY) == 1
    (notice,) = told()
    assert notice.params["kpi"] == "Backlog"
    assert notice.params["due"] == "2026-09-01"


@pytest.mark.parametrize(
    ("frequency", "measured_on", "due_on"),
    [
        # A week after Thursday 1 October.
        (Frequency.WEEK, datetime.date(2026, 10, 1), datetime.date(2026, 10, 8)),
        # A quarter after 31 March ends on 30 June (the month end clamps).
        (Frequency.QUARTER, datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)),
        (Frequency.MONTH, datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
    ],
)
def test_due_on_the_day_is_not_overdue_due_the_day_before_is(
    alice, triage, frequency, measured_on, due_on
) -> None:
    kpi = KpiFactory(initiative=triage, name="Handling time", frequency=frequency, owner=alice)
    MeasurementFactory(kpi=kpi, measured_on=measured_on)
    assert kpi_overdue_notify(today=due_on) == 0
    assert told() == []
    assert kpi_overdue_notify(today=due_on + datetime.timedelta(days=1)) == 1
    (notice,) = told()
    assert notice.params["due"] == due_on.isoformat()


def test_a_new_measurement_moves_the_due_date_which_is_told_once(alice, bob, handling_time) -> None:
    kpi_overdue_notify(today=TODAY)
    measurement_create(
        actor=bob,
        kpi=handling_time,
        data={"value": "12", "measured_on": datetime.date(2026, 10, 21)},
    )
    # Measured: not overdue again until a month after 21 October.
    assert kpi_overdue_notify(today=datetime.date(2026, 10, 25)) == 0
    assert kpi_overdue_notify(today=datetime.date(2026, 11, 21)) == 0
    assert kpi_overdue_notify(today=datetime.date(2026, 11, 22)) == 1
    assert kpi_overdue_notify(today=datetime.date(2026, 11, 23)) == 1
    notices = told()
    assert [(n.recipient_id, n.params["due"]) for n in notices] == [
        (alice.pk, "2026-10-03"),
        (alice.pk, "2026-11-21"),
        (bob.pk, "2026-10-03"),
        (bob.pk, "2026-11-21"),
    ]
    assert notices[1].sentence.endswith("due on 21 Nov 2026.")


def test_the_reminder_agrees_with_the_overdue_flags_of_the_kpi_panel(alice, triage) -> None:
    starts = [
        (Frequency.WEEK, datetime.date(2026, 10, 12)),  # due 19 Oct: overdue
        (Frequency.WEEK, datetime.date(2026, 10, 13)),  # due 20 Oct: not yet
        (Frequency.MONTH, datetime.date(2026, 9, 19)),  # due 19 Oct: overdue
        (Frequency.MONTH, datetime.date(2026, 9, 20)),  # due 20 Oct: not yet
        (Frequency.QUARTER, datetime.date(2026, 7, 19)),  # due 19 Oct: overdue
        (Frequency.QUARTER, datetime.date(2026, 7, 20)),  # due 20 Oct: not yet
    ]
    for n, (frequency, measured_on) in enumerate(starts):
        kpi = KpiFactory(initiative=triage, name=f"KPI {n}", frequency=frequency)
        MeasurementFactory(kpi=kpi, measured_on=measured_on)
    panel = {
        (s.kpi.pk, s.due_on)
        for s in kpi_statuses(user=alice, initiative=triage, today=TODAY)
        if s.overdue
    }
    reminded = {(kpi.pk, due_on) for kpi, due_on in kpis_overdue_on(TODAY)}
    assert reminded == panel
    assert {kpi.name for kpi, _ in kpis_overdue_on(TODAY)} == {"KPI 0", "KPI 2", "KPI 4"}


def test_the_overdue_kpis_are_read_in_pages_of_fixed_size(
    triage, django_assert_num_queries
) -> None:
    for n in range(5):
        KpiFactory(initiative=triage, name=f"Monthly {n}", baseline_date=datetime.date(2026, 1, 1))
    KpiFactory(initiative=triage, name="Weekly", frequency=Frequency.WEEK)
    # One query per frequency and page, initiative and owner read with it: weekly (1 page),
    # monthly (pages of 2, 2 and 1), quarterly (none found, 1 query).
    with django_assert_num_queries(5):
        found = [
            (kpi.name, kpi.initiative.title, kpi.owner.username, due_on)
            for kpi, due_on in kpis_overdue_on(TODAY, chunk_size=2)
        ]
    assert len(found) == 6
    assert found[0] == ("Weekly", "E-mail triage assistant", "alice", datetime.date(2026, 1, 8))
    assert {due_on for _, _, _, due_on in found[1:]} == {datetime.date(2026, 2, 1)}


def test_the_task_tells_the_owners_with_todays_date(alice, bob, handling_time) -> None:
    # Measured on 3 September 2026: overdue on any day from 4 October 2026 on.
    assert kpi_overdue_notify_task.run() == 1
    assert [n.params["due"] for n in told()] == ["2026-10-03", "2026-10-03"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_daily_reminder(celery_worker_process: int, alice, bob) -> None:
    initiative = InitiativeFactory(title="E-mail triage assistant", owner=alice, stage=Stage.PILOT)
    kpi = KpiFactory(initiative=initiative, name="Handling time", owner=bob)
    MeasurementFactory(kpi=kpi, measured_on=datetime.date(2026, 9, 3))
    kpi_overdue_notify_task.delay()
    notices = wait_for(lambda: len(told()) == 2 and told())
    assert {n.recipient_id for n in notices} == {alice.pk, bob.pk}
    assert notices[0].sentence.endswith("due on 3 Oct 2026.")
