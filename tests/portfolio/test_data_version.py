"""The data version behind the dashboard's cache: every write makes a new one, however it is
written; uncommitted writes are not seen; and the dashboard shows a change at the next request."""

from __future__ import annotations

import json
import re

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.bulk import insert_rows
from governance.models import AISystem
from initiatives.choices import Stage
from initiatives.models import Department, Initiative
from portfolio.dashboard import cache as dashboard_cache
from portfolio.dashboard.filters import DashboardFilters
from portfolio.versioning import (
    data_changes_prune,
    data_version,
    install_on_migrate,
    tracked_tables,
)
from tests.factories.accounts import UserFactory
from tests.factories.governance import AISystemFactory
from tests.factories.initiatives import DepartmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _funnel(response) -> dict[str, int]:
    """The funnel chart's counts as the browser receives them."""
    html = response.content.decode()
    found = re.search(
        r'<script id="dashboard-figures" type="application/json">(.*?)</script>', html
    )
    assert found, "no dashboard figures in the page"
    trace = json.loads(found.group(1))["funnel"]["data"][0]
    return dict(zip(trace["y"], trace["x"], strict=True))


def test_every_kind_of_write_makes_a_new_version_and_a_read_does_not() -> None:
    department = DepartmentFactory(name="Claims")
    initiative = InitiativeFactory(title="Letter triage", department=department)
    seen = [data_version()]

    def changed() -> bool:
        seen.append(data_version())
        return seen[-1] != seen[-2]

    list(Initiative.objects.all())
    assert not changed(), "a read made a new version"
    UserFactory(username="newcomer")
    assert not changed(), "a sign-in or a new account is not portfolio data"
    initiative.title = "Letter triage v2"
    initiative.save()
    assert changed(), "a model save"
    Initiative.objects.filter(pk=initiative.pk).update(stage=Stage.PILOT)
    assert changed(), "a queryset update"
    Department.objects.bulk_create([Department(name="Sales", code="sales")])
    assert changed(), "a bulk create"
    insert_rows(Department, [{"name": "Legal", "code": "legal"}])
    assert changed(), "a COPY"
    system = AISystemFactory()
    assert changed()
    system.initiatives.add(initiative)
    assert changed(), "a link between a system and an initiative"
    AISystem.objects.filter(pk=system.pk).delete()
    assert changed(), "a delete"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE initiatives_department SET name = name")
    assert changed(), "raw SQL"


def test_every_table_of_the_portfolio_data_has_the_trigger() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'portfolio_data_change'"
        )
        with_trigger = {row[0] for row in cursor.fetchall()}
    tables = set(tracked_tables())
    assert {"initiatives_initiative", "metrics_measurement", "metrics_roisnapshot"} <= tables
    assert {"governance_aisystem_initiatives", "metrics_kpiquarterstatus"} <= tables
    assert not any(table.startswith(("accounts_", "jobs_")) for table in tables)
    assert tables <= with_trigger


@pytest.mark.django_db(transaction=True)
def test_uncommitted_writes_are_not_seen_and_a_late_commit_still_makes_a_new_version() -> None:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    # Touches no row (so neither waits for the other's lock); statement triggers still fire.
    touch = "UPDATE initiatives_department SET name = name WHERE false"
    with psycopg.connect(**params) as first, psycopg.connect(**params) as second:
        for session in (first, second):
            session.execute("SET lock_timeout = '5s'")
            session.commit()
        before = data_version()
        first.execute(touch)  # takes the lower id, commits last
        assert data_version() == before
        second.execute(touch)
        second.commit()
        after_second = data_version()
        assert after_second != before
        first.commit()
        # Its id is lower than the newest, but the version counts it all the same.
        assert data_version() not in (before, after_second)


def test_a_new_migrate_sets_aside_every_cached_dashboard(client, leader) -> None:
    client.force_login(leader)
    client.get(reverse("dashboard"))
    request = client.get(reverse("dashboard")).wsgi_request
    filters = DashboardFilters.from_request(request)
    before = dashboard_cache.cache_key(request, filters)
    assert cache.get(before) is not None
    install_on_migrate(sender=None)
    assert dashboard_cache.cache_key(request, filters) != before


def test_a_prune_keeps_every_version_distinct() -> None:
    DepartmentFactory()
    DepartmentFactory()
    versions = [data_version()]
    data_changes_prune()
    versions.append(data_version())
    DepartmentFactory()
    versions.append(data_version())
    assert len(set(versions)) == 3


def test_the_dashboard_is_read_from_the_cache_until_the_data_changes(client, leader) -> None:
    InitiativeFactory(title="Invoice reader", stage=Stage.PILOT)
    client.force_login(leader)
    url = reverse("dashboard")
    cache.clear()
    with CaptureQueriesContext(connection) as miss:
        first = client.get(url)
    with CaptureQueriesContext(connection) as hit:
        again = client.get(url)
    assert _funnel(first)["Pilot"] == _funnel(again)["Pilot"] == 1
    assert not any("metrics_roisnapshot" in query["sql"] for query in hit.captured_queries)
    assert len(hit) < len(miss) / 2
    # A team lead moves their initiative forward: leadership's next view shows it.
    Initiative.objects.filter(title="Invoice reader").update(stage=Stage.SCALING)
    moved = _funnel(client.get(url))
    assert (moved["Pilot"], moved["Scaling"]) == (0, 1)


def test_the_cache_keeps_people_languages_and_filters_apart(client, alice, bob, leader) -> None:
    InitiativeFactory(title="Alice's claims bot", owner=alice, stage=Stage.PILOT)
    InitiativeFactory(title="Bob's routing", owner=bob, stage=Stage.PRODUCTION)
    url = reverse("dashboard")
    client.force_login(alice)
    assert _funnel(client.get(url))["Pilot"] == 1
    client.force_login(bob)
    bobs = _funnel(client.get(url))
    assert (bobs["Pilot"], bobs["Production"]) == (0, 1)
    client.force_login(leader)
    assert _funnel(client.get(url + "?stage=production"))["Production"] == 1
    everyone = client.get(url)
    assert (_funnel(everyone)["Pilot"], _funnel(everyone)["Production"]) == (1, 1)
    client.cookies["django_language"] = "nl"
    dutch = client.get(url).content.decode()
    assert "Initiatieven per fase" in dutch
    assert "Initiatives per stage" in everyone.content.decode()
