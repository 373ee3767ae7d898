"""The app shell: login required, navigation per role, health, errors, CSP, assets, history."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import plotly
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from accounts.models import User
from core.roles import Cap, Role, capabilities, has_capability
from initiatives.models import Department
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["home", "initiatives:department-list", "accounts:api-tokens"])
def test_anonymous_pages_redirect_to_login(client, url_name) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("url_name", ["account_login", "account_reset_password"])
def test_login_and_password_reset_are_public(client, url_name) -> None:
    assert client.get(reverse(url_name)).status_code == 200


def test_healthz_answers_with_database_and_redis(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def nav_labels(client, user: User) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("home"))
    return [str(link.label) for link in response.context["nav_links"]]


def test_each_role_sees_its_own_navigation(client, users_by_role) -> None:
    for role, user in users_by_role.items():
        labels = nav_labels(client, user)
        assert "Home" in labels
        assert ("Administration" in labels) is (role == Role.ADMIN), role


def test_home_shows_a_section_for_every_role_a_person_holds(client, alice) -> None:
    from django.contrib.auth.models import Group

    alice.groups.add(Group.objects.get(name="Finance"))
    client.force_login(alice)
    body = client.get(reverse("home")).content.decode()
    assert "Team lead: your initiatives" in body
    assert "Finance: costs, benefits and reports" in body
    assert "Leadership: decisions and the portfolio" not in body


def test_a_person_may_hold_several_roles(alice) -> None:
    from django.contrib.auth.models import Group

    assert not has_capability(alice, Cap.EDIT_FINANCIALS)
    alice.groups.add(Group.objects.get(name="Finance"))
    fresh = User.objects.get(pk=alice.pk)
    assert has_capability(fresh, Cap.EDIT_FINANCIALS)
    assert Cap.PROPOSE_INITIATIVE in capabilities(fresh)


def test_only_leadership_decides_gates(users_by_role) -> None:
    deciders = {
        role for role, user in users_by_role.items() if has_capability(user, Cap.DECIDE_GATES)
    }
    assert deciders == {Role.LEADERSHIP}


def test_not_found_page_is_friendly(client, alice) -> None:
    client.force_login(alice)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "There is nothing here" in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(client, alice) -> None:
    client.force_login(alice)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    body = response.content.decode()
    assert 'src="/static/django_htmx/htmx-2.min.js"' in body
    assert "cdn" not in body.lower()


def test_htmx_and_plotly_are_served_locally_and_plotly_matches_the_report_s() -> None:
    assert finders.find("django_htmx/htmx-2.min.js")
    bundle = finders.find("vendor/plotly/plotly-cartesian.min.js")
    assert bundle
    packaged = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    version = re.compile(r"plotly\.js(?: \(cartesian - minified\))? (v[\d.]+)")
    ours = version.search(Path(bundle).read_text()[:300])
    theirs = version.search(packaged.read_text()[:300])
    # The browser draws with the same plotly.js as the PDF's charts (upgrade both together).
    assert ours and theirs and ours.group(1) == theirs.group(1)
    # Only the cartesian traces: a third of the full bundle.
    assert Path(bundle).stat().st_size * 3 < packaged.stat().st_size
    # Every trace type our charts use is in it.
    source = Path(bundle).read_text()
    for trace in ("scatter", "bar", "heatmap"):
        assert f'moduleType:"trace",name:"{trace}"' in source, trace


def test_language_switcher_changes_the_language(client, alice) -> None:
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    response = client.get(reverse("home"))
    assert response.context["LANGUAGE_CODE"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_history_records_the_acting_user(client, administrator) -> None:
    department = Department.objects.create(name="Research", code="rd", headcount=10)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:initiatives_department_change", args=[department.pk]),
        {"name": "Research", "code": "rd", "headcount": 12},
    )
    assert response.status_code == 302
    latest = department.history.latest()
    assert latest.headcount == 12
    assert latest.history_user == administrator


def test_api_docs_and_schema_are_served_without_a_cdn(client, alice) -> None:
    client.force_login(alice)
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/me/" in schema.json()["paths"]
    assert schema.json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_team_leads_and_leadership_see_different_work(client, alice, leader) -> None:
    assert "Propose a use case" in nav_labels(client, alice)
    assert "Propose a use case" not in nav_labels(client, leader)


def test_server_error_page_renders_without_context(rf) -> None:
    from portfolio.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_permission_denied_page_is_friendly(client, leader) -> None:
    client.force_login(leader)
    response = client.get(reverse("initiatives:initiative-create"))
    assert response.status_code == 403
    assert "Your role does not allow this" in response.content.decode()


def test_the_schema_needs_sign_in_and_the_docs_send_to_sign_in(client, api_client) -> None:
    assert api_client.get("/api/schema/").status_code == 401
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_administrator_can_open_the_schema(tmp_path) -> None:
    from tests.portfolio.test_settings import run_with

    probe = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); from django.test import Client; "
        "print(Client(HTTP_HOST='localhost').get('/api/schema/').status_code)"
    )
    env = {"PORTFOLIO_DATA_DIR": str(tmp_path), "PORTFOLIO_API_SCHEMA_PUBLIC": "true"}
    result = run_with(env, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200"


def test_the_docs_page_has_no_inline_script_or_style(client, alice) -> None:
    client.force_login(alice)
    docs = client.get("/api/docs/").content.decode()
    assert "<style" not in docs
    assert "<script>" not in docs
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_pages_and_json_are_compressed_for_browsers_that_accept_it(client, leader) -> None:
    for _ in range(20):
        InitiativeFactory()
    client.force_login(leader)
    plain = client.get(reverse("initiatives:initiative-list"))
    packed = client.get(reverse("initiatives:initiative-list"), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    html = gzip.decompress(packed.content).decode()
    assert "<h1" in html and html.count("<tr") == plain.content.decode().count("<tr")
    assert len(packed.content) * 3 < len(plain.content)
    api = client.get("/api/v1/initiatives/", HTTP_ACCEPT_ENCODING="gzip")
    assert api["Content-Encoding"] == "gzip"
    assert gzip.decompress(api.content).startswith(b"{")
