"""A version of the data the dashboard shows, so that its figures can be cached safely.

Every INSERT, UPDATE, DELETE and TRUNCATE (COPY included) on a table of the apps below adds a
row to `portfolio_datachange` through a database trigger, so no write path can forget to say it
changed something: bulk writes, COPY, raw SQL and the admin are all seen. The version is the
newest row's id with the number of rows, read in one query within the reader's snapshot:

- rows of transactions that have not committed are not seen, so a version never runs ahead of
  the data it stands for;
- a transaction that commits adds a row the version counts, even when its id is lower than that
  of one committed before it (ids are handed out at insert, not at commit);
- `data_changes_prune` keeps the table small; it deletes the older rows and adds a new one in
  one transaction, so the version after a prune differs from every version before it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection, connections, transaction

from portfolio.models import DataChange

# Sign-ins (last_login) and report versions change nothing the figures show.
TRACKED_APPS = ("initiatives", "metrics", "governance")
TRIGGER = "portfolio_data_change"
_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {DataChange._meta.db_table} DEFAULT VALUES;
    RETURN NULL;
END $$
"""


def tracked_tables() -> list[str]:
    """The tables whose writes change the version: the apps' models and their link tables,
    without the audit history (which only ever accompanies a write to its table) and the
    rollups (which only ever change with their sources, in the same statement)."""
    from metrics.rollups import ROLLUP_TABLES

    tables = set()
    for label in TRACKED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or model is DataChange:
                continue
            if (meta.model_name or "").startswith("historical") or meta.db_table in ROLLUP_TABLES:
                continue
            tables.add(meta.db_table)
    return sorted(tables)


def install_change_triggers(using: str = "default") -> int:
    """Create the trigger on every tracked table that lacks it; returns how many were made."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [table for table in tracked_tables() if table in existing]
    if DataChange._meta.db_table not in existing:
        return 0
    quote = connection.ops.quote_name
    made = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s",
                [TRIGGER],
            )
            present = {row[0] for row in cursor.fetchall()}
            missing = [table for table in tables if table not in present]
            if missing:
                cursor.execute(_FUNCTION)
            for table in missing:
                cursor.execute(
                    f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR "
                    f"TRUNCATE ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
                )
                made += 1
        elif connection.vendor == "sqlite":
            # SQLite has row triggers only; its portfolios are small.
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = quote(f"{TRIGGER}_{table}_{event.lower()}")
                    # Names from our own model metadata, never from input.
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {quote(table)} "  # noqa: S608
                        f"BEGIN INSERT INTO {DataChange._meta.db_table} (id) VALUES (NULL); END"
                    )
                made += 1
    return made


def data_version(using: str = "default") -> str:
    """The version of the tracked data as the caller's transaction sees it (one query)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id), COUNT(*) FROM {DataChange._meta.db_table}")  # noqa: S608
        newest, rows = cursor.fetchone()
    return f"{newest or 0}.{rows}"


def drop_change_triggers(using: str = "default") -> None:
    """Remove the triggers (when the migration that made their table is reversed)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in tracked_tables():
            if table not in existing:
                continue
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
            elif connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {quote(f'{TRIGGER}_{table}_{event}')}")
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")


def data_changes_prune() -> int:
    """Delete all but the newest change and add a new one (see the module docstring)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # No write may take an id while the prune runs: an id handed out before the prune's
            # new row and committed after it could bring back a version already seen.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '5s'")
                cursor.execute(
                    f"LOCK TABLE {DataChange._meta.db_table} IN SHARE ROW EXCLUSIVE MODE"
                )
        newest = DataChange.objects.order_by("-id").values_list("id", flat=True).first()
        deleted = DataChange.objects.filter(id__lt=newest).delete()[0] if newest else 0
        DataChange.objects.create()
    return deleted


def install_on_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate (also sent after a flush): the triggers follow new tables by themselves,
    and what was cached before (by older code, or of data a migration rewrote) is set aside."""
    install_change_triggers(using)
    renew_generation()


GENERATION_KEY = "portfolio:data-generation"


def generation() -> str:
    """A token renewed by every migrate and flush: part of every cache key of the figures, so a
    deploy (new templates, texts or rules) or restarted ids never meet an older entry."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = renew_generation()
    return str(token)


def renew_generation() -> str:
    token = uuid.uuid4().hex
    cache.set(GENERATION_KEY, token, None)
    return token
