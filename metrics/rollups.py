"""Rollups of the stored figures per quarter, department and stage, kept by database triggers.

The dashboard of a whole portfolio (or of one department or stage) sums ten thousand realised
snapshots and counts fifty thousand KPI statuses per quarter. `RoiRollup` and `KpiRollup` hold
those sums per quarter, department and stage, so the same figures are a few dozen rows. They
are written only by the triggers below, in the statement that changes their source:

- every INSERT, UPDATE and DELETE (COPY included) of a snapshot or KPI status adds its figures
  to, or takes them from, its initiative's department and stage;
- an initiative that moves to another department or stage takes its figures along;
- TRUNCATE of a source empties its rollup.

PostgreSQL aggregates each statement's transition tables once (a 500-initiative recompute is
one upsert of a few hundred rows); SQLite, whose portfolios are small, has row triggers. Both
use upserts that add, so concurrent writers add up rather than overwrite each other.
`rollups_rebuild` computes both from scratch (the migration that made them, and tests that
check the triggers never drift from a live sum).
"""

from __future__ import annotations

from django.db import connections

from initiatives.models import Initiative
from metrics.choices import SnapshotKind
from metrics.domain.progress import Verdict
from metrics.models import KpiQuarterStatus, KpiRollup, RoiRollup, RoiSnapshot

PREFIX = "metrics_rollup"
INITIATIVES = Initiative._meta.db_table
SNAPSHOTS = RoiSnapshot._meta.db_table
STATUSES = KpiQuarterStatus._meta.db_table
ROI_ROLLUP = RoiRollup._meta.db_table
KPI_ROLLUP = KpiRollup._meta.db_table
ROLLUP_TABLES = (ROI_ROLLUP, KPI_ROLLUP)
REALISED = SnapshotKind.REALISED.value


def _roi_measures(row: str) -> dict[str, str]:
    """What one realised snapshot (`row`: its alias) adds to its rollup."""
    measures = {
        "initiatives": "1",
        "costs": f"{row}.costs",
        "benefits": f"{row}.benefits",
        "cumulative_costs": f"{row}.cumulative_costs",
        "cumulative_benefits": f"{row}.cumulative_benefits",
    }
    for verdict in Verdict:
        measures[verdict.value] = f"CASE WHEN {row}.verdict = '{verdict.value}' THEN 1 ELSE 0 END"
    return measures


def _upsert(
    table: str, keys: dict[str, str], measures: dict[str, str], source: str, sign: int
) -> str:
    """INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE adding `sign` × the measures.

    Every name and expression comes from this module and the models' metadata, never input.
    """
    columns = [*keys, *measures]
    select = [*keys.values(), *(f"{sign} * SUM({expr})" for expr in measures.values())]
    groups = ", ".join(str(index + 1) for index in range(len(keys)))
    updates = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in measures)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(select)} "  # noqa: S608
        f"FROM {source} GROUP BY {groups} ORDER BY {groups} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    )


KPI_MEASURES = {"kpis": "1"}


def _source(rows: str, where: str, join: bool) -> str:
    """`rows` (aliased `s`) with their initiative (`i`) unless the caller joins it itself."""
    joined = f" JOIN {INITIATIVES} i ON i.id = s.initiative_id" if join else ""
    return f"{rows}{joined} WHERE {where}"


def _roi(rows: str, sign: int, where: str = "1 = 1", *, department: str = "i.department_id",
         stage: str = "i.stage", join: bool = True) -> str:  # fmt: skip
    """Add `sign` × the realised snapshots among `rows` to their rollup groups."""
    keys = {"period_start": "s.period_start", "department_id": department, "stage": stage}
    source = _source(rows, f"s.kind = '{REALISED}' AND {where}", join)
    return _upsert(ROI_ROLLUP, keys, _roi_measures("s"), source, sign)


def _kpi(rows: str, sign: int, where: str = "1 = 1", *, department: str = "i.department_id",
         stage: str = "i.stage", join: bool = True) -> str:  # fmt: skip
    """Add `sign` × the KPI statuses among `rows` to their rollup groups."""
    keys = {"period_start": "s.period_start", "department_id": department, "stage": stage,
            "track": "s.track"}  # fmt: skip
    return _upsert(KPI_ROLLUP, keys, KPI_MEASURES, _source(rows, where, join), sign)


# PostgreSQL: one function per source, fired once per statement with its transition tables.
def _pg_function(name: str, *, inserted: str, deleted: str, truncated: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        {truncated};
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        {deleted};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {inserted};
    END IF;
    RETURN NULL;
END $$
"""


def _pg_statements() -> list[str]:
    roi_fn, kpi_fn, move_fn = f"{PREFIX}_roi", f"{PREFIX}_kpi", f"{PREFIX}_move"
    moved = "(o.department_id <> n.department_id OR o.stage <> n.stage)"
    moves = []
    for build, table in ((_roi, SNAPSHOTS), (_kpi, STATUSES)):
        rows = f"{table} s JOIN old_rows o ON o.id = s.initiative_id JOIN new_rows n ON n.id = o.id"
        for sign, side in ((-1, "o"), (1, "n")):
            moves.append(build(rows, sign, moved, department=f"{side}.department_id",
                               stage=f"{side}.stage", join=False))  # fmt: skip
    move_body = ";\n    ".join(moves)
    statements = [
        _pg_function(
            roi_fn,
            inserted=_roi("new_rows s", 1),
            deleted=_roi("old_rows s", -1),
            truncated=f"DELETE FROM {ROI_ROLLUP}",  # noqa: S608
        ),
        _pg_function(
            kpi_fn,
            inserted=_kpi("new_rows s", 1),
            deleted=_kpi("old_rows s", -1),
            truncated=f"DELETE FROM {KPI_ROLLUP}",  # noqa: S608
        ),
        f"""
CREATE OR REPLACE FUNCTION {move_fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {move_body};
    RETURN NULL;
END $$
""",
    ]
    for table, function in ((SNAPSHOTS, roi_fn), (STATUSES, kpi_fn)):
        statements += [
            f"CREATE TRIGGER {function}_insert AFTER INSERT ON {table} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {function}_delete AFTER DELETE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {function}_update AFTER UPDATE ON {table} "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {function}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    statements.append(
        f"CREATE TRIGGER {move_fn}_update AFTER UPDATE ON {INITIATIVES} "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {move_fn}()"
    )
    return statements


ROI_COLUMNS = ("initiative_id", "kind", "period_start", "costs", "benefits", "cumulative_costs",
               "cumulative_benefits", "verdict")  # fmt: skip
KPI_COLUMNS = ("initiative_id", "period_start", "track")


def _one_row(side: str, columns: tuple[str, ...]) -> str:
    return "(SELECT " + ", ".join(f"{side}.{column} AS {column}" for column in columns) + ")"


def _sqlite_statements() -> list[str]:
    """Row triggers: NEW and OLD stand for the one row written."""
    one = f"{INITIATIVES} i"
    statements = []
    for table, build, name, columns in (
        (SNAPSHOTS, _roi, "roi", ROI_COLUMNS),
        (STATUSES, _kpi, "kpi", KPI_COLUMNS),
    ):
        # The written row is NEW or OLD; it is read through a one-row alias `s`.
        new, old = (
            build(f"{_one_row(side, columns)} s JOIN {one} ON i.id = s.initiative_id", sign,
                  join=False)
            for side, sign in (("NEW", 1), ("OLD", -1))
        )  # fmt: skip
        statements += [
            f"CREATE TRIGGER {PREFIX}_{name}_insert AFTER INSERT ON {table} BEGIN {new}; END",
            f"CREATE TRIGGER {PREFIX}_{name}_delete AFTER DELETE ON {table} BEGIN {old}; END",
            f"CREATE TRIGGER {PREFIX}_{name}_update AFTER UPDATE ON {table} "
            f"BEGIN {old}; {new}; END",
        ]
    moves = []
    for build, table in ((_roi, SNAPSHOTS), (_kpi, STATUSES)):
        for sign, side in ((-1, "OLD"), (1, "NEW")):
            moves.append(
                build(
                    f"{table} s",
                    sign,
                    "s.initiative_id = NEW.id",
                    department=f"{side}.department_id",
                    stage=f"{side}.stage",
                    join=False,
                )
            )
    statements.append(
        f"CREATE TRIGGER {PREFIX}_move AFTER UPDATE OF department_id, stage ON {INITIATIVES} "
        "WHEN OLD.department_id <> NEW.department_id OR OLD.stage <> NEW.stage "
        f"BEGIN {'; '.join(moves)}; END"
    )
    return statements


def _sqlite_trigger_names() -> list[str]:
    names = [f"{PREFIX}_{name}_{event}" for name in ("roi", "kpi")
             for event in ("insert", "delete", "update")]  # fmt: skip
    return [*names, f"{PREFIX}_move"]


def install_rollup_triggers(using: str = "default") -> None:
    """Create the triggers (dropping any older ones first)."""
    connection = connections[using]
    drop_rollup_triggers(using)
    statements = _pg_statements() if connection.vendor == "postgresql" else _sqlite_statements()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_rollup_triggers(using: str = "default") -> None:
    """Remove the triggers and their functions."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for function in ("roi", "kpi", "move"):
                cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}_{function}() CASCADE")
        else:
            for name in _sqlite_trigger_names():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def rollups_rebuild(using: str = "default") -> None:
    """Both rollups summed afresh from every snapshot and KPI status (one transaction)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ROI_ROLLUP}")  # noqa: S608
        cursor.execute(f"DELETE FROM {KPI_ROLLUP}")  # noqa: S608
        cursor.execute(_roi(f"{SNAPSHOTS} s", 1))
        cursor.execute(_kpi(f"{STATUSES} s", 1))
