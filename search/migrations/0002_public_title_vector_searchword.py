"""Visibility stored in the index (`public`), the titles' words for the typo path, and a rebuild.

The GIN indexes become partial (WHERE public) and, as before, exist on PostgreSQL only. The index is
rebuilt here, so `public`, `title_vector` and the words are filled at once.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.indexes import OpClass
from django.db import migrations, models

from search.migrations._postgresql import AddIndexOnPostgreSQL, RemoveIndexOnPostgreSQL, rebuild_index


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        RemoveIndexOnPostgreSQL(model_name="searchentry", name="search_entry_vector"),
        RemoveIndexOnPostgreSQL(model_name="searchentry", name="search_entry_title_trgm"),
        migrations.AddField(
            model_name="searchentry",
            name="public",
            field=models.BooleanField(default=False, verbose_name="offentlig"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(null=True, verbose_name="titlens søgevektor"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_words",
            field=django.contrib.postgres.search.SearchVectorField(null=True, verbose_name="titlens ord"),
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.TextField(unique=True, verbose_name="ord")),
            ],
            options={
                "verbose_name": "søgeord",
                "verbose_name_plural": "søgeord",
                "ordering": ["word"],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("public", True)), fields=["vector"], name="search_entry_public_vector"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("public", True)), fields=["title_vector"], name="search_entry_public_title"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("public", True)), fields=["title_words"], name="search_entry_public_words"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchword",
            index=django.contrib.postgres.indexes.GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trgm"),
        ),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=True),
    ]
