"""Serializer fields shared by every app's API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_field
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """An object the requester may see, by id; one outside their scope "does not exist" (400).

    `selector` is the owning app's `(*, user) -> QuerySet`, so the rule of who sees what stays in
    one place and a client cannot learn whether an object outside their scope exists.
    """

    def __init__(self, *, selector: Callable[..., Any], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return self.selector(user=getattr(request, "user", None))


class PersonSerializer(serializers.Serializer):
    """A person as others see them: id and display name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, obj: Any) -> str:
        return str(obj)


class NamedRefSerializer(serializers.Serializer):
    """A reference to a named object: id and name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ChoicesField(serializers.ChoiceField):
    """A choice field over one TextChoices class, described in the schema as one component.

    The component is named after the class (Stage, GateOutcome, ...), so every field using the
    same choices shares one enum, and fields of other apps that happen to share a name such as
    `outcome` or `status` cannot collide with ours.
    """

    def __init__(self, choices_class: type[models.TextChoices], **kwargs: Any) -> None:
        self.choices_class = choices_class
        super().__init__(choices=choices_class.choices, **kwargs)


class ChoicesFieldSchema(OpenApiSerializerFieldExtension):
    """Describe a ChoicesField as a reference to its TextChoices component."""

    target_class = ChoicesField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        choices_class = self.target.choices_class
        component = ResolvedComponent(
            name=choices_class.__name__,
            type=ResolvedComponent.SCHEMA,
            object=choices_class,
            schema=build_choice_field(serializers.ChoiceField(choices=choices_class.choices)),
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
