"""Create the group of the IT role (issue 16: the IT department rates the estate)."""

from django.db import migrations

# Frozen here: a migration must not change when the roles module does.
GROUP_NAME = "IT"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_sso_scim")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
