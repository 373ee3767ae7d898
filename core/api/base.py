"""The one shape of every service-backed API viewset.

A write goes input serializer → service → output serializer; reads come from a selector that is
already scoped to the requester, so an object outside their scope answers 404. Refusals raised by
the services (PermissionDenied, core.exceptions.Refused, ProtectedError) become 403 and 409 in
core.api.errors; the permission classes here only ask the same questions *before* the input is
read, so that a role that may not act gets 403 rather than a list of field errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.roles import Cap, has_capability

_WRITE_ACTIONS = ("create", "update", "partial_update")


class ActionCapability(permissions.BasePermission):
    """Require the capability that `view.action_capabilities` names for the current action."""

    message = gettext_lazy("Your role may not do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        cap = getattr(view, "action_capabilities", {}).get(view.action)
        return cap is None or has_capability(request.user, cap)


class ObjectRule(permissions.BasePermission):
    """Ask `view.object_rules[action](user, obj)` whether the requester may act on the object."""

    message = gettext_lazy("You may not change this.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        rule = getattr(view, "object_rules", {}).get(view.action)
        return rule is None or rule(request.user, obj)


class ServiceSchema(AutoSchema):
    """Describe writes with the input serializer and answers with the output serializer."""

    def get_request_serializer(self) -> Any:
        view: Any = self.view
        action = getattr(view, "action", None)
        if action in _WRITE_ACTIONS and view.input_serializer_class:
            return view.get_input_serializer_class(updating=action != "create")()
        return super().get_request_serializer()


class ServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Scoped list and detail; subclasses add writes with the mixins below.

    - `selector`: `(*, user) -> QuerySet` of what the requester may see.
    - `serializer_class` shows an object; `list_serializer_class`, if set, shows list rows.
    - `input_serializer_class` parses writes (`update_serializer_class`, if set, parses
      updates); the service decides.
    - `action_capabilities` and `object_rules` refuse early (403) what the service would refuse.
    """

    permission_classes: Any = [
        permissions.IsAuthenticated,
        ActionCapability,
        ObjectRule,
    ]
    schema = ServiceSchema()
    selector: ClassVar[Callable[..., QuerySet[Any]] | None] = None
    list_serializer_class: Any = None
    input_serializer_class: Any = None
    update_serializer_class: Any = None
    action_capabilities: ClassVar[dict[str, Cap]] = {}
    object_rules: ClassVar[dict[str, Callable[[Any, Any], bool]]] = {}

    def get_queryset(self) -> QuerySet[Any]:
        selector = type(self).selector
        if selector is None:  # pragma: no cover - a subclass forgot to say where rows come from
            raise NotImplementedError(f"{type(self).__name__} needs a selector")
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            model: type[Model] = self.get_serializer_class().Meta.model
            return model._default_manager.none()
        return selector(user=self.request.user)

    def get_serializer_class(self) -> Any:
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return super().get_serializer_class()

    def get_input_serializer_class(self, *, updating: bool) -> Any:
        """The serializer that parses a create (or, `updating`, an update)."""
        if updating and self.update_serializer_class is not None:
            return self.update_serializer_class
        return self.input_serializer_class

    def validated_input(
        self, *, instance: Any = None, partial: bool = False, **kwargs: Any
    ) -> dict[str, Any]:
        """The request body parsed by the input serializer (400 with field errors if bad)."""
        serializer = self.get_input_serializer_class(updating=instance is not None)(
            instance,
            data=self.request.data,
            partial=partial,
            context=self.get_serializer_context(),
            **kwargs,
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def respond(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """The object as the requester now sees it, read again through the selector."""
        fresh = self.get_queryset().get(pk=instance.pk)
        output: Any = self.serializer_class
        serializer = output(fresh, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)


class ServiceCreateMixin:
    """POST: input serializer → `service_create(data)` → 201 with the new object."""

    def service_create(self, data: dict[str, Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        created = self.service_create(view.validated_input())
        return view.respond(created, status.HTTP_201_CREATED)


class ServiceUpdateMixin:
    """PUT and PATCH: input serializer → `service_update(obj, data)` → 200 with the object."""

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        instance = view.get_object()
        data = view.validated_input(instance=instance, partial=kwargs.get("partial", False))
        updated = self.service_update(instance, data)
        return view.respond(updated if updated is not None else instance)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


class ServiceDestroyMixin:
    """DELETE: `service_delete(obj)` → 204."""

    def service_delete(self, instance: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        self.service_delete(view.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ServiceModelViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, ServiceViewSet
):
    """List, detail, create, update and delete, every write through a service."""
