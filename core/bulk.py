"""Writing many rows at once: PostgreSQL COPY when available, batched INSERTs elsewhere.

Neither calls `save()` or sends signals, so no audit history is written for these rows: use it
for derived data (stored figures, snapshots) and for generated data sets, never for records a
person edits.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TypeVar, cast

from django.db import connection
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)

BATCH = 5_000
COPY_CHUNK = 50_000


def _copy_sql(model: type[Model], columns: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    return f"COPY {table} ({', '.join(quote(column) for column in columns)}) FROM STDIN"


def copy_lines(model: type[Model], field_names: Sequence[str], lines: Iterable[str]) -> int:
    """COPY tab-separated text lines into the model's table (psycopg 3), in chunks; rows written."""
    meta = model._meta
    columns = [cast(Field, meta.get_field(name)).column for name in field_names]
    total = 0
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(model, columns)) as copy:
        buffer = io.StringIO()
        pending = 0
        for line in lines:
            buffer.write(line)
            pending += 1
            if pending == COPY_CHUNK:
                copy.write(buffer.getvalue())
                total += pending
                buffer = io.StringIO()
                pending = 0
        if pending:
            copy.write(buffer.getvalue())
            total += pending
    return total


def bulk_insert(model: type[M], objects: Sequence[M]) -> int:
    """Insert unsaved instances of one model; returns the number of rows written.

    On PostgreSQL the rows go through COPY (values adapted by each field, so decimals, dates
    and JSON arrive exactly as `save()` would write them); elsewhere through `bulk_create` in
    batches. Primary keys are not set on the instances.
    """
    if not objects:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=BATCH // 5)
        return len(objects)
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and getattr(field, "db_returning", False))
    ]
    columns = [field.column for field in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(model, columns)) as copy:
        for instance in objects:
            copy.write_row(
                [
                    field.get_db_prep_save(field.pre_save(instance, add=True), connection)
                    for field in fields
                ]
            )
    return len(objects)
