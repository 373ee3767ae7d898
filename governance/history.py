"""Audit history for the pages: who changed what and when, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core import formatting

_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
_HIDDEN = {"id", "history_id", "history_date", "history_user", "history_type", "score"}


@dataclass
class HistoryChange:
    """One field before and after."""

    label: str
    old: str
    new: str
    # The protected download of a file value, where that file can still be downloaded.
    old_url: str = ""
    new_url: str = ""


@dataclass
class HistoryEntry:
    """One recorded version: who, when, what kind of change and which fields."""

    when: datetime
    who: Any
    action: str
    subject: str = ""
    changes: list[HistoryChange] = field(default_factory=list)


def _display(
    model: type[models.Model],
    name: str,
    value: Any,
    names: dict[tuple[Any, Any], str],
    linked: dict[Any, dict[Any, str]] | None = None,
) -> str:
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return "" if value is None else str(value)
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.FileField):
        # A stored path is storage detail; people know the file by its own name.
        return str(getattr(value, "name", value)).rsplit("/", 1)[-1]
    if model_field.many_to_many and isinstance(value, list):
        target = model_field.m2m_reverse_field_name()  # type: ignore[union-attr]
        pks = {row.get(target) for row in value if isinstance(row, dict)}
        # Linked objects outside the reader's scope are counted, never named.
        known = (linked or {}).get(model_field.related_model, {})
        shown = sorted(known[pk] for pk in pks if pk in known)
        hidden = len(pks) - len(shown)
        if hidden:
            shown.append(
                ngettext(
                    "%(count)d more, not in your view", "%(count)d more, not in your view", hidden
                )
                % {"count": hidden}
            )
        return ", ".join(shown) or "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))  # type: ignore[union-attr]
    if model_field.is_relation and model_field.related_model is not None:
        return names.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return formatting.datetime_local(timezone.localtime(value), language=get_language())
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _file_name(value: Any) -> str:
    """The stored name of a file value in a history record ("" for anything else)."""
    return str(getattr(value, "name", value) or "")


def _linked_names(
    model: type[models.Model], deltas: list[Any], scopes: dict[Any, Any] | None
) -> dict[Any, dict[Any, str]]:
    """The names of the objects many-to-many changes link, among those the reader may see:
    one query per linked model for the whole history, however many versions changed links."""
    wanted: dict[Any, set[Any]] = {}
    for delta in deltas:
        for change in delta.changes if delta is not None else ():
            try:
                model_field = model._meta.get_field(change.field)
            except FieldDoesNotExist:  # a field an older version had
                continue
            if not model_field.many_to_many:
                continue
            target = model_field.m2m_reverse_field_name()  # type: ignore[union-attr]
            for value in (change.old, change.new):
                if isinstance(value, list):
                    wanted.setdefault(model_field.related_model, set()).update(
                        row.get(target) for row in value if isinstance(row, dict)
                    )
    linked: dict[Any, dict[Any, str]] = {}
    for related_model, pks in wanted.items():
        rows = (scopes or {}).get(related_model, related_model._default_manager)
        linked[related_model] = {obj.pk: str(obj) for obj in rows.filter(pk__in=pks)}
    return linked


def history_entries(
    model: type[models.Model],
    records: Any,
    *,
    subject: str = "",
    limit: int = 50,
    scopes: dict[Any, Any] | None = None,
    file_urls: dict[str, str] | None = None,
) -> list[HistoryEntry]:
    """Entries newest first, each with the fields that changed since the version before.

    `scopes` maps a linked model to the rows the reader may see (the initiatives a team lead
    sees, say); a many-to-many change names only those and counts the others. `file_urls` maps
    a stored file's name to its permission-checked download.
    """
    file_urls = file_urls or {}
    versions = list(
        records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    # Resolve the related objects named by the changes in one query per related model.
    related: dict[Any, set[Any]] = {}
    for version in versions:
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is not None:
                value = getattr(version, model_field.attname, None)
                if value is not None:
                    related.setdefault(model_field.related_model, set()).add(value)
    names: dict[tuple[Any, Any], str] = {}
    for related_model, pks in related.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            names[(related_model, obj.pk)] = str(obj)
    deltas = []
    for index, version in enumerate(versions[:limit]):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        changed_here = previous is not None and version.history_type == "~"
        deltas.append(version.diff_against(previous) if changed_here else None)
    linked = _linked_names(model, deltas, scopes)
    entries = []
    for version, delta in zip(versions[:limit], deltas, strict=True):
        entry = HistoryEntry(
            when=version.history_date,
            who=version.history_user,
            action=str(_TYPES.get(version.history_type, version.history_type)),
            subject=subject,
        )
        if delta is not None:
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                try:
                    changed = model._meta.get_field(change.field)
                    # Reverse relations have no verbose_name (GenericForeignKey is a Field).
                    label = (
                        str(changed.verbose_name)
                        if isinstance(changed, models.Field)
                        else change.field
                    )
                except Exception:
                    label = change.field
                entry.changes.append(
                    HistoryChange(
                        label=label,
                        old=_display(model, change.field, change.old, names, linked),
                        new=_display(model, change.field, change.new, names, linked),
                        old_url=file_urls.get(_file_name(change.old), ""),
                        new_url=file_urls.get(_file_name(change.new), ""),
                    )
                )
        entries.append(entry)
    return entries
