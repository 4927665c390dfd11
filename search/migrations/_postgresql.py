"""Index operations that act on PostgreSQL only: GIN and gin_trgm_ops exist nowhere else."""

from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """AddIndex that builds the index on PostgreSQL only: GIN and gin_trgm_ops exist nowhere else."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class RemoveIndexOnPostgreSQL(migrations.RemoveIndex):
    """RemoveIndex for an index that AddIndexOnPostgreSQL made."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def rebuild_index(apps, schema_editor):
    """RunPython: rebuild the index, on PostgreSQL, once the table has every column of today's model.

    rebuild() writes today's SearchEntry; a migration before the one that adds its last column would
    fail on a new database, so it leaves the rebuild to that later migration (which calls this too).
    """
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.indexing import rebuild
    from search.models import SearchEntry

    table = SearchEntry._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        columns = {column.name for column in schema_editor.connection.introspection.get_table_description(cursor, table)}
    if {field.column for field in SearchEntry._meta.concrete_fields} - columns:
        return
    rebuild()
