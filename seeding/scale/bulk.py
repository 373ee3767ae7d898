"""How the scale portfolio reaches the database fast: large bulk_create batches and PostgreSQL COPY.

Neither calls `save()` or sends signals, so no audit history is written for these rows.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import cast

from django.db import connection
from django.db.models import Field, Model

BATCH = 5_000
COPY_CHUNK = 50_000


def copy_lines(model: type[Model], field_names: Sequence[str], lines: Iterable[str]) -> int:
    """COPY tab-separated text lines into the model's table (psycopg 3), in chunks; rows written."""
    meta = model._meta
    columns = [cast(Field, meta.get_field(name)).column for name in field_names]
    sql = f"COPY {meta.db_table} ({', '.join(columns)}) FROM STDIN"
    total = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
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
