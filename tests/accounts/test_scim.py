"""SCIM 2.0 provisioning: the provider creates people, and a removed person loses access at once."""

from __future__ import annotations

import json

import pytest

from accounts.models import RoleChange, ScimGroup, User
from accounts.tokens import api_token_issue
from core.roles import Role, user_roles
from tests.accounts.conftest import PROVIDER_ID, oidc_app
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SCIM_TOKEN = "scim-secret-for-tests-0123456789"
HOME = "/accounts/tokens/"


@pytest.fixture
def scim(client, settings):
    settings.PORTFOLIO_SCIM_TOKEN = SCIM_TOKEN

    def call(method: str, path: str, body: object = None, token: str = SCIM_TOKEN):
        return getattr(client, method)(
            f"/scim/v2/{path}",
            data=json.dumps(body) if body is not None else None,
            content_type="application/scim+json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    return call


NEW_USER = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "vera@example.com",
    "externalId": "object-vera",
    "name": {"givenName": "Vera", "familyName": "Vogel"},
    "emails": [{"value": "vera@example.com", "primary": True}],
    "active": True,
}


def test_a_wrong_or_missing_token_is_refused(scim) -> None:
    assert scim("get", "Users", token="wrong").status_code == 401
    assert scim("post", "Users", NEW_USER, token="").status_code == 401
    assert not User.objects.exists()


def test_scim_is_off_without_a_token_configured(client, settings) -> None:
    settings.PORTFOLIO_SCIM_TOKEN = ""
    assert client.get("/scim/v2/Users", HTTP_AUTHORIZATION="Bearer x").status_code == 404


def test_the_provider_creates_and_finds_a_person(scim) -> None:
    created = scim("post", "Users", NEW_USER)
    assert created.status_code == 201
    body = created.json()
    assert body["userName"] == "vera@example.com" and body["externalId"] == "object-vera"
    user = User.objects.get(pk=body["id"])
    assert user.first_name == "Vera" and not user.has_usable_password()
    found = scim("get", 'Users?filter=userName eq "vera@example.com"').json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == body["id"]
    assert scim("post", "Users", NEW_USER).status_code == 409


def test_the_directorys_language_is_a_default_the_person_may_change(scim) -> None:
    body = scim("post", "Users", {**NEW_USER, "preferredLanguage": "nl-NL"}).json()
    assert body["preferredLanguage"] == "nl"
    user = User.objects.get(pk=body["id"])
    assert user.language == "nl"
    # The person chose Swedish here; the directory's next full update does not undo that.
    User.objects.filter(pk=user.pk).update(language="sv")
    replaced = scim("put", f"Users/{user.pk}", {**NEW_USER, "preferredLanguage": "de-DE"})
    assert replaced.json()["preferredLanguage"] == "sv"
    # A language we do not offer is no default at all.
    other = {
        **NEW_USER,
        "userName": "ove@example.com",
        "externalId": "o",
        "preferredLanguage": "fi",
    }
    created = scim("post", "Users", other).json()
    assert "preferredLanguage" not in created
    assert User.objects.get(pk=created["id"]).language == ""


def test_bad_input_gets_a_scim_error_not_a_crash(scim) -> None:
    response = scim("post", "Users", {"name": {}})
    assert response.status_code == 400 and response.json()["scimType"] == "invalidValue"
    assert scim("get", "Users?filter=title co 1").status_code == 400
    assert scim("patch", "Users/99999", {"Operations": []}).status_code == 404


def test_deactivation_ends_the_session_and_the_api_tokens_at_once(
    scim, client, alice, api_client
) -> None:
    browser = type(client)()
    browser.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert browser.get(HOME).status_code == 200
    issued = api_token_issue(user=alice, name="script")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert api_client.get("/api/v1/me/").status_code == 200
    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
    }
    response = scim("patch", f"Users/{alice.pk}", patch)
    assert response.status_code == 200 and response.json()["active"] is False
    assert browser.get(HOME).status_code == 302
    assert api_client.get("/api/v1/me/").status_code == 401
    again = browser.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert again.url == "/accounts/inactive/"
    assert browser.get(HOME).status_code == 302


def test_delete_deactivates_rather_than_deletes(scim, alice) -> None:
    assert scim("delete", f"Users/{alice.pk}").status_code == 204
    alice.refresh_from_db()
    assert alice.is_active is False


def test_group_membership_over_scim_gives_and_takes_mapped_roles(
    scim, settings, oidc_provider
) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = oidc_app(
        oidc_provider, role_map={"Portfolio finance": ["finance"]}
    )
    settings.PORTFOLIO_SCIM_PROVIDER = PROVIDER_ID
    person = scim("post", "Users", NEW_USER).json()
    group = scim(
        "post", "Groups", {"displayName": "Portfolio finance", "members": [{"value": person["id"]}]}
    )
    assert group.status_code == 201
    user = User.objects.get(pk=person["id"])
    assert user_roles(user) == {Role.FINANCE}
    removal = {
        "Operations": [{"op": "Remove", "path": f'members[value eq "{person["id"]}"]'}],
    }
    assert scim("patch", f"Groups/{group.json()['id']}", removal).status_code == 200
    assert user_roles(User.objects.get(pk=person["id"])) == set()
    assert list(RoleChange.objects.values_list("change", "source")) == [
        ("removed", "scim"),
        ("added", "scim"),
    ]


def test_a_scim_provisioned_person_is_linked_at_first_sign_in_by_the_provider_id(
    scim, client, settings, oidc_provider
) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = oidc_app(oidc_provider, scim_link_claim="oid")
    person = scim("post", "Users", NEW_USER).json()
    oidc_provider.person("vera", email="vera@example.com")
    response = oidc_provider.sign_in(client, "vera")
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert User.objects.count() == 1
    assert User.objects.get().socialaccount_set.get().user_id == int(person["id"])


def _groups_with_members(groups: int, members: int) -> None:
    people = UserFactory.create_batch(members)
    for index in range(groups):
        ScimGroup.objects.create(display_name=f"Group {index}").members.add(*people)


@pytest.mark.parametrize("query", ["", "?excludedAttributes=members"])
def test_the_group_list_makes_the_same_queries_for_more_groups_and_members(
    scim, django_assert_num_queries, query
) -> None:
    _groups_with_members(2, 1)
    with django_assert_num_queries(3 if not query else 2) as small:
        scim("get", f"Groups{query}")
    _groups_with_members(6, 5)
    with django_assert_num_queries(len(small.captured_queries)):
        answer = scim("get", f"Groups{query}").json()
    assert answer["totalResults"] == 8
    sizes = [len(group.get("members", [])) for group in answer["Resources"]]
    assert sizes == ([1, 1, 5, 5, 5, 5, 5, 5] if not query else [0] * 8)


def test_excluded_members_are_left_out_of_one_group_too(scim) -> None:
    _groups_with_members(1, 2)
    group = ScimGroup.objects.get()
    assert len(scim("get", f"Groups/{group.pk}").json()["members"]) == 2
    assert "members" not in scim("get", f"Groups/{group.pk}?excludedAttributes=members").json()
