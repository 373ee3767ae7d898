"""SCIM 2.0 Users and Groups (RFC 7643/7644) for the identity provider's provisioning.

Only the provider calls these, with the bearer token in PORTFOLIO_SCIM_TOKEN. Deleting a user or
setting `active` to false deactivates the account at once (accounts.services.user_deactivate).
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.models import ScimGroup, ScimIdentity, User
from accounts.services import scim_group_roles_sync, user_activate, user_deactivate

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
_FILTER = re.compile(r'^\s*(userName|externalId|displayName)\s+eq\s+"([^"]*)"\s*$', re.IGNORECASE)
_MEMBER_PATH = re.compile(r'^members\[value eq "([^"]+)"\]$', re.IGNORECASE)
MAX_PAGE = 200


class ScimError(Exception):
    """An error answered in SCIM's own format."""

    def __init__(self, status: int, detail: str, scim_type: str = "") -> None:
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def _error(status: int, detail: str, scim_type: str = "") -> JsonResponse:
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return JsonResponse(body, status=status, content_type="application/scim+json")


def _json(body: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, content_type="application/scim+json")


def _truthy(value: Any) -> bool:
    # Entra ID sends "False" as a string in PATCH operations.
    return value.strip().lower() == "true" if isinstance(value, str) else bool(value)


def user_resource(user: User, request: HttpRequest) -> dict[str, Any]:
    """A person as a SCIM User."""
    identity = getattr(user, "scim_identity", None)
    body: dict[str, Any] = {
        "schemas": [USER_SCHEMA],
        "id": str(user.pk),
        "userName": user.username,
        "name": {"givenName": user.first_name, "familyName": user.last_name},
        "displayName": user.get_full_name() or user.username,
        "emails": [{"value": user.email, "primary": True}] if user.email else [],
        "active": user.is_active,
        "meta": {
            "resourceType": "User",
            "location": request.build_absolute_uri(f"/scim/v2/Users/{user.pk}"),
        },
    }
    if identity is not None:
        body["externalId"] = identity.external_id
    if user.language:
        body["preferredLanguage"] = user.language
    return body


def scim_language(value: Any) -> str | None:
    """Our language for a SCIM preferredLanguage ("nl-NL", "sv", "de-DE;q=0.9"), if we have it."""
    if not isinstance(value, str):
        return None
    code = value.split(",")[0].split(";")[0].strip().lower().replace("_", "-")
    for candidate in (code, code.split("-")[0]):
        if candidate in dict(settings.LANGUAGES):
            return candidate
    return None


def group_resource(
    group: ScimGroup, request: HttpRequest, *, members: bool = True
) -> dict[str, Any]:
    """A provisioned group as a SCIM Group (members read from a prefetch when there is one)."""
    body: dict[str, Any] = {
        "schemas": [GROUP_SCHEMA],
        "id": str(group.pk),
        "displayName": group.display_name,
        "externalId": group.external_id,
        "meta": {
            "resourceType": "Group",
            "location": request.build_absolute_uri(f"/scim/v2/Groups/{group.pk}"),
        },
    }
    if members:
        body["members"] = [{"value": str(member.pk)} for member in group.members.all()]
    return body


def _members_excluded(request: HttpRequest) -> bool:
    # Entra and Okta list groups with excludedAttributes=members: big groups stay cheap.
    excluded = request.GET.get("excludedAttributes", "")
    return "members" in {name.strip().lower() for name in excluded.split(",")}


def _user_fields(data: dict[str, Any]) -> dict[str, Any]:
    user_name = data.get("userName")
    if not isinstance(user_name, str) or not user_name.strip() or len(user_name) > 150:
        raise ScimError(400, "userName is required (at most 150 characters).", "invalidValue")
    name: dict[str, Any] = data["name"] if isinstance(data.get("name"), dict) else {}
    emails: list[Any] = data["emails"] if isinstance(data.get("emails"), list) else []
    primary = next(
        (e for e in emails if isinstance(e, dict) and e.get("primary")),
        emails[0] if emails and isinstance(emails[0], dict) else {},
    )
    fields = {
        "username": user_name.strip(),
        "first_name": str(name.get("givenName") or "")[:150],
        "last_name": str(name.get("familyName") or "")[:150],
        "email": str(primary.get("value") or "")[:254],
    }
    # The directory's language is a default: a language the person chose here is not replaced.
    language = scim_language(data.get("preferredLanguage"))
    if language is not None:
        fields["language"] = language
    return fields


def _page(request: HttpRequest) -> tuple[int, int]:
    try:
        start = max(int(request.GET.get("startIndex", 1)), 1)
        count = min(max(int(request.GET.get("count", 100)), 0), MAX_PAGE)
    except ValueError as exc:
        raise ScimError(400, "startIndex and count must be whole numbers.", "invalidValue") from exc
    return start, count


def _filter(request: HttpRequest) -> tuple[str, str] | None:
    raw = request.GET.get("filter")
    if not raw:
        return None
    match = _FILTER.match(raw)
    if match is None:
        raise ScimError(
            400, "Only 'attribute eq \"value\"' filters are supported.", "invalidFilter"
        )
    return match.group(1).lower(), match.group(2)


@method_decorator([csrf_exempt, login_not_required], name="dispatch")
class ScimView(View):
    """Bearer-token check, JSON parsing and SCIM errors for every SCIM endpoint."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        expected = settings.PORTFOLIO_SCIM_TOKEN
        if not expected:
            raise Http404
        header = request.headers.get("Authorization", "")
        given = header[7:] if header[:7].lower() == "bearer " else ""
        if not hmac.compare_digest(given.encode(), expected.encode()):
            response = _error(401, "A valid bearer token is required.")
            response["WWW-Authenticate"] = 'Bearer realm="scim"'
            return response
        try:
            return super().dispatch(request, *args, **kwargs)
        except ScimError as exc:
            return _error(exc.status, exc.detail, exc.scim_type)

    def body(self) -> dict[str, Any]:
        """The request's JSON object."""
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise ScimError(400, "The body is not valid JSON.", "invalidSyntax") from exc
        if not isinstance(data, dict):
            raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
        return data


def _get_user(pk: str) -> User:
    user = (
        User.objects.select_related("scim_identity").filter(pk=pk).first() if pk.isdigit() else None
    )
    if user is None:
        raise ScimError(404, "No such user.")
    return user


def _get_group(pk: str) -> ScimGroup:
    group = ScimGroup.objects.filter(pk=pk).first() if pk.isdigit() else None
    if group is None:
        raise ScimError(404, "No such group.")
    return group


def _set_active(user: User, active: bool) -> None:
    if active and not user.is_active:
        user_activate(user=user)
    elif not active and user.is_active:
        user_deactivate(user=user, source="scim")


class ScimUsersView(ScimView):
    """List and create users."""

    def get(self, request: HttpRequest) -> HttpResponse:
        start, count = _page(request)
        users = User.objects.select_related("scim_identity").order_by("pk")
        condition = _filter(request)
        if condition is not None:
            attribute, value = condition
            if attribute == "username":
                users = users.filter(username__iexact=value)
            elif attribute == "externalid":
                users = users.filter(scim_identity__external_id=value)
            else:
                users = users.none()
        total = users.count()
        page = list(users[start - 1 : start - 1 + count])
        return _json(
            {
                "schemas": [LIST_SCHEMA],
                "totalResults": total,
                "startIndex": start,
                "itemsPerPage": len(page),
                "Resources": [user_resource(user, request) for user in page],
            }
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        data = self.body()
        fields = _user_fields(data)
        external_id = str(data.get("externalId") or "")[:255]
        try:
            with transaction.atomic():
                if User.objects.filter(username__iexact=fields["username"]).exists():
                    raise ScimError(409, "A user with this userName exists.", "uniqueness")
                user = User(**fields, is_active=_truthy(data.get("active", True)))
                user.set_unusable_password()
                user.save()
                if external_id:
                    ScimIdentity.objects.create(user=user, external_id=external_id)
        except IntegrityError as exc:
            raise ScimError(409, "A user with this externalId exists.", "uniqueness") from exc
        return _json(user_resource(user, request), status=201)


class ScimUserView(ScimView):
    """Read, replace, patch or delete (deactivate) one user."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        return _json(user_resource(_get_user(pk), request))

    def put(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = _get_user(pk)
        data = self.body()
        fields = _user_fields(data)
        if user.language:
            fields.pop("language", None)
        if User.objects.filter(username__iexact=fields["username"]).exclude(pk=user.pk).exists():
            raise ScimError(409, "A user with this userName exists.", "uniqueness")
        User.objects.filter(pk=user.pk).update(**fields)
        _set_active(user, _truthy(data.get("active", True)))
        return _json(user_resource(_get_user(pk), request))

    def patch(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = _get_user(pk)
        operations = self.body().get("Operations")
        if not isinstance(operations, list):
            raise ScimError(400, "Operations must be a list.", "invalidSyntax")
        for operation in operations:
            if not isinstance(operation, dict):
                raise ScimError(400, "Each operation must be an object.", "invalidSyntax")
            path, value = operation.get("path"), operation.get("value")
            if str(operation.get("op", "")).lower() not in ("replace", "add"):
                continue
            if path == "active":
                _set_active(user, _truthy(value))
            elif path is None and isinstance(value, dict) and "active" in value:
                _set_active(user, _truthy(value["active"]))
        return _json(user_resource(_get_user(pk), request))

    def delete(self, request: HttpRequest, pk: str) -> HttpResponse:
        # History and ownership stay: a removed person is deactivated, never deleted.
        _set_active(_get_user(pk), False)
        return HttpResponse(status=204)


class ScimGroupsView(ScimView):
    """List and create groups."""

    def get(self, request: HttpRequest) -> HttpResponse:
        start, count = _page(request)
        members = not _members_excluded(request)
        groups = ScimGroup.objects.order_by("pk")
        if members:
            groups = groups.prefetch_related(
                Prefetch("members", queryset=User.objects.only("pk").order_by("pk"))
            )
        condition = _filter(request)
        if condition is not None:
            attribute, value = condition
            lookup = {"displayname": "display_name", "externalid": "external_id"}.get(attribute)
            groups = groups.filter(**{lookup: value}) if lookup else groups.none()
        total = groups.count()
        page = list(groups[start - 1 : start - 1 + count])
        return _json(
            {
                "schemas": [LIST_SCHEMA],
                "totalResults": total,
                "startIndex": start,
                "itemsPerPage": len(page),
                "Resources": [group_resource(group, request, members=members) for group in page],
            }
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        data = self.body()
        name = data.get("displayName")
        if not isinstance(name, str) or not name.strip():
            raise ScimError(400, "displayName is required.", "invalidValue")
        group = ScimGroup.objects.create(
            display_name=name.strip()[:255], external_id=str(data.get("externalId") or "")[:255]
        )
        _members_set(group, _member_ids(data.get("members")))
        return _json(group_resource(group, request), status=201)


def _member_ids(members: Any) -> set[int]:
    if not isinstance(members, list):
        return set()
    ids = {str(m.get("value")) for m in members if isinstance(m, dict)}
    return {int(value) for value in ids if value.isdigit()}


def _members_set(group: ScimGroup, wanted: set[int], *, add_only: bool = False) -> None:
    current = set(group.members.values_list("pk", flat=True))
    wanted = set(User.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    added = wanted - current
    removed = set() if add_only else current - wanted
    _members_change(group, added=added, removed=removed)


def _members_change(group: ScimGroup, *, added: set[int], removed: set[int]) -> None:
    if added:
        group.members.add(*added)
    if removed:
        group.members.remove(*removed)
    for user in User.objects.filter(pk__in=added | removed):
        scim_group_roles_sync(user=user)


class ScimGroupView(ScimView):
    """Read, replace, patch or delete one group; its members' roles follow."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        return _json(
            group_resource(_get_group(pk), request, members=not _members_excluded(request))
        )

    def put(self, request: HttpRequest, pk: str) -> HttpResponse:
        group = _get_group(pk)
        data = self.body()
        if isinstance(data.get("displayName"), str) and data["displayName"].strip():
            group.display_name = data["displayName"].strip()[:255]
            group.save(update_fields=["display_name"])
        _members_set(group, _member_ids(data.get("members")))
        return _json(group_resource(group, request))

    def patch(self, request: HttpRequest, pk: str) -> HttpResponse:
        group = _get_group(pk)
        operations = self.body().get("Operations")
        if not isinstance(operations, list):
            raise ScimError(400, "Operations must be a list.", "invalidSyntax")
        for operation in operations:
            if not isinstance(operation, dict):
                raise ScimError(400, "Each operation must be an object.", "invalidSyntax")
            op = str(operation.get("op", "")).lower()
            path = str(operation.get("path") or "")
            value = operation.get("value")
            member_match = _MEMBER_PATH.match(path)
            if op == "add" and path.lower() == "members":
                _members_set(group, _member_ids(value), add_only=True)
            elif op == "remove" and member_match and member_match.group(1).isdigit():
                _members_change(group, added=set(), removed={int(member_match.group(1))})
            elif op == "remove" and path.lower() == "members":
                _members_change(group, added=set(), removed=_member_ids(value))
            elif op == "replace" and path.lower() == "members":
                _members_set(group, _member_ids(value))
            elif op == "replace" and isinstance(value, dict) and value.get("displayName"):
                group.display_name = str(value["displayName"]).strip()[:255]
                group.save(update_fields=["display_name"])
        return _json(group_resource(group, request))

    def delete(self, request: HttpRequest, pk: str) -> HttpResponse:
        group = _get_group(pk)
        members = set(group.members.values_list("pk", flat=True))
        _members_change(group, added=set(), removed=members)
        group.delete()
        return HttpResponse(status=204)
