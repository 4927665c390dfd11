"""Trigram similarity for typo-tolerant search; a no-op on databases other than PostgreSQL."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
    ]
