"""The search page's filters: each entry's committee, municipalities and year, indexed where public.

The index is rebuilt here, so the new columns are filled at once (and the words of the public text
join the vocabulary).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

from search.migrations._postgresql import AddIndexOnPostgreSQL, rebuild_index


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_public_title_vector_searchword"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="committee_id",
            field=models.BigIntegerField(null=True, verbose_name="udvalg"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="municipality_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), null=True, size=None, verbose_name="kommuner"
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="år"),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=models.Index(
                condition=models.Q(("public", True)), fields=["committee_id"], name="search_entry_public_committee"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("public", True)), fields=["municipality_ids"], name="search_entry_public_munic"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=models.Index(condition=models.Q(("public", True)), fields=["year"], name="search_entry_public_year"),
        ),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=True),
    ]
