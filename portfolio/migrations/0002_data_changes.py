from django.db import migrations, models


def _drop_triggers(apps, schema_editor):
    # Installed after every migrate (portfolio.versioning.install_on_migrate); they must go
    # before their table does, or every write to the tracked tables would fail.
    from portfolio.versioning import drop_change_triggers

    drop_change_triggers(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "data change",
                "verbose_name_plural": "data changes",
            },
        ),
        migrations.RunPython(migrations.RunPython.noop, _drop_triggers),
    ]
