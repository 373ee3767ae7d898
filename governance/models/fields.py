"""Field declarations the register's models share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def person_field(
    verbose_name: StrPromise, *, related_name: str = "+", blank: bool = True
) -> models.ForeignKey[Any, Any]:
    """A person a row names (owner, contact, decider); the row stays when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name=related_name,
    )
