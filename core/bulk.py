"""Writing many rows at once: PostgreSQL COPY when available, batched INSERTs elsewhere.

Neither calls `save()` or sends signals, so no audit history is written for these rows: use it
for derived data (stored figures, snapshots) and for generated data sets, never for records a
person edits.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.db import connection
from django.db.models import Field, JSONField, Model

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


def insert_rows(model: type[Model], rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows given as dicts of field attribute names (foreign keys as `x_id`).

    For derived data written in bulk: no model instances are built, which matters at hundreds
    of thousands of rows. A field missing from the rows gets its model default.
    """
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=BATCH // 5)
        return len(rows)
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and getattr(field, "db_returning", False))
    ]
    defaults = {field.attname: field.get_default() for field in fields}
    columns = [field.column for field in fields]
    attnames = [field.attname for field in fields]
    json_fields = [
        (index, field) for index, field in enumerate(fields) if isinstance(field, JSONField)
    ]
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(model, columns)) as copy:
        for values in rows:
            row = [values[name] if name in values else defaults[name] for name in attnames]
            for index, field in json_fields:
                row[index] = json.dumps(row[index], cls=cast(JSONField, field).encoder)
            copy.write_row(row)
    return len(rows)
