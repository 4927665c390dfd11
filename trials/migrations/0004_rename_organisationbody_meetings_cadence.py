from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0003_evaluation_order"),
    ]

    operations = [
        migrations.RenameField(
            model_name="organisationbody",
            old_name="meetings",
            new_name="cadence",
        ),
    ]
