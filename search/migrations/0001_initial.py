"""The search index table; its GIN indexes are made on PostgreSQL only, where the table is used."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.indexes import OpClass
from django.db import migrations, models

from search.migrations._postgresql import AddIndexOnPostgreSQL


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # pg_trgm, for the trigram index on titles.
        ("trials", "0002_trigram_extension"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20, verbose_name="slags")),
                ("object_id", models.BigIntegerField(verbose_name="id")),
                ("title", models.TextField(blank=True, verbose_name="titel")),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True, verbose_name="søgevektor")),
            ],
            options={
                "verbose_name": "søgeindgang",
                "verbose_name_plural": "søgeindgange",
                "ordering": ["kind", "object_id"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique_row")
                ],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["vector"], name="search_entry_vector"),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                OpClass("title", name="gin_trgm_ops"), name="search_entry_title_trgm"
            ),
        ),
    ]
