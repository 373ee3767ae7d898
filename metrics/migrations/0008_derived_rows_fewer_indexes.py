"""Drop three indexes of the derived tables that wider indexes already cover.

The two foreign-key indexes are dropped on PostgreSQL only: on SQLite (the embedded default)
changing a foreign key rebuilds the table, which the rollup triggers on it do not survive, and
there the extra index costs little.
"""

import django.db.models.deletion
from django.db import migrations, models

FOREIGN_KEYS = (("metrics_kpiquarterstatus", "kpi_id"), ("metrics_roisnapshot", "initiative_id"))


def drop_foreign_key_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, column in FOREIGN_KEYS:
            constraints = connection.introspection.get_constraints(cursor, table)
            for name, info in constraints.items():
                if (
                    info["index"]
                    and info["columns"] == [column]
                    and not info["unique"]
                    and not info["primary_key"]
                ):
                    schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_foreign_key_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in FOREIGN_KEYS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_fk ON {table} ({column})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_matrix_index"),
        ("metrics", "0007_training_spend_of_organisation"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="kpiquarterstatus",
            name="kpi_status_quarter_track",
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(drop_foreign_key_indexes, create_foreign_key_indexes)
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="kpiquarterstatus",
                    name="kpi",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quarter_statuses",
                        to="metrics.kpi",
                        verbose_name="KPI",
                    ),
                ),
                migrations.AlterField(
                    model_name="roisnapshot",
                    name="initiative",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roi_snapshots",
                        to="initiatives.initiative",
                        verbose_name="initiative",
                    ),
                ),
            ],
        ),
    ]
