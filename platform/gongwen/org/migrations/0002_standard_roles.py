from django.db import migrations

from gongwen.org.standard_roles import ensure_standard_roles


def create_roles(apps, schema_editor):
    ensure_standard_roles(apps.get_model("org", "Role"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
