"""Writing many rows at once: PostgreSQL COPY when available, batched INSERTs elsewhere.

Neither calls `save()` or sends signals, so no audit history is written for these rows: use it
for derived data (stored figures, snapshots) and for generated data sets, never for records a
person edits.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import DateTimeField, Field, JSONField, Model
from django.db.models.expressions import RawSQL

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


def among(ids: Sequence[int]) -> Any:
    """The right side of an `__in` filter on many ids: one array parameter on PostgreSQL.

    A list of thousands of placeholders costs more to build, send and plan than the rows it
    finds; SQLite, whose portfolios are small, takes the list.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return list(ids)


def among_sql(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column` among ids as a raw SQL condition and its parameters (see among)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _json_text(field: JSONField) -> Callable[[Any], str]:
    encoder = field.encoder
    empty = json.dumps([], cls=encoder)
    # Most stored lists are empty; the encoder is the one Django saves the field with.
    return lambda value: empty if value == [] else json.dumps(value, cls=encoder)


def _driver_row(fields: Sequence[Field]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A function that turns one row into values the driver takes: JSON as text, and on
    SQLite datetimes as Django stores them."""
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, field in enumerate(fields):
        if isinstance(field, JSONField):
            converters.append((index, _json_text(field)))
        elif connection.vendor != "postgresql" and isinstance(field, DateTimeField):
            converters.append((index, connection.ops.adapt_datetimefield_value))
    if not converters:
        return lambda row: row

    def row_values(row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        return values

    return row_values


def sync_rows(
    model: type[Model],
    field_names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    keys: Sequence[str],
    scope: str,
    scope_ids: Sequence[int],
    not_a_change: Sequence[str] = (),
) -> None:
    """Make the model's rows whose `scope` is one of scope_ids exactly `rows`, matched by `keys`.

    Set-based, in a fixed number of statements whatever the number of rows: the rows go into a
    temporary table (by COPY on PostgreSQL), stored rows missing from it are deleted, and new
    rows and rows with a changed column are written by one INSERT … ON CONFLICT DO UPDATE.
    A row that comes back equal is not written at all; `not_a_change` names columns (such as
    a computation time) that are written with a change but are no change themselves. Statement
    triggers (PostgreSQL) and row triggers (SQLite) see every insert, update and delete.
    `rows` are tuples in the order of field_names (foreign keys as `x_id`, JSON as Python
    values). Run it inside a transaction: readers see the old rows or the new ones.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [cast(Field, meta.get_field(name)) for name in field_names]
    column = {name: quote(field.column) for name, field in zip(field_names, fields, strict=True)}
    table, temp = quote(meta.db_table), quote(f"sync_{meta.db_table}")
    # Schema-qualified, so that a drop can only ever reach this session's temporary table.
    own_temp = ("pg_temp." if connection.vendor == "postgresql" else "temp.") + temp
    columns = ", ".join(column.values())
    same_key = " AND ".join(f"n.{column[k]} = o.{column[k]}" for k in keys)
    null_safe = "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"
    compared = [name for name in field_names if name not in keys and name not in not_a_change]
    unchanged = " AND ".join(f"o.{column[c]} {null_safe} n.{column[c]}" for c in compared)
    updates = ", ".join(f"{column[c]} = excluded.{column[c]}" for c in field_names if c not in keys)
    # Only the models' own table and column names are formatted into these statements.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {own_temp}")
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} AS SELECT {columns} FROM {table} LIMIT 0")  # noqa: S608
        values = _driver_row(fields)
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {temp} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {temp} VALUES ({marks})",  # noqa: S608
                [values(row) for row in rows],
            )
        if scope_ids:
            # NOT IN over the new keys is one hash lookup per stored row: the temporary table
            # has no statistics, and a guessed plan for NOT EXISTS sorts both sides instead.
            within, params = among_sql(column[scope], scope_ids)
            key_columns = ", ".join(column[k] for k in keys)
            cursor.execute(
                f"DELETE FROM {table} WHERE {within} "  # noqa: S608
                f"AND ({key_columns}) NOT IN (SELECT {key_columns} FROM {temp})",
                params,
            )
        pk = quote(meta.pk.column)
        # The stored side is read through the scope's index: joined to the whole table, each
        # batch of a portfolio run would hash every stored row. A stored row outside the scope
        # with the same key is no match here and is simply written again by the upsert.
        within, params = among_sql(f"o.{column[scope]}", scope_ids) if scope_ids else ("", [])
        cursor.execute(
            f"INSERT INTO {table} ({columns}) "  # noqa: S608
            f"SELECT {', '.join(f'n.{c}' for c in column.values())} FROM {temp} n "
            f"LEFT JOIN {table} o ON {same_key}{' AND ' + within if within else ''} "
            f"WHERE o.{pk} IS NULL OR NOT ({unchanged or '1 = 1'}) "
            f"ON CONFLICT ({', '.join(column[k] for k in keys)}) DO UPDATE SET {updates}",
            params,
        )
        cursor.execute(f"DROP TABLE {own_temp}")
