from django.db import migrations, models
from django.utils import timezone


def create_row(apps, schema_editor):
    apps.get_model("pagecache", "DataVersion").objects.using(schema_editor.connection.alias).get_or_create(
        id=1, defaults={"version": 0, "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
            options={"db_table": "pagecache_dataversion"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
