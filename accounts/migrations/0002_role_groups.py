"""Create the role groups of DESIGN.md section 1."""

from django.db import migrations

# Frozen here: a migration must not change when the roles module does.
ROLE_GROUPS = ["Leadership", "Team lead", "Compliance officer", "Finance", "Administrator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
